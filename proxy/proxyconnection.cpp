#include "proxy/proxyconnection.h"

#include "proxy/interceptedclient.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"

#include <QLocalSocket>
#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {

constexpr qint64 readChunk = 256 * 1024;

QString pathWithoutQuery(const QByteArray &pathAndQuery)
{
    const qsizetype query = pathAndQuery.indexOf('?');
    return QString::fromLatin1(query < 0 ? pathAndQuery : pathAndQuery.first(query));
}

QByteArray plainResponse(int status, const QByteArray &reasonPhrase, const QByteArray &extraHeaders,
                         const QString &body)
{
    const QByteArray utf8 = body.toUtf8();
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase + "\r\n" + extraHeaders +
           "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + QByteArray::number(utf8.size()) +
           "\r\nConnection: close\r\n\r\n" + utf8;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Bad Gateway";
    }
}

} // namespace

ProxyConnection::ProxyConnection(std::shared_ptr<ListenerContext> context, QIODevice *client, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_client(client)
    , m_rawClient(client)
    , m_parser(m_context->config.limits)
{
    ++m_context->connections;
    m_client->setParent(this);
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_client))
        tcp->setReadBufferSize(256 * 1024);
    else if (auto *local = qobject_cast<QLocalSocket *>(m_client))
        local->setReadBufferSize(256 * 1024);
    watchClient();
    // SECURITY: slowloris: a client that trickles its head is cut off.
    m_headerTimer.setSingleShot(true);
    connect(&m_headerTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::ReadingHead) {
            writeClient(plainResponse(408, reasonPhrase(408), {},
                                      tr("Paddock: the request head did not arrive in time.\n")));
            close();
        } else if (m_state == State::CheckingClientHello) {
            emitDecision(DecisionEvent::Verdict::Deny, u"tls-required"_s,
                         tr("The tunnel to %1 sent no TLS ClientHello in time.").arg(m_authority.toString()));
            close();
        }
    });
    m_headerTimer.start(m_context->config.headerTimeoutMs);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &ProxyConnection::onIdleTimer);
    m_lastActivity.start();
    m_idleTimer.start(m_context->config.idleTimeoutMs);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { failClosed(tr("Connecting to %1 timed out.").arg(m_authority.toString()), 504); });
    if (m_client->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &ProxyConnection::onClientReadable, Qt::QueuedConnection);
}

void ProxyConnection::watchClient()
{
    connect(m_client, &QIODevice::readyRead, this, &ProxyConnection::onClientReadable);
    connect(m_client, &QIODevice::bytesWritten, this, &ProxyConnection::onClientWritten);
    connect(m_client, &QIODevice::readChannelFinished, this, &ProxyConnection::onClientEof);
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_client))
        connect(tcp, &QTcpSocket::disconnected, this, &ProxyConnection::close);
    else if (auto *local = qobject_cast<QLocalSocket *>(m_client))
        connect(local, &QLocalSocket::disconnected, this, &ProxyConnection::close);
    else if (auto *intercepted = qobject_cast<InterceptedClient *>(m_client))
        connect(intercepted, &InterceptedClient::disconnected, this, &ProxyConnection::close);
}

ProxyConnection::~ProxyConnection()
{
    --m_context->connections;
}

void ProxyConnection::touch()
{
    // Only a timestamp: restarting the timer on every read would cost more than the relaying itself.
    m_lastActivity.start();
}

void ProxyConnection::onIdleTimer()
{
    if (m_state == State::Closing)
        return; // the closing deadline is handled by close()
    const qint64 idle = m_descriptorTunnel
                            ? std::min(m_descriptorTunnel->msSinceActivity(), m_lastActivity.elapsed())
                            : m_lastActivity.elapsed();
    const qint64 left = m_context->config.idleTimeoutMs - idle;
    if (left > 0)
        m_idleTimer.start(int(left));
    else
        close();
}

void ProxyConnection::writeClient(const QByteArray &bytes)
{
    if (m_client->isOpen())
        m_client->write(bytes);
}

void ProxyConnection::relay(QIODevice *from, QIODevice *to, qint64 &counter)
{
    if (!from || !to)
        return;
    // Backpressure: never hold more than maxBufferedBytes for a slow reader.
    while (from->bytesAvailable() > 0 && to->bytesToWrite() < m_context->config.maxBufferedBytes) {
        const QByteArray chunk = from->read(readChunk);
        if (chunk.isEmpty())
            break;
        to->write(chunk);
        counter += chunk.size();
    }
    touch();
}

void ProxyConnection::onClientReadable()
{
    switch (m_state) {
    case State::Closing:
        m_client->readAll(); // discarded
        return;
    case State::Tunnel:
        relay(m_client, m_upstream, m_bytesUp);
        handOverTunnel();
        return;
    case State::CheckingClientHello:
        m_tunnelPrefix += m_client->read(ClientHelloReader::maxBytes - m_tunnelPrefix.size() + 1);
        checkClientHello();
        return;
    case State::ReadingHead:
        // SECURITY: slowloris: once a request starts, its head must be complete within the header timeout.
        if (!m_headerTimer.isActive() && m_client->bytesAvailable() > 0)
            m_headerTimer.start(m_context->config.headerTimeoutMs);
        break;
    case State::Dialling:
    case State::Forwarding:
        break;
    }
    touch();
    while (m_client->bytesAvailable() > 0 && m_parser.bufferedBytes() < m_context->config.maxBufferedBytes) {
        if (m_upstream && m_upstream->bytesToWrite() >= m_context->config.maxBufferedBytes)
            break;
        m_parser.feed(m_client->read(readChunk));
        processParser();
        if (m_state == State::Closing || m_state == State::Tunnel || m_state == State::CheckingClientHello)
            return;
    }
}

