#include "proxy/certificateauthority_p.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <QtEndian>

#include <ctime>

namespace Paddock::Proxy {

void OpenSslFree::operator()(X509 *certificate) const
{
    X509_free(certificate);
}

void OpenSslFree::operator()(EVP_PKEY *key) const
{
    EVP_PKEY_free(key);
}

} // namespace Paddock::Proxy

namespace Paddock::Proxy::X509Support {

namespace {

using BignumPtr = std::unique_ptr<BIGNUM, FreeWith<BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, FreeWith<X509_EXTENSION_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, FreeWith<GENERAL_NAMES_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, FreeWith<AUTHORITY_KEYID_free>>;
using Pkcs8Ptr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, FreeWith<PKCS8_PRIV_KEY_INFO_free>>;

// RFC 5280 §4.1.2.5: UTCTime or GeneralizedTime, chosen by ASN1_TIME_set from the year.
bool setValidity(X509 *certificate, const QDateTime &notBefore, const QDateTime &notAfter)
{
    return ASN1_TIME_set(X509_getm_notBefore(certificate), time_t(notBefore.toSecsSinceEpoch())) &&
           ASN1_TIME_set(X509_getm_notAfter(certificate), time_t(notAfter.toSecsSinceEpoch()));
}

// RFC 5280 §4.1.2.2: a positive integer of at most 20 octets; CA/Browser Forum: at least 64 random bits.
bool setRandomSerial(X509 *certificate)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    bytes[0] &= 0x7f; // positive without a leading zero byte
    BignumPtr serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate));
}

bool addNameEntry(X509_NAME *name, const char *field, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(utf8.constData()),
                                      int(utf8.size()), -1, 0) == 1;
}

// Only for constant values: the text is parsed by OpenSSL's config syntax.
bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// RFC 5280 §4.2.1.6: a dNSName or an iPAddress (4 or 16 octets in network order).
bool addSubjectAltName(X509 *certificate, const Core::CanonicalHost &host, bool critical)
{
    // SECURITY: the name is built as ASN.1, never as "DNS:<host>" text that a comma could extend with a
    // second name.
    GeneralNamesPtr names(GENERAL_NAMES_new());
    GENERAL_NAME *name = GENERAL_NAME_new();
    if (!names || !name || !sk_GENERAL_NAME_push(names.get(), name)) {
        GENERAL_NAME_free(name);
        return false;
    }
    QByteArray bytes;
    int type = GEN_DNS;
    if (host.kind == Core::CanonicalHost::Kind::IPv4) {
        const quint32 address = qToBigEndian(host.address.toIPv4Address());
        bytes = QByteArray(reinterpret_cast<const char *>(&address), sizeof address);
        type = GEN_IPADD;
    } else if (host.kind == Core::CanonicalHost::Kind::IPv6) {
        const Q_IPV6ADDR address = host.address.toIPv6Address();
        bytes = QByteArray(reinterpret_cast<const char *>(address.c), sizeof address.c);
        type = GEN_IPADD;
    } else {
        bytes = host.host.toLatin1(); // canonical hosts are ASCII
    }
    ASN1_STRING *value = ASN1_STRING_type_new(type == GEN_DNS ? V_ASN1_IA5STRING : V_ASN1_OCTET_STRING);
    if (!value || !ASN1_STRING_set(value, bytes.constData(), int(bytes.size()))) {
        ASN1_STRING_free(value);
        return false;
    }
    GENERAL_NAME_set0_value(name, type, value);
    return X509_add1_ext_i2d(certificate, NID_subject_alt_name, names.get(), critical ? 1 : 0,
                             X509V3_ADD_DEFAULT) == 1;
}

// RFC 5280 §4.2.1.1: the issuer's subject key identifier, so clients pick the right issuer.
bool addAuthorityKeyId(X509 *certificate, const ASN1_OCTET_STRING *issuerKeyId)
{
    AuthorityKeyIdPtr keyId(AUTHORITY_KEYID_new());
    if (!keyId || !issuerKeyId)
        return false;
    keyId->keyid = ASN1_OCTET_STRING_dup(issuerKeyId);
    return keyId->keyid && X509_add1_ext_i2d(certificate, NID_authority_key_identifier, keyId.get(), 0,
                                             X509V3_ADD_DEFAULT) == 1;
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

} // namespace

QString takeOpenSslErrors()
{
    QStringList errors;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        errors.append(QString::fromLatin1(text));
    }
    return errors.isEmpty() ? QStringLiteral("unknown OpenSSL error") : errors.join(QStringLiteral("; "));
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(timegm(&parts)), Qt::UTC);
}

QByteArray certificateToPem(X509 *certificate)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1)
        return {};
    return bioBytes(bio.get());
}

QString certificateId(X509 *certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &size) != 1 || size < 8)
        return {};
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), 8).toHex());
}

