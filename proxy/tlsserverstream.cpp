#include "proxy/tlsserverstream.h"

#include "proxy/certificateauthority_p.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {

// One context for every intercepted connection; each connection sets its own leaf on its SSL.
SSL_CTX *sharedContext()
{
    static SSL_CTX *const context = [] {
        SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
        if (!ctx)
            return ctx;
        SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
        // No session resumption across leaves: every connection does a full handshake with its own host.
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        SSL_CTX_set_num_tickets(ctx, 0);
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
        // The proxy speaks HTTP/1.1 only: a client offering h2 and http/1.1 gets http/1.1, one offering only
        // h2 gets no ALPN and falls back to HTTP/1.1 as clients do.
        SSL_CTX_set_alpn_select_cb(
            ctx,
            [](SSL *, const unsigned char **out, unsigned char *outLength, const unsigned char *in,
               unsigned int inLength, void *) -> int {
                static const unsigned char http11[] = "\x08http/1.1";
                unsigned char *selected = nullptr;
                if (SSL_select_next_proto(&selected, outLength, http11, sizeof http11 - 1, in, inLength) !=
                    OPENSSL_NPN_NEGOTIATED)
                    return SSL_TLSEXT_ERR_NOACK;
                *out = selected;
                return SSL_TLSEXT_ERR_OK;
            },
            nullptr);
        return ctx;
    }();
    return context;
}

} // namespace

struct TlsServerStream::Private
{
    SSL *ssl = nullptr;
    BIO *in = nullptr;  // ciphertext from the client; owned by ssl
    BIO *out = nullptr; // ciphertext to the client; owned by ssl
    ~Private()
    {
        if (ssl)
            SSL_free(ssl);
    }
};

TlsServerStream::TlsServerStream()
    : d(std::make_unique<Private>())
{}

TlsServerStream::~TlsServerStream() = default;

Core::Result<std::unique_ptr<TlsServerStream>> TlsServerStream::create(const LeafCertificate &leaf)
{
    const auto failure = [](const QString &what) {
        return Core::fail(
            Core::ErrorCode::Internal,
            tr("Could not set up TLS interception: %1 (%2).").arg(what, X509Support::takeOpenSslErrors()));
    };
    if (leaf.isNull())
        return failure(tr("no certificate"));
    SSL_CTX *context = sharedContext();
    if (!context)
        return failure(tr("no TLS context"));
    std::unique_ptr<TlsServerStream> stream(new TlsServerStream);
    Private &p = *stream->d;
    p.ssl = SSL_new(context);
    p.in = BIO_new(BIO_s_mem());
    p.out = BIO_new(BIO_s_mem());
    if (!p.ssl || !p.in || !p.out) {
        BIO_free(p.in);
        BIO_free(p.out);
        return failure(tr("out of memory"));
    }
    BIO_set_mem_eof_return(p.in, -1); // an empty input buffer means "wait", not end of stream
    SSL_set_bio(p.ssl, p.in, p.out);
    const X509Ptr certificate = leaf.x509();
    const X509Ptr issuer = leaf.issuerX509();
    const EvpPkeyPtr key = leaf.privateKey();
    if (SSL_use_certificate(p.ssl, certificate.get()) != 1 || SSL_add1_chain_cert(p.ssl, issuer.get()) != 1 ||
        SSL_use_PrivateKey(p.ssl, key.get()) != 1 || SSL_check_private_key(p.ssl) != 1)
        return failure(tr("the certificate for %1 was refused").arg(leaf.host()));
    SSL_set_accept_state(p.ssl);
    return stream;
}

bool TlsServerStream::fail(const QString &what)
{
    if (m_error.isEmpty())
        m_error = what;
    return false;
}

bool TlsServerStream::feedCiphertext(QByteArrayView bytes)
{
    if (!m_error.isEmpty())
        return false;
    if (!bytes.isEmpty() && BIO_write(d->in, bytes.data(), int(bytes.size())) != int(bytes.size()))
        return fail(tr("out of memory"));
    return pump();
}

bool TlsServerStream::pump()
{
    if (!m_encrypted) {
        ERR_clear_error();
        const int result = SSL_do_handshake(d->ssl);
        if (result != 1) {
            const int error = SSL_get_error(d->ssl, result);
            if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
                return true;
            return fail(
                tr("the TLS handshake with the sandbox failed: %1").arg(X509Support::takeOpenSslErrors()));
        }
        m_encrypted = true;
        if (!flushPending())
            return false;
    }
    char buffer[16 * 1024];
    for (;;) {
        ERR_clear_error();
        const int read = SSL_read(d->ssl, buffer, sizeof buffer);
        if (read > 0) {
            m_plaintext.append(buffer, read);
            continue;
        }
        const int error = SSL_get_error(d->ssl, read);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
            return true;
        if (error == SSL_ERROR_ZERO_RETURN) {
            m_peerClosed = true;
            return true;
        }
        return fail(tr("a TLS error on the sandbox's connection: %1").arg(X509Support::takeOpenSslErrors()));
    }
}

bool TlsServerStream::flushPending()
{
    if (m_pendingWrite.isEmpty())
        return true;
    return writePlaintext(std::exchange(m_pendingWrite, {}));
}

bool TlsServerStream::writePlaintext(QByteArrayView bytes)
{
    if (!m_error.isEmpty())
        return false;
    if (!m_encrypted) {
        m_pendingWrite.append(bytes);
        return true;
    }
    while (!bytes.isEmpty()) {
        ERR_clear_error();
        const int chunk = int(std::min<qsizetype>(bytes.size(), 1 << 20));
        const int written = SSL_write(d->ssl, bytes.data(), chunk);
        if (written <= 0)
            return fail(tr("could not encrypt for the sandbox: %1").arg(X509Support::takeOpenSslErrors()));
        bytes = bytes.sliced(written);
    }
    return true;
}

QByteArray TlsServerStream::takeCiphertext()
{
    QByteArray result;
    const size_t pending = BIO_ctrl_pending(d->out);
    if (pending == 0)
        return result;
    result.resize(qsizetype(pending));
    const int read = BIO_read(d->out, result.data(), int(pending));
    result.resize(std::max(read, 0));
    return result;
}

QByteArray TlsServerStream::takePlaintext()
{
    return std::exchange(m_plaintext, {});
}

void TlsServerStream::shutdown()
{
    if (m_encrypted && m_error.isEmpty()) {
        ERR_clear_error();
        SSL_shutdown(d->ssl);
    }
}

QByteArray TlsServerStream::serverName() const
{
    const char *name = SSL_get_servername(d->ssl, TLSEXT_NAMETYPE_host_name);
    return name ? QByteArray(name) : QByteArray();
}

} // namespace Paddock::Proxy
