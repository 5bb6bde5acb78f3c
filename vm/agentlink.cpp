#include "vm/agentlink.h"

#include <QLocalSocket>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Guest::Agent;

namespace Paddock::Vm {

namespace {

// At its exit a session's last output is sent whatever its credit (what its pipes or PTY still hold).
constexpr qint64 exitDrainAllowance = 256 * 1024;

} // namespace

// One connection the guest's forwarder accepted, carried to the proxy socket.
struct AgentLink::ProxyConnection
{
    QLocalSocket socket;
    qint64 unacknowledged = 0; // sent to the guest, not yet credited
    bool guestEnded = false;
    bool proxyEnded = false;
    bool sentEnd = false;
};

AgentLink::AgentLink(QString proxySocket, QObject *parent)
    : QObject(parent)
    , m_proxySocket(std::move(proxySocket))
{}

AgentLink::~AgentLink() = default;

void AgentLink::attach(QLocalSocket *socket)
{
    m_socket = socket;
    socket->setParent(this);
    socket->setReadBufferSize(0);
    connect(socket, &QLocalSocket::readyRead, this, &AgentLink::onReadable);
    connect(socket, &QLocalSocket::disconnected, this,
            [this] { breakLink(tr("The sandbox's agent link closed.")); });
    send(FrameType::Hello, 0, helloPayload()); // the host speaks first: the guest may have booted before
    onReadable();
}

void AgentLink::send(FrameType type, quint32 channel, const std::string &payload)
{
    if (m_socket)
        m_socket->write(QByteArray::fromStdString(encodeFrame(type, channel, payload)));
}

void AgentLink::breakLink(const QString &reason)
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    m_ready = false;
    auto sessions = std::move(m_sessions);
    m_proxyConnections.clear();
    for (auto &[channel, events] : sessions)
        if (events.failed)
            events.failed(reason);
    Q_EMIT failed(reason);
}

void AgentLink::onReadable()
{
    while (m_socket && m_socket->bytesAvailable() > 0) {
        const QByteArray bytes = m_socket->read(64 * 1024);
        m_decoder.feed(bytes.constData(), std::size_t(bytes.size()));
        while (auto frame = m_decoder.next()) {
            handle(*frame);
            if (!m_socket)
                return;
        }
        if (m_decoder.failed())
            return breakLink(tr("The sandbox's agent broke the protocol: %1")
                                 .arg(QString::fromStdString(m_decoder.error())));
    }
}

quint32 AgentLink::openSession(const Guest::SessionRequest &request, quint16 rows, quint16 cols,
                               SessionEvents events)
{
    const quint32 channel = m_nextChannel++;
    if (!m_ready) {
        if (events.failed)
            events.failed(tr("The sandbox's agent is not ready."));
        return channel;
    }
    std::string payload = Guest::encodeRequest(request).substr(Guest::requestHeaderBytes);
    m_sessions.emplace(channel, std::move(events));
    send(FrameType::Open, channel, encodeSize(rows, cols) + payload);
    return channel;
}

qint64 AgentLink::writeRoom(quint32 channel) const
{
    if (!m_sessions.contains(channel))
        return 0;
    const auto sent = m_unacknowledged.find(channel);
    return qint64(creditWindow) - (sent == m_unacknowledged.end() ? 0 : sent->second);
}

void AgentLink::write(quint32 channel, const QByteArray &bytes)
{
    for (qsizetype done = 0; done < bytes.size(); done += maxDataChunk) {
        const QByteArray chunk = bytes.mid(done, maxDataChunk);
        m_unacknowledged[channel] += chunk.size();
        send(FrameType::Data, channel, chunk.toStdString());
    }
}

void AgentLink::endInput(quint32 channel)
{
    send(FrameType::EndOfData, channel);
}

void AgentLink::acknowledge(quint32 channel, qint64 bytes)
{
    if (bytes <= 0)
        return;
    if (const auto received = m_outputUnacknowledged.find(channel); received != m_outputUnacknowledged.end())
        received->second -= std::min(bytes, received->second);
    send(FrameType::Credit, channel, encodeCount(quint32(bytes)));
}

