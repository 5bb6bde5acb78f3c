// The JSON-lines audit log: round trip, rotation, and lines cut by a crash.
#include "proxy/auditlog.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;

namespace {

DecisionEvent makeEvent(int i)
{
    DecisionEvent e;
    e.time = QDateTime::fromSecsSinceEpoch(1700000000 + i, Qt::UTC);
    e.sandbox = u"fix-login"_s;
    e.method = u"GET"_s;
    e.host = u"api.example.com"_s;
    e.port = 443;
    e.path = u"/v1/items"_s;
    e.rule = u"allow **.example.com:443"_s;
    e.reason = u"allowed"_s;
    e.verdict = i % 2 ? DecisionEvent::Verdict::Deny : DecisionEvent::Verdict::Allow;
    e.bytesUp = i;
    e.bytesDown = 2 * i;
    return e;
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAndReadsBack()
    {
        QTemporaryDir dir;
        AuditLog log(dir.filePath(u"audit/audit.jsonl"_s));
        QVERIFY(log.open().has_value());
        for (int i = 0; i < 3; ++i)
            log.append(makeEvent(i));
        QFile file(log.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<DecisionEvent> events = AuditLog::parse(file.readAll());
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[1].verdict, DecisionEvent::Verdict::Deny);
        QCOMPARE(events[2].bytesDown, qint64(4));
        QCOMPARE(events[0].time, makeEvent(0).time);
        QCOMPARE(events[0].rule, makeEvent(0).rule);
    }

    void rotatesKeepingOldFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"audit.jsonl"_s);
        AuditLog log(path, 1024, 2);
        QVERIFY(log.open().has_value());
        for (int i = 0; i < 60; ++i)
            log.append(makeEvent(i));
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + u".1"_s));
        QVERIFY(QFile::exists(path + u".2"_s));
        QVERIFY(!QFile::exists(path + u".3"_s));
        QVERIFY(QFileInfo(path).size() <= 1024 + 400);
    }

    void skipsBrokenLines()
    {
        const QByteArray lines =
            QJsonDocument(makeEvent(1).toJson()).toJson(QJsonDocument::Compact) +
            "\n{\"time\": \"2026\n not json\n{\"verdict\":\"maybe\",\"time\":\"2026-01-01T00:00:00Z\"}\n";
        QCOMPARE(AuditLog::parse(lines).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
