// ResponseBodyFramer: where an upstream response body ends, fed whole and byte by byte.
#include "proxy/responsebodyframer.h"

#include <QTest>

using namespace Paddock::Proxy;

namespace {

struct Outcome
{
    qsizetype used = 0;
    bool complete = false;
    bool error = false;
};

HttpResponseHead headOf(const QByteArray &headers, bool requestWasHead = false)
{
    const auto head =
        HttpResponseHead::parse(QByteArray("HTTP/1.1 200 OK\r\n" + headers + "\r\n"), requestWasHead);
    return head.value_or(HttpResponseHead{});
}

Outcome frame(const HttpResponseHead &head, const QByteArray &body, bool byteByByte)
{
    ResponseBodyFramer framer(head);
    Outcome outcome;
    if (byteByByte) {
        for (qsizetype i = 0; i < body.size(); ++i) {
            const qsizetype used = framer.consume(QByteArrayView(body).sliced(i, 1));
            outcome.used += used;
            if (used == 0)
                break;
        }
    } else {
        outcome.used = framer.consume(body);
    }
    outcome.complete = framer.isComplete();
    outcome.error = framer.hasError();
    return outcome;
}

} // namespace

class TestResponseBodyFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framesBodies_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qsizetype>("used");
        QTest::addColumn<bool>("complete");
        QTest::addColumn<bool>("error");
        QTest::newRow("length") << QByteArray("Content-Length: 5\r\n") << QByteArray("hello") << qsizetype(5)
                                << true << false;
        QTest::newRow("length then extra")
            << QByteArray("Content-Length: 5\r\n") << QByteArray("helloHTTP/1.1 200 OK") << qsizetype(5)
            << true << false;
        QTest::newRow("length short")
            << QByteArray("Content-Length: 5\r\n") << QByteArray("hel") << qsizetype(3) << false << false;
        QTest::newRow("zero length") << QByteArray("Content-Length: 0\r\n") << QByteArray("x") << qsizetype(0)
                                     << true << false;
        QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked\r\n")
                                 << QByteArray("5\r\nhello\r\n0\r\n\r\n") << qsizetype(15) << true << false;
        QTest::newRow("chunked ext trailer extra")
            << QByteArray("Transfer-Encoding: chunked\r\n")
            << QByteArray("5 ;a=b\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\nEXTRA") << qsizetype(43)
            << true << false;
        QTest::newRow("chunked wins over length")
            << QByteArray("Content-Length: 99\r\nTransfer-Encoding: chunked\r\n")
            << QByteArray("1\r\nx\r\n0\r\n\r\n") << qsizetype(11) << true << false;
        QTest::newRow("chunk bare lf")
            << QByteArray("Transfer-Encoding: chunked\r\n") << QByteArray("5\nhello\r\n0\r\n\r\n")
            << qsizetype(2) << false << true;
        QTest::newRow("chunk data without crlf")
            << QByteArray("Transfer-Encoding: chunked\r\n") << QByteArray("5\r\nhelloX\r\n0\r\n\r\n")
            << qsizetype(9) << false << true;
        QTest::newRow("chunk size not hex") << QByteArray("Transfer-Encoding: chunked\r\n")
                                            << QByteArray("zz\r\n") << qsizetype(4) << false << true;
        QTest::newRow("chunk size empty") << QByteArray("Transfer-Encoding: chunked\r\n")
                                          << QByteArray("\r\n") << qsizetype(2) << false << true;
        QTest::newRow("chunk size overflow")
            << QByteArray("Transfer-Encoding: chunked\r\n") << QByteArray("fffffffffffffffffff\r\n")
            << qsizetype(21) << false << true;
        QTest::newRow("folded trailer")
            << QByteArray("Transfer-Encoding: chunked\r\n") << QByteArray("0\r\nX-T: 1\r\n folded\r\n\r\n")
            << qsizetype(20) << false << true;
        QTest::newRow("no body for 204-like head")
            << QByteArray("Content-Length: 5\r\n") << QByteArray("hello") << qsizetype(0) << true << false;
    }
    void framesBodies()
    {
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, body);
        QFETCH(qsizetype, used);
        QFETCH(bool, complete);
        QFETCH(bool, error);
        const bool noBody = QByteArray(QTest::currentDataTag()).startsWith("no body");
        const HttpResponseHead head = headOf(headers, noBody);
        QVERIFY(head.isValid());
        for (const bool byteByByte : {false, true}) {
            const Outcome outcome = frame(head, body, byteByByte);
            QCOMPARE(outcome.used, used);
            QCOMPARE(outcome.complete, complete);
            QCOMPARE(outcome.error, error);
        }
    }

    void untilCloseTakesEverything()
    {
        const HttpResponseHead head = headOf("X-A: 1\r\n");
        ResponseBodyFramer framer(head);
        QVERIFY(framer.endsAtClose());
        QCOMPARE(framer.consume("anything at all"), qsizetype(15));
        QVERIFY(!framer.isComplete());
    }

    void boundsChunkLinesAndTrailers()
    {
        const HttpResponseHead head = headOf("Transfer-Encoding: chunked\r\n");
        ResponseBodyFramer longLine(head);
        longLine.consume(QByteArray("1;" + QByteArray(ResponseBodyFramer::maxChunkLineBytes, 'e')));
        QVERIFY(longLine.hasError());
        ResponseBodyFramer longTrailer(head);
        longTrailer.consume("0\r\n");
        for (int i = 0; i < 2000 && !longTrailer.hasError(); ++i)
            longTrailer.consume(QByteArray("X-Trailer-Field: " + QByteArray(40, 'v') + "\r\n"));
        QVERIFY(longTrailer.hasError());
    }

    void rejectsNonDigitContentLength()
    {
        for (const QByteArray &value :
             {QByteArray("+5"), QByteArray("5 5"), QByteArray("0x5"), QByteArray("")}) {
            const auto head = HttpResponseHead::parse(
                QByteArray("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\n"), false);
            QVERIFY(head.has_value());
            QVERIFY2(!head->isValid(), value.constData());
        }
    }

    void knowsWhenTheUpstreamKeepsAlive()
    {
        auto keepsAlive = [](const QByteArray &head) {
            return HttpResponseHead::parse(QByteArray(head + "Content-Length: 0\r\n\r\n"), false)
                ->upstreamKeepsAlive();
        };
        QVERIFY(keepsAlive("HTTP/1.1 200 OK\r\n"));
        QVERIFY(!keepsAlive("HTTP/1.1 200 OK\r\nConnection: close\r\n"));
        QVERIFY(!keepsAlive("HTTP/1.0 200 OK\r\n"));
        QVERIFY(keepsAlive("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestResponseBodyFramer)
#include "tst_responsebodyframer.moc"
