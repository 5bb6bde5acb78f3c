#include "vm/microvmcommand.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

QString qemuOptionValue(QString value)
{
    return value.replace(u',', u",,"_s);
}

bool kvmDeviceWorks(const QString &kvmDevice)
{
    const int fd = ::open(QFile::encodeName(kvmDevice).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat info
    {
    };
    // A device node that answers KVM's version question: a file that merely opens is not one.
    const bool works = ::fstat(fd, &info) == 0 && S_ISCHR(info.st_mode) &&
                       ::ioctl(fd, KVM_GET_API_VERSION, 0) == KVM_API_VERSION;
    ::close(fd);
    return works;
}

bool hasHardwareVirtualization(const QByteArray &cpuinfo)
{
    for (const QByteArray &line : cpuinfo.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || line.left(colon).trimmed() != "flags")
            continue;
        const QList<QByteArray> flags = line.mid(colon + 1).simplified().split(' ');
        return flags.contains("vmx") || flags.contains("svm");
    }
    return false;
}

Accelerator chooseAccelerator(const QString &kvmDevice, const QString &cpuinfo)
{
    if (!kvmDeviceWorks(kvmDevice))
        return Accelerator::Tcg;
    QFile file(cpuinfo);
    // /proc files report a size of 0: read to the end. The first processor's flags come within 64 KiB.
    const QByteArray text = file.open(QIODevice::ReadOnly) ? file.read(64 * 1024) : QByteArray();
    return hasHardwareVirtualization(text) ? Accelerator::Kvm : Accelerator::Tcg;
}

