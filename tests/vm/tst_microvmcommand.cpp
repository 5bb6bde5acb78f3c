// The microVM's QEMU command line: the accelerator choice, the TSC setting emulated boots need, and that a
// real QEMU accepts the arguments (its agent socket appears, also in a folder whose name has a comma).
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"
#include "vm/qmpclient.h"
#include "vm/systemdisk.h"

#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestMicroVmCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void kvmOnlyWhenTheDeviceAnswersAsKvm()
    {
        const QString device = m_dir.filePath(u"kvm"_s);
        QCOMPARE(chooseAccelerator(device), Accelerator::Tcg); // no device
        Paddock::Test::writeFile(device, {});
        QCOMPARE(chooseAccelerator(device), Accelerator::Tcg); // opens read-write, but is a plain file
        QCOMPARE(chooseAccelerator(u"/dev/null"_s), Accelerator::Tcg); // a device, but not KVM
    }

    void kvmOnlyWithHardwareVirtualization_data()
    {
        QTest::addColumn<QByteArray>("cpuinfo");
        QTest::addColumn<bool>("hardware");
        QTest::newRow("intel") << QByteArray("processor\t: 0\nflags\t\t: fpu vme de pse tsc msr vmx smx est\n"
                                             "vmx flags\t: vnmi preemption_timer\n")
                               << true;
        QTest::newRow("amd") << QByteArray("processor\t: 0\nflags\t\t: fpu lm svm extapic cr8_legacy\n")
                             << true;
        // This machine's kind: a Firecracker guest whose /dev/kvm is kvm-pvm, a KVM in software.
        QTest::newRow("no flag") << QByteArray("processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm "
                                               "svm_lock vmx_ept\nbugs\t\t: sysret_ss_attrs\n")
                                 << false;
        QTest::newRow("only elsewhere") << QByteArray("model name\t: vmx svm\nflags\t\t: fpu\n") << false;
        QTest::newRow("no flags line") << QByteArray("processor\t: 0\nBogoMIPS\t: 100.00\n") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }

    void kvmOnlyWithHardwareVirtualization()
    {
        QFETCH(QByteArray, cpuinfo);
        QFETCH(bool, hardware);
        QCOMPARE(hasHardwareVirtualization(cpuinfo), hardware);
        // Where /dev/kvm answers (here: kvm-pvm), the processor's flags still decide.
        const QString file = m_dir.filePath(u"cpuinfo-flags"_s);
        Paddock::Test::writeFile(file, cpuinfo);
        if (kvmDeviceWorks())
            QCOMPARE(chooseAccelerator(u"/dev/kvm"_s, file), hardware ? Accelerator::Kvm : Accelerator::Tcg);
        else
            QCOMPARE(chooseAccelerator(u"/dev/kvm"_s, file), Accelerator::Tcg);
    }

    void readsTheTscFrequency()
    {
        const QString cpuinfo = m_dir.filePath(u"cpuinfo"_s);
        Paddock::Test::writeFile(cpuinfo, "processor\t: 0\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2096.006\n"
                                          "cache size\t: 512 KB\n\nprocessor\t: 1\ncpu MHz\t\t: 2096.006\n");
        QCOMPARE(hostTscKhz(cpuinfo), std::optional<int>(2096006));
        Paddock::Test::writeFile(cpuinfo, "processor\t: 0\nBogoMIPS\t: 100.00\n"); // e.g. arm64: none
        QCOMPARE(hostTscKhz(cpuinfo), std::nullopt);
        Paddock::Test::writeFile(cpuinfo, "cpu MHz\t\t: 0.5\n");
        QCOMPARE(hostTscKhz(cpuinfo), std::nullopt);
        QCOMPARE(hostTscKhz(m_dir.filePath(u"missing"_s)), std::nullopt);
    }

    void emulatedAndHardwareArguments()
    {
        MicroVmSpec spec;
        spec.kernel = u"/images/vmlinux"_s;
        spec.initrd = u"/images/initrd"_s;
        spec.kernelArguments = u"paddock.sandbox=a"_s;
        spec.cpus = 2;
        spec.memoryMiB = 1024;
        spec.runtimeDirectory = u"/run/x"_s;
        const QStringList tcg = microVmArguments(spec, Accelerator::Tcg, 2096006);
        const QString tcgLine = tcg.join(u' ');
        QVERIFY(tcgLine.contains(u"-M microvm -accel tcg -cpu max -smp 2 -m 1024 -nodefaults"_s));
        const qsizetype append = tcg.indexOf(u"-append"_s);
        QVERIFY(append > 0);
        QCOMPARE(tcg.at(append + 1), u"console=ttyS0 quiet panic=-1 cryptomgr.notests=1 audit=0 nowatchdog "
                                     "tsc_early_khz=2096006 init_on_alloc=0 paddock.sandbox=a"_s);
        QCOMPARE(tcg.at(tcg.indexOf(u"-kernel"_s) + 1), u"/images/vmlinux"_s);
        QCOMPARE(tcg.at(tcg.indexOf(u"-initrd"_s) + 1), u"/images/initrd"_s);
        const QStringList kvm = microVmArguments(spec, Accelerator::Kvm, 2096006);
        QVERIFY(kvm.join(u' ').contains(u"-accel kvm -cpu host"_s));
        QVERIFY(!kvm.join(u' ').contains(u"tsc_early_khz"_s)); // kvm-clock
        QVERIFY(!kvm.join(u' ').contains(u"init_on_alloc"_s)); // zeroing is cheap there: the hardening stays
        // Never a network device: the guest's only way out is the agent channel.
        QVERIFY(!tcgLine.contains(u"-netdev"_s) && !tcgLine.contains(u"virtio-net"_s));
    }

    void aSharedFolderGoesOverVirtioFsWhenADaemonServesIt()
    {
        MicroVmSpec spec;
        spec.kernel = u"/images/vmlinux"_s;
        spec.memoryMiB = 768;
        spec.runtimeDirectory = u"/run/x"_s;
        spec.sharedFolder = u"/home/me/project"_s;
        const QString ninePee = microVmArguments(spec, Accelerator::Tcg, std::nullopt).join(u' ');
        QVERIFY(ninePee.contains(u"-fsdev local,id=workspace,path=/home/me/project,security_model=none"_s));
        QVERIFY(ninePee.contains(u" paddock.workspace"_s) && !ninePee.contains(u"virtiofs"_s));
        QVERIFY(ninePee.contains(u"-M microvm -accel"_s)); // private memory without virtiofs

        spec.virtioFsSocket = u"/run/x/virtiofs.sock"_s;
        const QString virtioFs = microVmArguments(spec, Accelerator::Tcg, std::nullopt).join(u' ');
        QVERIFY(!virtioFs.contains(u"-fsdev"_s) && !virtioFs.contains(u"paddock.workspace"_s));
        // virtiofsd maps the guest's memory: one shared memfd of exactly the machine's size.
        QVERIFY(virtioFs.contains(u"-M microvm,memory-backend=mem"_s));
        QVERIFY(virtioFs.contains(u"-m 768 "_s));
        QVERIFY(virtioFs.contains(u"-object memory-backend-memfd,id=mem,size=768M,share=on"_s));
        QVERIFY(virtioFs.contains(u"-global virtio-mmio.force-legacy=false"_s));
        QVERIFY(virtioFs.contains(u"-chardev socket,id=virtiofs,path=/run/x/virtiofs.sock "_s));
        QVERIFY(virtioFs.contains(u"-device vhost-user-fs-device,chardev=virtiofs,tag=workspace"_s));
        QVERIFY(virtioFs.contains(u" paddock.virtiofs"_s));
    }

    // The system disk first (/dev/vda, the root), then the clone's, then the home: the init counts on it.
    void theDisksComeInOrder()
    {
        MicroVmSpec spec;
        spec.kernel = u"/images/vmlinux"_s;
        spec.runtimeDirectory = u"/run/x"_s;
        spec.systemDisk = u"/data/systems/a,b.qcow2"_s;
        spec.workspaceDisk = u"/data/clones/a.ext4"_s;
        spec.homeDisk = u"/data/homes/a.ext4"_s;
        const QString line = microVmArguments(spec, Accelerator::Tcg, std::nullopt).join(u' ');
        const qsizetype root =
            line.indexOf(u"-drive file=/data/systems/a,,b.qcow2,if=none,id=root,format=qcow2,"
                         "werror=enospc -device virtio-blk-device,drive=root"_s);
        const qsizetype workspace = line.indexOf(u"id=workspace,format=raw"_s);
        const qsizetype home = line.indexOf(u"id=home,format=raw"_s);
        QVERIFY2(root > 0 && workspace > root && home > workspace, qPrintable(line));
        QVERIFY(!line.contains(u"readonly"_s)); // the system disk is the machine's own to write
        QVERIFY(line.contains(u" paddock.workspacedisk paddock.homedisk paddock.root"_s));
    }

    void qemuAcceptsThem()
    {
        if (QStandardPaths::findExecutable(u"qemu-system-x86_64"_s).isEmpty())
            QFAIL("qemu-system-x86_64 is needed (Debian package qemu-system-x86; scripts/setup-deps.sh "
                  "installs it)");
        const QString runtime = m_dir.filePath(u"run,with comma"_s);
        QVERIFY(QDir().mkpath(runtime));
        MicroVmSpec spec;
        spec.runtimeDirectory = runtime;
        spec.memoryMiB = 64;
        // A real system disk over a small base, as SystemDisk makes it.
        const QString base = runtime + u"/base.ext4"_s;
        QCOMPARE(QProcess::execute(u"mke2fs"_s, {u"-q"_s, u"-t"_s, u"ext4"_s, base, u"8M"_s}), 0);
        spec.systemDisk = runtime + u"/system.qcow2"_s;
        const auto prepared = SystemDisk::prepare(spec.systemDisk, base);
        QVERIFY2(prepared.has_value(), prepared ? "" : qPrintable(prepared.error().message));
        QemuMachine machine;
        QemuMachine::Options options;
        options.arguments = microVmArguments(spec, Accelerator::Tcg, hostTscKhz()) + QStringList{u"-S"_s};
        options.runtimeDirectory = runtime;
        const auto started = machine.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        QVERIFY(QFileInfo(runtime + u"/agent.sock"_s).exists());
        const auto chardevs = machine.qmp()->executeAndWait(u"query-chardev"_s);
        QVERIFY(chardevs.has_value());
        bool agent = false;
        for (const QJsonValue &chardev : chardevs->value(u"value"_s).toArray())
            agent = agent || (chardev[u"label"_s].toString() == u"agent"_s &&
                              chardev[u"filename"_s].toString().contains(u"run,with comma/agent.sock"_s));
        QVERIFY(agent);
        const auto blocks = machine.qmp()->executeAndWait(u"query-block"_s);
        QVERIFY(blocks.has_value());
        const QJsonObject root = blocks->value(u"value"_s).toArray().first().toObject();
        QCOMPARE(root[u"device"_s].toString(), u"root"_s);
        QCOMPARE(root[u"inserted"_s][u"drv"_s].toString(), u"qcow2"_s);
        QCOMPARE(root[u"inserted"_s][u"ro"_s].toBool(), false);
        QCOMPARE(root[u"inserted"_s][u"backing_file"_s].toString(), base);
        machine.stop(0, 3'000);
    }
};

QTEST_GUILESS_MAIN(TestMicroVmCommand)
#include "tst_microvmcommand.moc"
