// What a process tree uses, read from /proc: every process counted, CPU time growing with work, memory.
#include "vm/processusage.h"

#include <QProcess>
#include <QtTest>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestProcessUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsTheWholeTree()
    {
        // A shell with two children, one of them busy for a moment (about a second of CPU).
        QProcess tree;
        tree.start(u"sh"_s, {u"-c"_s, u"sleep 30 & (i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done; "
                                      u"sleep 30) & wait"_s});
        QVERIFY(tree.waitForStarted());
        QTRY_VERIFY(ProcessUsage::ofTree(tree.processId())->processes >= 3); // sh, sleep, the busy subshell
        const auto usage = ProcessUsage::ofTree(tree.processId());
        QVERIFY(usage->residentBytes > 1024 * 1024);
        QTRY_VERIFY_WITH_TIMEOUT(ProcessUsage::ofTree(tree.processId())->cpuSeconds > 0.2, 20000);
        tree.kill();
        tree.waitForFinished();
    }

    void nothingForAProcessThatIsGone()
    {
        QProcess done;
        done.start(u"true"_s, QStringList());
        QVERIFY(done.waitForFinished());
        QVERIFY(!ProcessUsage::ofTree(done.processId()));
        QVERIFY(!ProcessUsage::ofTree(0));
        QVERIFY(!ProcessUsage::ofTree(-1));
    }
};

QTEST_GUILESS_MAIN(TestProcessUsage)
#include "tst_processusage.moc"
