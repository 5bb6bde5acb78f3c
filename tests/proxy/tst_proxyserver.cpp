// The proxy end to end on loopback: a real origin and echo server, a fake DNS, real client sockets.
// Every blocked case has an allowed twin, so no test passes because the path was broken anyway.
#include "core/policy.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"

#include "decisiontestsupport.h"
#include "testsupport.h"

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

using namespace Paddock;
using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;
using Paddock::Test::policyOf;

namespace {

// An HTTP origin on its own thread: answers each request with "<method> <target> <body bytes>".
// The origin's answer depends on the path: "/keep…" keeps the connection alive, "/chunked" answers chunked,
// "/extra" sends bytes after its response, "/badchunk" breaks chunked framing, "/truncated" closes mid-body,
// "/flaky" keeps alive but closes on the next request without answering; anything else answers and closes.
class Origin : public QTcpServer
{
public:
    std::atomic<int> requests{0};
    std::atomic<int> connections{0};
    std::atomic<qint64> lastBodyBytes{0};

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++connections;
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        auto hangUpOnNext = std::make_shared<bool>(false);
        auto buffer = std::make_shared<QByteArray>();
        auto bodyLeft = std::make_shared<qint64>(-1);
        auto head = std::make_shared<QByteArray>();
        auto bodyBytes = std::make_shared<qint64>(0);
        connect(socket, &QTcpSocket::readyRead, socket, [=, this] {
            buffer->append(socket->readAll());
            for (;;) {
                if (*bodyLeft < 0) {
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    *head = buffer->left(end);
                    buffer->remove(0, end + 4);
                    *bodyLeft = 0;
                    *bodyBytes = 0;
                    for (const QByteArray &line : head->split('\n')) {
                        if (line.toLower().startsWith("content-length:"))
                            *bodyLeft = line.mid(15).trimmed().toLongLong();
                    }
                }
                const qint64 take = std::min<qint64>(*bodyLeft, buffer->size());
                buffer->remove(0, take);
                *bodyLeft -= take;
                *bodyBytes += take;
                if (*bodyLeft > 0)
                    return;
                *bodyLeft = -1;
                if (*hangUpOnNext) {
                    socket->disconnectFromHost();
                    return;
                }
                const QByteArray requestLine = head->left(head->indexOf('\r'));
                const QByteArray path = requestLine.split(' ').value(1);
                const QByteArray body =
                    requestLine.left(requestLine.lastIndexOf(' ')) + ' ' + QByteArray::number(*bodyBytes);
                ++requests;
                lastBodyBytes = *bodyBytes;
                const QByteArray ok = "HTTP/1.1 200 OK\r\nX-Origin: yes\r\n";
                const QByteArray length = "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
                if (path.startsWith("/keep") || path == "/flaky") {
                    socket->write(ok + length + body);
                    *hangUpOnNext = path == "/flaky";
                } else if (path == "/chunked") {
                    socket->write(ok + "Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n" +
                                  QByteArray::number(body.size(), 16) + "\r\n" + body +
                                  "\r\n0\r\nX-Trailer: t\r\n\r\n");
                } else if (path == "/extra") {
                    socket->write(ok + length + body +
                                  "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nSMUGGLED");
                } else if (path == "/badchunk") {
                    socket->write(ok + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nSMUGGLED\r\n");
                } else if (path == "/truncated") {
                    socket->write(ok + "Content-Length: 100\r\n\r\nonly this");
                    socket->disconnectFromHost();
                } else {
                    socket->write(ok + "Connection: close\r\n" + length + body);
                    socket->disconnectFromHost();
                }
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

// Echoes every byte back: the far end of tunnels.
class Echo : public QTcpServer
{
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

QByteArray clientHello(const char *serverName)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = SSL_new(ctx);
    BIO *out = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, BIO_new(BIO_s_mem()), out);
    SSL_set_tlsext_host_name(ssl, serverName);
    SSL_set_connect_state(ssl);
    SSL_do_handshake(ssl);
    char *data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    const QByteArray hello(data, int(size));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return hello;
}

qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    status.open(QIODevice::ReadOnly);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

} // namespace

using SandboxDecisions = Test::DecisionRecorder;

class TestProxyServer : public QObject
{
    Q_OBJECT

private:
    QThread m_serverThread;
    Origin *m_origin = nullptr;
    Origin *m_otherOrigin = nullptr;
    Echo *m_echo = nullptr;
    quint16 m_originPort = 0;
    quint16 m_otherPort = 0;
    quint16 m_echoPort = 0;
    FakeResolver m_resolver;
    std::unique_ptr<ProxyServer> m_proxy;
    quint16 m_proxyPort = 0;
    int m_sandboxCounter = 0;

    // A fresh listener with its own policy; returns its port.
    quint16 listen(const QStringList &rules, bool failOpen = false, bool noPolicy = false)
    {
        const QString sandbox = u"sb%1"_s.arg(++m_sandboxCounter);
        auto port = m_proxy->listenTcp(sandbox, QHostAddress::LocalHost, 0,
                                       noPolicy ? nullptr : policyOf(rules), failOpen);
        return port ? *port : 0;
    }

    // Sends bytes, returns everything received until the proxy closes (or the timeout).
    static QByteArray exchange(quint16 port, const QByteArray &request, int timeoutMs = 10000)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return "NO CONNECTION";
        socket.write(request);
        QByteArray received;
        QElapsedTimer timer;
        timer.start();
        while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
            socket.waitForReadyRead(100);
            received += socket.readAll();
        }
        return received + socket.readAll();
    }

    QByteArray get(quint16 port, const QString &host, quint16 targetPort, const QByteArray &path = "/")
    {
        const QByteArray authority = host.toLatin1() + ':' + QByteArray::number(targetPort);
        return exchange(port, "GET http://" + authority + path + " HTTP/1.1\r\nHost: " + authority +
                                  "\r\nConnection: close\r\n\r\n");
    }

    QString cidr(quint16 port) const { return u"allow 127.0.0.1/32:%1"_s.arg(port); }

private Q_SLOTS:
    void initTestCase()
    {
        m_origin = new Origin;
        m_otherOrigin = new Origin;
        m_echo = new Echo;
        QVERIFY(m_origin->listen(QHostAddress::LocalHost, 0));
        QVERIFY(m_otherOrigin->listen(QHostAddress::LocalHost, 0));
        m_echo->setListenBacklogSize(1024); // the thousand tunnels' far ends connect at once
        QVERIFY(m_echo->listen(QHostAddress::LocalHost, 0));
        m_originPort = m_origin->serverPort();
        m_otherPort = m_otherOrigin->serverPort();
        m_echoPort = m_echo->serverPort();
        for (QTcpServer *server : std::initializer_list<QTcpServer *>{m_origin, m_otherOrigin, m_echo})
            server->moveToThread(&m_serverThread);
        m_serverThread.start();

        const QList<QHostAddress> loopback{QHostAddress::LocalHost};
        m_resolver.setAnswers(u"origin.test"_s, {loopback});
        m_resolver.setAnswers(u"other.test"_s, {loopback});
        m_resolver.setAnswers(u"echo.test"_s, {loopback});
        m_resolver.setAnswers(u"metadata.test"_s, {{QHostAddress(u"169.254.169.254"_s)}});
        m_resolver.setAnswers(u"lan.test"_s, {{QHostAddress(u"10.0.0.1"_s)}});
        m_resolver.setAnswers(u"mapped.test"_s, {{QHostAddress(u"::ffff:127.0.0.1"_s)}});
        m_resolver.setAnswers(u"mixed.test"_s,
                              {{QHostAddress::LocalHost, QHostAddress(u"169.254.169.254"_s)}});
        m_resolver.setAnswers(u"rebind.test"_s, {loopback, {QHostAddress(u"169.254.169.254"_s)}});
        m_resolver.setFailure(u"broken.test"_s, u"SERVFAIL"_s);

        ProxyConfig config;
        config.headerTimeoutMs = 500;
        config.clientHelloTimeoutMs = 500;
        config.tlsOnlyPorts = {443, m_echoPort};
        m_proxy = std::make_unique<ProxyServer>(m_resolver, config);
        m_proxy->vetter().setHostAddresses({});
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        QMetaObject::invokeMethod(
            m_origin,
            [this] {
                delete m_origin;
                delete m_otherOrigin;
                delete m_echo;
            },
            Qt::BlockingQueuedConnection);
        m_serverThread.quit();
        m_serverThread.wait();
    }

    void allowedRequestReachesOriginByteForByte()
    {
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        SandboxDecisions decisions(m_proxy.get(), u"sb%1"_s.arg(m_sandboxCounter));
        const QByteArray response = get(port, u"origin.test"_s, m_originPort, "/hello?x=1");
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("X-Origin: yes\r\n"));
        QVERIFY2(response.endsWith("\r\n\r\nGET /hello?x=1 0"),
                 response.toPercentEncoding(" /?:=\n-").constData());
        QTRY_COMPARE(decisions.size(), 1);
        const auto event = decisions.first();
        QCOMPARE(event.verdict, DecisionEvent::Verdict::Allow);
        QCOMPARE(event.host, u"origin.test"_s);
        QCOMPARE(event.path, u"/hello"_s); // the query is never logged: it may hold secrets
        QCOMPARE(event.rule, u"allow origin.test"_s);
        QVERIFY(event.bytesDown > 0);
    }

