// QmpCodec, the I/O-free half of the QMP client: QEMU's messages as QEMU 7.2 writes them, fed whole, split
// and byte by byte, and hostile or broken input.
#include "vm/qmpcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

namespace {

const QByteArray greeting =
    "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
    "\"package\": \"Debian 1:7.2+dfsg-7+deb12u18\"}, \"capabilities\": [\"oob\"]}}\r\n";
const QByteArray answer = "{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}, "
                          "\"id\": 7}\r\n";
const QByteArray errorAnswer =
    "{\"id\": 8, \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command "
    "nope has not been found\"}}\r\n";
const QByteArray shutdownEvent =
    "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 1}, \"event\": "
    "\"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": \"host-qmp-quit\"}}\r\n";

} // namespace

class TestQmpCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryKindWholeSplitAndByteByByte_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("whole") << 0;
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("in sevens") << 7;
    }
    void parsesEveryKindWholeSplitAndByteByByte()
    {
        QFETCH(int, chunk);
        const QByteArray stream =
            greeting + answer + "\r\n" + errorAnswer + shutdownEvent + "{\"return\": {}, \"id\"";
        QmpCodec codec;
        if (chunk == 0) {
            QVERIFY(codec.feed(stream));
        } else {
            for (qsizetype at = 0; at < stream.size(); at += chunk)
                QVERIFY(codec.feed(stream.mid(at, chunk)));
        }
        const QList<QmpMessage> messages = codec.takeMessages();
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages[0].kind, QmpMessage::Kind::Greeting);
        QCOMPARE(messages[0]
                     .value.value(u"version"_s)
                     .toObject()
                     .value(u"qemu"_s)
                     .toObject()
                     .value(u"major"_s)
                     .toInt(),
                 7);
        QCOMPARE(messages[1].kind, QmpMessage::Kind::Return);
        QCOMPARE(messages[1].id, 7);
        QCOMPARE(messages[1].value.value(u"status"_s).toString(), u"running"_s);
        QCOMPARE(messages[2].kind, QmpMessage::Kind::Error);
        QCOMPARE(messages[2].id, 8);
        QCOMPARE(messages[2].errorClass, u"CommandNotFound"_s);
        QVERIFY(messages[2].errorText.contains(u"nope"_s));
        QCOMPARE(messages[3].kind, QmpMessage::Kind::Event);
        QCOMPARE(messages[3].event, u"SHUTDOWN"_s);
        QCOMPARE(messages[3].eventData.value(u"reason"_s).toString(), u"host-qmp-quit"_s);
        QVERIFY(codec.takeMessages().isEmpty()); // the unfinished last message waits for its line end
        QVERIFY(codec.feed(": 9}\n"));
        const QList<QmpMessage> last = codec.takeMessages();
        QCOMPARE(last.size(), 1);
        QCOMPARE(last[0].id, 9);
    }

    void aReturnThatIsNotAnObject()
    {
        const auto message = QmpCodec::parseLine("{\"return\": [1, 2], \"id\": 3}");
        QVERIFY(message.has_value());
        QCOMPARE(message->value.value(u"value"_s).toArray().size(), 2);
    }

    void brokenInputIsAnErrorAndStaysOne_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("not json") << QByteArray("hello\r\n");
        QTest::newRow("an array") << QByteArray("[1, 2]\r\n");
        QTest::newRow("unknown kind") << QByteArray("{\"something\": 1}\r\n");
        QTest::newRow("event without a name") << QByteArray("{\"event\": 5}\r\n");
        QTest::newRow("nul bytes") << QByteArray("{\"return\": {}}\0\0\r\n", 19);
        QTest::newRow("endless line") << QByteArray(QmpCodec::maxLineBytes + 10, 'x');
    }
    void brokenInputIsAnErrorAndStaysOne()
    {
        QFETCH(QByteArray, input);
        QmpCodec codec;
        QVERIFY(codec.feed(greeting));
        QVERIFY(!codec.feed(input));
        QVERIFY(!codec.error().isEmpty());
        QVERIFY(!codec.feed(answer)); // nothing after a broken message is trusted
    }

    void encodesCommands()
    {
        const QByteArray line = QmpCodec::encodeCommand(u"device_del"_s, 12, {{u"id"_s, u"net0"_s}});
        QVERIFY(line.endsWith("\r\n"));
        QCOMPARE(line.count('\n'), 1);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object.value(u"execute"_s).toString(), u"device_del"_s);
        QCOMPARE(object.value(u"id"_s).toInt(), 12);
        QCOMPARE(object.value(u"arguments"_s).toObject().value(u"id"_s).toString(), u"net0"_s);
        // A value with a line break cannot break the framing: JSON escapes it.
        const QByteArray tricky = QmpCodec::encodeCommand(u"x\r\ny"_s, 1);
        QCOMPARE(tricky.count('\n'), 1);
        QVERIFY(!QmpCodec::encodeCommand(u"quit"_s, 2).contains("arguments"));
    }
};

QTEST_GUILESS_MAIN(TestQmpCodec)
#include "tst_qmpcodec.moc"
