// CPU and memory limits: sizes users type, the systemd scope command, and an honest answer on machines
// where limits cannot be applied.
#include "vm/resourcelimits.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestResourceLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void memorySizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("mib"); // -1: refused
        QTest::newRow("mebibytes") << u"512M"_s << 512;
        QTest::newRow("gibibytes") << u"4G"_s << 4096;
        QTest::newRow("fraction") << u"1.5g"_s << 1536;
        QTest::newRow("with B") << u"2GiB"_s << 2048;
        QTest::newRow("kibibytes") << u"1048576K"_s << 1024;
        QTest::newRow("plain number is MiB") << u"300"_s << 300;
        QTest::newRow("negative") << u"-1G"_s << -1;
        QTest::newRow("unit only") << u"G"_s << -1;
        QTest::newRow("unknown unit") << u"5X"_s << -1;
        QTest::newRow("too small") << u"100K"_s << -1;
        QTest::newRow("empty") << QString() << -1;
    }
    void memorySizes()
    {
        QFETCH(QString, text);
        QFETCH(int, mib);
        QCOMPARE(ResourceLimits::parseMemoryMiB(text).value_or(-1), mib);
    }

    void aSystemdScopeCarriesTheLimits()
    {
        ResourceLimits limits;
        limits.cpus = 2;
        limits.memoryMiB = 4096;
        const QStringList user = limits.commandPrefix(false);
        QCOMPARE(user.first(), u"systemd-run"_s);
        QVERIFY(user.contains(u"--user"_s) && user.contains(u"--scope"_s));
        QVERIFY(user.contains(u"--property=CPUQuota=200%"_s));
        QVERIFY(user.contains(u"--property=MemoryMax=4096M"_s));
        QVERIFY(user.contains(u"--property=MemorySwapMax=0"_s));
        QCOMPARE(user.last(), u"--"_s); // bwrap's own arguments follow, never parsed by systemd-run
        QVERIFY(!limits.commandPrefix(true).contains(u"--user"_s));
        limits.memoryMiB = 0;
        QVERIFY(!limits.commandPrefix(false).join(u' ').contains(u"Memory"_s));
    }

    void machinesWithoutCgroupV2AreToldApart()
    {
        const QString reason = ResourceLimits::unavailableReason();
        if (QStandardPaths::findExecutable(u"systemd-run"_s).isEmpty())
            QVERIFY2(reason.contains(u"systemd-run"_s), qPrintable(reason));
        else if (!QFileInfo::exists(u"/sys/fs/cgroup/cgroup.controllers"_s))
            QVERIFY2(reason.contains(u"cgroup v2"_s), qPrintable(reason));
        else if (!reason.isEmpty()) // the probe ran a real scope and it failed: the reason says what systemd
                                    // said
            QVERIFY2(reason.contains(u"systemd"_s), qPrintable(reason));
        QCOMPARE(ResourceLimits::unavailableReason(), reason); // probed once
    }
};

QTEST_GUILESS_MAIN(TestResourceLimits)
#include "tst_resourcelimits.moc"