void AgentLink::resize(quint32 channel, quint16 rows, quint16 cols)
{
    send(FrameType::Resize, channel, encodeSize(rows, cols));
}

void AgentLink::sendSignal(quint32 channel, int signal)
{
    if (signal > 0 && signal < 256)
        send(FrameType::Signal, channel, std::string(1, char(signal)));
}

void AgentLink::close(quint32 channel)
{
    if (m_sessions.erase(channel) > 0)
        send(FrameType::Close, channel);
    m_unacknowledged.erase(channel);
    m_outputUnacknowledged.erase(channel);
}

void AgentLink::shutdown()
{
    send(FrameType::Shutdown, 0);
}

void AgentLink::handle(const Frame &frame)
{
    const quint32 channel = frame.channel;
    if (channel == 0) {
        switch (frame.type) {
        case FrameType::Hello:
            if (frame.payload != helloPayload())
                return breakLink(tr("The sandbox's agent speaks another protocol (%1).")
                                     .arg(QString::fromStdString(frame.payload).left(80)));
            m_greeted = true;
            return;
        case FrameType::Ready:
            if (m_greeted && !m_ready) {
                m_ready = true;
                Q_EMIT ready();
            }
            return;
        case FrameType::Failed:
            return breakLink(QString::fromStdString(frame.payload).left(2000));
        case FrameType::Listening:
            if (const auto port = decodeDecimal(frame.payload);
                port && *port != 0 && *port > -65536 && *port < 65536)
                Q_EMIT portChanged(int(std::abs(*port)), *port > 0);
            return;
        case FrameType::Exit:
            Q_EMIT shutDown();
            return;
        default:
            return;
        }
    }
    if (!m_greeted)
        return;
    if (channel & guestChannelBit) { // the forwarder's connections
        if (frame.type == FrameType::Connect) {
            if (m_proxyConnections.contains(channel))
                return dropProxyConnection(channel, true);
            return openProxyConnection(channel);
        }
        const auto found = m_proxyConnections.find(channel);
        if (found == m_proxyConnections.end())
            return;
        ProxyConnection &connection = *found->second;
        switch (frame.type) {
        case FrameType::Data:
            if (connection.guestEnded || connection.proxyEnded ||
                connection.socket.bytesToWrite() + qint64(frame.payload.size()) > qint64(creditWindow))
                return dropProxyConnection(channel, true);
            connection.socket.write(frame.payload.data(), qint64(frame.payload.size()));
            return;
        case FrameType::EndOfData:
            connection.guestEnded = true;
            connection.socket.flush();
            if (connection.socket.bytesToWrite() == 0)
                ::shutdown(int(connection.socket.socketDescriptor()), SHUT_WR);
            return;
        case FrameType::Credit:
            if (const auto count = decodeCount(frame.payload))
                connection.unacknowledged -= std::min<qint64>(*count, connection.unacknowledged);
            return pumpProxy(channel);
        case FrameType::Close:
            return dropProxyConnection(channel, false);
        default:
            return;
        }
    }
    const auto session = m_sessions.find(channel);
    if (session == m_sessions.end())
        return;
    SessionEvents &events = session->second;
    switch (frame.type) {
    case FrameType::Started:
        if (const auto pid = decodeDecimal(frame.payload); pid && *pid > 0 && events.started)
            events.started(*pid);
        return;
    case FrameType::Data:
    case FrameType::ErrorData: {
        // SECURITY: a guest that ignores its credit would grow the host's buffers without end.
        qint64 &received = m_outputUnacknowledged[channel];
        received += qint64(frame.payload.size());
        if (received > qint64(creditWindow) + exitDrainAllowance) {
            SessionEvents ended = std::move(events);
            close(channel);
            if (ended.failed)
                ended.failed(
                    tr("The sandbox's agent sent more than its credit allows; the session was ended."));
            return;
        }
        if (events.output)
            events.output(QByteArray::fromStdString(frame.payload), frame.type == FrameType::ErrorData);
        return;
    }
    case FrameType::Credit:
        if (const auto count = decodeCount(frame.payload)) {
            qint64 &sent = m_unacknowledged[channel];
            sent -= std::min<qint64>(*count, sent);
            Q_EMIT writable(channel);
        }
        return;
    case FrameType::Exit:
    case FrameType::Failed: {
        SessionEvents ended = std::move(events);
        m_sessions.erase(session);
        m_unacknowledged.erase(channel);
        m_outputUnacknowledged.erase(channel);
        const auto code = decodeDecimal(frame.payload);
        if (frame.type == FrameType::Exit && code && *code >= 0 && *code < 256) {
            if (ended.exited)
                ended.exited(int(*code));
        } else if (ended.failed) {
            ended.failed(frame.type == FrameType::Failed ? QString::fromStdString(frame.payload).left(2000)
                                                         : tr("The sandbox's agent sent a bad exit code."));
        }
        return;
    }
    default:
        return; // EndOfData: the exit follows
    }
}