void ProxyConnection::processParser()
{
    while (m_state == State::ReadingHead || (m_state == State::Forwarding && !m_requestComplete)) {
        if (m_upstream && m_upstream->bytesToWrite() >= m_context->config.maxBufferedBytes)
            return;
        switch (m_parser.next()) {
        case HttpRequestParser::Event::NeedMore:
            return;
        case HttpRequestParser::Event::Error:
            rejectMalformed(m_parser.errorStatus(), m_parser.errorReason());
            return;
        case HttpRequestParser::Event::Head:
            m_head = m_parser.head();
            handleHead();
            break;
        case HttpRequestParser::Event::BodyData: {
            const QByteArray data = m_parser.takeBodyData();
            m_bytesUp += data.size();
            if (!m_bodyScan) {
                sendBody(data);
                break;
            }
            // SECURITY: scanned before any of it goes upstream.
            if (!scanBody(data, false))
                return;
            m_heldBody += data;
            if (!m_holdingHead || m_heldBody.size() > m_inspection->maxHeldBodyBytes) {
                if (m_bodyDecoder) { // a compressed body is only scanned whole: its bytes do not map back
                    m_secretKind.clear();
                    deny(u"secret-scan"_s, tr("The compressed request body is larger than the %1 MiB Paddock "
                                              "scans at once.")
                                               .arg(m_inspection->maxHeldBodyBytes >> 20));
                    return;
                }
                // Whatever a later chunk completes started in the last overlap() bytes: those stay held.
                releaseHeldBody(m_inspection->scanner->overlap());
            }
            break;
        }
        case HttpRequestParser::Event::MessageComplete:
            if (m_bodyScan) {
                if (!scanBody({}, true))
                    return;
                releaseHeldBody(0);
                m_bodyScan.reset();
                m_bodyDecoder.reset();
            }
            if (m_head.chunked)
                m_upstream->write("0\r\n\r\n");
            m_requestComplete = true;
            return;
        }
    }
}