std::optional<int> hostTscKhz(const QString &cpuinfo)
{
    QFile file(cpuinfo);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    static const QRegularExpression mhz(u"^cpu MHz\\s*:\\s*([0-9]+(?:\\.[0-9]+)?)\\s*$"_s,
                                        QRegularExpression::MultilineOption);
    const auto match = mhz.match(QString::fromLatin1(file.read(1 << 20)));
    if (!match.hasMatch())
        return std::nullopt;
    const double khz = match.captured(1).toDouble() * 1000.0;
    if (khz < 1'000 || khz > 100'000'000)
        return std::nullopt;
    return int(khz + 0.5);
}

QStringList microVmArguments(const MicroVmSpec &spec, Accelerator accelerator, std::optional<int> tscKhz)
{
    const bool kvm = accelerator == Accelerator::Kvm;
    const bool virtioFs = !spec.sharedFolder.isEmpty() && !spec.virtioFsSocket.isEmpty();
    const int memoryMiB = std::max(64, spec.memoryMiB);
    QStringList arguments{u"-M"_s,          virtioFs ? u"microvm,memory-backend=mem"_s : u"microvm"_s,
                          u"-accel"_s,      kvm ? u"kvm"_s : u"tcg"_s,
                          u"-cpu"_s,        kvm ? u"host"_s : u"max"_s, // qemu64 hangs at boot under TCG
                          u"-smp"_s,        QString::number(std::max(1, spec.cpus)),
                          u"-m"_s,          QString::number(memoryMiB),
                          u"-nodefaults"_s, u"-no-user-config"_s,
                          u"-display"_s,    u"none"_s,
                          u"-no-reboot"_s};
    const QDir runtime(spec.runtimeDirectory);
    arguments << u"-serial"_s << u"file:"_s + runtime.filePath(u"console.log"_s);
    // The guest agent's channel: a virtio-serial port that QEMU serves on a Unix socket of its own.
    arguments << u"-device"_s << u"virtio-serial-device"_s << u"-chardev"_s
              << u"socket,id=agent,path=%1,server=on,wait=off"_s.arg(
                     qemuOptionValue(runtime.filePath(u"agent.sock"_s)))
              << u"-device"_s
              << u"virtserialport,chardev=agent,name=%1"_s.arg(QLatin1StringView(agentPortName));
    if (virtioFs) // vhost-user: virtiofsd reads the guest's memory, so it is a shared memfd
        arguments << u"-object"_s
                  << u"memory-backend-memfd,id=mem,size=%1M,share=on"_s.arg(memoryMiB)
                  // virtiofsd refuses the legacy virtio-mmio that microvm gives by default.
                  << u"-global"_s << u"virtio-mmio.force-legacy=false"_s << u"-chardev"_s
                  << u"socket,id=virtiofs,path=%1"_s.arg(qemuOptionValue(spec.virtioFsSocket)) << u"-device"_s
                  << u"vhost-user-fs-device,chardev=virtiofs,tag=workspace,queue-size=1024"_s;
    else if (!spec.sharedFolder.isEmpty()) // files the guest makes belong to the user, as QEMU runs as them
        arguments << u"-fsdev"_s
                  << u"local,id=workspace,path=%1,security_model=none"_s.arg(
                         qemuOptionValue(spec.sharedFolder))
                  << u"-device"_s << u"virtio-9p-device,fsdev=workspace,mount_tag=workspace"_s;
    // A host file system that fills up pauses the machine instead of failing the guest's writes
    // (werror=enospc): nothing is lost, and it goes on once there is space (MicroVmBackend resumes it).
    if (!spec.systemDisk.isEmpty()) // the first disk, /dev/vda
        arguments << u"-drive"_s
                  << u"file=%1,if=none,id=root,format=qcow2,werror=enospc"_s.arg(
                         qemuOptionValue(spec.systemDisk))
                  << u"-device"_s << u"virtio-blk-device,drive=root"_s;
    if (!spec.workspaceDisk.isEmpty()) // after the root: the guest's second disk, /dev/vdb
        arguments << u"-drive"_s
                  << u"file=%1,if=none,id=workspace,format=raw,werror=enospc"_s.arg(
                         qemuOptionValue(spec.workspaceDisk))
                  << u"-device"_s << u"virtio-blk-device,drive=workspace"_s;
    if (!spec.homeDisk.isEmpty()) // the next disk: /dev/vdc after a workspace disk, else /dev/vdb
        arguments << u"-drive"_s
                  << u"file=%1,if=none,id=home,format=raw,werror=enospc"_s.arg(qemuOptionValue(spec.homeDisk))
                  << u"-device"_s << u"virtio-blk-device,drive=home"_s;
    if (!spec.kernel.isEmpty()) {
        // No self-tests of the kernel's crypto algorithms (a third of a second of each emulated boot), no
        // audit log (nothing in the guest reads it) and no lockup watchdog (emulation stalls trip it): 0.16 s
        // more.
        QString append = u"console=ttyS0 quiet panic=-1 cryptomgr.notests=1 audit=0 nowatchdog"_s;
        if (!spec.workspaceDisk.isEmpty())
            append += u" paddock.workspacedisk"_s;
        if (!spec.homeDisk.isEmpty())
            append += u" paddock.homedisk"_s;
        if (!spec.systemDisk.isEmpty())
            append += u" paddock.root"_s;
        if (virtioFs)
            append += u" paddock.virtiofs"_s;
        else if (!spec.sharedFolder.isEmpty())
            append += u" paddock.workspace"_s;
        if (!kvm && tscKhz) // under KVM the guest uses kvm-clock
            append += u" tsc_early_khz=%1"_s.arg(*tscKhz);
        // Emulated, zeroing every kernel allocation took 0.27 s of a boot, and it slows all the guest's work.
        // It guards against the guest kernel leaking its own memory to the guest's processes, which all
        // belong to the one sandbox; the machine is the boundary. Under KVM it is cheap, so it stays on
        // there.
        if (!kvm)
            append += u" init_on_alloc=0"_s;
        if (!spec.kernelArguments.isEmpty())
            append += u' ' + spec.kernelArguments;
        arguments << u"-kernel"_s << spec.kernel << u"-append"_s << append;
        if (!spec.initrd.isEmpty())
            arguments << u"-initrd"_s << spec.initrd;
    }
    return arguments;
}

} // namespace Paddock::Vm
