// The strict RFC 9112 request parser: valid requests, every smuggling and framing case, and byte-by-byte
// feeding.
#include "proxy/httprequestparser.h"

#include <QtTest>

using namespace Paddock::Proxy;
using Event = HttpRequestParser::Event;
using Code = HttpRequestParser::ErrorCode;

namespace {

struct Parsed
{
    QList<HttpRequestHead> heads;
    QList<QByteArray> bodies;
    int completed = 0;
    Code error = Code::None;
};

Parsed parseAll(const QByteArray &input, bool byteByByte, HttpLimits limits = {},
                HttpRequestParser::TargetForm form = HttpRequestParser::TargetForm::Proxy)
{
    HttpRequestParser parser(limits, form);
    Parsed result;
    QByteArray body;
    const auto drain = [&] {
        for (;;) {
            switch (parser.next()) {
            case Event::NeedMore:
                return true;
            case Event::Error:
                result.error = parser.error();
                return false;
            case Event::Head:
                result.heads.append(parser.head());
                break;
            case Event::BodyData:
                body += parser.takeBodyData();
                break;
            case Event::MessageComplete:
                result.bodies.append(std::exchange(body, {}));
                ++result.completed;
                if (parser.head().isConnect)
                    return false;
                break;
            }
        }
    };
    if (byteByByte) {
        for (char c : input) {
            parser.feed(QByteArrayView(&c, 1));
            if (!drain())
                break;
        }
    } else {
        parser.feed(input);
        drain();
    }
    return result;
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidRequests_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("authority");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("get") << QByteArray(
                                    "GET http://example.com/a?b=1 HTTP/1.1\r\nHost: example.com\r\n\r\n")
                             << QByteArray("example.com") << QByteArray("/a?b=1") << QByteArray();
        QTest::newRow("port and empty path")
            << QByteArray("GET http://example.com:8080 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n")
            << QByteArray("example.com:8080") << QByteArray("/") << QByteArray();
        QTest::newRow("default port in host")
            << QByteArray("GET http://Example.com/ HTTP/1.1\r\nHost: example.com:80\r\n\r\n")
            << QByteArray("Example.com") << QByteArray("/") << QByteArray();
        QTest::newRow("content length")
            << QByteArray(
                   "POST http://a.example/x HTTP/1.1\r\nHost: a.example\r\nContent-Length: 5\r\n\r\nhello")
            << QByteArray("a.example") << QByteArray("/x") << QByteArray("hello");
        QTest::newRow("chunked with extension and trailer")
            << QByteArray(
                   "POST http://a.example/ HTTP/1.1\r\nHost: a.example\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
            << QByteArray("a.example") << QByteArray("/") << QByteArray("hello world");
        QTest::newRow("http 1.0 without host") << QByteArray("GET http://a.example/ HTTP/1.0\r\n\r\n")
                                               << QByteArray("a.example") << QByteArray("/") << QByteArray();
        QTest::newRow("connect")
            << QByteArray("CONNECT api.example.com:443 HTTP/1.1\r\nHost: api.example.com:443\r\n\r\n")
            << QByteArray("api.example.com:443") << QByteArray() << QByteArray();
        QTest::newRow("ipv6 authority")
            << QByteArray("GET http://[::1]:8080/ HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n")
            << QByteArray("[::1]:8080") << QByteArray("/") << QByteArray();
    }
    void parsesValidRequests()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, authority);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        for (bool byteByByte : {false, true}) {
            const Parsed parsed = parseAll(input, byteByByte);
            QCOMPARE(parsed.error, Code::None);
            QCOMPARE(parsed.heads.size(), 1);
            QCOMPARE(parsed.heads[0].authority, authority);
            QCOMPARE(parsed.heads[0].pathAndQuery, path);
            QCOMPARE(parsed.completed, 1);
            QCOMPARE(parsed.bodies[0], body);
        }
    }

    void parsesPipelinedRequests()
    {
        const QByteArray two =
            "GET http://a.example/1 HTTP/1.1\r\nHost: a.example\r\n\r\n"
            "POST http://b.example/2 HTTP/1.1\r\nHost: b.example\r\nContent-Length: 3\r\n\r\nabc";
        for (bool byteByByte : {false, true}) {
            const Parsed parsed = parseAll(two, byteByByte);
            QCOMPARE(parsed.error, Code::None);
            QCOMPARE(parsed.completed, 2);
            QCOMPARE(parsed.heads[1].authority, QByteArray("b.example"));
            QCOMPARE(parsed.bodies[1], QByteArray("abc"));
        }
    }

    void refusesMalformedAndSmuggling_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("status");
        const QByteArray get = "GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n";
        QTest::newRow("cl and te") << get + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   << int(Code::ConflictingFraming) << 400;
        QTest::newRow("te and cl") << get + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                                   << int(Code::ConflictingFraming) << 400;
        QTest::newRow("duplicate cl equal") << get + "Content-Length: 4\r\nContent-Length: 4\r\n\r\n"
                                            << int(Code::BadContentLength) << 400;
        QTest::newRow("duplicate cl differ") << get + "Content-Length: 4\r\nContent-Length: 5\r\n\r\n"
                                             << int(Code::BadContentLength) << 400;
        QTest::newRow("cl list") << get + "Content-Length: 4, 4\r\n\r\n"
                                 << int(Code::BadContentLength) << 400;
        QTest::newRow("cl sign") << get + "Content-Length: +4\r\n\r\n" << int(Code::BadContentLength) << 400;
        QTest::newRow("te gzip") << get + "Transfer-Encoding: gzip, chunked\r\n\r\n"
                                 << int(Code::UnsupportedTransferEncoding) << 501;
        QTest::newRow("te twice") << get + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  << int(Code::UnsupportedTransferEncoding) << 501;
        QTest::newRow("obs fold") << get + "X-A: 1\r\n 2\r\n\r\n" << int(Code::ObsoleteLineFolding) << 400;
        QTest::newRow("bare lf in header")
            << QByteArray("GET http://a.example/ HTTP/1.1\r\nHost: a.example\nX: 1\r\n\r\n")
            << int(Code::BareLineFeed) << 400;
        QTest::newRow("bare lf request line")
            << QByteArray("GET http://a.example/ HTTP/1.1\nHost: a.example\r\n\r\n")
            << int(Code::BareLineFeed) << 400;
        QTest::newRow("space before colon") << get + "Content-Length : 4\r\n\r\n"
                                            << int(Code::BadHeader) << 400;
        QTest::newRow("nul in value")
            << get + QByteArray("X-A: a\0b\r\n\r\n", 12) << int(Code::BadHeader) << 400;
        QTest::newRow("duplicate host") << get + "Host: a.example\r\n\r\n" << int(Code::BadHost) << 400;
        QTest::newRow("host mismatch")
            << QByteArray("GET http://a.example/ HTTP/1.1\r\nHost: b.example\r\n\r\n") << int(Code::BadHost)
            << 400;
        QTest::newRow("missing host")
            << QByteArray("GET http://a.example/ HTTP/1.1\r\n\r\n") << int(Code::BadHost) << 400;
        QTest::newRow("connect host mismatch")
            << QByteArray("CONNECT a.example:443 HTTP/1.1\r\nHost: b.example:443\r\n\r\n")
            << int(Code::BadHost) << 400;
        QTest::newRow("origin form") << QByteArray("GET / HTTP/1.1\r\nHost: a.example\r\n\r\n")
                                     << int(Code::UnsupportedTarget) << 400;
        QTest::newRow("https absolute")
            << QByteArray("GET https://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n")
            << int(Code::UnsupportedTarget) << 400;
        QTest::newRow("connect without port")
            << QByteArray("CONNECT a.example HTTP/1.1\r\nHost: a.example\r\n\r\n")
            << int(Code::UnsupportedTarget) << 400;
        QTest::newRow("userinfo") << QByteArray("GET http://u@a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n")
                                  << int(Code::BadRequestLine) << 400;
        QTest::newRow("bad method") << QByteArray("G(T http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n")
                                    << int(Code::BadRequestLine) << 400;
        QTest::newRow("double space")
            << QByteArray("GET  http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n")
            << int(Code::BadRequestLine) << 400;
        QTest::newRow("http2 preface")
            << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << int(Code::UnsupportedVersion) << 505;
        QTest::newRow("bad chunk size") << get + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
                                        << int(Code::BadChunk) << 400;
        QTest::newRow("chunk without crlf") << get + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n"
                                            << int(Code::BadChunk) << 400;
        QTest::newRow("huge chunk size") << get + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n"
                                         << int(Code::BadChunk) << 400;
        QTest::newRow("long request line")
            << "GET http://a.example/" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n"
            << int(Code::RequestLineTooLong) << 414;
        QTest::newRow("long request line no newline")
            << "GET http://a.example/" + QByteArray(9000, 'a') << int(Code::RequestLineTooLong) << 414;
        QTest::newRow("huge headers") << get + "X-A: " + QByteArray(70000, 'a') + "\r\n\r\n"
                                      << int(Code::HeadersTooLarge) << 431;
        QByteArray many = get;
        for (int i = 0; i < 101; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("too many headers") << many + "\r\n" << int(Code::TooManyHeaders) << 431;
    }
    void refusesMalformedAndSmuggling()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, error);
        QFETCH(int, status);
        for (bool byteByByte : {false, true}) {
            HttpRequestParser parser;
            const Parsed parsed = parseAll(input, byteByByte);
            QCOMPARE(int(parsed.error), error);
            QCOMPARE(parsed.completed, 0);
        }
        HttpRequestParser parser;
        parser.feed(input);
        while (parser.next() != Event::Error) {
        }
        QCOMPARE(parser.errorStatus(), status);
        QVERIFY(!parser.errorReason().isEmpty());
        // A failed parser stays failed.
        parser.feed("GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n");
        QCOMPARE(parser.next(), Event::Error);
    }

    void bodyLimitIsEnforced()
    {
        HttpLimits limits;
        limits.maxBodyBytes = 4;
        const Parsed parsed =
            parseAll("POST http://a.example/ HTTP/1.1\r\nHost: a.example\r\nContent-Length: 5\r\n\r\nhello",
                     false, limits);
        QCOMPARE(parsed.error, Code::BodyTooLarge);
        const Parsed chunked = parseAll(
            "POST http://a.example/ HTTP/1.1\r\nHost: a.example\r\nTransfer-Encoding: chunked\r\n\r\n"
            "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n",
            false, limits);
        QCOMPARE(chunked.error, Code::BodyTooLarge);
    }

    void streamsLargeBodiesWithoutHoldingThem()
    {
        HttpRequestParser parser;
        parser.feed(
            "POST http://a.example/ HTTP/1.1\r\nHost: a.example\r\nContent-Length: 104857600\r\n\r\n");
        QCOMPARE(parser.next(), Event::Head);
        const QByteArray chunk(1024 * 1024, 'x');
        qint64 received = 0;
        for (int i = 0; i < 100; ++i) {
            parser.feed(chunk);
            QCOMPARE(parser.next(), Event::BodyData);
            received += parser.takeBodyData().size();
            QVERIFY(parser.bufferedBytes() == 0);
        }
        QCOMPARE(received, qint64(104857600));
        QCOMPARE(parser.next(), Event::MessageComplete);
    }

    void upstreamHeadDropsHopByHopHeaders()
    {
        const Parsed parsed = parseAll(
            "GET http://a.example/p HTTP/1.1\r\nHost: a.example\r\nConnection: keep-alive, X-Secret\r\n"
            "X-Secret: 1\r\nProxy-Authorization: Basic x\r\nAccept: */*\r\nUpgrade: h2c\r\n\r\n",
            false);
        const QByteArray upstream = parsed.heads[0].serializeForUpstream();
        QVERIFY(upstream.startsWith("GET /p HTTP/1.1\r\nHost: a.example\r\n"));
        QVERIFY(upstream.contains("Accept: */*\r\n"));
        QVERIFY(!upstream.contains("X-Secret"));
        QVERIFY(!upstream.contains("Proxy-Authorization"));
        QVERIFY(!upstream.contains("Upgrade"));
        QVERIFY(upstream.endsWith("Connection: close\r\n\r\n"));
    }

    void originFormInsideTls_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("error");
        QTest::addColumn<QByteArray>("authority");
        QTest::addColumn<QByteArray>("pathAndQuery");
        QTest::newRow("origin-form") << QByteArray("GET /v1/x?y=1 HTTP/1.1\r\nHost: api.example\r\n\r\n")
                                     << int(Code::None) << QByteArray("api.example")
                                     << QByteArray("/v1/x?y=1");
        QTest::newRow("absolute https")
            << QByteArray("GET https://api.example/v1 HTTP/1.1\r\nHost: api.example:443\r\n\r\n")
            << int(Code::None) << QByteArray("api.example") << QByteArray("/v1");
        QTest::newRow("no Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << int(Code::BadHost) << QByteArray()
                                 << QByteArray();
        QTest::newRow("HTTP/1.0 without Host")
            << QByteArray("GET / HTTP/1.0\r\n\r\n") << int(Code::BadHost) << QByteArray() << QByteArray();
        QTest::newRow("two Hosts") << QByteArray(
                                          "GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n")
                                   << int(Code::BadHost) << QByteArray() << QByteArray();
        QTest::newRow("Host differs from the target")
            << QByteArray("GET https://a.example/ HTTP/1.1\r\nHost: b.example\r\n\r\n") << int(Code::BadHost)
            << QByteArray() << QByteArray();
        QTest::newRow("userinfo in Host") << QByteArray("GET / HTTP/1.1\r\nHost: u@a.example\r\n\r\n")
                                          << int(Code::BadHost) << QByteArray() << QByteArray();
        QTest::newRow("CONNECT inside TLS")
            << QByteArray("CONNECT b.example:443 HTTP/1.1\r\nHost: b.example:443\r\n\r\n")
            << int(Code::UnsupportedTarget) << QByteArray() << QByteArray();
        QTest::newRow("plain http target")
            << QByteArray("GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n")
            << int(Code::UnsupportedTarget) << QByteArray() << QByteArray();
        QTest::newRow("asterisk-form") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a.example\r\n\r\n")
                                       << int(Code::UnsupportedTarget) << QByteArray() << QByteArray();
    }

    void originFormInsideTls()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, error);
        QFETCH(QByteArray, authority);
        QFETCH(QByteArray, pathAndQuery);
        for (const bool byteByByte : {false, true}) {
            const Parsed parsed = parseAll(input, byteByByte, {}, HttpRequestParser::TargetForm::Origin);
            QCOMPARE(int(parsed.error), error);
            if (error == int(Code::None)) {
                QCOMPARE(parsed.heads.size(), 1);
                QCOMPARE(parsed.heads[0].authority, authority);
                QCOMPARE(parsed.heads[0].pathAndQuery, pathAndQuery);
            }
        }
        // The proxy form refuses origin-form, as before.
        if (input.startsWith("GET /"))
            QCOMPARE(parseAll(input, false).error, Code::UnsupportedTarget);
    }

    void upstreamHeadReplacesOverriddenHeaders()
    {
        const Parsed parsed = parseAll("GET / HTTP/1.1\r\nHost: a.example\r\nX-Api-Key: placeholder\r\n\r\n",
                                       false, {}, HttpRequestParser::TargetForm::Origin);
        const QByteArray upstream = parsed.heads[0].serializeForUpstream(false, {{"x-api-key", "real"}});
        QVERIFY(!upstream.contains("placeholder"));
        QCOMPARE(upstream.count("real"), 1);
        QVERIFY(upstream.contains("x-api-key: real\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
