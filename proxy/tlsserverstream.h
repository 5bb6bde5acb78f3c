#pragma once

#include "core/result.h"
#include "proxy/certificateauthority.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

namespace Paddock::Proxy {

// The server side of one TLS connection, over memory buffers: ciphertext from the client goes in, plaintext
// comes out, and the other way round. Pure: no I/O, so the proxy drives it from any socket kind (TCP or the
// Unix socket a sandbox uses). TLS 1.2 and 1.3, ALPN http/1.1 only (the proxy speaks HTTP/1.1).
class TlsServerStream
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::TlsServerStream)

public:
    // Presents leaf and, after it, Paddock's CA.
    static Core::Result<std::unique_ptr<TlsServerStream>> create(const LeafCertificate &leaf);
    ~TlsServerStream();

    // Bytes received from the client. False on a TLS error (a failed handshake, a bad record): errorString()
    // says what; the connection must be closed, after sending takeCiphertext() (the alert).
    bool feedCiphertext(QByteArrayView bytes);
    // Bytes to send to the client: handshake messages, records, alerts.
    QByteArray takeCiphertext();
    // Decrypted application data received so far.
    QByteArray takePlaintext();
    qsizetype plaintextAvailable() const { return m_plaintext.size(); }
    // Encrypts; before the handshake completes it is held and sent after.
    bool writePlaintext(QByteArrayView bytes);
    // Sends close_notify.
    void shutdown();

    bool isEncrypted() const { return m_encrypted; }
    bool peerClosed() const { return m_peerClosed; } // the client sent close_notify
    QString errorString() const { return m_error; }
    QByteArray serverName() const; // the SNI the client sent

private:
    TlsServerStream();
    bool pump();
    bool flushPending();
    bool fail(const QString &what);

    struct Private;
    std::unique_ptr<Private> d;
    QByteArray m_plaintext;
    QByteArray m_pendingWrite; // written before the handshake finished
    QString m_error;
    bool m_encrypted = false;
    bool m_peerClosed = false;
};

} // namespace Paddock::Proxy