void ProxyConnection::handleHead()
{
    m_headerTimer.stop();
    m_rule.clear();
    m_reason.clear();
    m_bytesUp = 0;
    m_bytesDown = 0;
    m_requestComplete = false;
    m_secretKind.clear();
    m_interceptTunnel = false;
    m_bodyScan.reset();
    m_bodyDecoder.reset();
    m_holdingHead = false;
    m_heldHead.clear();
    m_heldBody.clear();
    m_inspection = m_context->inspection();
    auto authority = Core::HostCanonicalizer::canonicalizeAuthority(QString::fromLatin1(m_head.authority));
    if (!authority) {
        m_authority = {};
        m_authority.host.host = QString::fromLatin1(m_head.authority.left(255));
        deny(u"invalid-host"_s, authority.error().message, 400);
        return;
    }
    m_authority = *authority;
    if (!m_authority.port)
        m_authority.port = m_intercepting ? *m_tunnelAuthority.port : quint16(80); // the scheme's default
    // SECURITY: inside an intercepted tunnel every request goes to the CONNECT host, which the SNI named too:
    // no reaching another host through a connection approved for this one.
    if (m_intercepting &&
        !(m_authority.host == m_tunnelAuthority.host && m_authority.port == m_tunnelAuthority.port)) {
        deny(u"host-mismatch"_s, tr("The request inside the tunnel to %1 is addressed to %2.")
                                     .arg(m_tunnelAuthority.toString(), m_authority.toString()));
        return;
    }
    if (!m_head.isConnect && m_authority.host.host == ProxyConfig::selfTestHost) {
        // The sandbox's start-up self-test: answered here, it never leaves the host (.invalid never
        // resolves).
        writeClient(plainResponse(200, "OK", {}, u"paddock: the proxy is reachable\n"_s));
        close();
        return;
    }

    const auto policy = m_context->policy();
    if (!policy) {
        // SECURITY: fail closed: without a policy nothing passes, unless the user turned fail-open on.
        if (!m_context->failOpen()) {
            deny(u"no-policy"_s, tr("The sandbox's policy could not be loaded, so every request is denied."));
            return;
        }
        m_rule = u"fail-open"_s;
        m_rawTunnelAllowed = !m_context->config.tlsOnlyPorts.contains(*m_authority.port);
        m_reason =
            tr("The policy could not be loaded; passed through because fail-open is on for this sandbox.");
    } else {
        // A tunnel is decided as method CONNECT with no path: method rules other than CONNECT and path rules
        // cannot see inside it, so they do not apply; `allow CONNECT host:port` does.
        const Core::PolicyDecision decision = policy->decide(policyRequest());
        if (!decision.allowed) {
            deny(decision.ruleText(), decision.reason);
            return;
        }
        m_rule = decision.ruleText();
        m_reason = decision.reason;
        // SECURITY: on TLS ports a tunnel must carry TLS to the CONNECT host, unless a rule names CONNECT
        // explicitly (raw TCP such as SSH over 443 is then the user's choice).
        m_rawTunnelAllowed = !m_context->config.tlsOnlyPorts.contains(*m_authority.port) ||
                             decision.winner->rule.rule.methods().contains(u"CONNECT"_s);
    }
    if (m_head.isConnect && m_inspection->intercepts(m_authority.host, *m_authority.port, policy.get())) {
        // Interception: Paddock answers the TLS itself; each request inside is decided, vetted and dialled on
        // its own, so nothing is dialled for the CONNECT.
        dropUpstream();
        m_interceptTunnel = true;
        acceptConnect();
        awaitClientHello();
        return;
    }
    if (!m_head.isConnect && !scanHead())
        return;
    if (!m_head.isConnect && m_head.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        writeClient("HTTP/1.1 100 Continue\r\n\r\n");

    m_state = State::Dialling;
    if (!m_head.isConnect && reuseIdleUpstream())
        return;
    dropUpstream();
    startUpstream();
}

bool ProxyConnection::reuseIdleUpstream()
{
    if (!m_upstream || !m_upstreamIdle || m_upstream->state() != QAbstractSocket::ConnectedState ||
        m_upstream->bytesAvailable() > 0 || !(m_upstreamAuthority.host == m_authority.host) ||
        m_upstreamAuthority.port != m_authority.port)
        return false;
    // SECURITY: the address was vetted for an earlier request; the policy may have changed since.
    if (const auto refusal = vetAddress(m_upstreamAddress, *m_authority.port)) {
        deny(refusal->rule, refusal->reason);
        return true;
    }
    m_upstreamIdle = false;
    m_upstreamReused = true;
    beginForwarding(); // the caller's parser loop goes on with the request body
    return true;
}

void ProxyConnection::startUpstream()
{
    m_state = State::Dialling;
    m_upstreamReused = false;
    // SECURITY: policy first, then one resolution whose vetted answer is the only thing ever dialled (no
    // rebinding).
    if (m_authority.host.isIpLiteral()) {
        onResolved(m_authority, {m_authority.host.address}, {});
        return;
    }
    const Core::CanonicalAuthority authorityCopy = m_authority;
    m_context->resolver->resolve(m_authority.host.host, this,
                                 [this, authorityCopy](const ResolveResult &result) {
                                     if (m_state == State::Dialling)
                                         onResolved(authorityCopy, result.addresses, result.error);
                                 });
}

void ProxyConnection::onResolved(const Core::CanonicalAuthority &authority,
                                 const QList<QHostAddress> &addresses, const QString &error)
{
    if (addresses.isEmpty()) {
        // SECURITY: a resolver failure denies (fail closed).
        failClosed(tr("%1 could not be resolved: %2.")
                       .arg(authority.host.host, error.isEmpty() ? tr("it has no address") : error));
        return;
    }
    const quint16 port = *authority.port;
    for (const QHostAddress &address : addresses) {
        if (const auto refusal = vetAddress(address, port)) {
            deny(refusal->rule, refusal->reason);
            return;
        }
    }
    dial(addresses.first(), port);
}

Core::PolicyRequest ProxyConnection::policyRequest() const
{
    // A tunnel is decided as method CONNECT with no path: method rules other than CONNECT and path rules
    // cannot see inside it, so they do not apply; `allow CONNECT host:port` does.
    return {m_head.isConnect ? u"CONNECT"_s : QString::fromLatin1(m_head.method), m_authority.host,
            *m_authority.port, m_head.isConnect ? QString() : pathWithoutQuery(m_head.pathAndQuery), true};
}

std::optional<ProxyConnection::Refusal> ProxyConnection::vetAddress(const QHostAddress &address,
                                                                    quint16 port) const
{
    const auto policy = m_context->policy();
    Core::PolicyRequest request = policyRequest();
    request.port = port;
    // SECURITY: an address rule with a method or path applies to those requests only, as a host rule does.
    const AddressVetter::Verdict verdict =
        m_context->vetter->vet(address, port, [&policy, &request](const QHostAddress &a, quint16 p) {
            Core::PolicyRequest probe = request;
            probe.port = p;
            return policy && policy->cidrExplicitlyAllows(a, probe);
        });
    if (!verdict.allowed)
        return Refusal{u"address-vetting"_s, verdict.reason};
    if (!policy)
        return std::nullopt;
    const QHostAddress embedded = AddressVetter::embeddedIPv4(address);
    if (const auto cidr = policy->cidrMatch(embedded.isNull() ? address : embedded, request);
        cidr && !cidr->rule.rule.isAllow())
        return Refusal{cidr->rule.rule.toString(),
                       tr("%1 resolves to %2, which the rule \"%3\" denies.")
                           .arg(m_authority.host.host, address.toString(), cidr->rule.rule.toString())};
    return std::nullopt;
}

void ProxyConnection::dial(const QHostAddress &address, quint16 port)
{
    QSslSocket *tls = nullptr;
    if (m_intercepting) {
        tls = new QSslSocket(this);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        // SECURITY: the upstream's certificate must chain to the system's trust (or the configured one) and
        // name the host: interception never weakens what the sandbox's own TLS would have checked.
        if (!m_inspection->upstreamTrust.isEmpty())
            configuration.setCaCertificates(m_inspection->upstreamTrust);
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        configuration.setProtocol(QSsl::SecureProtocols);
        configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
        tls->setSslConfiguration(configuration);
        m_upstreamTlsErrors.clear();
        connect(tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &error : errors)
                m_upstreamTlsErrors.append(error.errorString());
        });
        connect(tls, &QSslSocket::encrypted, this, &ProxyConnection::onUpstreamConnected);
        m_upstream = tls;
    } else {
        m_upstream = new QTcpSocket(this);
        connect(m_upstream, &QTcpSocket::connected, this, &ProxyConnection::onUpstreamConnected);
    }
    m_upstream->setReadBufferSize(256 * 1024);
    connect(m_upstream, &QTcpSocket::readyRead, this, &ProxyConnection::onUpstreamReadable);
    connect(m_upstream, &QTcpSocket::bytesWritten, this, &ProxyConnection::onUpstreamWritten);
    connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::onUpstreamClosed);
    connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (m_state == State::Dialling && !m_upstreamTlsErrors.isEmpty())
            failClosed(tr("The certificate of %1 was refused: %2.")
                           .arg(m_authority.toString(), m_upstreamTlsErrors.join(u"; "_s)));
        else if (m_state == State::Dialling)
            failClosed(
                tr("Connecting to %1 failed: %2.").arg(m_authority.toString(), m_upstream->errorString()));
        else if (error != QAbstractSocket::RemoteHostClosedError)
            onUpstreamClosed();
    });
    m_connectTimer.start(m_context->config.connectTimeoutMs);
    if (tls) // the vetted address is dialled; the host is the SNI and the name verified
        tls->connectToHostEncrypted(address.toString(), port, m_authority.host.host);
    else
        m_upstream->connectToHost(address, port);
}

