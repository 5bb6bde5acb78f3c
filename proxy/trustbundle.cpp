#include "proxy/trustbundle.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {

using Core::ErrorCode;
using Core::fail;
using Core::Result;

struct PemCertificates
{
    QByteArray pem; // each certificate written again by OpenSSL
    int count = 0;
    int skipped = 0; // blocks that are not a certificate, or not a valid one
    bool isCa = true;
};

// The certificates among the PEM blocks of text, written anew.
PemCertificates readCertificates(const QByteArray &text)
{
    PemCertificates result;
    std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(text.constData(), int(text.size())),
                                                 &BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
    if (!in || !out)
        return result;
    char *name = nullptr;
    char *header = nullptr;
    unsigned char *data = nullptr;
    long length = 0;
    while (PEM_read_bio(in.get(), &name, &header, &data, &length) == 1) {
        // SECURITY: only plain certificates go into a sandbox: a private key someone put into a bundle file
        // is dropped, and so is a "TRUSTED CERTIFICATE", whose trust settings (such as a distrust) plain PEM
        // cannot carry.
        const unsigned char *cursor = data;
        X509 *certificate =
            std::strcmp(name, PEM_STRING_X509) == 0 ? d2i_X509(nullptr, &cursor, length) : nullptr;
        if (certificate && cursor == data + length && PEM_write_bio_X509(out.get(), certificate) == 1) {
            ++result.count;
            result.isCa = result.isCa && X509_check_ca(certificate) == 1;
        } else {
            ++result.skipped;
        }
        X509_free(certificate);
        OPENSSL_clear_free(data, size_t(length));
        OPENSSL_free(name);
        OPENSSL_free(header);
        data = nullptr;
        name = header = nullptr;
    }
    ERR_clear_error(); // the loop ends with "no start line"
    char *pem = nullptr;
    const long size = BIO_get_mem_data(out.get(), &pem);
    result.pem = QByteArray(pem, qsizetype(size));
    return result;
}

} // namespace

TrustBundle::TrustBundle(QByteArray bundle, QByteArray ca, int count)
    : m_bundle(std::move(bundle))
    , m_ca(std::move(ca))
    , m_count(count)
{}

QStringList TrustBundle::systemBundleCandidates(const QProcessEnvironment &environment)
{
    QStringList candidates;
    // OpenSSL's own variable: a user (or a company) who set it chose the roots the host trusts.
    const QString variable = environment.value(QString::fromLatin1(X509_get_default_cert_file_env()));
    if (QDir::isAbsolutePath(variable))
        candidates.append(variable);
    candidates += {
        QString::fromLatin1(X509_get_default_cert_file()),      // as OpenSSL was built: /usr/lib/ssl/cert.pem
        u"/etc/ssl/certs/ca-certificates.crt"_s,                // Debian, Ubuntu, Arch, Gentoo, Alpine
        u"/etc/pki/tls/certs/ca-bundle.crt"_s,                  // Fedora, RHEL
        u"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"_s, // Fedora, RHEL
        u"/etc/ssl/ca-bundle.pem"_s,                            // openSUSE
        u"/etc/ssl/cert.pem"_s,                                 // Alpine, the BSDs
    };
    candidates.removeDuplicates();
    return candidates;
}

Result<QString> TrustBundle::findSystemBundle(const QProcessEnvironment &environment)
{
    const QStringList candidates = systemBundleCandidates(environment);
    for (const QString &candidate : candidates) {
        QFile file(candidate);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains("-----BEGIN CERTIFICATE-----"))
            return candidate;
    }
    return fail(
        ErrorCode::NotFound,
        tr("Paddock found no bundle of trusted certificates on this computer (it looked at %1). Install "
           "the package ca-certificates, or set SSL_CERT_FILE to your bundle.")
            .arg(candidates.join(u", "_s)));
}

Result<TrustBundle> TrustBundle::make(const QByteArray &caPem, const QString &systemBundle)
{
    const PemCertificates ca = readCertificates(caPem);
    if (ca.count != 1 || ca.skipped != 0 || !ca.isCa)
        return fail(
            ErrorCode::InvalidArgument,
            tr("The certificate for the sandboxes' trust store must be exactly one CA certificate in PEM "
               "form and nothing else."));
    QFile file(systemBundle);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read the bundle of trusted certificates %1: %2.")
                                       .arg(systemBundle, file.errorString()));
    const PemCertificates system = readCertificates(file.readAll());
    if (system.count == 0)
        return fail(ErrorCode::Corrupt,
                    tr("The bundle of trusted certificates %1 holds no certificate. Reinstall the package "
                       "ca-certificates, or set SSL_CERT_FILE to your bundle.")
                        .arg(systemBundle));
    if (system.skipped > 0)
        qInfo("%d PEM block(s) of %s are not plain certificates and stay out of the sandboxes' bundle.",
              system.skipped, qPrintable(systemBundle));
    return TrustBundle(system.pem + ca.pem, ca.pem, system.count + 1);
}

Result<> TrustBundle::write(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size() || !file.commit())
        return fail(
            ErrorCode::Io,
            tr("Cannot save the sandboxes' trusted certificates to %1: %2.").arg(path, file.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                    QFileDevice::ReadOther);
    return {};
}

Result<> TrustBundle::writeBundle(const QString &path) const
{
    return write(path, m_bundle);
}

Result<> TrustBundle::writeCaCertificate(const QString &path) const
{
    return write(path, m_ca);
}

QList<TrustBundle::Variable> TrustBundle::environment(const QString &bundleInSandbox,
                                                      const QString &caInSandbox)
{
    return {
        {u"SSL_CERT_FILE"_s, bundleInSandbox},      // OpenSSL: curl, wget, Python, Ruby; also Go, rustls
        {u"REQUESTS_CA_BUNDLE"_s, bundleInSandbox}, // Python requests (certifi otherwise)
        {u"CURL_CA_BUNDLE"_s, bundleInSandbox},     // curl and libcurl users
        {u"NODE_EXTRA_CA_CERTS"_s, caInSandbox},    // Node.js, npm: added to Node's own roots
        {u"GIT_SSL_CAINFO"_s, bundleInSandbox},     // git over HTTPS
        {u"PIP_CERT"_s, bundleInSandbox},           // pip (its vendored certifi otherwise)
        {u"AWS_CA_BUNDLE"_s, bundleInSandbox},      // AWS CLI and SDKs
        {u"DENO_CERT"_s, bundleInSandbox},          // Deno
    };
}

} // namespace Paddock::Proxy
