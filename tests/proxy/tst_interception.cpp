// TLS interception, secret scanning in the proxy path and credential injection, end to end with real TLS: an
// HTTPS origin whose CA the proxy trusts as its "system" store, clients that trust only Paddock's CA, and
// canary tokens generated here. Every blocked case has an allowed twin.
#include "core/policy.h"
#include "proxy/certificateauthority.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"

#include "decisiontestsupport.h"
#include "secrettestsupport.h"
#include "testsupport.h"

#include "httpsorigin.h"

#include <QMutex>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <zlib.h>

using namespace Paddock;
using namespace Paddock::Proxy;
using Paddock::Test::HttpsOrigin;
using namespace Qt::StringLiterals;
using Paddock::Test::policyOf;

namespace {

constexpr auto originHost = "api.origin.test";

struct HttpsOutcome
{
    QByteArray connectResponse;
    QString tlsError; // empty when the handshake through the proxy succeeded
    QSslCertificate peer;
    QByteArray response;
};

QByteArray gzip(const QByteArray &plain)
{
    z_stream stream{};
    deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(plain.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.constData()));
    stream.avail_in = uInt(plain.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

// A token in the shape of a real one, made now: no literal secret is in the repository (security.md 9).
QByteArray canary(const QByteArray &prefix, int length = 36)
{
    return Paddock::Test::randomToken(QString::fromLatin1(prefix), length).toLatin1();
}

} // namespace

class TestInterception : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const CertificateAuthority> m_paddockCa;
    std::optional<CertificateAuthority> m_webCa;   // stands for the public CAs the system trusts
    std::optional<CertificateAuthority> m_otherCa; // trusted by nobody here
    QThread m_serverThread;
    HttpsOrigin *m_origin = nullptr;
    quint16 m_originPort = 0;
    FakeResolver m_resolver;
    std::unique_ptr<ProxyServer> m_proxy;
    std::shared_ptr<const SecretScanner> m_scanner;
    int m_sandboxCounter = 0;
    QByteArray m_realKey;

    QString authority() const
    {
        return QString::fromLatin1(originHost) + u':' + QString::number(m_originPort);
    }

    std::shared_ptr<Inspection> inspection() const
    {
        auto result = std::make_shared<Inspection>();
        result->scanner = m_scanner;
        result->authority = m_paddockCa;
        result->upstreamTrust = {m_webCa->caCertificate()};
        result->credentials = {{QString::fromLatin1(originHost), "x-api-key", m_realKey, u"origin-key"_s}};
        return result;
    }

    // A fresh sandbox listener allowed to reach the origin, with the given inspection.
    quint16 listen(std::shared_ptr<const Inspection> sandboxInspection, QStringList extraRules = {})
    {
        const QString sandbox = u"sb%1"_s.arg(++m_sandboxCounter);
        const auto port =
            m_proxy->listenTcp(sandbox, QHostAddress::LocalHost, 0,
                               policyOf(QStringList{u"allow %1"_s.arg(QString::fromLatin1(originHost)),
                                                    u"allow 127.0.0.1/32:%1"_s.arg(m_originPort)} +
                                        extraRules));
        m_proxy->setInspection(sandbox, std::move(sandboxInspection));
        return port ? *port : 0;
    }

    QString sandboxName() const { return u"sb%1"_s.arg(m_sandboxCounter); }