void ProxyConnection::onUpstreamConnected()
{
    m_connectTimer.stop();
    m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_head.isConnect) {
        acceptConnect();
        if (m_rawTunnelAllowed)
            startTunnel();
        else
            awaitClientHello();
        return;
    }
    m_upstreamAuthority = m_authority;
    m_upstreamAddress = m_upstream->peerAddress();
    beginForwarding();
    processParser();
    onClientReadable();
}

void ProxyConnection::beginForwarding()
{
    m_state = State::Forwarding;
    m_responseHeadBuffer.clear();
    m_responseHeadDone = false;
    m_framer.reset();
    m_upstreamReusable = false;
    // SECURITY: the credential is added only here: after the head's clean scan, only over verified TLS to the
    // host it is bound to. Asking the upstream to keep alive only pays when the client sends another request.
    const QByteArray head = m_head.serializeForUpstream(
        m_head.keepAlive,
        m_intercepting ? m_inspection->credentialHeaders(m_authority.host) : QList<HttpHeader>());
    const bool hasBody = m_head.chunked || m_head.contentLength.value_or(0) > 0;
    if (hasBody && m_inspection->scanner) {
        // The body is scanned before any of the request goes out (the credential included).
        m_bodyScan.emplace(m_inspection->scanner->stream(tr("body")));
        if (const auto format = BodyDecoder::formatFor(m_head.header("content-encoding")))
            m_bodyDecoder.emplace(*format);
        m_holdingHead = true;
        m_heldHead = head;
        return;
    }
    m_upstream->write(head);
}

bool ProxyConnection::scanHead()
{
    const std::shared_ptr<const SecretScanner> &scanner = m_inspection->scanner;
    if (!scanner) {
        // SECURITY: scanner errors deny.
        deny(u"secret-scan"_s, tr("Paddock's secret scanner is not available, so requests whose content it "
                                  "could read are blocked."));
        return false;
    }
    // One pass over the URL and every header value, one per line (no rule matches across a line break); only
    // on a hit is the piece that holds it scanned again, to say where it was.
    QByteArray head = m_head.pathAndQuery + '\n';
    QList<qsizetype> ends{head.size()};
    for (const HttpHeader &header : m_head.headers) {
        head += header.value + '\n';
        ends.append(head.size());
    }
    const auto whole = scanner->scan(head, tr("request head"));
    if (!whole || whole->isEmpty())
        return passesScan(whole);
    const qsizetype piece =
        std::upper_bound(ends.cbegin(), ends.cend(), whole->first().offset) - ends.cbegin();
    if (piece == 0)
        return passesScan(scanner->scan(m_head.pathAndQuery, tr("URL")));
    if (piece <= m_head.headers.size()) {
        const HttpHeader &header = m_head.headers.at(piece - 1);
        //: %1 is a header name such as Authorization.
        const auto located =
            scanner->scan(header.value, tr("header %1").arg(QString::fromLatin1(header.name.left(64))));
        if (located && !located->isEmpty())
            return passesScan(located);
    }
    return passesScan(whole); // SECURITY: a hit is a hit, even when its piece alone does not show it
}

bool ProxyConnection::scanBody(const QByteArray &data, bool last)
{
    QByteArray decoded;
    if (m_bodyDecoder) {
        auto result = m_bodyDecoder->decode(data);
        Core::Result<> finished;
        if (result && last)
            finished = m_bodyDecoder->finish();
        if (!result || !finished) {
            // SECURITY: what cannot be decoded cannot be scanned: denied.
            deny(u"secret-scan"_s, tr("The request body could not be decompressed for scanning: %1")
                                       .arg(result ? finished.error().message : result.error().message));
            return false;
        }
        decoded = std::move(*result);
    }
    return passesScan(m_bodyScan->feed(m_bodyDecoder ? QByteArrayView(decoded) : QByteArrayView(data)));
}