X509Ptr certificateFromPem(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

QByteArray privateKeyToDer(EVP_PKEY *key)
{
    Pkcs8Ptr info(EVP_PKEY2PKCS8(key));
    unsigned char *der = nullptr;
    const int size = info ? i2d_PKCS8_PRIV_KEY_INFO(info.get(), &der) : -1;
    if (size <= 0)
        return {};
    QByteArray bytes(reinterpret_cast<const char *>(der), size);
    OPENSSL_clear_free(der, size_t(size));
    return bytes;
}

EvpPkeyPtr privateKeyFromDer(const QByteArray &der)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *end = begin;
    EvpPkeyPtr key(d2i_AutoPrivateKey(nullptr, &end, long(der.size())));
    // Trailing bytes mean this is not the DER we wrote.
    if (key && end != begin + der.size())
        key.reset();
    return key;
}

QByteArray privateKeyToPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    QByteArray pem = bioBytes(bio.get());
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    OPENSSL_cleanse(data, size_t(size));
    return pem;
}

EvpPkeyPtr newEcKey()
{
    // NIST P-256: what every TLS client supports, and fast to make and sign with.
    return EvpPkeyPtr(EVP_EC_gen("P-256"));
}

std::optional<CaCertificate> makeCaCertificate(const QString &commonName, const QDateTime &notBefore,
                                               const QDateTime &notAfter)
{
    CaCertificate ca{X509Ptr(X509_new()), newEcKey()};
    X509 *x = ca.certificate.get();
    if (!x || !ca.key)
        return std::nullopt;
    X509_NAME *name = X509_get_subject_name(x);
    X509V3_CTX context = {};
    X509V3_set_ctx(&context, x, x, nullptr, nullptr, 0);
    // RFC 5280 §4.2.1.9: a CA that may sign only end-entity certificates (pathlen 0); §4.2.1.3: only
    // certificates and CRLs. No nameConstraints: some clients reject a critical one they cannot read.
    const bool made = X509_set_version(x, X509_VERSION_3) && setRandomSerial(x) &&
                      addNameEntry(name, "O", QStringLiteral("Paddock")) &&
                      addNameEntry(name, "CN", commonName) && X509_set_issuer_name(x, name) &&
                      setValidity(x, notBefore, notAfter) && X509_set_pubkey(x, ca.key.get()) &&
                      addExtension(x, &context, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
                      addExtension(x, &context, NID_key_usage, "critical,keyCertSign,cRLSign") &&
                      addExtension(x, &context, NID_subject_key_identifier, "hash") &&
                      X509_sign(x, ca.key.get(), EVP_sha256()) > 0;
    if (!made)
        return std::nullopt;
    return ca;
}

QString caProblem(X509 *certificate, EVP_PKEY *key)
{
    if (X509_check_ca(certificate) != 1) // 1: basicConstraints CA:TRUE
        return CertificateAuthority::tr("the certificate is not that of a certificate authority");
    if (!X509_get0_subject_key_id(certificate))
        return CertificateAuthority::tr("the certificate has no subject key identifier");
    if (X509_check_private_key(certificate, key) != 1) {
        ERR_clear_error();
        return CertificateAuthority::tr("the key does not belong to the certificate");
    }
    return {};
}

X509Ptr makeLeafCertificate(const Issuer &issuer, const Core::CanonicalHost &host, EVP_PKEY *leafKey,
                            const QDateTime &notBefore, const QDateTime &notAfter)
{
    X509Ptr leaf(X509_new());
    X509 *x = leaf.get();
    if (!x)
        return nullptr;
    // RFC 5280 §4.1.2.6: with an empty subject the subjectAltName must be critical; a host too long for a
    // commonName (ub-common-name 64) gets that.
    const bool commonName = host.host.size() <= 64;
    X509V3_CTX context = {};
    X509V3_set_ctx(&context, issuer.certificate, x, nullptr, nullptr, 0);
    // SECURITY: every field comes from the approved host and Paddock's CA, nothing from an upstream
    // certificate; CA:FALSE and serverAuth only, so a leaf (or its key) cannot sign or authenticate anything
    // else (security.md item 6).
    const bool made = X509_set_version(x, X509_VERSION_3) && setRandomSerial(x) &&
                      X509_set_issuer_name(x, X509_get_subject_name(issuer.certificate)) &&
                      (!commonName || addNameEntry(X509_get_subject_name(x), "CN", host.host)) &&
                      setValidity(x, notBefore, notAfter) && X509_set_pubkey(x, leafKey) &&
                      addExtension(x, &context, NID_basic_constraints, "critical,CA:FALSE") &&
                      addExtension(x, &context, NID_key_usage, "critical,digitalSignature") &&
                      addExtension(x, &context, NID_ext_key_usage, "serverAuth") &&
                      addExtension(x, &context, NID_subject_key_identifier, "hash") &&
                      addAuthorityKeyId(x, issuer.keyIdentifier) && addSubjectAltName(x, host, !commonName) &&
                      X509_sign(x, issuer.key, EVP_sha256()) > 0;
    if (!made)
        return nullptr;
    return leaf;
}

} // namespace Paddock::Proxy::X509Support