    void deniedHostGets403WithDecisionHeader()
    {
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_otherPort)});
        const int before = m_otherOrigin->requests;
        const QByteArray response = get(port, u"other.test"_s, m_otherPort);
        QVERIFY2(response.startsWith("HTTP/1.1 403 Forbidden\r\n"), response.constData());
        QVERIFY(response.contains("X-Paddock-Decision: deny; rule=\"default-deny\"\r\n"));
        QVERIFY(response.contains("paddock policy allow --sandbox"));
        QCOMPARE(int(m_otherOrigin->requests), before);
        QCOMPARE(m_resolver.queryCount(u"other.test"_s), 0); // policy before DNS
        // Twin: the same request with a rule for it.
        const quint16 allowed = listen({u"allow other.test"_s, cidr(m_otherPort)});
        QVERIFY(get(allowed, u"other.test"_s, m_otherPort).startsWith("HTTP/1.1 200"));
    }

    void methodAndPathRulesApply()
    {
        const quint16 port =
            listen({u"allow origin.test"_s, u"deny POST origin.test/admin/**"_s, cidr(m_originPort)});
        const QByteArray authority = "origin.test:" + QByteArray::number(m_originPort);
        const QByteArray post =
            exchange(port, "POST http://" + authority + "/admin/x HTTP/1.1\r\nHost: " + authority +
                               "\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi");
        QVERIFY2(post.startsWith("HTTP/1.1 403"), post.constData());
        QVERIFY(post.contains("rule=\"deny POST origin.test/admin/**\""));
        const QByteArray otherPath =
            exchange(port, "POST http://" + authority + "/public HTTP/1.1\r\nHost: " + authority +
                               "\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi");
        QVERIFY2(otherPath.endsWith("POST /public 2"), otherPath.constData());
        QVERIFY(get(port, u"origin.test"_s, m_originPort, "/admin/x").endsWith("GET /admin/x 0"));
    }

    // The same for an address rule: denying one path of an address leaves its other paths allowed, both
    // when the address is asked for directly and when a name resolves to it.
    void methodAndPathRulesOnAnAddressApply()
    {
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort),
                                     u"deny GET 127.0.0.1/32:%1/secret/**"_s.arg(m_originPort)});
        for (const QString &host : {u"127.0.0.1"_s, u"origin.test"_s}) {
            const QByteArray secret = get(port, host, m_originPort, "/secret/x");
            QVERIFY2(secret.startsWith("HTTP/1.1 403"), secret.constData());
            const QByteArray other = get(port, host, m_originPort, "/public");
            QVERIFY2(other.endsWith("GET /public 0"), other.constData());
        }
    }

    void vetsResolvedAddresses_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("metadata") << u"metadata.test"_s;
        QTest::newRow("lan") << u"lan.test"_s;
        QTest::newRow("loopback without cidr rule") << u"origin.test"_s;
        QTest::newRow("mapped loopback") << u"mapped.test"_s;
        QTest::newRow("one bad answer among good ones") << u"mixed.test"_s;
    }
    void vetsResolvedAddresses()
    {
        QFETCH(QString, host);
        // Even Open (`allow **`) never reaches these without an explicit CIDR rule.
        const quint16 port = listen({u"allow **"_s});
        const QByteArray response = get(port, host, m_originPort);
        QVERIFY2(response.startsWith("HTTP/1.1 403"), response.constData());
        QVERIFY(response.contains("rule=\"address-vetting\""));
    }

    void explicitCidrRuleOptsIn()
    {
        const quint16 port = listen({u"allow **"_s, cidr(m_originPort)});
        QVERIFY(get(port, u"origin.test"_s, m_originPort).startsWith("HTTP/1.1 200"));
        QVERIFY(get(port, u"127.0.0.1"_s, m_originPort).startsWith("HTTP/1.1 200"));
        // Only that port: the other origin stays out of reach.
        QVERIFY(get(port, u"127.0.0.1"_s, m_otherPort).startsWith("HTTP/1.1 403"));
    }

    void resolvesOnceAndDialsTheVettedAddress()
    {
        // The fake DNS answers loopback first and the metadata address after: a proxy that resolved again to
        // connect would dial the second answer.
        const quint16 port = listen({u"allow rebind.test"_s, cidr(m_originPort)});
        const int before = m_origin->requests;
        QVERIFY(get(port, u"rebind.test"_s, m_originPort).startsWith("HTTP/1.1 200"));
        QCOMPARE(m_resolver.queryCount(u"rebind.test"_s), 1);
        QCOMPARE(int(m_origin->requests), before + 1);
        // The next request resolves anew, gets the metadata address and is refused.
        QVERIFY(get(port, u"rebind.test"_s, m_originPort).startsWith("HTTP/1.1 403"));
    }

    void refusesSmugglingAndClosesTheConnection_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::newRow("cl and te") << QByteArray("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n");
        QTest::newRow("duplicate cl") << QByteArray("Content-Length: 3\r\nContent-Length: 3\r\n");
        QTest::newRow("obs fold") << QByteArray("X-A: 1\r\n  folded\r\nContent-Length: 3\r\n");
        QTest::newRow("bare lf") << QByteArray("X-A: 1\nContent-Length: 3\r\n");
    }
    void refusesSmugglingAndClosesTheConnection()
    {
        QFETCH(QByteArray, headers);
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        const QByteArray authority = "origin.test:" + QByteArray::number(m_originPort);
        const int before = m_origin->requests;
        const QByteArray smuggled = "GET http://" + authority + "/x HTTP/1.1\r\nHost: " + authority + "\r\n";
        const QByteArray response =
            exchange(port, "POST http://" + authority + "/ HTTP/1.1\r\nHost: " + authority + "\r\n" +
                               headers + "\r\nabc" + smuggled + "\r\n");
        QVERIFY2(response.startsWith("HTTP/1.1 400") || response.startsWith("HTTP/1.1 501"),
                 response.constData());
        QCOMPARE(response.count("HTTP/1.1"), 1); // closed: the smuggled request was never answered
        QCOMPARE(int(m_origin->requests), before);
        // Twin: the same request, well framed, goes through.
        const QByteArray ok = exchange(port, "POST http://" + authority + "/ HTTP/1.1\r\nHost: " + authority +
                                                 "\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc");
        QVERIFY2(ok.endsWith("POST / 3"), ok.constData());
    }

    void keepsClientConnectionsAlive()
    {
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        const QByteArray authority = "origin.test:" + QByteArray::number(m_originPort);
        const QByteArray one = "GET http://" + authority + "/1 HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
        const QByteArray two =
            "GET http://" + authority + "/2 HTTP/1.1\r\nHost: " + authority + "\r\nConnection: close\r\n\r\n";
        const QByteArray response = exchange(port, one + two);
        QCOMPARE(response.count("HTTP/1.1 200 OK"), 2);
        QVERIFY(response.contains("Connection: keep-alive\r\n"));
        QVERIFY(response.endsWith("GET /2 0"));
    }

    // Sends each request on one connection and waits for its whole response (framed by Content-Length or
    // chunked); returns the responses, shorter when the proxy closed early.
    static QList<QByteArray> sequence(quint16 port, const QList<QByteArray> &requests)
    {
        QList<QByteArray> responses;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return responses;
        for (const QByteArray &request : requests) {
            socket.write(request);
            QByteArray received;
            QElapsedTimer timer;
            timer.start();
            auto complete = [&received] {
                const qsizetype end = received.indexOf("\r\n\r\n");
                if (end < 0)
                    return false;
                const QByteArray head = received.left(end).toLower();
                if (head.contains("transfer-encoding: chunked")) // good enough for the origin's bodies
                    return received.sliced(end + 4).contains("\r\n0\r\n") && received.endsWith("\r\n\r\n");
                const qsizetype at = head.indexOf("content-length: ");
                return at >= 0 &&
                       received.size() - end - 4 >= head.mid(at + 16).split('\r').first().toLongLong();
            };
            while (!complete() && timer.elapsed() < 10000 &&
                   (socket.state() == QAbstractSocket::ConnectedState || socket.bytesAvailable() > 0)) {
                socket.waitForReadyRead(50);
                received += socket.readAll();
            }
            if (received.isEmpty())
                break;
            responses.append(received);
            if (!complete())
                break;
        }
        return responses;
    }

    QByteArray keepAliveGet(const QByteArray &path, quint16 originPort = 0) const
    {
        const QByteArray authority =
            "origin.test:" + QByteArray::number(originPort ? originPort : m_originPort);
        return "GET http://" + authority + path + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
    }

    void reusesTheUpstreamConnectionAndStillDecidesEachRequest()
    {
        const quint16 port =
            listen({u"allow origin.test"_s, u"deny origin.test/keep/secret"_s, cidr(m_originPort)});
        SandboxDecisions decisions(m_proxy.get(), u"sb%1"_s.arg(m_sandboxCounter));
        const int connectionsBefore = m_origin->connections;
        const QList<QByteArray> responses =
            sequence(port, {keepAliveGet("/keep/1"), keepAliveGet("/keep/2"), keepAliveGet("/chunked"),
                            keepAliveGet("/keep/secret"), keepAliveGet("/keep/after-deny")});
        QCOMPARE(responses.size(), 4); // the deny closes the client's connection
        QVERIFY2(responses[0].endsWith("\r\n\r\nGET /keep/1 0"), responses[0].constData());
        QVERIFY(responses[0].contains("Connection: keep-alive\r\n"));
        QVERIFY2(responses[1].endsWith("\r\n\r\nGET /keep/2 0"), responses[1].constData());
        // Chunked bodies reach the client exactly as sent, trailer included.
        QVERIFY2(responses[2].endsWith(
                     "\r\n\r\n5;ext=1\r\nhello\r\ne\r\nGET /chunked 0\r\n0\r\nX-Trailer: t\r\n\r\n"),
                 responses[2].constData());
        QVERIFY2(responses[3].startsWith("HTTP/1.1 403"), responses[3].constData());
        // Three requests, one upstream connection.
        QCOMPARE(m_origin->connections - connectionsBefore, 1);
        QTRY_COMPARE(decisions.size(), 4);
        QCOMPARE(decisions[3].verdict, DecisionEvent::Verdict::Deny);
    }

    void revetsTheAddressOfAKeptConnection()
    {
        // The loopback origin is reachable only through the CIDR rule; once the policy drops it, a kept
        // connection to the same host must not carry the next request.
        const QString sandbox = u"sb%1"_s.arg(m_sandboxCounter + 1);
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        const int requestsBefore = m_origin->requests;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected());
        socket.write(keepAliveGet("/keep/1"));
        QByteArray received;
        QTRY_VERIFY((received += socket.readAll()).endsWith("GET /keep/1 0"));
        m_proxy->setPolicy(sandbox, policyOf({u"allow origin.test"_s}));
        socket.write(keepAliveGet("/keep/2"));
        received.clear();
        QTRY_VERIFY((received += socket.readAll()).contains("\r\n\r\n"));
        QVERIFY2(received.startsWith("HTTP/1.1 403"), received.constData());
        QVERIFY(received.contains("rule=\"address-vetting\""));
        QCOMPARE(m_origin->requests - requestsBefore, 1);
    }

    void neverRelaysBytesPastTheEndOfAResponse()
    {
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        const int connectionsBefore = m_origin->connections;
        const QList<QByteArray> responses =
            sequence(port, {keepAliveGet("/extra"), keepAliveGet("/keep/next")});
        QCOMPARE(responses.size(), 2);
        QVERIFY2(responses[0].endsWith("\r\n\r\nGET /extra 0"), responses[0].constData());
        QVERIFY2(responses[1].endsWith("\r\n\r\nGET /keep/next 0"), responses[1].constData());
        QVERIFY(!responses[1].contains("SMUGGLED"));
        // The upstream that over-sent is not reused.
        QCOMPARE(m_origin->connections - connectionsBefore, 2);
    }

    void closesOnBrokenOrTruncatedResponseBodies_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("bad chunk") << QByteArray("/badchunk");
        QTest::newRow("truncated") << QByteArray("/truncated");
    }
    void closesOnBrokenOrTruncatedResponseBodies()
    {
        QFETCH(QByteArray, path);
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        SandboxDecisions decisions(m_proxy.get(), u"sb%1"_s.arg(m_sandboxCounter));
        const QByteArray response = exchange(port, keepAliveGet(path) + keepAliveGet("/keep/never"));
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK"), response.constData());
        QCOMPARE(response.count("HTTP/1.1"), 1); // closed: the pipelined request was not served
        QVERIFY(!response.contains("SMUGGLED"));
        QTRY_COMPARE(decisions.size(), 1);
        QCOMPARE(decisions.first().verdict, DecisionEvent::Verdict::Error);
    }

    void redialsOnceWhenAKeptConnectionDies()
    {
        // "/flaky" keeps its connection, then hangs up on the next request without answering: the proxy
        // dials again, and the client never notices.
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        const int connectionsBefore = m_origin->connections;
        const QList<QByteArray> responses = sequence(port, {keepAliveGet("/flaky"), keepAliveGet("/keep/2")});
        QCOMPARE(responses.size(), 2);
        QVERIFY2(responses[1].endsWith("GET /keep/2 0"), responses[1].constData());
        QCOMPARE(m_origin->connections - connectionsBefore, 2);
    }

    void tlsPortNeedsClientHelloForTheConnectHost()
    {
        const quint16 port = listen({u"allow echo.test"_s, cidr(m_echoPort)});
        const QByteArray connect = "CONNECT echo.test:" + QByteArray::number(m_echoPort) +
                                   " HTTP/1.1\r\nHost: echo.test:" + QByteArray::number(m_echoPort) +
                                   "\r\n\r\n";
        const QByteArray established = "HTTP/1.1 200 Connection Established\r\n\r\n";
        SandboxDecisions decisions(m_proxy.get(), u"sb%1"_s.arg(m_sandboxCounter));

        // SSH over the TLS port is refused: nothing is echoed.
        const QByteArray ssh = exchange(port, connect + "SSH-2.0-OpenSSH_9.2\r\n");
        QCOMPARE(ssh, established);
        // A ClientHello for another host (domain fronting) is refused.
        QCOMPARE(exchange(port, connect + clientHello("evil.example")), established);
        QTRY_COMPARE(decisions.size(), 2);
        QCOMPARE(decisions[0].rule, u"tls-required"_s);
        QCOMPARE(decisions[1].rule, u"sni-mismatch"_s);
        // Twin: a ClientHello naming the CONNECT host passes and reaches the far end (which echoes it).
        const QByteArray hello = clientHello("echo.test");
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected());
        socket.write(connect + hello);
        QByteArray received;
        QTRY_VERIFY((received += socket.readAll()).size() >= established.size() + hello.size());
        QCOMPARE(received, established + hello);
    }

    void rawTunnelOnTlsPortNeedsExplicitRule()
    {
        const quint16 port = listen({u"allow CONNECT echo.test"_s, cidr(m_echoPort)});
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected());
        socket.write("CONNECT echo.test:" + QByteArray::number(m_echoPort) + " HTTP/1.1\r\nHost: echo.test:" +
                     QByteArray::number(m_echoPort) + "\r\n\r\nSSH-2.0-OpenSSH_9.2\r\n");
        QByteArray received;
        QTRY_VERIFY((received += socket.readAll()).endsWith("SSH-2.0-OpenSSH_9.2\r\n"));
    }

    void slowClientIsCutOff()
    {
        const quint16 port = listen({u"allow origin.test"_s});
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected());
        socket.write("GET http://origin.test/ HTTP/1.1\r\nHost: ori");
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 408"));
    }

    void failsClosedWithoutPolicyOrDns()
    {
        const quint16 noPolicy = listen({}, false, true);
        const QByteArray denied = get(noPolicy, u"origin.test"_s, m_originPort);
        QVERIFY2(denied.startsWith("HTTP/1.1 403"), denied.constData());
        QVERIFY(denied.contains("rule=\"no-policy\""));
        const quint16 broken = listen({u"allow broken.test"_s});
        QVERIFY(get(broken, u"broken.test"_s, m_originPort).startsWith("HTTP/1.1 502"));
        // Twin: fail-open, which the user must turn on, passes (and is logged as such); vetting still
        // applies.
        const quint16 failOpen = listen({}, true, true);
        SandboxDecisions decisions(m_proxy.get(), u"sb%1"_s.arg(m_sandboxCounter));
        QVERIFY(get(failOpen, u"metadata.test"_s, 80).startsWith("HTTP/1.1 403"));
        QTRY_COMPARE(decisions.size(), 1);
        QCOMPARE(decisions[0].rule, u"address-vetting"_s);
    }

    void tunnelRelaysEveryByteInOrderAndLogsItsBytes()
    {
        const quint16 port = listen({u"allow CONNECT echo.test"_s, cidr(m_echoPort)});
        SandboxDecisions decisions(m_proxy.get(), u"sb%1"_s.arg(m_sandboxCounter));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected());
        // The first bytes ride with the CONNECT request, before the tunnel is open.
        const QByteArray authority = "echo.test:" + QByteArray::number(m_echoPort);
        socket.write("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\nearly|");
        QByteArray sent = "early|";
        QByteArray received;
        QTRY_VERIFY((received += socket.readAll()).contains("\r\n\r\n"));
        received = received.mid(received.indexOf("\r\n\r\n") + 4);
        QByteArray chunk(1024 * 1024, Qt::Uninitialized);
        for (int round = 0; round < 24; ++round) {
            for (qsizetype i = 0; i < chunk.size(); ++i)
                chunk[i] = char((i * 7 + round * 13) & 0xff);
            socket.write(chunk);
            sent += chunk;
            while (socket.bytesToWrite() > 0 || received.size() + 4 * 1024 * 1024 < sent.size()) {
                socket.waitForBytesWritten(10);
                socket.waitForReadyRead(10);
                received += socket.readAll();
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).size() >= sent.size(), 20000);
        QCOMPARE(received.size(), sent.size());
        QVERIFY(received == sent);
        socket.disconnectFromHost();
        QTRY_COMPARE(decisions.size(), 1);
        const auto event = decisions.first();
        QCOMPARE(event.verdict, DecisionEvent::Verdict::Allow);
        QCOMPARE(event.bytesUp, sent.size());
        QCOMPARE(event.bytesDown, sent.size());
    }

    void removingASandboxCutsItsConnections()
    {
        const QString sandbox = u"sb%1"_s.arg(m_sandboxCounter + 1);
        const quint16 port = listen({u"allow CONNECT echo.test"_s, cidr(m_echoPort)});
        const quint16 otherPort = listen({u"allow CONNECT echo.test"_s, cidr(m_echoPort)});
        const QByteArray authority = "echo.test:" + QByteArray::number(m_echoPort);
        QTcpSocket tunnel, other;
        for (auto [socket, listenerPort] : {std::pair{&tunnel, port}, std::pair{&other, otherPort}}) {
            socket->connectToHost(QHostAddress::LocalHost, listenerPort);
            QVERIFY(socket->waitForConnected());
            socket->write("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\nping");
            QByteArray received;
            QTRY_VERIFY((received += socket->readAll()).endsWith("ping"));
        }
        m_proxy->removeSandbox(sandbox);
        QTRY_COMPARE(tunnel.state(), QAbstractSocket::UnconnectedState);
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!late.waitForConnected(2000) || !late.waitForReadyRead(500));
        // Twin: the other sandbox's tunnel still works.
        other.write("pong");
        QByteArray received;
        QTRY_VERIFY((received += other.readAll()).endsWith("pong"));
        QCOMPARE(other.state(), QAbstractSocket::ConnectedState);
    }

    void answersTheSandboxSelfTestItself()
    {
        const quint16 port = listen({}); // nothing allowed
        SandboxDecisions decisions(m_proxy.get(), u"sb%1"_s.arg(m_sandboxCounter));
        const QByteArray response = get(port, u"selftest.paddock.invalid"_s, 80);
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK"), response.constData());
        QVERIFY(response.endsWith("the proxy is reachable\n"));
        // Twin: any other host is decided by the policy as usual.
        QVERIFY(get(port, u"selftest.paddock.example"_s, 80).startsWith("HTTP/1.1 403"));
        QTRY_COMPARE(decisions.size(), 1);
        QCOMPARE(decisions.first().host, u"selftest.paddock.example"_s);
    }

    // Decisions made while a sandbox starts are marked, so its self-test's probes never show as the agent's.
    void marksDecisionsMadeWhileTheSandboxStartsUp()
    {
        const quint16 port = listen({});
        const QString sandbox = u"sb%1"_s.arg(m_sandboxCounter);
        SandboxDecisions decisions(m_proxy.get(), sandbox);
        m_proxy->setStartingUp(sandbox, true);
        QVERIFY(get(port, u"metadata.test"_s, 80).startsWith("HTTP/1.1 403"));
        QTRY_COMPARE(decisions.size(), 1);
        QVERIFY(decisions.first().startingUp);
        QVERIFY(decisions.first().toJson().value(u"startingUp"_s).toBool());
        // Twin: once started, the same request is an ordinary decision.
        m_proxy->setStartingUp(sandbox, false);
        QVERIFY(get(port, u"metadata.test"_s, 80).startsWith("HTTP/1.1 403"));
        QTRY_COMPARE(decisions.size(), 2);
        QVERIFY(!decisions[1].startingUp);
        QVERIFY(!decisions[1].toJson().contains(u"startingUp"_s));
    }

    void closesIdleTunnelsButNotBusyOnes()
    {
        // A proxy of its own with a short idle timeout; the shared one must not drop the long-running tests.
        ProxyConfig config;
        config.idleTimeoutMs = 600;
        ProxyServer proxy(m_resolver, config);
        proxy.vetter().setHostAddresses({});
        const auto port = proxy.listenTcp(u"idle"_s, QHostAddress::LocalHost, 0,
                                          policyOf({u"allow CONNECT echo.test"_s, cidr(m_echoPort)}), false);
        QVERIFY(port.has_value());
        const QByteArray connect = "CONNECT echo.test:" + QByteArray::number(m_echoPort) +
                                   " HTTP/1.1\r\nHost: echo.test:" + QByteArray::number(m_echoPort) +
                                   "\r\n\r\n";
        QTcpSocket busy, idle;
        for (QTcpSocket *socket : {&busy, &idle}) {
            socket->connectToHost(QHostAddress::LocalHost, *port);
            QVERIFY(socket->waitForConnected());
            socket->write(connect);
            QVERIFY(socket->waitForReadyRead(5000));
            QVERIFY(socket->readAll().startsWith("HTTP/1.1 200"));
        }
        // The busy tunnel echoes a byte every 150 ms for three idle timeouts.
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 1800) {
            busy.write("x");
            QVERIFY2(busy.waitForReadyRead(1000), "the busy tunnel stopped echoing");
            busy.readAll();
            QTest::qWait(150);
        }
        QCOMPARE(busy.state(), QAbstractSocket::ConnectedState);
        QTRY_COMPARE(idle.state(), QAbstractSocket::UnconnectedState);
    }

    void streamsAGigabyteWithBoundedMemory()
    {
        const quint16 port = listen({u"allow origin.test"_s, cidr(m_originPort)});
        const qint64 total = qint64(1) << 30;
        const qint64 rssBefore = peakRssKiB();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected());
        const QByteArray authority = "origin.test:" + QByteArray::number(m_originPort);
        socket.write("POST http://" + authority + "/upload HTTP/1.1\r\nHost: " + authority +
                     "\r\nContent-Length: " + QByteArray::number(total) + "\r\n\r\n");
        const QByteArray chunk(1024 * 1024, 'z');
        for (qint64 sent = 0; sent < total; sent += chunk.size()) {
            socket.write(chunk);
            while (socket.bytesToWrite() > 4 * 1024 * 1024)
                QVERIFY(socket.waitForBytesWritten(10000));
        }
        QByteArray response;
        QTRY_VERIFY_WITH_TIMEOUT((response += socket.readAll()).endsWith("POST /upload 1073741824"), 60000);
        const qint64 growthMiB = (peakRssKiB() - rssBefore) / 1024;
        qInfo("peak RSS grew by %lld MiB for a 1024 MiB body", growthMiB);
        QVERIFY2(growthMiB < 96, qPrintable(u"peak RSS grew by %1 MiB"_s.arg(growthMiB)));
    }

    void handlesAThousandConcurrentTunnels()
    {
        // A proxy of its own with the default header timeout: the shared one's 500 ms (for the slowloris
        // test) can run out for some of 1,000 clients on a loaded machine, and a 408 is not what this test is
        // about.
        ProxyConfig config;
        config.tlsOnlyPorts = {443, m_echoPort};
        ProxyServer proxy(m_resolver, config);
        proxy.vetter().setHostAddresses({});
        const auto listening = proxy.listenTcp(
            u"thousand"_s, QHostAddress::LocalHost, 0,
            policyOf({u"allow echo.test"_s, u"allow CONNECT echo.test"_s, cidr(m_echoPort)}), false);
        QVERIFY(listening.has_value());
        const quint16 port = *listening;
        const QByteArray connect = "CONNECT echo.test:" + QByteArray::number(m_echoPort) +
                                   " HTTP/1.1\r\nHost: echo.test:" + QByteArray::number(m_echoPort) +
                                   "\r\n\r\n";
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 1000; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(QHostAddress::LocalHost, port);
        }
        for (auto &socket : sockets)
            socket->write(connect);
        std::vector<QByteArray> received(sockets.size());
        const QByteArray established = "HTTP/1.1 200 Connection Established\r\n\r\n";
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(sockets.begin(), sockets.end(),
                                             [&, i = 0](auto &s) mutable {
                                                 received[i] += s->readAll();
                                                 return received[i++].size() >= established.size();
                                             }),
                                 60000);
        for (const QByteArray &response : received)
            QVERIFY2(response.startsWith(established), response.constData());
        QTRY_COMPARE_WITH_TIMEOUT(proxy.connectionCount(u"thousand"_s), 1000, 10000);
        for (size_t i = 0; i < sockets.size(); ++i)
            sockets[i]->write("ping " + QByteArray::number(qulonglong(i)));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(sockets.begin(), sockets.end(),
                                             [&, i = size_t(0)](auto &s) mutable {
                                                 received[i] += s->readAll();
                                                 const bool done =
                                                     received[i] == established + "ping " +
                                                                        QByteArray::number(qulonglong(i));
                                                 ++i;
                                                 return done;
                                             }),
                                 60000);
        sockets.clear();
        QTRY_COMPARE_WITH_TIMEOUT(proxy.connectionCount(u"thousand"_s), 0, 20000);
    }
};

QTEST_GUILESS_MAIN(TestProxyServer)
#include "tst_proxyserver.moc"