void ProxyConnection::sendBody(const QByteArray &data)
{
    if (data.isEmpty())
        return;
    // The body is re-framed by us, never passed through raw: the upstream sees exactly what we parsed.
    if (m_head.chunked)
        m_upstream->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    else
        m_upstream->write(data);
}

void ProxyConnection::releaseHeldBody(qsizetype keep)
{
    if (m_holdingHead) {
        m_holdingHead = false;
        m_upstream->write(std::exchange(m_heldHead, {}));
    }
    if (m_heldBody.size() <= keep)
        return;
    sendBody(m_heldBody.first(m_heldBody.size() - keep));
    m_heldBody.remove(0, m_heldBody.size() - keep);
}

bool ProxyConnection::passesScan(const Core::Result<QList<SecretHit>> &hits)
{
    if (!hits) {
        // SECURITY: a scanner error denies.
        deny(u"secret-scan"_s, hits.error().message);
        return false;
    }
    if (hits->isEmpty())
        return true;
    m_secretKind = hits->first().description;
    deny(u"secret:"_s + hits->first().ruleId, hits->first().explanation());
    return false;
}

void ProxyConnection::acceptConnect()
{
    writeClient("HTTP/1.1 200 Connection Established\r\n\r\n");
    m_tunnelPrefix =
        m_parser.takeUnparsed(); // what the client sent after the CONNECT head belongs to the tunnel
}

void ProxyConnection::awaitClientHello()
{
    m_state = State::CheckingClientHello;
    m_headerTimer.start(m_context->config.clientHelloTimeoutMs);
    m_tunnelPrefix += m_client->read(ClientHelloReader::maxBytes);
    checkClientHello();
}

void ProxyConnection::checkClientHello()
{
    const ClientHelloReader::Outcome outcome = ClientHelloReader::read(m_tunnelPrefix);
    if (outcome.verdict == ClientHelloReader::Verdict::NeedMore &&
        m_tunnelPrefix.size() <= ClientHelloReader::maxBytes)
        return;
    // SECURITY: port 443 carries TLS to the approved host only: no SSH over 443, no domain fronting by SNI.
    if (outcome.verdict != ClientHelloReader::Verdict::ClientHello) {
        emitDecision(
            DecisionEvent::Verdict::Deny, u"tls-required"_s,
            tr("The tunnel to %1 did not start with a TLS ClientHello; raw TCP on port 443 needs a rule "
               "such as 'allow CONNECT %2'.")
                .arg(m_authority.toString(), m_authority.toString()));
        close();
        return;
    }
    const auto sni = Core::HostCanonicalizer::canonicalizeHost(QString::fromLatin1(outcome.serverName));
    if (outcome.serverName.isEmpty() || !sni || !(*sni == m_authority.host)) {
        emitDecision(
            DecisionEvent::Verdict::Deny, u"sni-mismatch"_s,
            outcome.serverName.isEmpty()
                ? tr("The TLS ClientHello for %1 names no server (SNI).").arg(m_authority.toString())
                : tr("The TLS ClientHello names %1, not the approved host %2.")
                      .arg(QString::fromLatin1(outcome.serverName.left(255)), m_authority.host.host));
        close();
        return;
    }
    if (m_interceptTunnel)
        startInterception();
    else
        startTunnel();
}

void ProxyConnection::startInterception()
{
    m_headerTimer.stop();
    QString error;
    std::unique_ptr<TlsServerStream> tls;
    if (auto leaf = m_inspection->authority->leafFor(m_authority.host.host); !leaf) {
        error = leaf.error().message;
    } else if (auto made = TlsServerStream::create(*leaf); !made) {
        error = made.error().message;
    } else {
        tls = std::move(*made);
    }
    if (!tls) {
        emitDecision(DecisionEvent::Verdict::Error, u"tls-interception"_s, error);
        close();
        return;
    }
    m_tunnelAuthority = m_authority;
    m_intercepting = true;
    m_client->disconnect(this);
    auto *intercepted =
        new InterceptedClient(m_rawClient, std::move(tls), std::exchange(m_tunnelPrefix, {}), this);
    connect(intercepted, &InterceptedClient::tlsFailed, this, [this, intercepted] {
        emitDecision(DecisionEvent::Verdict::Deny, u"tls-interception"_s,
                     tr("The sandbox's TLS connection to %1 failed: %2. Programs in the sandbox must trust "
                        "Paddock's CA (see docs/interception.md).")
                         .arg(m_tunnelAuthority.toString(), intercepted->tlsError()));
        close();
    });
    // Most clients that refuse the leaf just hang up mid-handshake: say so, or the user never learns why.
    connect(intercepted, &InterceptedClient::disconnected, this, [this, intercepted] {
        if (!intercepted->isEncrypted() && intercepted->tlsError().isEmpty() && m_state != State::Closing)
            emitDecision(
                DecisionEvent::Verdict::Deny, u"tls-interception"_s,
                tr("The sandbox hung up during the TLS handshake for %1. Programs in the sandbox must "
                   "trust Paddock's CA (see docs/interception.md).")
                    .arg(m_tunnelAuthority.toString()));
    });
    m_client = intercepted;
    watchClient();
    m_parser = HttpRequestParser(m_context->config.limits, HttpRequestParser::TargetForm::Origin);
    m_state = State::ReadingHead;
    // The handshake and the first request head must arrive within the header timeout, as any request's.
    m_headerTimer.start(m_context->config.headerTimeoutMs);
}

