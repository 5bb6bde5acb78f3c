#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Paddock::Proxy {

// What a sandbox is given to trust Paddock's CA: a bundle of the host's trusted roots followed by Paddock's
// CA certificate, that certificate alone, and the environment variables that point TLS clients at them. Holds
// certificates only, never a key.
class TrustBundle
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::TrustBundle)

public:
    struct Variable
    {
        QString name;
        QString value;
        bool operator==(const Variable &other) const = default;
    };

    // Where the host's bundle of trusted roots may be, most likely first: $SSL_CERT_FILE, OpenSSL's default
    // file, then the paths of the common distributions.
    static QStringList systemBundleCandidates(const QProcessEnvironment &environment);
    // The first candidate that holds a certificate.
    static Core::Result<QString>
    findSystemBundle(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // caPem: Paddock's CA certificate (CertificateAuthority::caCertificatePem()); systemBundle: a PEM file of
    // the host's trusted roots (findSystemBundle()).
    static Core::Result<TrustBundle> make(const QByteArray &caPem, const QString &systemBundle);

    QByteArray bundlePem() const { return m_bundle; }
    QByteArray caPem() const { return m_ca; }
    int certificateCount() const { return m_count; } // in the bundle, Paddock's CA included

    // Atomic (QSaveFile), mode 0644: the files are public and sandboxes read them.
    Core::Result<> writeBundle(const QString &path) const;
    Core::Result<> writeCaCertificate(const QString &path) const;

    // The variables a sandbox gets, given where the two files appear inside it: NODE_EXTRA_CA_CERTS (which
    // Node adds to its own roots) names the CA alone, every other one the bundle.
    static QList<Variable> environment(const QString &bundleInSandbox, const QString &caInSandbox);

private:
    TrustBundle(QByteArray bundle, QByteArray ca, int count);
    static Core::Result<> write(const QString &path, const QByteArray &contents);

    QByteArray m_bundle;
    QByteArray m_ca;
    int m_count = 0;
};

} // namespace Paddock::Proxy
