// NetworkSummary from decisions and from a real (rotated) audit log written by AuditLog.
#include "proxy/auditlog.h"
#include "proxy/networksummary.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;

namespace {

DecisionEvent decision(const QString &sandbox, const QString &host, DecisionEvent::Verdict verdict,
                       const QDateTime &time, const QString &secret = {})
{
    DecisionEvent e;
    e.time = time;
    e.sandbox = sandbox;
    e.method = u"GET"_s;
    e.host = host;
    e.port = 443;
    e.rule = u"**.example.com"_s;
    e.verdict = verdict;
    e.bytesUp = 10;
    e.bytesDown = 100;
    e.secretKind = secret;
    return e;
}

} // namespace

class TestNetworkSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsHostsBlocksAndSecretsPerSandbox()
    {
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
        using V = DecisionEvent::Verdict;
        const QList<DecisionEvent> events = {
            decision(u"a"_s, u"api.github.com"_s, V::Allow, t0),
            decision(u"a"_s, u"api.github.com"_s, V::Allow, t0.addSecs(1)),
            decision(u"a"_s, u"evil.example"_s, V::Deny, t0.addSecs(2)),
            decision(u"a"_s, u"api.github.com"_s, V::Deny, t0.addSecs(3), u"GitHub personal access token"_s),
            decision(u"a"_s, u"registry.npmjs.org"_s, V::Allow, t0.addSecs(4)),
            decision(u"b"_s, u"pypi.org"_s, V::Allow, t0.addSecs(5)),
            decision(u"other"_s, u"x.example"_s, V::Allow, t0.addSecs(6)),
        };
        const auto summaries = NetworkSummary::of(events, {{u"a"_s, t0}, {u"b"_s, {}}, {u"c"_s, {}}});
        QCOMPARE(summaries.size(), 3); // "other" is not asked for; "c" made no request
        const NetworkSummary &a = summaries[u"a"_s];
        QCOMPARE(a.requests, 5);
        QCOMPARE(a.blocked, 2);
        QCOMPARE(a.secretsCaught, 1);
        QCOMPARE(a.bytesDown, 500);
        QCOMPARE(a.hostsContacted(), 2); // evil.example was only ever denied
        QCOMPARE(a.hosts.size(), 3);
        QCOMPARE(a.hosts[0].host, u"api.github.com"_s);
        QCOMPARE(a.hosts[0].requests, 3);
        QCOMPARE(a.hosts[0].blocked, 1);
        QCOMPARE(summaries[u"b"_s].requests, 1);
        QCOMPARE(summaries[u"c"_s].requests, 0);
    }

    // A sandbox removed and created again under the same name starts with a clean record.
    void leavesOutAnOlderSandboxOfTheSameName()
    {
        const QDateTime created = QDateTime::currentDateTimeUtc();
        using V = DecisionEvent::Verdict;
        const auto summaries =
            NetworkSummary::of({decision(u"a"_s, u"old.example"_s, V::Deny, created.addSecs(-60)),
                                decision(u"a"_s, u"new.example"_s, V::Allow, created.addSecs(60))},
                               {{u"a"_s, created}});
        QCOMPARE(summaries[u"a"_s].requests, 1);
        QCOMPARE(summaries[u"a"_s].hosts.first().host, u"new.example"_s);
    }

    // Each start's self-test asks for the metadata address and is refused: that is Paddock's, not a block.
    void leavesOutTheStartUpSelfTest()
    {
        const QDateTime created = QDateTime::currentDateTimeUtc();
        using V = DecisionEvent::Verdict;
        DecisionEvent probe = decision(u"a"_s, u"169.254.169.254"_s, V::Deny, created.addSecs(1));
        probe.startingUp = true;
        const DecisionEvent agents = decision(u"a"_s, u"169.254.169.254"_s, V::Deny, created.addSecs(2));
        const auto summaries = NetworkSummary::of({probe, agents, probe}, {{u"a"_s, created}});
        QCOMPARE(summaries[u"a"_s].requests, 1);
        QCOMPARE(summaries[u"a"_s].blocked, 1);
        // And the mark survives the audit file.
        const auto read = DecisionEvent::fromJson(probe.toJson());
        QVERIFY(read && read->startingUp);
        QVERIFY(!DecisionEvent::fromJson(agents.toJson())->startingUp);
    }

    void readsTheRotatedAuditLog()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        AuditLog log(path, 2000, 5); // small files: the events below rotate it several times
        QVERIFY(log.open().has_value());
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        using V = DecisionEvent::Verdict;
        for (int i = 0; i < 40; ++i)
            log.append(decision(u"a"_s, u"host%1.example"_s.arg(i % 4), i % 5 == 0 ? V::Deny : V::Allow,
                                t0.addMSecs(i), i == 7 ? u"npm token"_s : QString()));
        QVERIFY(QFile::exists(path + u".1"_s));
        // A line cut by a crash is skipped, not fatal.
        QFile tail(path);
        QVERIFY(tail.open(QIODevice::Append));
        tail.write("{\"time\":\"2026-");
        tail.close();
        const auto summaries = NetworkSummary::fromAuditLog(path, {{u"a"_s, {}}});
        const NetworkSummary &a = summaries[u"a"_s];
        // Rotation keeps five old files; what fell off the end is gone, the rest is counted once each.
        QVERIFY2(a.requests > 10 && a.requests <= 40, qPrintable(QString::number(a.requests)));
        QCOMPARE(a.hosts.size(), 4);
        QVERIFY(a.blocked > 0);
        QCOMPARE(
            NetworkSummary::fromAuditLog(dir.filePath(u"missing.jsonl"_s), {{u"a"_s, {}}})[u"a"_s].requests,
            0);
    }

    void keepsTheSecretKindInTheAuditFile()
    {
        DecisionEvent e = decision(u"a"_s, u"h"_s, DecisionEvent::Verdict::Deny,
                                   QDateTime::currentDateTimeUtc(), u"AWS access key"_s);
        const auto back = DecisionEvent::fromJson(e.toJson());
        QVERIFY(back.has_value());
        QCOMPARE(back->secretKind, u"AWS access key"_s);
        e.secretKind.clear();
        QVERIFY(!e.toJson().contains(u"secret"_s));
    }
};

QTEST_GUILESS_MAIN(TestNetworkSummary)
#include "tst_networksummary.moc"