void ProxyConnection::startTunnel()
{
    m_headerTimer.stop();
    m_state = State::Tunnel;
    if (!m_tunnelPrefix.isEmpty()) {
        m_bytesUp += m_tunnelPrefix.size();
        m_upstream->write(std::exchange(m_tunnelPrefix, {}));
    }
    relay(m_client, m_upstream, m_bytesUp);
    relay(m_upstream, m_client, m_bytesDown);
    handOverTunnel();
}

void ProxyConnection::handOverTunnel()
{
#ifdef Q_OS_UNIX
    // Only once nothing is left in Qt's buffers, so that no byte is reordered or lost in the switch.
    if (m_state != State::Tunnel || !m_upstream || m_descriptorTunnel ||
        m_upstream->state() != QAbstractSocket::ConnectedState || m_client->bytesAvailable() > 0 ||
        m_client->bytesToWrite() > 0 || m_upstream->bytesAvailable() > 0 || m_upstream->bytesToWrite() > 0)
        return;
    auto *tcp = qobject_cast<QTcpSocket *>(m_client);
    auto *local = qobject_cast<QLocalSocket *>(m_client);
    const qintptr clientDescriptor = tcp ? tcp->socketDescriptor() : local ? local->socketDescriptor() : -1;
    if (clientDescriptor < 0)
        return;
    // Duplicates outlive the QIODevices, which stop watching the sockets once aborted.
    const int client = ::dup(int(clientDescriptor));
    const int upstream = client < 0 ? -1 : ::dup(int(m_upstream->socketDescriptor()));
    if (upstream < 0) {
        if (client >= 0)
            ::close(client);
        return; // out of descriptors: Qt keeps relaying
    }
    m_client->disconnect(this);
    m_upstream->disconnect(this);
    abortClient();
    m_upstream->abort();
    m_upstream->deleteLater();
    m_upstream = nullptr;
    m_descriptorTunnel = new DescriptorTunnel(client, upstream, this);
    connect(m_descriptorTunnel, &DescriptorTunnel::finished, this, &ProxyConnection::close);
#endif
}

void ProxyConnection::onUpstreamReadable()
{
    if (!m_upstream)
        return;
    if (m_state == State::Tunnel) {
        relay(m_upstream, m_client, m_bytesDown);
        handOverTunnel();
        return;
    }
    if (m_state != State::Forwarding) {
        if (m_upstreamIdle)
            dropUpstream(); // SECURITY: an idle upstream that speaks out of turn is never read from
        return;
    }
    while (!m_responseHeadDone && m_upstream->bytesAvailable() > 0) {
        m_responseHeadBuffer +=
            m_upstream->read(HttpResponseHead::maxHeadBytes + 1 - m_responseHeadBuffer.size());
        const auto head = HttpResponseHead::parse(m_responseHeadBuffer, m_head.method == "HEAD");
        if (!head)
            return;
        if (!head->isValid() || head->status() == 101) {
            failClosed(tr("%1 sent a response Paddock cannot relay.").arg(m_authority.toString()));
            return;
        }
        const QByteArray rest = m_responseHeadBuffer.mid(head->headSize());
        if (head->status() < 200) { // interim response: relay it, the final one follows
            writeClient(head->rewrite(true));
            m_responseHeadBuffer = rest;
            continue;
        }
        m_keepAliveAfterResponse =
            m_head.keepAlive && head->framing() != HttpResponseHead::Framing::UntilClose;
        m_upstreamReusable = m_keepAliveAfterResponse && head->upstreamKeepsAlive();
        m_framer.emplace(*head);
        writeClient(head->rewrite(m_keepAliveAfterResponse));
        m_responseHeadBuffer.clear();
        m_responseHeadDone = true;
        forwardResponseBytes(rest);
        if (m_state != State::Forwarding)
            return;
    }
    if (m_responseHeadDone)
        relayResponseBody();
}

void ProxyConnection::relayResponseBody()
{
    // Backpressure as in relay(); every byte passes the framer so that nothing past the body's end is
    // relayed.
    while (m_state == State::Forwarding && m_upstream && m_upstream->bytesAvailable() > 0 &&
           m_client->bytesToWrite() < m_context->config.maxBufferedBytes)
        forwardResponseBytes(m_upstream->read(readChunk));
    touch();
}

void ProxyConnection::forwardResponseBytes(const QByteArray &bytes)
{
    if (bytes.isEmpty() && !m_framer->isComplete())
        return;
    const qsizetype used = m_framer->consume(bytes);
    writeClient(used == bytes.size() ? bytes : bytes.first(used));
    m_bytesDown += used;
    if (m_framer->hasError()) {
        // The head is already with the client: all that is left is to cut the response short.
        emitDecision(
            DecisionEvent::Verdict::Error, m_rule,
            tr("%1 sent a malformed response body; the connection was closed.").arg(m_authority.toString()));
        close();
        return;
    }
    // SECURITY: bytes after the end of the response are a desync attempt or a broken server: dropped, and
    // the connection is never reused.
    if (used < bytes.size())
        m_upstreamReusable = false;
    if (m_framer->isComplete())
        finishRequest();
}

