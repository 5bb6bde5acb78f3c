#include "proxy/certificateauthority.h"

#include "core/hostcanonicalizer.h"
#include "core/paths.h"
#include "core/secretstore.h"
#include "proxy/certificateauthority_p.h"

#include <openssl/crypto.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSaveFile>
#include <QSslSocket>
#include <QSysInfo>

#include <list>
#include <mutex>
#include <optional>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

using namespace X509Support;
using Core::ErrorCode;
using Core::fail;
using Core::Result;

namespace {

X509Ptr newReference(X509 *certificate)
{
    if (certificate)
        X509_up_ref(certificate);
    return X509Ptr(certificate);
}

QString keyFile(const QString &directory)
{
    return directory + u"/ca-key.pem"_s;
}

QString keychainIndexFile(const QString &directory)
{
    return directory + u"/keychain-index.json"_s; // names only, see CaKeyStore::inKeychain
}

// "Paddock Local CA (alice@laptop)", within the 64 characters of a commonName (RFC 5280 ub-common-name).
QString defaultCommonName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        if (const passwd *entry = ::getpwuid(::geteuid()))
            user = QString::fromLocal8Bit(entry->pw_name);
    }
    const QString prefix = u"Paddock Local CA ("_s;
    const QString owner = user + u'@' + QSysInfo::machineHostName();
    return prefix + owner.left(64 - prefix.size() - 1) + u')';
}

Core::Error corrupt(const QString &message)
{
    return Core::Error{ErrorCode::Corrupt, message};
}

// Qt's OpenSSL backend takes the EVP_PKEY itself (a new reference, which it owns); parsing a PEM instead
// would take most of the time of minting a leaf (OpenSSL 3's decoders).
QSslKey toSslKey(EVP_PKEY *key)
{
    if (QSslSocket::activeBackend() == "openssl"_L1 && EVP_PKEY_up_ref(key) == 1)
        return QSslKey(reinterpret_cast<Qt::HANDLE>(key), QSsl::PrivateKey);
    QByteArray pem = privateKeyToPem(key);
    const QSslKey sslKey(pem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    OPENSSL_cleanse(pem.data(), size_t(pem.size()));
    return sslKey;
}

QString resetAdvice()
{
    return CertificateAuthority::tr(
        "Paddock leaves it as it is: restore the missing or damaged part from a "
        "backup, or reset the certificate authority to make a new one (then trust "
        "the new certificate wherever you had trusted the old one).");
}

} // namespace

struct LeafCertificate::Data
{
    QString host;
    X509Ptr certificate;
    X509Ptr issuer;
    EvpPkeyPtr key;
    QDateTime notBefore;
    QDateTime notAfter;
    QByteArray pem;
    QSslCertificate sslIssuer;

    // Made on first use: converting takes longer than minting (Qt parses the certificate anew), and an
    // interception that uses OpenSSL directly never needs them.
    const QSslCertificate &sslCertificate() const
    {
        std::call_once(m_sslOnce, [this] { makeSslForms(); });
        return m_sslCertificate;
    }
    const QSslKey &sslKey() const
    {
        std::call_once(m_sslOnce, [this] { makeSslForms(); });
        return m_sslKey;
    }

private:
    void makeSslForms() const
    {
        m_sslCertificate = QSslCertificate(pem, QSsl::Pem);
        m_sslKey = toSslKey(key.get());
    }
    mutable std::once_flag m_sslOnce;
    mutable QSslCertificate m_sslCertificate;
    mutable QSslKey m_sslKey;
};

LeafCertificate::LeafCertificate(std::shared_ptr<const Data> data)
    : d(std::move(data))
{}

QString LeafCertificate::host() const
{
    return d ? d->host : QString();
}

QDateTime LeafCertificate::notBefore() const
{
    return d ? d->notBefore : QDateTime();
}

QDateTime LeafCertificate::notAfter() const
{
    return d ? d->notAfter : QDateTime();
}

X509Ptr LeafCertificate::x509() const
{
    return newReference(d ? d->certificate.get() : nullptr);
}

X509Ptr LeafCertificate::issuerX509() const
{
    return newReference(d ? d->issuer.get() : nullptr);
}

EvpPkeyPtr LeafCertificate::privateKey() const
{
    if (!d)
        return nullptr;
    EVP_PKEY_up_ref(d->key.get());
    return EvpPkeyPtr(d->key.get());
}

