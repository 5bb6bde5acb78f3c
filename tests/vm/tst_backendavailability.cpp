// BackendAvailability: the real bwrap probe here, and the diagnosis a user gets where the kernel refuses
// user namespaces (which cannot be caused on this machine without changing it for everyone, hence a failing
// stand-in bwrap for that case).
#include "vm/backendavailability.h"
#include "vm/microvmcommand.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestBackendAvailability : public QObject
{
    Q_OBJECT

private:
    static void writeFile(const QString &path, const QByteArray &content, bool executable = false)
    {
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        if (executable)
            file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
    }

private Q_SLOTS:
    void realBubblewrapWorksHere()
    {
        const BackendStatus status = BackendAvailability().namespaceBackend();
        QVERIFY2(status.level == BackendStatus::Level::Available, qPrintable(status.detail));
    }

    void missingBubblewrapSaysWhatToInstall()
    {
        QTemporaryDir empty;
        BackendAvailability availability;
        availability.setSearchPath({empty.path()});
        const BackendStatus status = availability.namespaceBackend();
        QCOMPARE(status.level, BackendStatus::Level::Unavailable);
        QVERIFY(status.detail.contains(u"'bubblewrap' package"_s));
    }

    // QEMU alone is not enough: each machine's system disk is made with qemu-img (qemu-utils).
    void aMicroVmNeedsQemuAndQemuImg()
    {
        QTemporaryDir bin;
        BackendAvailability availability;
        availability.setSearchPath({bin.path()});
        QVERIFY(availability.microVmBackend().detail.contains(u"'qemu-system-x86' package"_s));
        writeFile(bin.filePath(u"qemu-system-x86_64"_s), "#!/bin/sh\n", true);
        BackendStatus status = availability.microVmBackend();
        QCOMPARE(status.level, BackendStatus::Level::Unavailable);
        QVERIFY2(status.detail.contains(u"'qemu-utils' package"_s), qPrintable(status.detail));
        writeFile(bin.filePath(u"qemu-img"_s), "#!/bin/sh\n", true);
        status = availability.microVmBackend();
        QVERIFY2(status.level != BackendStatus::Level::Unavailable, qPrintable(status.detail));
    }

    // A /dev/kvm without VT-x or AMD-V (a software KVM such as kvm-pvm) is named as the reason for emulation.
    void aSoftwareKvmMeansEmulation()
    {
        if (!kvmDeviceWorks())
            QSKIP("no /dev/kvm answers on this machine");
        QTemporaryDir folder;
        const QString cpuinfo = folder.filePath(u"cpuinfo"_s);
        writeFile(cpuinfo, "processor\t: 0\nflags\t\t: fpu hypervisor lahf_lm\n", false);
        BackendAvailability availability;
        availability.setCpuInfoFile(cpuinfo);
        QVERIFY(!availability.kvmUsable());
        const BackendStatus status = availability.microVmBackend();
        QCOMPARE(status.level, BackendStatus::Level::Emulated);
        QVERIFY2(status.detail.contains(u"no hardware virtualisation"_s), qPrintable(status.detail));
        writeFile(cpuinfo, "processor\t: 0\nflags\t\t: fpu vmx\n", false);
        QVERIFY(availability.kvmUsable());
    }

    void refusedUserNamespacesAreExplainedWithTheFix_data()
    {
        QTest::addColumn<QString>("sysctl");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("fix");
        QTest::newRow("ubuntu apparmor")
            << u"kernel/apparmor_restrict_unprivileged_userns"_s << QByteArray("1\n")
            << u"kernel.apparmor_restrict_unprivileged_userns=0"_s;
        QTest::newRow("debian clone switch") << u"kernel/unprivileged_userns_clone"_s << QByteArray("0\n")
                                             << u"kernel.unprivileged_userns_clone=1"_s;
        QTest::newRow("no namespaces")
            << u"user/max_user_namespaces"_s << QByteArray("0\n") << u"user.max_user_namespaces=15000"_s;
        QTest::newRow("unexplained") << u"user/max_user_namespaces"_s << QByteArray("15000\n")
                                     << u"setting up uid map: Permission denied"_s;
    }
    void refusedUserNamespacesAreExplainedWithTheFix()
    {
        QFETCH(QString, sysctl);
        QFETCH(QByteArray, value);
        QFETCH(QString, fix);
        QTemporaryDir root;
        writeFile(root.filePath(u"bin/bwrap"_s),
                  "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n", true);
        writeFile(root.filePath(u"sys/"_s + sysctl), value);
        BackendAvailability availability;
        availability.setSearchPath({root.filePath(u"bin"_s)});
        availability.setSysctlRoot(root.filePath(u"sys"_s));
        const BackendStatus status = availability.namespaceBackend();
        QCOMPARE(status.level, BackendStatus::Level::Unavailable);
        QVERIFY2(status.detail.contains(fix), qPrintable(status.detail));
    }
};

QTEST_GUILESS_MAIN(TestBackendAvailability)
#include "tst_backendavailability.moc"