void AgentLink::openProxyConnection(quint32 channel)
{
    auto connection = std::make_unique<ProxyConnection>();
    QLocalSocket &socket = connection->socket;
    socket.setReadBufferSize(creditWindow);
    connect(&socket, &QLocalSocket::connected, this, [this, channel] {
        send(FrameType::Connected, channel);
        pumpProxy(channel);
    });
    connect(&socket, &QLocalSocket::readyRead, this, [this, channel] { pumpProxy(channel); });
    connect(&socket, &QLocalSocket::bytesWritten, this, [this, channel](qint64 bytes) {
        acknowledge(channel, bytes);
        const auto found = m_proxyConnections.find(channel);
        if (found != m_proxyConnections.end() && found->second->guestEnded &&
            found->second->socket.bytesToWrite() == 0)
            ::shutdown(int(found->second->socket.socketDescriptor()), SHUT_WR);
    });
    connect(&socket, &QLocalSocket::disconnected, this, [this, channel] {
        const auto found = m_proxyConnections.find(channel);
        if (found == m_proxyConnections.end())
            return;
        found->second->proxyEnded = true;
        pumpProxy(channel);
    });
    connect(&socket, &QLocalSocket::errorOccurred, this,
            [this, channel, &socket](QLocalSocket::LocalSocketError) {
                // A connected socket's error (the proxy closing it, most often) ends in `disconnected`, which
                // sends the guest what is still buffered first; dropping it here lost up to a credit window
                // of the answer.
                if (socket.state() == QLocalSocket::ConnectedState)
                    return;
                // Later, not here: a proxy socket that is gone fails inside connectToServer(), which must not
                // have its socket deleted under it.
                QMetaObject::invokeMethod(
                    this,
                    [this, channel] {
                        const auto found = m_proxyConnections.find(channel);
                        if (found != m_proxyConnections.end() &&
                            found->second->socket.state() != QLocalSocket::ConnectedState)
                            dropProxyConnection(channel, true);
                    },
                    Qt::QueuedConnection);
            });
    m_proxyConnections.emplace(channel, std::move(connection));
    socket.connectToServer(m_proxySocket);
}

void AgentLink::pumpProxy(quint32 channel)
{
    const auto found = m_proxyConnections.find(channel);
    if (found == m_proxyConnections.end())
        return;
    ProxyConnection &connection = *found->second;
    while (connection.socket.bytesAvailable() > 0 && connection.unacknowledged < qint64(creditWindow)) {
        const QByteArray chunk = connection.socket.read(
            std::min<qint64>(maxDataChunk, qint64(creditWindow) - connection.unacknowledged));
        if (chunk.isEmpty())
            break;
        connection.unacknowledged += chunk.size();
        send(FrameType::Data, channel, chunk.toStdString());
    }
    if (connection.proxyEnded && !connection.sentEnd && connection.socket.bytesAvailable() == 0) {
        connection.sentEnd = true; // the guest closes the channel once its side has ended too
        send(FrameType::EndOfData, channel);
    }
}

void AgentLink::dropProxyConnection(quint32 channel, bool tellGuest)
{
    const auto found = m_proxyConnections.find(channel);
    if (found == m_proxyConnections.end())
        return;
    if (tellGuest)
        send(FrameType::Close, channel);
    found->second->socket.disconnect(this);
    found->second->socket.abort();
    m_proxyConnections.erase(found);
}

} // namespace Paddock::Vm