QSslCertificate LeafCertificate::sslCertificate() const
{
    return d ? d->sslCertificate() : QSslCertificate();
}

QList<QSslCertificate> LeafCertificate::sslCertificateChain() const
{
    return d ? QList<QSslCertificate>{d->sslCertificate(), d->sslIssuer} : QList<QSslCertificate>();
}

QSslKey LeafCertificate::sslPrivateKey() const
{
    return d ? d->sslKey() : QSslKey();
}

QByteArray LeafCertificate::certificatePem() const
{
    return d ? d->pem : QByteArray();
}

struct CertificateAuthority::Private
{
    struct CacheEntry
    {
        LeafCertificate leaf;
        QDateTime renewAt;
    };
    using Lru = std::list<std::pair<QString, CacheEntry>>; // most recently used first

    QString directory;
    X509Ptr certificate;
    EvpPkeyPtr key;
    OctetStringPtr keyIdentifier;
    QByteArray pem;
    QSslCertificate sslCertificate;
    QDateTime notAfter;
    std::shared_ptr<const Core::Clock> clock;
    int cacheSize = 1000;

    mutable QMutex mutex;
    Lru lru;
    QHash<QString, Lru::iterator> cache;

    // Call with the mutex held.
    std::optional<LeafCertificate> cached(const QString &host, const QDateTime &now)
    {
        const auto found = cache.constFind(host);
        if (found == cache.constEnd())
            return std::nullopt;
        const CacheEntry &entry = found.value()->second;
        if (now < entry.leaf.notBefore() || now >= entry.renewAt)
            return std::nullopt;
        lru.splice(lru.begin(), lru, found.value());
        return entry.leaf;
    }

    // Call with the mutex held.
    void insert(const QString &host, const LeafCertificate &leaf)
    {
        // A leaf cut short by the CA's own expiry is kept to its end: a new one could not last longer.
        const QDateTime renewAt = leaf.notAfter() >= notAfter
                                      ? leaf.notAfter()
                                      : leaf.notAfter().addDays(-CertificateAuthority::leafRenewDays);
        if (const auto old = cache.constFind(host); old != cache.constEnd())
            lru.erase(old.value());
        lru.emplace_front(host, CacheEntry{leaf, renewAt});
        cache.insert(host, lru.begin());
        while (lru.size() > size_t(qMax(1, cacheSize))) {
            cache.remove(lru.back().first);
            lru.pop_back();
        }
    }
};

CertificateAuthority::CertificateAuthority(std::unique_ptr<Private> d)
    : d(std::move(d))
{}

CertificateAuthority::CertificateAuthority(CertificateAuthority &&other) noexcept = default;
CertificateAuthority &CertificateAuthority::operator=(CertificateAuthority &&other) noexcept = default;
CertificateAuthority::~CertificateAuthority() = default;

QString CertificateAuthority::defaultDirectory(const Core::Paths &paths)
{
    return paths.dataDir() + u"/ca"_s;
}

QString CertificateAuthority::certificateFile(const QString &directory)
{
    return directory + u"/ca.pem"_s;
}

std::unique_ptr<CaKeyStore> CertificateAuthority::keyStoreFor(const QString &directory)
{
    if (QFileInfo::exists(keyFile(directory)))
        return CaKeyStore::inFile(keyFile(directory));
    auto keychain = CaKeyStore::inKeychain(keychainIndexFile(directory));
    if (QFileInfo::exists(certificateFile(directory)))
        return keychain;
    Core::SecretStore probe(keychainIndexFile(directory), CaKeyStore::keychainService);
    if (probe.checkAvailableNow())
        return keychain;
    return CaKeyStore::inFile(keyFile(directory));
}

