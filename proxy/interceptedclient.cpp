#include "proxy/interceptedclient.h"

#include <QLocalSocket>
#include <QTcpSocket>

#include <cstring>

namespace Paddock::Proxy {

InterceptedClient::InterceptedClient(QIODevice *raw, std::unique_ptr<TlsServerStream> tls,
                                     const QByteArray &alreadyReceived, QObject *parent)
    : QIODevice(parent)
    , m_raw(raw)
    , m_tls(std::move(tls))
{
    open(QIODevice::ReadWrite | QIODevice::Unbuffered);
    connect(m_raw, &QIODevice::readyRead, this, &InterceptedClient::onRawReadable);
    connect(m_raw, &QIODevice::bytesWritten, this, &InterceptedClient::bytesWritten);
    connect(m_raw, &QIODevice::readChannelFinished, this, &InterceptedClient::onRawEof);
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_raw))
        connect(tcp, &QTcpSocket::disconnected, this, &InterceptedClient::disconnected);
    else if (auto *local = qobject_cast<QLocalSocket *>(m_raw))
        connect(local, &QLocalSocket::disconnected, this, &InterceptedClient::disconnected);
    const bool ok = m_tls->feedCiphertext(alreadyReceived);
    sendCiphertext();
    if (!ok) {
        m_failed = true;
        QMetaObject::invokeMethod(this, &InterceptedClient::tlsFailed, Qt::QueuedConnection);
    } else if (m_raw->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &InterceptedClient::onRawReadable, Qt::QueuedConnection);
    }
}

InterceptedClient::~InterceptedClient() = default;

qint64 InterceptedClient::bytesAvailable() const
{
    return m_plaintext.size() - m_plaintextOffset + QIODevice::bytesAvailable();
}

qint64 InterceptedClient::bytesToWrite() const
{
    return m_raw ? m_raw->bytesToWrite() : 0;
}

bool InterceptedClient::isDisconnected() const
{
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_raw.get()))
        return tcp->state() == QAbstractSocket::UnconnectedState;
    if (auto *local = qobject_cast<QLocalSocket *>(m_raw.get()))
        return local->state() == QLocalSocket::UnconnectedState;
    return !m_raw;
}

void InterceptedClient::onRawReadable()
{
    if (!m_raw || m_failed)
        return;
    bool grew = false;
    // Backpressure: decrypt only while the reader keeps up.
    while (m_raw->bytesAvailable() > 0 && m_plaintext.size() - m_plaintextOffset < maxPlaintextBuffered) {
        const QByteArray ciphertext = m_raw->read(64 * 1024);
        if (ciphertext.isEmpty())
            break;
        const bool ok = m_tls->feedCiphertext(ciphertext);
        sendCiphertext(); // handshake replies, or the alert on failure
        if (m_tls->plaintextAvailable() > 0) {
            if (m_plaintextOffset > 0) {
                m_plaintext.remove(0, m_plaintextOffset);
                m_plaintextOffset = 0;
            }
            m_plaintext += m_tls->takePlaintext();
            grew = true;
        }
        if (!ok) {
            m_failed = true;
            Q_EMIT tlsFailed();
            return;
        }
    }
    if (grew)
        Q_EMIT readyRead();
    if (m_tls->peerClosed())
        onRawEof();
}

void InterceptedClient::onRawEof()
{
    if (m_eofSignalled || (m_raw && m_raw->bytesAvailable() > 0 && !m_tls->peerClosed()))
        return;
    m_eofSignalled = true;
    Q_EMIT readChannelFinished();
}

qint64 InterceptedClient::readData(char *data, qint64 maxSize)
{
    const qint64 available = m_plaintext.size() - m_plaintextOffset;
    const qint64 count = std::min(available, maxSize);
    std::memcpy(data, m_plaintext.constData() + m_plaintextOffset, size_t(count));
    m_plaintextOffset += count;
    if (m_plaintextOffset == m_plaintext.size()) {
        m_plaintext.clear();
        m_plaintextOffset = 0;
    }
    // Reading made room: decrypt what waited on the socket.
    if (count > 0 && m_raw && m_raw->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &InterceptedClient::onRawReadable, Qt::QueuedConnection);
    return count;
}

qint64 InterceptedClient::writeData(const char *data, qint64 size)
{
    if (!m_raw || m_failed || !m_tls->writePlaintext(QByteArrayView(data, size)))
        return -1;
    sendCiphertext();
    return size;
}

void InterceptedClient::sendCiphertext()
{
    const QByteArray ciphertext = m_tls->takeCiphertext();
    if (!ciphertext.isEmpty() && m_raw && m_raw->isOpen())
        m_raw->write(ciphertext);
}

void InterceptedClient::disconnectFromPeer()
{
    m_tls->shutdown();
    sendCiphertext();
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_raw.get()))
        tcp->disconnectFromHost();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_raw.get()))
        local->disconnectFromServer();
}

void InterceptedClient::abort()
{
    if (auto *tcp = qobject_cast<QTcpSocket *>(m_raw.get()))
        tcp->abort();
    else if (auto *local = qobject_cast<QLocalSocket *>(m_raw.get()))
        local->abort();
}

} // namespace Paddock::Proxy
