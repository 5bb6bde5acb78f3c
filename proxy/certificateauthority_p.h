#pragma once

// The X.509 work of CertificateAuthority: making the CA and leaf certificates with OpenSSL, and converting
// keys and certificates to and from bytes. Private to proxy/.

#include "core/hostcanonicalizer.h"
#include "proxy/certificateauthority.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/x509.h>

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>

namespace Paddock::Proxy::X509Support {

// Frees an OpenSSL object with the given function, for std::unique_ptr.
template<auto Free>
struct FreeWith
{
    template<class T>
    void operator()(T *object) const
    {
        Free(object);
    }
};
using BioPtr = std::unique_ptr<BIO, FreeWith<BIO_free_all>>;
using OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, FreeWith<ASN1_OCTET_STRING_free>>;

// The last OpenSSL errors of this thread as one line (and the queue cleared), for messages.
QString takeOpenSslErrors();

QDateTime toDateTime(const ASN1_TIME *time);

QByteArray certificateToPem(X509 *certificate);
// The first 16 hex digits of the certificate's SHA-256 fingerprint: the CA's id for its key store.
QString certificateId(X509 *certificate);
X509Ptr certificateFromPem(const QByteArray &pem);
// PKCS#8 PrivateKeyInfo (RFC 5208), the format of `openssl pkey -outform DER`.
QByteArray privateKeyToDer(EVP_PKEY *key);
EvpPkeyPtr privateKeyFromDer(const QByteArray &der);
QByteArray privateKeyToPem(EVP_PKEY *key);

EvpPkeyPtr newEcKey();

struct CaCertificate
{
    X509Ptr certificate;
    EvpPkeyPtr key;
};
// A new key and a self-signed CA certificate valid from notBefore to notAfter; nullopt when OpenSSL fails.
std::optional<CaCertificate> makeCaCertificate(const QString &commonName, const QDateTime &notBefore,
                                               const QDateTime &notAfter);

// Why certificate cannot be Paddock's CA with key, or an empty string when it can.
QString caProblem(X509 *certificate, EVP_PKEY *key);

struct Issuer
{
    X509 *certificate;
    EVP_PKEY *key;
    const ASN1_OCTET_STRING *keyIdentifier;
};
// A certificate for host with leafKey, signed by issuer; null when OpenSSL fails.
X509Ptr makeLeafCertificate(const Issuer &issuer, const Core::CanonicalHost &host, EVP_PKEY *leafKey,
                            const QDateTime &notBefore, const QDateTime &notAfter);

} // namespace Paddock::Proxy::X509Support