    // CONNECT through the proxy, TLS with a client that trusts only `trust`, then one request.
    static HttpsOutcome https(quint16 proxyPort, const QString &connectAuthority, const QByteArray &request,
                              const QList<QSslCertificate> &trust, const QString &serverName)
    {
        HttpsOutcome outcome;
        QSslSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, proxyPort);
        if (!socket.waitForConnected(5000)) {
            outcome.tlsError = u"no connection"_s;
            return outcome;
        }
        socket.write("CONNECT " + connectAuthority.toLatin1() +
                     " HTTP/1.1\r\nHost: " + connectAuthority.toLatin1() + "\r\n\r\n");
        while (!outcome.connectResponse.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
            outcome.connectResponse += socket.readAll();
        if (!outcome.connectResponse.startsWith("HTTP/1.1 200")) {
            outcome.tlsError = u"CONNECT refused"_s;
            return outcome;
        }
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(trust);
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        socket.setSslConfiguration(configuration);
        socket.setPeerVerifyName(serverName);
        socket.startClientEncryption();
        if (!socket.waitForEncrypted(5000)) {
            outcome.tlsError = socket.errorString();
            if (outcome.tlsError.isEmpty())
                outcome.tlsError = u"handshake failed"_s;
            return outcome;
        }
        outcome.peer = socket.peerCertificate();
        socket.write(request);
        QElapsedTimer timer;
        timer.start();
        while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000) {
            socket.waitForReadyRead(100);
            outcome.response += socket.readAll();
        }
        outcome.response += socket.readAll();
        return outcome;
    }

    HttpsOutcome interceptedRequest(quint16 proxyPort, const QByteArray &request)
    {
        return https(proxyPort, authority(), request, {m_paddockCa->caCertificate()},
                     QString::fromLatin1(originHost));
    }

    QByteArray requestHead(const QByteArray &method, const QByteArray &path,
                           const QByteArray &extraHeaders = {})
    {
        return method + ' ' + path + " HTTP/1.1\r\nHost: " + authority().toLatin1() + "\r\n" + extraHeaders +
               "Connection: close\r\n";
    }

    QByteArray post(const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        return requestHead("POST", "/upload", extraHeaders) +
               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    static std::optional<CertificateAuthority> makeCa(const QString &directory, const QString &name)
    {
        const auto keys = CaKeyStore::inFile(directory + u"/ca-key.pem"_s);
        CertificateAuthorityOptions options;
        options.commonName = name;
        auto ca = CertificateAuthority::loadOrCreate(directory, *keys, options);
        if (!ca)
            return std::nullopt;
        return std::move(*ca);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto paddock = makeCa(m_dir.filePath(u"paddock"_s), u"Paddock Test CA"_s);
        m_webCa = makeCa(m_dir.filePath(u"web"_s), u"Public Web Test CA"_s);
        m_otherCa = makeCa(m_dir.filePath(u"other"_s), u"Unknown Test CA"_s);
        QVERIFY(paddock && m_webCa && m_otherCa);
        m_paddockCa = std::make_shared<const CertificateAuthority>(std::move(*paddock));
        const auto originLeaf = m_webCa->leafFor(QString::fromLatin1(originHost));
        QVERIFY(originLeaf);

        m_origin = new HttpsOrigin(*originLeaf);
        QVERIFY(m_origin->listen(QHostAddress::LocalHost, 0));
        m_originPort = m_origin->serverPort();
        m_origin->moveToThread(&m_serverThread);
        m_serverThread.start();
        m_resolver.setAnswers(QString::fromLatin1(originHost), {{QHostAddress::LocalHost}});
        m_resolver.setAnswers(u"other.origin.test"_s, {{QHostAddress::LocalHost}});

        ProxyConfig config;
        config.tlsOnlyPorts = {443, m_originPort};
        m_proxy = std::make_unique<ProxyServer>(m_resolver, config);
        m_proxy->vetter().setHostAddresses({});
        m_scanner = m_proxy->defaultScanner();
        QVERIFY(m_scanner);
        // The injected credential is a known secret too: the sandbox sending it anywhere is blocked.
        auto scanner = SecretScanner::create();
        QVERIFY(scanner);
        m_realKey = canary("sk-origin-", 40);
        QVERIFY(scanner->addKnownSecret(u"origin-key"_s, m_realKey));
        m_scanner = std::make_shared<const SecretScanner>(std::move(*scanner));
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        QMetaObject::invokeMethod(
            m_origin, [this] { delete m_origin; }, Qt::BlockingQueuedConnection);
        m_serverThread.quit();
        m_serverThread.wait();
    }

    void injectsTheCredentialWhichNeverReachesTheClient()
    {
        const quint16 port = listen(inspection());
        Test::DecisionRecorder decisions(m_proxy.get());
        const HttpsOutcome outcome = interceptedRequest(
            port, requestHead("GET", "/v1/models?x=1", "x-api-key: placeholder\r\n") + "\r\n");
        QVERIFY2(outcome.tlsError.isEmpty(), qPrintable(outcome.tlsError));
        // The sandbox saw a leaf for exactly the CONNECT host, issued by Paddock's CA.
        QCOMPARE(outcome.peer.subjectAlternativeNames().value(QSsl::DnsEntry),
                 QString::fromLatin1(originHost));
        QCOMPARE(outcome.peer.issuerDisplayName(), u"Paddock Test CA"_s);
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 200 OK\r\n"), outcome.response.constData());
        QVERIFY(outcome.response.endsWith("ok GET /v1/models?x=1"));
        // The origin got the real key and not the placeholder; the client never saw the real key.
        const QByteArray received = m_origin->lastRequest();
        QVERIFY2(received.contains(QByteArray("x-api-key: " + m_realKey + "\r\n")), received.constData());
        QVERIFY(!received.contains("placeholder"));
        QVERIFY(!outcome.response.contains(m_realKey));
        QTRY_VERIFY(!decisions.isEmpty());
        const auto event = decisions.last();
        QCOMPARE(event.verdict, DecisionEvent::Verdict::Allow);
        QCOMPARE(event.method, u"GET"_s);
        QCOMPARE(event.path, u"/v1/models"_s);
    }

    void noCredentialWithoutInterception()
    {
        // Twin: the same sandbox without a CA intercepts nothing; its CONNECT is an end-to-end tunnel that a
        // client trusting only Paddock's CA refuses, and one trusting the web CA accepts.
        auto plain = inspection();
        plain->authority = nullptr;
        const quint16 port = listen(plain);
        const HttpsOutcome refused = interceptedRequest(port, requestHead("GET", "/") + "\r\n");
        QVERIFY(!refused.tlsError.isEmpty());
        const int before = m_origin->requests();
        const HttpsOutcome direct = https(port, authority(), requestHead("GET", "/direct") + "\r\n",
                                          {m_webCa->caCertificate()}, QString::fromLatin1(originHost));
        QVERIFY2(direct.tlsError.isEmpty(), qPrintable(direct.tlsError));
        QVERIFY(direct.response.endsWith("ok GET /direct"));
        QCOMPARE(m_origin->requests(), before + 1);
        QVERIFY(!m_origin->lastRequest().contains(m_realKey));
    }

    void interceptRuleWithoutCredential()
    {
        auto byRule = inspection();
        byRule->credentials.clear();
        const quint16 port = listen(byRule, {u"intercept **.origin.test"_s});
        const HttpsOutcome outcome = interceptedRequest(port, requestHead("GET", "/ruled") + "\r\n");
        QVERIFY2(outcome.tlsError.isEmpty(), qPrintable(outcome.tlsError));
        QVERIFY(outcome.response.endsWith("ok GET /ruled"));
        QVERIFY(!m_origin->lastRequest().contains("x-api-key"));
    }

    void blocksCanaryTokens_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("where");
        const QByteArray github = canary("ghp_");
        const QByteArray json = "{\"token\":\"" + github + "\"}";
        QTest::newRow("URL") << requestHead("GET", "/search?q=" + github) + "\r\n" << u"URL"_s;
        QTest::newRow("header") << requestHead("GET", "/", "X-Note: " + github + "\r\n") + "\r\n"
                                << u"header X-Note"_s;
        QTest::newRow("body") << post(json) << u"body"_s;
        QTest::newRow("gzip body") << post(gzip(json), "Content-Encoding: gzip\r\n") << u"body"_s;
        QByteArray chunked = requestHead("POST", "/upload", "Transfer-Encoding: chunked\r\n") + "\r\n";
        // The token split across two chunks.
        const QByteArray first = json.left(15), second = json.mid(15);
        chunked += QByteArray::number(first.size(), 16) + "\r\n" + first + "\r\n" +
                   QByteArray::number(second.size(), 16) + "\r\n" + second + "\r\n0\r\n\r\n";
        QTest::newRow("chunked body") << chunked << u"body"_s;
        QTest::newRow("base64 body") << post("data=" + json.toBase64()) << u"body"_s;
        QTest::newRow("the injected key, sent by the sandbox")
            << post("key=" + m_realKey.toBase64(QByteArray::Base64UrlEncoding)) << u"body"_s;
    }

    void blocksCanaryTokens()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, where);
        const quint16 port = listen(inspection());
        Test::DecisionRecorder decisions(m_proxy.get());
        const int before = m_origin->requests();
        const QByteArray received = m_origin->everythingReceived();
        const HttpsOutcome outcome = interceptedRequest(port, request);
        QVERIFY2(outcome.tlsError.isEmpty(), qPrintable(outcome.tlsError));
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 403 Forbidden\r\n"), outcome.response.constData());
        QVERIFY(outcome.response.contains(QByteArray("its " + where.toUtf8() + " contains")));
        // Nothing of the request went out: no request, not a byte.
        QCOMPARE(m_origin->requests(), before);
        QCOMPARE(m_origin->everythingReceived().size(), received.size());
        QTRY_VERIFY(!decisions.isEmpty());
        const auto event = decisions.last();
        QCOMPARE(event.verdict, DecisionEvent::Verdict::Deny);
        QVERIFY(event.rule.startsWith(u"secret:"_s));
        QVERIFY(!event.secretKind.isEmpty());
    }

    void lowEntropyPlaceholdersPass_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray placeholder = "ghp_" + QByteArray(36, 'x');
        QTest::newRow("URL") << requestHead("GET", "/search?q=" + placeholder) + "\r\n";
        QTest::newRow("body") << post("{\"token\":\"" + placeholder + "\"}");
        QTest::newRow("gzip body") << post(gzip("token=" + placeholder), "Content-Encoding: gzip\r\n");
    }

    void lowEntropyPlaceholdersPass()
    {
        QFETCH(QByteArray, request);
        const quint16 port = listen(inspection());
        const int before = m_origin->requests();
        const HttpsOutcome outcome = interceptedRequest(port, request);
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 200 OK\r\n"), outcome.response.constData());
        QCOMPARE(m_origin->requests(), before + 1);
    }

    void streamsALargeBodyButNeverSendsTheSecretInIt()
    {
        auto small = inspection();
        small->maxHeldBodyBytes = 64 * 1024;
        const quint16 port = listen(small);
        QByteArray body(300 * 1024, 'a');
        const QByteArray token = canary("ghp_");
        body.replace(250 * 1024, token.size(), token);
        const HttpsOutcome outcome = interceptedRequest(port, post(body));
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 403"), outcome.response.left(200).constData());
        QVERIFY(!m_origin->everythingReceived().contains(token.left(8)));
        // Twin: the same large body without the token goes through whole.
        const HttpsOutcome clean = interceptedRequest(listen(small), post(QByteArray(300 * 1024, 'a')));
        QVERIFY2(clean.response.endsWith("ok POST /upload"), clean.response.left(200).constData());
    }

    void refusesAnotherHostInsideTheTunnel()
    {
        const quint16 port = listen(inspection(), {u"allow other.origin.test"_s});
        const int before = m_origin->requests();
        const QByteArray request =
            "GET / HTTP/1.1\r\nHost: other.origin.test:" + QByteArray::number(m_originPort) +
            "\r\nConnection: close\r\n\r\n";
        const HttpsOutcome outcome = interceptedRequest(port, request);
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 403"), outcome.response.constData());
        QVERIFY(outcome.response.contains("host-mismatch"));
        QCOMPARE(m_origin->requests(), before);
    }

    void refusesAnSniThatIsNotTheConnectHost()
    {
        const quint16 port = listen(inspection(), {u"allow other.origin.test"_s});
        Test::DecisionRecorder decisions(m_proxy.get());
        const HttpsOutcome outcome = https(port, authority(), requestHead("GET", "/") + "\r\n",
                                           {m_paddockCa->caCertificate()}, u"other.origin.test"_s);
        QVERIFY(!outcome.tlsError.isEmpty());
        QTRY_VERIFY(!decisions.isEmpty());
        QCOMPARE(decisions.last().rule, u"sni-mismatch"_s);
    }

    void refusesAnUpstreamItCannotVerifyAndSendsNoCredential()
    {
        auto distrusting = inspection();
        distrusting->upstreamTrust = {m_otherCa->caCertificate()};
        const quint16 port = listen(distrusting);
        const int before = m_origin->requests();
        const qsizetype received = m_origin->everythingReceived().size();
        const HttpsOutcome outcome = interceptedRequest(port, requestHead("GET", "/") + "\r\n");
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 502"), outcome.response.constData());
        QVERIFY(outcome.response.contains("certificate"));
        QCOMPARE(m_origin->requests(), before);
        QCOMPARE(m_origin->everythingReceived().size(), received); // not a byte of the request
    }

    void scansPlainHttpToo()
    {
        // No origin is needed: a blocked request never leaves, and the allowed twin fails only at the dial.
        const quint16 port = listen(inspection(), {u"allow plain.test"_s});
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET http://plain.test/?key=" + canary("ghp_") +
                     " HTTP/1.1\r\nHost: plain.test\r\nConnection: close\r\n\r\n");
        QByteArray response;
        while (socket.waitForReadyRead(3000))
            response += socket.readAll();
        QVERIFY2(response.startsWith("HTTP/1.1 403"), response.constData());
        QVERIFY(response.contains("X-Paddock-Decision: deny; rule=\"secret:github-pat\""));
        QVERIFY(!response.contains("ghp_"));
    }

    void failsClosedWithoutAScanner()
    {
        auto blind = inspection();
        blind->scanner = nullptr;
        const quint16 port = listen(blind);
        const int before = m_origin->requests();
        const HttpsOutcome outcome = interceptedRequest(port, requestHead("GET", "/") + "\r\n");
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 403"), outcome.response.constData());
        QCOMPARE(m_origin->requests(), before);
    }

    void failsClosedOnABodyItCannotDecode()
    {
        // A corrupt gzip body cannot be scanned, so it is not sent; its clean twin is.
        const quint16 port = listen(inspection());
        const int before = m_origin->requests();
        QByteArray corrupt = gzip("{\"a\":1}");
        corrupt[12] = char(corrupt[12] ^ 0x5a);
        corrupt.chop(4);
        const HttpsOutcome outcome = interceptedRequest(port, post(corrupt, "Content-Encoding: gzip\r\n"));
        QVERIFY2(outcome.response.startsWith("HTTP/1.1 403"), outcome.response.constData());
        QVERIFY(outcome.response.contains("could not be decompressed"));
        QCOMPARE(m_origin->requests(), before);
        const HttpsOutcome clean =
            interceptedRequest(listen(inspection()), post(gzip("{\"a\":1}"), "Content-Encoding: gzip\r\n"));
        QVERIFY2(clean.response.endsWith("ok POST /upload"), clean.response.constData());
    }

    void reportsAClientThatDistrustsTheCa()
    {
        const quint16 port = listen(inspection());
        Test::DecisionRecorder decisions(m_proxy.get());
        const HttpsOutcome outcome = https(port, authority(), requestHead("GET", "/") + "\r\n",
                                           {m_otherCa->caCertificate()}, QString::fromLatin1(originHost));
        QVERIFY(!outcome.tlsError.isEmpty());
        QTRY_VERIFY(!decisions.isEmpty());
        const auto event = decisions.last();
        QCOMPARE(event.rule, u"tls-interception"_s);
        QVERIFY(event.reason.contains(u"trust Paddock's CA"_s));
    }
};

QTEST_GUILESS_MAIN(TestInterception)
#include "tst_interception.moc"
