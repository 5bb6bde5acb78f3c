// A microVM's boot plan (vm/guest/bootplan.h): which modules load and which disks and shares mount, for each
// command line MicroVmCommand writes. The boots themselves run in tst_guestimage and tst_microvmsandbox.
#include "vm/guest/bootplan.h"

#include <QTest>

#include <string>
#include <vector>

using Paddock::Guest::BootPlan;
using Paddock::Guest::planBoot;

Q_DECLARE_METATYPE(BootPlan::Purpose)
Q_DECLARE_METATYPE(BootPlan::Workspace)

namespace {

const std::string moduleList = "always virtio_mmio.ko\n"
                               "always virtio_blk.ko\n"
                               "virtiofs virtiofs.ko\n"
                               "workspace 9pnet_virtio.ko\n"
                               "workspace 9p.ko\n"
                               "net virtio_net.ko\n";

QStringList names(const std::vector<std::string> &modules)
{
    QStringList list;
    for (const std::string &module : modules)
        list.append(QString::fromStdString(module));
    return list;
}

} // namespace

class TestBootPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheCommandLine_data()
    {
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QStringList>("modules");
        QTest::addColumn<BootPlan::Purpose>("purpose");
        QTest::addColumn<bool>("systemDisk");
        QTest::addColumn<BootPlan::Workspace>("workspace");
        QTest::addColumn<QString>("homeDisk");

        const QStringList always{QStringLiteral("virtio_mmio.ko"), QStringLiteral("virtio_blk.ko")};
        QTest::newRow("bare") << QStringLiteral("console=ttyS0 quiet") << always << BootPlan::Purpose::Agent
                              << false << BootPlan::Workspace::None << QString();
        QTest::newRow("smoke") << QStringLiteral("console=ttyS0 paddock.smoke") << always
                               << BootPlan::Purpose::Smoke << false << BootPlan::Workspace::None << QString();
        QTest::newRow("idle") << QStringLiteral("paddock.idle") << always << BootPlan::Purpose::Idle << false
                              << BootPlan::Workspace::None << QString();
        QTest::newRow("clone on its own disk")
            << QStringLiteral("console=ttyS0 paddock.workspacedisk paddock.homedisk paddock.root") << always
            << BootPlan::Purpose::Agent << true << BootPlan::Workspace::Disk << QStringLiteral("/dev/vdc");
        QTest::newRow("direct over 9p")
            << QStringLiteral("paddock.workspace paddock.homedisk paddock.root")
            << always + QStringList{QStringLiteral("9pnet_virtio.ko"), QStringLiteral("9p.ko")}
            << BootPlan::Purpose::Agent << true << BootPlan::Workspace::NineP << QStringLiteral("/dev/vdb");
        QTest::newRow("direct over virtiofs")
            << QStringLiteral("paddock.root paddock.virtiofs")
            << always + QStringList{QStringLiteral("virtiofs.ko")} << BootPlan::Purpose::Agent << true
            << BootPlan::Workspace::VirtioFs << QString();
        // Whole words only: a longer word that starts like one asks for nothing.
        QTest::newRow("look-alikes") << QStringLiteral(
                                            "paddock.rootfs xpaddock.smoke paddock.workspace2 paddock.")
                                     << always << BootPlan::Purpose::Agent << false
                                     << BootPlan::Workspace::None << QString();
    }

    void readsTheCommandLine()
    {
        QFETCH(QString, commandLine);
        QFETCH(QStringList, modules);
        QFETCH(BootPlan::Purpose, purpose);
        QFETCH(bool, systemDisk);
        QFETCH(BootPlan::Workspace, workspace);
        QFETCH(QString, homeDisk);
        const BootPlan plan = planBoot(commandLine.toStdString() + "\n", moduleList);
        QCOMPARE(names(plan.modules), modules);
        QCOMPARE(plan.purpose, purpose);
        QCOMPARE(plan.systemDisk, systemDisk);
        QCOMPARE(plan.workspace, workspace);
        QCOMPARE(QString::fromStdString(plan.homeDisk), homeDisk);
    }

    // The list comes from the image; a line that is not "WANTED FILE" or names a path loads nothing.
    void skipsMalformedModuleLines()
    {
        const BootPlan plan = planBoot("paddock.net", "always ext4.ko\n"
                                                      "\n"
                                                      "always\n"
                                                      "always ../../bin/busybox\n"
                                                      "always ..\n"
                                                      "always a.ko b.ko\n"
                                                      "net virtio_net.ko\r\n"
                                                      "always crc32c_generic.ko");
        QCOMPARE(names(plan.modules), (QStringList{QStringLiteral("ext4.ko"), QStringLiteral("virtio_net.ko"),
                                                   QStringLiteral("crc32c_generic.ko")}));
        QVERIFY(planBoot("paddock.net", "").modules.empty());
    }
};

QTEST_GUILESS_MAIN(TestBootPlan)
#include "tst_bootplan.moc"
