#pragma once

// An HTTPS origin for tests, with a certificate from a test CA (CertificateAuthority::leafFor).

#include "proxy/certificateauthority.h"

#include <QMutex>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>

#include <memory>

namespace Paddock::Test {

// An HTTPS origin on its own thread. Each connection carries one request (Content-Length or chunked), which
// is kept whole, and is answered "ok <method> <target>" and closed.
class HttpsOrigin : public QTcpServer
{
public:
    explicit HttpsOrigin(const Proxy::LeafCertificate &leaf)
        : m_chain(leaf.sslCertificateChain())
        , m_key(leaf.sslPrivateKey())
    {}

    int requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    QByteArray lastRequest() const
    {
        QMutexLocker lock(&m_mutex);
        return m_lastRequest;
    }
    // Every decrypted byte any client sent: what must never reach the origin is not in there.
    QByteArray everythingReceived() const
    {
        QMutexLocker lock(&m_mutex);
        return m_everything;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->setLocalCertificateChain(m_chain);
        socket->setPrivateKey(m_key);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QSslSocket::readyRead, socket, [this, socket, buffer] {
            const QByteArray bytes = socket->readAll();
            buffer->append(bytes);
            {
                QMutexLocker lock(&m_mutex);
                m_everything += bytes;
            }
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer->left(end).toLower();
            const qsizetype length = head.indexOf("content-length:");
            if (length >= 0) {
                const qint64 bodyBytes =
                    head.mid(length + 15, head.indexOf('\r', length) - length - 15).trimmed().toLongLong();
                if (buffer->size() < end + 4 + bodyBytes)
                    return;
            } else if (head.contains("transfer-encoding: chunked") && !buffer->endsWith("0\r\n\r\n")) {
                return;
            }
            const QByteArray requestLine = buffer->left(buffer->indexOf('\r'));
            {
                QMutexLocker lock(&m_mutex);
                ++m_requests;
                m_lastRequest = *buffer;
            }
            const QByteArray body = "ok " + requestLine.left(requestLine.lastIndexOf(' '));
            socket->write("HTTP/1.1 200 OK\r\nX-Origin: tls\r\nConnection: close\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }

private:
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
    mutable QMutex m_mutex;
    int m_requests = 0;
    QByteArray m_lastRequest;
    QByteArray m_everything;
};

} // namespace Paddock::Test
