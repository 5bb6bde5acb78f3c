// When a pane needs the user: bells, output that stops after work, the template's patterns, exits and blocked
// requests; raised once, until the user acknowledges.
#include "app/terminal/attentionmonitor.h"
#include "app/terminal/terminalmodel.h"

#include <QSignalSpy>
#include <QTest>

using namespace Paddock::App;
using namespace Qt::StringLiterals;
using Reason = AttentionMonitor::Reason;

class TestAttentionMonitor : public QObject
{
    Q_OBJECT

private:
    static AttentionMonitor::Timing fast()
    {
        return {.activityMs = 150, .quietMs = 200, .patternSettleMs = 30};
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Reason>(); }

    void aBellRaisesOnceUntilAcknowledged()
    {
        TerminalModel model(5, 40);
        AttentionMonitor monitor(model, {}, {});
        QSignalSpy raised(&monitor, &AttentionMonitor::raised);
        model.feed("\a");
        model.feed("\a");
        QCOMPARE(raised.size(), 1);
        QCOMPARE(raised.first().at(0).value<Reason>(), Reason::Bell);
        QVERIFY(monitor.isRaised());
        QSignalSpy acknowledged(&monitor, &AttentionMonitor::acknowledged);
        monitor.acknowledge();
        QCOMPARE(acknowledged.size(), 1);
        QVERIFY(!monitor.isRaised());
        model.feed("\a");
        QCOMPARE(raised.size(), 2);
    }

    void outputThatStopsAfterWork()
    {
        TerminalModel model(5, 40);
        AttentionMonitor monitor(model, {}, {});
        monitor.setTiming(fast());
        QSignalSpy raised(&monitor, &AttentionMonitor::raised);
        QElapsedTimer working;
        working.start();
        while (working.elapsed() < 300) { // a spinner, as agents show while they think
            model.feed("\r|\r/\r-\r\\");
            QTest::qWait(20);
        }
        QCOMPARE(raised.size(), 0); // still working
        QTRY_COMPARE(raised.size(), 1);
        QCOMPARE(raised.first().at(0).value<Reason>(), Reason::Quiet);
    }

    void aShortBurstIsNotWork()
    {
        TerminalModel model(5, 40);
        AttentionMonitor monitor(model, {}, {});
        monitor.setTiming(fast());
        QSignalSpy raised(&monitor, &AttentionMonitor::raised);
        model.feed("$ ls\r\nfile\r\n$ ");
        QTest::qWait(500);
        QCOMPARE(raised.size(), 0);
    }

    void typingMeansTheUserIsThere()
    {
        TerminalModel model(5, 40);
        AttentionMonitor monitor(model, {}, {});
        monitor.setTiming(fast());
        QSignalSpy raised(&monitor, &AttentionMonitor::raised);
        QElapsedTimer echoing;
        echoing.start();
        while (echoing.elapsed() < 300) { // the user types; the program echoes
            model.sendText(u"x"_s);
            model.feed("x");
            QTest::qWait(20);
        }
        QTest::qWait(500);
        QCOMPARE(raised.size(), 0);
        model.feed("\a");
        QVERIFY(monitor.isRaised());
        model.sendText(u"y"_s);
        QVERIFY(!monitor.isRaised());
    }

    void theTemplatesPatterns()
    {
        TerminalModel model(10, 60);
        AttentionMonitor monitor(model, {u"Do you want to proceed\\?"_s, u"^> $"_s}, {u"Task complete"_s});
        monitor.setTiming(fast());
        QSignalSpy raised(&monitor, &AttentionMonitor::raised);
        model.feed("Editing src/main.cpp\r\nDo you want to proceed?\r\n");
        QTRY_COMPARE(raised.size(), 1);
        QCOMPARE(raised.first().at(0).value<Reason>(), Reason::Waiting);
        QCOMPARE(raised.first().at(1).toString(), u"Do you want to proceed?"_s);
        monitor.acknowledge();
        QTest::qWait(100);
        QCOMPARE(raised.size(), 1); // the same screen, seen: nothing new
        model.feed("Task complete.\r\n");
        QTRY_COMPARE(raised.size(), 2);
        QCOMPARE(raised.last().at(0).value<Reason>(), Reason::Done); // done wins over waiting
    }

    void badPatternsAreSkipped()
    {
        TerminalModel model(5, 40);
        AttentionMonitor monitor(model, {u"(unclosed"_s, u"ready"_s}, {});
        monitor.setTiming(fast());
        QSignalSpy raised(&monitor, &AttentionMonitor::raised);
        model.feed("ready");
        QTRY_COMPARE(raised.size(), 1);
    }

    void exitsAndBlockedRequestsAreNews()
    {
        TerminalModel model(5, 40);
        AttentionMonitor monitor(model, {}, {});
        QSignalSpy raised(&monitor, &AttentionMonitor::raised);
        monitor.noteBlocked(u"evil.example:443"_s);
        QCOMPARE(raised.size(), 1);
        QCOMPARE(raised.last().at(0).value<Reason>(), Reason::Blocked);
        QVERIFY(raised.last().at(1).toString().contains(u"evil.example:443"_s));
        monitor.acknowledge();
        monitor.noteExited(3);
        QCOMPARE(raised.size(), 2);
        QCOMPARE(raised.last().at(0).value<Reason>(), Reason::Exited);
        QVERIFY(raised.last().at(1).toString().contains(u"3"_s));
    }
};

QTEST_GUILESS_MAIN(TestAttentionMonitor)
#include "tst_attentionmonitor.moc"