void ProxyConnection::onClientWritten()
{
    touch();
    if ((m_state == State::Tunnel || m_state == State::Forwarding) && m_upstream) {
        onUpstreamReadable();
        if (m_upstream && m_upstream->state() == QAbstractSocket::UnconnectedState &&
            m_upstream->bytesAvailable() == 0)
            onUpstreamClosed();
    }
}

void ProxyConnection::onUpstreamWritten()
{
    touch();
    if (m_state == State::Tunnel) {
        relay(m_client, m_upstream, m_bytesUp);
        handOverTunnel();
    } else if (m_state == State::Forwarding) {
        processParser();
        onClientReadable();
    }
}

void ProxyConnection::onUpstreamClosed()
{
    if (!m_upstream || m_state == State::Closing)
        return;
    if (m_state == State::Tunnel) {
        relay(m_upstream, m_client, m_bytesDown);
        if (m_upstream->bytesAvailable() > 0)
            return; // the rest follows as the client drains
        close();    // logs the tunnel
        return;
    }
    if (m_state != State::Forwarding) {
        if (m_upstreamIdle)
            dropUpstream(); // the server closed a kept connection: the next request dials again
        return;
    }
    onUpstreamReadable();
    if (m_state != State::Forwarding || !m_upstream || m_upstream->bytesAvailable() > 0)
        return;
    if (!m_responseHeadDone) {
        // A kept connection may have been closed by the server just as we reused it: dial again, once, when
        // nothing of the request is lost (no body was sent).
        if (m_upstreamReused && m_responseHeadBuffer.isEmpty() && m_requestComplete && m_bytesUp == 0) {
            dropUpstream();
            startUpstream();
            return;
        }
        failClosed(tr("%1 closed the connection without a response.").arg(m_authority.toString()));
        return;
    }
    if (m_framer && m_framer->endsAtClose()) {
        finishRequest();
        return;
    }
    emitDecision(DecisionEvent::Verdict::Error, m_rule,
                 tr("%1 closed the connection before the end of its response.").arg(m_authority.toString()));
    close();
}

void ProxyConnection::onClientEof()
{
    // The client finished sending (it may have half-closed): what it sent still goes upstream, then the
    // tunnel ends.
    if (m_state != State::Tunnel || !m_upstream)
        return;
    while (m_client->bytesAvailable() > 0) {
        const QByteArray chunk = m_client->read(readChunk);
        m_bytesUp += chunk.size();
        m_upstream->write(chunk);
    }
    emitDecision(DecisionEvent::Verdict::Allow, m_rule, m_reason);
    m_state = State::Closing;
    m_headerTimer.stop();
    m_connectTimer.stop();
    m_upstream->disconnect(this);
    m_upstream->disconnectFromHost(); // flushes what is pending, then closes
    connect(m_upstream, &QTcpSocket::disconnected, this, &ProxyConnection::finished);
    if (m_upstream->state() == QAbstractSocket::UnconnectedState)
        QMetaObject::invokeMethod(this, &ProxyConnection::finished, Qt::QueuedConnection);
    m_idleTimer.start(m_context->config.idleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, this, &ProxyConnection::finished, Qt::UniqueConnection);
}

void ProxyConnection::finishRequest()
{
    emitDecision(DecisionEvent::Verdict::Allow, m_rule, m_reason);
    if (!m_keepAliveAfterResponse || !m_requestComplete) {
        close();
        return;
    }
    const bool keepUpstream = m_upstreamReusable && m_framer && m_framer->isComplete() && m_upstream &&
                              m_upstream->state() == QAbstractSocket::ConnectedState &&
                              m_upstream->bytesAvailable() == 0;
    if (keepUpstream)
        m_upstreamIdle = true;
    else
        dropUpstream();
    m_state = State::ReadingHead;
    if (m_parser.bufferedBytes() > 0)
        m_headerTimer.start(m_context->config.headerTimeoutMs);
    // A pipelined request may already be buffered; it starts once the caller's relay loop has unwound.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_state != State::ReadingHead)
                return;
            processParser();
            if (m_state == State::ReadingHead)
                onClientReadable();
        },
        Qt::QueuedConnection);
}

void ProxyConnection::dropUpstream()
{
    m_upstreamIdle = false;
    if (!m_upstream)
        return;
    m_upstream->disconnect(this);
    m_upstream->abort();
    m_upstream->deleteLater();
    m_upstream = nullptr;
}

