#pragma once

#include "proxy/tlsserverstream.h"

#include <QIODevice>
#include <QPointer>

#include <memory>

namespace Paddock::Proxy {

// A sandbox's connection after Paddock took over its TLS: reads give the decrypted requests, writes are
// encrypted with the leaf certificate minted for the CONNECT host. Wraps the raw socket (TCP or Unix), which
// stays owned by the caller; reading from it pauses while a megabyte of plaintext waits (backpressure).
class InterceptedClient : public QIODevice
{
    Q_OBJECT

public:
    static constexpr qsizetype maxPlaintextBuffered = 1024 * 1024;

    // alreadyReceived: ciphertext read before the switch (the ClientHello).
    InterceptedClient(QIODevice *raw, std::unique_ptr<TlsServerStream> tls, const QByteArray &alreadyReceived,
                      QObject *parent = nullptr);
    ~InterceptedClient() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override;
    QIODevice *raw() const { return m_raw; }
    QString tlsError() const { return m_tls->errorString(); }
    bool isEncrypted() const { return m_tls->isEncrypted(); }
    bool isDisconnected() const;

    // Sends close_notify and what is pending, then closes the raw socket.
    void disconnectFromPeer();
    void abort();

Q_SIGNALS:
    void tlsFailed(); // tlsError() says why; the connection is unusable
    void disconnected();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void onRawReadable();
    void onRawEof();
    void sendCiphertext();

    QPointer<QIODevice> m_raw;
    std::unique_ptr<TlsServerStream> m_tls;
    QByteArray m_plaintext;
    qsizetype m_plaintextOffset = 0;
    bool m_eofSignalled = false;
    bool m_failed = false;
};

} // namespace Paddock::Proxy