Result<CertificateAuthority> CertificateAuthority::loadOrCreate(const QString &directory, CaKeyStore &keys,
                                                                CertificateAuthorityOptions options)
{
    if (auto folder = CaKeyStore::makePrivateFolder(directory); !folder)
        return std::unexpected(folder.error());
    const QString path = certificateFile(directory);
    QFile file(path);
    if (!file.exists())
        return create(directory, keys, std::move(options), false);

    // SECURITY (of the user's trust): from here on nothing is written. A CA the user may have trusted
    // somewhere is replaced only by an explicit regenerate().
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    tr("Cannot read the certificate of Paddock's certificate authority, %1: %2.")
                        .arg(path, file.errorString()));
    X509Ptr certificate = certificateFromPem(file.readAll());
    takeOpenSslErrors();
    if (!certificate)
        return std::unexpected(
            corrupt(tr("The certificate of Paddock's certificate authority, %1, is damaged. %2")
                        .arg(path, resetAdvice())));
    const QString id = certificateId(certificate.get());
    auto stored = keys.read(id);
    if (!stored)
        return std::unexpected(stored.error());
    if (!*stored)
        return std::unexpected(
            corrupt(tr("The key of Paddock's certificate authority is missing from %1, but its "
                       "certificate %2 is there. %3")
                        .arg(keys.location(id), path, resetAdvice())));
    EvpPkeyPtr key = privateKeyFromDer(**stored);
    OPENSSL_cleanse((*stored)->data(), size_t((*stored)->size()));
    takeOpenSslErrors();
    if (!key)
        return std::unexpected(corrupt(tr("The key of Paddock's certificate authority in %1 is damaged. %2")
                                           .arg(keys.location(id), resetAdvice())));
    if (const QString problem = caProblem(certificate.get(), key.get()); !problem.isEmpty())
        return std::unexpected(corrupt(tr("Paddock's certificate authority in %1 cannot be used: %2. %3")
                                           .arg(directory, problem, resetAdvice())));

    auto d = std::make_unique<Private>();
    d->directory = directory;
    d->certificate = std::move(certificate);
    d->key = std::move(key);
    d->clock = options.clock ? std::move(options.clock) : std::make_shared<Core::SystemClock>();
    d->cacheSize = options.leafCacheSize;
    d->keyIdentifier.reset(ASN1_OCTET_STRING_dup(X509_get0_subject_key_id(d->certificate.get())));
    d->pem = certificateToPem(d->certificate.get());
    d->sslCertificate = QSslCertificate(d->pem, QSsl::Pem);
    d->notAfter = toDateTime(X509_get0_notAfter(d->certificate.get()));
    if (!d->keyIdentifier || d->pem.isEmpty() || !d->notAfter.isValid())
        return fail(ErrorCode::Internal,
                    tr("Paddock could not load its certificate authority: %1.").arg(takeOpenSslErrors()));
    return CertificateAuthority(std::move(d));
}

Result<CertificateAuthority> CertificateAuthority::regenerate(const QString &directory, CaKeyStore &keys,
                                                              CertificateAuthorityOptions options)
{
    if (auto folder = CaKeyStore::makePrivateFolder(directory); !folder)
        return std::unexpected(folder.error());
    QFile file(certificateFile(directory));
    const X509Ptr old = file.open(QIODevice::ReadOnly) ? certificateFromPem(file.readAll()) : nullptr;
    takeOpenSslErrors();
    auto renewed = create(directory, keys, std::move(options), true);
    // The old key signs nothing any more; a keychain entry of its own would only linger.
    if (renewed && old) {
        if (const auto forgotten = keys.forget(certificateId(old.get())); !forgotten)
            qWarning("The key of the replaced CA stays in %s: %s",
                     qPrintable(keys.location(certificateId(old.get()))),
                     qPrintable(forgotten.error().message));
    }
    return renewed;
}

Result<CertificateAuthority> CertificateAuthority::create(const QString &directory, CaKeyStore &keys,
                                                          CertificateAuthorityOptions options, bool replace)
{
    const QDateTime now = options.clock ? options.clock->now() : QDateTime::currentDateTimeUtc();
    const QString commonName = options.commonName.isEmpty() ? defaultCommonName() : options.commonName;
    const auto ca =
        makeCaCertificate(commonName, now.addSecs(-leafBackdateHours * 3600), now.addDays(caValidityDays));
    if (!ca)
        return fail(ErrorCode::Internal,
                    tr("Paddock could not make its certificate authority: %1.").arg(takeOpenSslErrors()));
    QByteArray der = privateKeyToDer(ca->key.get());
    const QByteArray pem = certificateToPem(ca->certificate.get());
    const QString id = certificateId(ca->certificate.get());
    if (der.isEmpty() || pem.isEmpty() || id.isEmpty())
        return fail(ErrorCode::Internal,
                    tr("Paddock could not make its certificate authority: %1.").arg(takeOpenSslErrors()));
    const QString path = certificateFile(directory);
    if (!replace) {
        // A key file without its certificate: the rest of a CA, which only regenerate() may overwrite.
        const auto existing = keys.read(id);
        if (!existing)
            return std::unexpected(existing.error());
        if (*existing)
            return std::unexpected(corrupt(tr("The certificate of Paddock's certificate authority, %1, is "
                                              "missing, but a key is still in %2. %3")
                                               .arg(path, keys.location(id), resetAdvice())));
    }
    // The key first: a certificate whose key was never saved would be a CA nobody can use.
    const auto saved = keys.write(id, der);
    OPENSSL_cleanse(der.data(), size_t(der.size()));
    if (!saved)
        return std::unexpected(saved.error());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit())
        return fail(ErrorCode::Io,
                    tr("Cannot save the certificate of Paddock's certificate authority to %1: %2.")
                        .arg(path, file.errorString()));
    // Public: users import it into browsers and other tools.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                    QFileDevice::ReadOther);
    return loadOrCreate(directory, keys, std::move(options));
}

