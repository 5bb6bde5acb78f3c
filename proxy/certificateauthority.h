#pragma once

#include "core/clock.h"
#include "core/result.h"
#include "proxy/certificateauthoritykeystore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <memory>

// OpenSSL's own typedefs (openssl/types.h), repeated so its headers stay out of other folders.
typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;

namespace Paddock::Core {
class Paths;
}

namespace Paddock::Proxy {

// Frees OpenSSL objects (one reference each) for the smart pointers below.
struct OpenSslFree
{
    void operator()(X509 *certificate) const;
    void operator()(EVP_PKEY *key) const;
};
using X509Ptr = std::unique_ptr<X509, OpenSslFree>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree>;

// A certificate minted for one host, with its own private key, issued by Paddock's CA. Immutable and cheap to
// copy; safe to use from any thread. Null when default-constructed.
class LeafCertificate
{
public:
    LeafCertificate() = default;

    bool isNull() const { return !d; }
    QString host() const;
    QDateTime notBefore() const;
    QDateTime notAfter() const;

    // For an SSL_CTX or SSL (SSL_use_certificate, SSL_add1_chain_cert, SSL_use_PrivateKey): each call returns
    // a new reference that the caller owns.
    X509Ptr x509() const;
    X509Ptr issuerX509() const;
    EvpPkeyPtr privateKey() const;

    // For QSslSocket in server mode (QSslConfiguration::setLocalCertificateChain and setPrivateKey); made on
    // first use, which takes about as long as minting.
    QSslCertificate sslCertificate() const;
    QList<QSslCertificate> sslCertificateChain() const; // the leaf, then Paddock's CA
    QSslKey sslPrivateKey() const;
    QByteArray certificatePem() const;

private:
    friend class CertificateAuthority;
    struct Data;
    explicit LeafCertificate(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> d;
};

// How a CertificateAuthority is made and run; the defaults are the real ones, tests change them.
struct CertificateAuthorityOptions
{
    // The subject of a new CA; empty means "Paddock Local CA (<user>@<host>)".
    QString commonName;
    // Where "now" comes from; null means the system clock.
    std::shared_ptr<const Core::Clock> clock;
    // Leaves kept, least recently used dropped first.
    int leafCacheSize = 1000;
};

// Paddock's certificate authority for TLS interception, one per installation: an EC P-256 key that never
// leaves the host (keychain or user-only file, see CaKeyStore) and a self-signed certificate in a PEM file
// beside it. Mints and caches leaf certificates for canonical hosts; leafFor() may be called from any thread.
class CertificateAuthority
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::CertificateAuthority)

public:
    static constexpr int caValidityDays = 3650;
    static constexpr int leafValidityDays = 30;  // including the backdating below
    static constexpr int leafBackdateHours = 24; // a sandbox's clock may lag (a VM resumed from suspend)
    static constexpr int leafRenewDays = 7;      // a cached leaf this close to expiry is minted again

    // <data dir>/ca: the certificate ca.pem, and ca-key.pem when the key is kept in a file.
    static QString defaultDirectory(const Core::Paths &paths);
    static QString certificateFile(const QString &directory);
    // Where the key of the CA in directory is (or goes): the key file when there is one; else the keychain
    // when the CA certificate exists (its key went there) or a keychain answers; else a new key file. So a CA
    // never moves, and is never replaced, because a keychain came or went. Call on a thread with an event
    // loop.
    static std::unique_ptr<CaKeyStore> keyStoreFor(const QString &directory);

    // Loads the CA in directory, or creates one when it has no certificate (and the store no key that a new
    // one would overwrite). A damaged, missing or mismatched part is an error and nothing is written: only
    // regenerate() replaces a CA. With the keychain, call it where a local event loop may run (the main
    // thread): the keychain answers asynchronously, and may first ask the user to unlock it.
    static Core::Result<CertificateAuthority> loadOrCreate(const QString &directory, CaKeyStore &keys,
                                                           CertificateAuthorityOptions options = {});
    // Makes a new CA and replaces the stored one, whatever state it is in ("Reset CA"). Clients that trusted
    // the old certificate must be given the new one.
    static Core::Result<CertificateAuthority> regenerate(const QString &directory, CaKeyStore &keys,
                                                         CertificateAuthorityOptions options = {});

    CertificateAuthority(CertificateAuthority &&other) noexcept;
    CertificateAuthority &operator=(CertificateAuthority &&other) noexcept;
    ~CertificateAuthority();

    QByteArray caCertificatePem() const;
    QSslCertificate caCertificate() const;
    X509Ptr caX509() const; // a new reference
    QString certificateFile() const;

    // A leaf for exactly canonicalHost, as Core::CanonicalHost::host spells it (a lower-case DNS name, an
    // IPv4 address, an IPv6 address without brackets); anything else is refused. Cached per host.
    Core::Result<LeafCertificate> leafFor(const QString &canonicalHost) const;
    int cachedLeafCount() const;

private:
    struct Private;
    explicit CertificateAuthority(std::unique_ptr<Private> d);
    static Core::Result<CertificateAuthority> create(const QString &directory, CaKeyStore &keys,
                                                     CertificateAuthorityOptions options, bool replace);
    std::unique_ptr<Private> d;
};

} // namespace Paddock::Proxy
