#pragma once

#include "core/hostcanonicalizer.h"
#include "proxy/bodydecoder.h"
#include "proxy/clienthelloreader.h"
#include "proxy/decisionevent.h"
#include "proxy/descriptortunnel.h"
#include "proxy/httprequestparser.h"
#include "proxy/httpresponsehead.h"
#include "proxy/proxyconfig.h"
#include "proxy/responsebodyframer.h"
#include "proxy/secretscanner.h"

#include <QElapsedTimer>
#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <optional>

namespace Paddock::Proxy {

// One client connection of a sandbox: parses its requests, decides each by policy, resolves once, vets the
// addresses, dials only a vetted one, then forwards HTTP or relays a CONNECT tunnel. Lives in a worker
// thread. Pipeline: parse → canonicalise → policy → resolve → vet → dial → (ClientHello check) → relay → log.
// After a complete response the upstream connection is kept for the client's next request to the same
// authority: that request is still decided by policy and its address vetted again, only the dial is saved.
// A CONNECT to a host the sandbox's Inspection intercepts is answered by Paddock's own TLS with a leaf for
// that host; the requests inside are then parsed like plain HTTP (origin-form, Host must be the CONNECT
// host), scanned, given their credential, and sent over a new TLS connection whose certificate is verified.
class ProxyConnection : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of client (a QTcpSocket or QLocalSocket, already connected).
    ProxyConnection(std::shared_ptr<ListenerContext> context, QIODevice *client, QObject *parent = nullptr);
    ~ProxyConnection() override;

    const ListenerContext *context() const { return m_context.get(); }
    // Ends the connection at once, without flushing: its sandbox was removed.
    void terminate();

Q_SIGNALS:
    void finished();

private:
    enum class State {
        ReadingHead,         // waiting for (the rest of) a request head
        Dialling,            // resolving and connecting upstream
        Forwarding,          // HTTP request body and response flowing
        CheckingClientHello, // CONNECT accepted, waiting for the first TLS record
        Tunnel,              // raw relay
        Closing,
    };

    void onClientReadable();
    void onUpstreamReadable();
    void onClientWritten();
    void onUpstreamWritten();
    void processParser();
    void handleHead();
    void deny(const QString &rule, const QString &reason, int status = 403);
    void rejectMalformed(int status, const QByteArray &reason);
    void failClosed(const QString &reason, int status = 502);
    void startUpstream();
    bool reuseIdleUpstream();
    void onResolved(const Core::CanonicalAuthority &authority, const QList<QHostAddress> &addresses,
                    const QString &error);
    struct Refusal
    {
        QString rule;
        QString reason;
    };
    std::optional<Refusal> vetAddress(const QHostAddress &address, quint16 port) const;
    Core::PolicyRequest policyRequest() const; // the request being decided, as the policy sees it
    void dial(const QHostAddress &address, quint16 port);
    void onUpstreamConnected();
    void beginForwarding();
    void relayResponseBody();
    void forwardResponseBytes(const QByteArray &bytes);
    void dropUpstream();
    void onUpstreamClosed();
    void onClientEof();
    void acceptConnect();    // answers 200 to a CONNECT
    void awaitClientHello(); // the tunnel's first bytes must be a ClientHello naming the CONNECT host
    void checkClientHello();
    void startTunnel();
    void startInterception();
    void watchClient();
    bool scanHead();
    bool scanBody(const QByteArray &data, bool last);
    void sendBody(const QByteArray &data);
    void releaseHeldBody(qsizetype keep);
    // False after denying the request: a secret was found, or the scan failed.
    bool passesScan(const Core::Result<QList<SecretHit>> &hits);
    void handOverTunnel();
    void abortClient();
    void finishRequest();
    void emitDecision(DecisionEvent::Verdict verdict, const QString &rule, const QString &reason);
    void writeClient(const QByteArray &bytes);
    void relay(QIODevice *from, QIODevice *to, qint64 &counter);
    void close();
    void touch();
    void onIdleTimer();

    std::shared_ptr<ListenerContext> m_context;
    QIODevice *m_client; // the socket, or the InterceptedClient over it
    QIODevice *m_rawClient;
    QPointer<QTcpSocket> m_upstream;
    HttpRequestParser m_parser;
    State m_state = State::ReadingHead;
    QTimer m_headerTimer;
    QTimer m_idleTimer;
    QElapsedTimer m_lastActivity;
    QTimer m_connectTimer;

    // The request in flight.
    HttpRequestHead m_head;
    Core::CanonicalAuthority m_authority;
    QString m_rule;
    QString m_reason;
    bool m_requestComplete = false;
    bool m_rawTunnelAllowed = false;
    bool m_interceptTunnel = false; // the CONNECT being handled is to be intercepted
    QString m_secretKind; // what a scanner deny found ("a GitHub personal access token"), for the log
    std::shared_ptr<const Inspection> m_inspection;

    // Interception: TLS is terminated here, requests are origin-form and go out over verified TLS.
    bool m_intercepting = false;
    Core::CanonicalAuthority m_tunnelAuthority; // the CONNECT they all came through
    QStringList m_upstreamTlsErrors;

    // The request body is scanned before it goes upstream: held whole up to a bound, then with a tail.
    std::optional<SecretScanner::Stream> m_bodyScan;
    std::optional<BodyDecoder> m_bodyDecoder;
    bool m_holdingHead = false; // the head waits for the body's scan
    QByteArray m_heldHead;
    QByteArray m_heldBody; // de-chunked, scanned, not yet sent
    QByteArray m_responseHeadBuffer;
    bool m_responseHeadDone = false;
    bool m_keepAliveAfterResponse = false;
    std::optional<ResponseBodyFramer> m_framer; // where the response body ends, once its head is read

    // The upstream connection and whether it may carry the next request.
    Core::CanonicalAuthority m_upstreamAuthority;
    QHostAddress m_upstreamAddress;
    bool m_upstreamReusable = false; // the upstream and the client both keep alive, framing is exact
    bool m_upstreamIdle = false;     // between requests, waiting for the next one
    bool m_upstreamReused = false;   // the request in flight went over a kept connection
    QPointer<DescriptorTunnel> m_descriptorTunnel; // the tunnel's relay once Qt's buffers are empty
    QByteArray m_tunnelPrefix;                     // client bytes that arrived before the tunnel was open
    qint64 m_bytesUp = 0;
    qint64 m_bytesDown = 0;
};

} // namespace Paddock::Proxy
