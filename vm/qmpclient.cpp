#include "vm/qmpclient.h"

#include <QEventLoop>
#include <QLocalSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

constexpr qint64 capabilitiesId = 0;

} // namespace

QmpClient::QmpClient(QObject *parent)
    : QObject(parent)
    , m_socket(new QLocalSocket(this))
{
    connect(m_socket, &QLocalSocket::readyRead, this, &QmpClient::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this,
            [this] { fail(tr("QEMU closed its QMP connection.")); });
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
        if (error != QLocalSocket::PeerClosedError)
            fail(tr("QMP connection failed: %1").arg(m_socket->errorString()));
    });
}

QmpClient::~QmpClient()
{
    m_socket->disconnect(this); // no replies into a half-destroyed object
}

void QmpClient::connectTo(const QString &socketPath)
{
    // A new connection (a machine started again) starts from nothing; the old one's waiters were told.
    m_socket->blockSignals(true);
    m_socket->abort();
    m_socket->blockSignals(false);
    m_codec = QmpCodec();
    m_ready = false;
    m_failed = false;
    m_version.clear();
    m_socket->connectToServer(socketPath);
}

void QmpClient::execute(const QString &command, const QJsonObject &arguments, Reply reply)
{
    if (m_failed) {
        if (reply)
            reply(Core::fail(Core::ErrorCode::Unavailable, tr("QEMU's QMP connection is closed.")));
        return;
    }
    if (!m_ready) {
        m_queued.append({command, arguments, std::move(reply)});
        return;
    }
    send(command, arguments, std::move(reply));
}

void QmpClient::send(const QString &command, const QJsonObject &arguments, Reply reply)
{
    const qint64 id = m_nextId++;
    if (reply)
        m_pending.insert(id, std::move(reply));
    m_socket->write(QmpCodec::encodeCommand(command, id, arguments));
    m_socket->flush(); // now: a caller may block on QEMU (waitForFinished) without running the event loop
}

Core::Result<QJsonObject> QmpClient::executeAndWait(const QString &command, const QJsonObject &arguments,
                                                    int timeoutMs)
{
    std::optional<Core::Result<QJsonObject>> answer;
    QEventLoop loop;
    execute(command, arguments, [&answer, &loop](const Core::Result<QJsonObject> &result) {
        answer = result;
        loop.quit();
    });
    if (!answer) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents); // clicks wait: no re-entry from the window
    }
    if (!answer)
        return Core::fail(Core::ErrorCode::Unavailable,
                          tr("QEMU did not answer %1 within %2 ms.").arg(command).arg(timeoutMs));
    return *answer;
}

bool QmpClient::waitForReady(int timeoutMs)
{
    if (m_ready || m_failed)
        return m_ready;
    QEventLoop loop;
    connect(this, &QmpClient::ready, &loop, &QEventLoop::quit);
    connect(this, &QmpClient::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents); // clicks wait: no re-entry from the window
    return m_ready;
}

void QmpClient::drain()
{
    if (m_failed)
        return;
    m_socket->waitForReadyRead(100);
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void QmpClient::onReadyRead()
{
    if (!m_codec.feed(m_socket->readAll())) {
        fail(m_codec.error());
        return;
    }
    for (const QmpMessage &message : m_codec.takeMessages()) {
        if (m_failed)
            return;
        handle(message);
    }
}

void QmpClient::handle(const QmpMessage &message)
{
    switch (message.kind) {
    case QmpMessage::Kind::Greeting: {
        const QJsonObject qemu = message.value.value(u"version"_s).toObject().value(u"qemu"_s).toObject();
        m_version = u"%1.%2.%3"_s.arg(qemu.value(u"major"_s).toInt())
                        .arg(qemu.value(u"minor"_s).toInt())
                        .arg(qemu.value(u"micro"_s).toInt());
        // Leaves capabilities negotiation mode: only then does QEMU take commands.
        m_socket->write(QmpCodec::encodeCommand(u"qmp_capabilities"_s, capabilitiesId));
        return;
    }
    case QmpMessage::Kind::Return:
    case QmpMessage::Kind::Error:
        if (message.id == capabilitiesId && !m_ready) {
            if (message.kind == QmpMessage::Kind::Error) {
                fail(tr("QEMU refused QMP capabilities: %1").arg(message.errorText));
                return;
            }
            m_ready = true;
            for (auto &[command, arguments, reply] : std::exchange(m_queued, {}))
                send(command, arguments, std::move(reply));
            Q_EMIT ready();
            return;
        }
        if (const Reply reply = m_pending.take(message.id)) {
            if (message.kind == QmpMessage::Kind::Return)
                reply(message.value);
            else
                reply(Core::fail(Core::ErrorCode::Internal,
                                 tr("QEMU: %1 (%2)").arg(message.errorText, message.errorClass)));
        }
        return;
    case QmpMessage::Kind::Event:
        Q_EMIT event(message.event, message.eventData);
        return;
    }
}

void QmpClient::fail(const QString &why)
{
    if (m_failed)
        return;
    m_failed = true;
    m_ready = false;
    m_socket->abort();
    const auto pending = std::exchange(m_pending, {});
    const auto queued = std::exchange(m_queued, {});
    for (const Reply &reply : pending)
        reply(Core::fail(Core::ErrorCode::Unavailable, why));
    for (const auto &[command, arguments, reply] : queued) {
        if (reply)
            reply(Core::fail(Core::ErrorCode::Unavailable, why));
    }
    Q_EMIT failed(why);
}

} // namespace Paddock::Vm