QByteArray CertificateAuthority::caCertificatePem() const
{
    return d->pem;
}

QSslCertificate CertificateAuthority::caCertificate() const
{
    return d->sslCertificate;
}

X509Ptr CertificateAuthority::caX509() const
{
    return newReference(d->certificate.get());
}

QString CertificateAuthority::certificateFile() const
{
    return certificateFile(d->directory);
}

int CertificateAuthority::cachedLeafCount() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->lru.size());
}

Result<LeafCertificate> CertificateAuthority::leafFor(const QString &canonicalHost) const
{
    // SECURITY: a certificate names exactly the approved CONNECT host in its one canonical spelling
    // (security.md item 1); anything the canonicaliser would change (case, a trailing dot) or refuse
    // (wildcards, NUL, legacy IP forms) gets no certificate.
    const QString quoted = u'"' + canonicalHost.left(80) + u'"';
    const bool ipv6 = canonicalHost.contains(u':'); // the canonicaliser wants IPv6 in brackets
    const auto host = Core::HostCanonicalizer::canonicalizeHost(ipv6 ? QString(u'[' + canonicalHost + u']')
                                                                     : canonicalHost);
    if (!host)
        return fail(ErrorCode::InvalidArgument,
                    tr("Paddock makes no certificate for %1: %2").arg(quoted, host.error().message));
    if (host->host != canonicalHost)
        return fail(ErrorCode::InvalidArgument, tr("Paddock makes certificates only for hosts in canonical "
                                                   "form, and %1 is not (it would be \"%2\").")
                                                    .arg(quoted, host->host));

    const QDateTime now = d->clock->now();
    {
        QMutexLocker lock(&d->mutex);
        if (auto leaf = d->cached(host->host, now))
            return *leaf;
    }
    if (now >= d->notAfter)
        return fail(
            ErrorCode::Unavailable,
            tr("Paddock's certificate authority expired on %1. Reset it to make a new one, and trust the "
               "new certificate wherever you had trusted the old one.")
                .arg(d->notAfter.toString(Qt::ISODate)));

    // Minted without the lock, so cache hits on other threads never wait for OpenSSL.
    auto data = std::make_shared<LeafCertificate::Data>();
    data->host = host->host;
    data->notBefore =
        QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() - leafBackdateHours * 3600, Qt::UTC);
    data->notAfter = qMin(data->notBefore.addDays(leafValidityDays), d->notAfter);
    data->key = newEcKey();
    if (data->key)
        data->certificate = makeLeafCertificate({d->certificate.get(), d->key.get(), d->keyIdentifier.get()},
                                                *host, data->key.get(), data->notBefore, data->notAfter);
    if (data->certificate)
        data->pem = certificateToPem(data->certificate.get());
    if (data->pem.isEmpty())
        return fail(ErrorCode::Internal,
                    tr("Paddock could not make a certificate for %1: %2.").arg(quoted, takeOpenSslErrors()));
    data->issuer = newReference(d->certificate.get());
    data->sslIssuer = d->sslCertificate;
    const LeafCertificate minted(std::move(data));

    QMutexLocker lock(&d->mutex);
    // Another thread may have minted this host meanwhile: every caller gets the one cached leaf.
    if (auto leaf = d->cached(host->host, now))
        return *leaf;
    d->insert(host->host, minted);
    return minted;
}

} // namespace Paddock::Proxy