void ProxyConnection::deny(const QString &rule, const QString &reason, int status)
{
    emitDecision(DecisionEvent::Verdict::Deny, rule, reason);
    const QString what = m_head.isConnect
                             ? QString(u"CONNECT "_s + m_authority.toString())
                             : QString(QString::fromLatin1(m_head.method) + u" http://"_s +
                                       m_authority.toString() + pathWithoutQuery(m_head.pathAndQuery));
    QString body = tr("Paddock blocked %1\nReason: %2\nRule: %3\n").arg(what, reason, rule);
    if (status == 403 && !m_authority.host.host.isEmpty() && m_secretKind.isEmpty() &&
        !rule.startsWith(u"secret"_s))
        body += tr("To allow it: paddock policy allow --sandbox %1 '%2'\n")
                    .arg(m_context->sandbox(), m_authority.host.authorityHost() + u':' +
                                                   QString::number(m_authority.port.value_or(80)));
    // The rule text is ours (canonical), but quote-escape it anyway: header values must stay one line.
    QByteArray ruleValue = rule.toUtf8();
    ruleValue.replace('\\', "\\\\").replace('"', "\\\"");
    writeClient(plainResponse(status, reasonPhrase(status),
                              "X-Paddock-Decision: deny; rule=\"" + ruleValue + "\"\r\n", body));
    // SECURITY: after any deny the connection is closed: no second request reuses a connection we refused.
    close();
}

void ProxyConnection::rejectMalformed(int status, const QByteArray &reason)
{
    m_head = m_parser.head();
    emitDecision(DecisionEvent::Verdict::Deny, u"malformed-request"_s, QString::fromLatin1(reason));
    writeClient(plainResponse(
        status, reasonPhrase(status), "X-Paddock-Decision: deny; rule=\"malformed-request\"\r\n",
        tr("Paddock refused a malformed request: %1\n").arg(QString::fromLatin1(reason))));
    close();
}

void ProxyConnection::failClosed(const QString &reason, int status)
{
    emitDecision(DecisionEvent::Verdict::Error, m_rule.isEmpty() ? u"error"_s : m_rule, reason);
    if (!m_responseHeadDone && m_state != State::Tunnel && m_state != State::CheckingClientHello)
        writeClient(plainResponse(status, reasonPhrase(status), {}, tr("Paddock: %1\n").arg(reason)));
    close();
}

void ProxyConnection::emitDecision(DecisionEvent::Verdict verdict, const QString &rule, const QString &reason)
{
    DecisionEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.sandbox = m_context->sandbox();
    event.method = QString::fromLatin1(m_head.method.left(32));
    event.host = m_authority.host.host;
    event.port = m_authority.port.value_or(0);
    event.path = m_head.isConnect ? QString() : pathWithoutQuery(m_head.pathAndQuery).left(2048);
    event.rule = rule;
    event.reason = reason;
    event.verdict = verdict;
    event.bytesUp = m_bytesUp;
    event.bytesDown = m_bytesDown;
    event.secretKind = m_secretKind;
    event.startingUp = m_context->startingUp.load();
    if (m_context->server)
        m_context->server->publish(event);
}

void ProxyConnection::terminate()
{
    close();
    abortClient();
    Q_EMIT finished();
}

void ProxyConnection::abortClient()
{
    // QIODevice has no abort(); the two socket kinds each have one.
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_client))
        tcp->abort();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_client))
        local->abort();
    else if (auto *intercepted = qobject_cast<InterceptedClient *>(m_client))
        intercepted->abort();
}

void ProxyConnection::close()
{
    if (m_state == State::Closing)
        return;
    if (m_descriptorTunnel) {
        m_bytesUp += m_descriptorTunnel->bytesUp();
        m_bytesDown += m_descriptorTunnel->bytesDown();
        m_descriptorTunnel->deleteLater(); // closes the descriptors; close() may run in its signal
    }
    if (m_state == State::Tunnel) // however it ends (either side, idle), a tunnel is logged with its bytes
        emitDecision(DecisionEvent::Verdict::Allow, m_rule, m_reason);
    m_state = State::Closing;
    m_headerTimer.stop();
    m_connectTimer.stop();
    if (m_upstream) {
        m_upstream->disconnect(this);
        m_upstream->abort();
    }
    // Pending output (a 403 body, the end of a response) is flushed before the socket closes.
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_client)) {
        tcp->disconnectFromHost();
        if (tcp->state() == QAbstractSocket::UnconnectedState)
            QMetaObject::invokeMethod(this, &ProxyConnection::finished, Qt::QueuedConnection);
        else
            connect(tcp, &QTcpSocket::disconnected, this, &ProxyConnection::finished, Qt::UniqueConnection);
    } else if (auto *local = qobject_cast<QLocalSocket *>(m_client)) {
        local->disconnectFromServer();
        if (local->state() == QLocalSocket::UnconnectedState)
            QMetaObject::invokeMethod(this, &ProxyConnection::finished, Qt::QueuedConnection);
        else
            connect(local, &QLocalSocket::disconnected, this, &ProxyConnection::finished,
                    Qt::UniqueConnection);
    } else if (auto *intercepted = qobject_cast<InterceptedClient *>(m_client)) {
        intercepted->disconnectFromPeer(); // close_notify, then the socket closes once flushed
        if (intercepted->isDisconnected())
            QMetaObject::invokeMethod(this, &ProxyConnection::finished, Qt::QueuedConnection);
        else
            connect(intercepted, &InterceptedClient::disconnected, this, &ProxyConnection::finished,
                    Qt::UniqueConnection);
    }
    m_idleTimer.start(10'000); // a client that never reads its last bytes is dropped anyway
    connect(&m_idleTimer, &QTimer::timeout, this, &ProxyConnection::finished, Qt::UniqueConnection);
}

} // namespace Paddock::Proxy
