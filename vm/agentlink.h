#pragma once

#include "vm/guest/agentprotocol.h"
#include "vm/guest/sessionprotocol.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <map>

class QLocalSocket;

namespace Paddock::Vm {

// The host's end of the agent protocol (vm/guest/agentprotocol.h) with a sandbox's paddock-guest: opens
// sessions on it, and carries the guest forwarder's connections to the sandbox's proxy socket, which is
// thereby the guest's only way out. Everything the guest sends is untrusted: a broken frame ends the link,
// frames for unknown channels are dropped, a channel that oversteps its credit is closed.
class AgentLink : public QObject
{
    Q_OBJECT

public:
    // What a session reports; output must be acknowledged (acknowledge()) once written on.
    struct SessionEvents
    {
        std::function<void(qint64 pid)> started;
        std::function<void(const QByteArray &bytes, bool errorStream)> output;
        std::function<void(int exitCode)> exited;
        std::function<void(const QString &reason)> failed; // the channel is gone after either
    };

    explicit AgentLink(QString proxySocket, QObject *parent = nullptr);
    ~AgentLink() override;

    // Takes the connected socket (QEMU's end of the port, or a socketpair's into bwrap) and greets the guest.
    void attach(QLocalSocket *socket);
    bool isReady() const { return m_ready; }

    // A new session; its events come through events until exited or failed.
    quint32 openSession(const Guest::SessionRequest &request, quint16 rows, quint16 cols,
                        SessionEvents events);
    // How many bytes write() takes now on the channel (its credit left).
    qint64 writeRoom(quint32 channel) const;
    // Sends input, at most writeRoom() bytes; writable(channel) tells when there is room again.
    void write(quint32 channel, const QByteArray &bytes);
    void endInput(quint32 channel);
    void acknowledge(quint32 channel, qint64 bytes);
    void resize(quint32 channel, quint16 rows, quint16 cols);
    void sendSignal(quint32 channel, int signal);
    void close(quint32 channel); // hangs a session up
    // Ends every process in the guest, which then powers off; shutDown() tells when it has.
    void shutdown();

Q_SIGNALS:
    void ready();                       // the guest's self-test passed: sessions may start
    void failed(const QString &reason); // the self-test failed or the link broke: no sessions
    void writable(quint32 channel);
    void portChanged(int port, bool listening);
    void shutDown();

private:
    struct ProxyConnection;
    void onReadable();
    void handle(const Guest::Agent::Frame &frame);
    void send(Guest::Agent::FrameType type, quint32 channel, const std::string &payload = {});
    void openProxyConnection(quint32 channel);
    void pumpProxy(quint32 channel);
    void dropProxyConnection(quint32 channel, bool tellGuest);
    void breakLink(const QString &reason);

    QString m_proxySocket;
    QLocalSocket *m_socket = nullptr;
    Guest::Agent::FrameDecoder m_decoder;
    bool m_greeted = false;
    bool m_ready = false;
    quint32 m_nextChannel = 1;
    std::map<quint32, SessionEvents> m_sessions;
    std::map<quint32, qint64> m_unacknowledged;       // input sent to a session, not yet credited
    std::map<quint32, qint64> m_outputUnacknowledged; // a session's output received, not yet written on
    std::map<quint32, std::unique_ptr<ProxyConnection>> m_proxyConnections;
};

} // namespace Paddock::Vm
