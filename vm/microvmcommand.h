#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Paddock::Vm {

// How QEMU runs the guest's instructions: the host's hypervisor, or emulation (about 10x slower to boot).
enum class Accelerator { Kvm, Tcg };

// A value inside QEMU's "key=value,key=value" options (a path): a comma is written twice.
QString qemuOptionValue(QString value);

// True when the device opens for reading and writing (what QEMU needs) and answers as KVM does.
bool kvmDeviceWorks(const QString &kvmDevice = QStringLiteral("/dev/kvm"));
// True when a /proc/cpuinfo text's flags name Intel's or AMD's virtualisation (vmx, svm). A /dev/kvm on a
// processor without it is a software KVM such as kvm-pvm, which runs only kernels built for it: Paddock's
// guest stops there at its first instruction the software cannot emulate.
bool hasHardwareVirtualization(const QByteArray &cpuinfo);
// KVM when the device works on a processor with hardware virtualisation, else emulation.
Accelerator chooseAccelerator(const QString &kvmDevice = QStringLiteral("/dev/kvm"),
                              const QString &cpuinfo = QStringLiteral("/proc/cpuinfo"));
// The host's TSC frequency in kHz from cpuinfo's "cpu MHz": an emulated microVM has no timer to calibrate
// its TSC against and hangs at boot about one time in five without it (see the QEMU recipe).
std::optional<int> hostTscKhz(const QString &cpuinfo = QStringLiteral("/proc/cpuinfo"));
// Whether QEMU may back the guest's memory with transparent huge pages (QemuMachine::Options::hugePages):
// under KVM they spare the guest TLB misses; emulation gains nothing from them, and where the host is a VM
// that hands its free memory back to its hypervisor their first touch is slow (2 s more per start there).
inline bool wantsHugePages(Accelerator accelerator)
{
    return accelerator == Accelerator::Kvm;
}

// One microVM: a kernel booted directly (an uncompressed vmlinux boots fastest, through PVH), its sockets
// in a private runtime directory.
struct MicroVmSpec
{
    QString kernel; // empty: none (QEMU's firmware only; for tests of the machine itself)
    QString initrd;
    QString kernelArguments; // added to the console and panic settings
    int cpus = 1;
    int memoryMiB = 512;
    QString runtimeDirectory; // agent.sock (the guest agent's virtio-serial port) and console.log go here
    QString sharedFolder;     // a host folder the guest mounts as /workspace; empty: none
    QString virtioFsSocket;   // where a virtiofsd serves sharedFolder (vhost-user); empty: virtio 9p
    QString systemDisk;       // the root file system, a qcow2 image (virtio block); empty: the initramfs only
    QString workspaceDisk;    // the clone's own disk, mounted as /workspace instead of sharedFolder
    QString homeDisk;         // the agent's home, mounted as /home/agent; empty: a home in memory
};

inline constexpr char agentPortName[] = "org.paddock.agent";

// QEMU's arguments (without the program and QMP, which QemuMachine adds): -M microvm, no default devices,
// no display, the chosen accelerator, and the guest agent's port on a Unix socket.
QStringList microVmArguments(const MicroVmSpec &spec, Accelerator accelerator, std::optional<int> tscKhz);

} // namespace Paddock::Vm
