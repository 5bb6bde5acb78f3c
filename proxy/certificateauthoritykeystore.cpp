#include "proxy/certificateauthoritykeystore.h"

#include "core/secretstore.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {

using Core::ErrorCode;
using Core::fail;
using Core::Result;

constexpr char pemLabel[] = "PRIVATE KEY"; // RFC 7468 §10: unencrypted PKCS#8

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QByteArray toPem(const QByteArray &der)
{
    BIO *bio = BIO_new(BIO_s_mem());
    QByteArray pem;
    const auto *bytes = reinterpret_cast<const unsigned char *>(der.constData());
    if (bio && PEM_write_bio(bio, pemLabel, "", bytes, long(der.size())) > 0) {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, qsizetype(size));
        OPENSSL_cleanse(data, size_t(size));
    }
    BIO_free(bio);
    return pem;
}

// The DER of the first PEM block when it is an unencrypted "PRIVATE KEY", or nothing.
std::optional<QByteArray> fromPem(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    char *name = nullptr;
    char *header = nullptr;
    unsigned char *data = nullptr;
    long length = 0;
    std::optional<QByteArray> der;
    if (bio && PEM_read_bio(bio, &name, &header, &data, &length) == 1 && std::strcmp(name, pemLabel) == 0 &&
        header[0] == '\0' && length > 0)
        der = QByteArray(reinterpret_cast<const char *>(data), qsizetype(length));
    if (data)
        OPENSSL_cleanse(data, size_t(length));
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    BIO_free(bio);
    return der;
}

} // namespace

Result<> CaKeyStore::makePrivateFolder(const QString &folder)
{
    const QByteArray path = QFile::encodeName(folder);
    QDir().mkpath(QFileInfo(folder).absolutePath());
    // SECURITY: made 0700 from the start, and tightened if it existed, so no other user can open the key
    // file or swap it between our checks.
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST)
        return fail(ErrorCode::Io, tr("Cannot create the folder %1: %2.").arg(folder, systemError()));
    struct stat info;
    if (::lstat(path.constData(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid() ||
        ((info.st_mode & 0077) != 0 && ::chmod(path.constData(), 0700) != 0))
        return fail(ErrorCode::Io, tr("The folder %1 is not a folder of yours that only you can open. Remove "
                                      "it, or make it yours with mode 0700.")
                                       .arg(folder));
    return {};
}

namespace {

// The key as a PEM file only its owner can read.
class KeyFile final : public CaKeyStore
{
public:
    explicit KeyFile(QString path)
        : m_path(std::move(path))
    {}

    Kind kind() const override { return Kind::File; }
    QString location(const QString &) const override { return m_path; }
    Result<> forget(const QString &) override { return {}; }

    Result<std::optional<QByteArray>> read(const QString &) override
    {
        QFile file(m_path);
        if (!file.exists())
            return std::optional<QByteArray>();
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io,
                        CaKeyStore::tr("Cannot read the key of Paddock's certificate authority "
                                       "in %1: %2.")
                            .arg(m_path, file.errorString()));
        // SECURITY: a key file others can read may have been copied; tighten it at once (the user still
        // decides whether to reset the CA).
        if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                                  QFileDevice::WriteOther)) {
            qWarning("The CA key file %s was readable by others; it is now 0600.", qPrintable(m_path));
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        QByteArray pem = file.readAll();
        const auto der = fromPem(pem);
        OPENSSL_cleanse(pem.data(), size_t(pem.size()));
        if (!der)
            return fail(ErrorCode::Corrupt,
                        CaKeyStore::tr("The key file of Paddock's certificate authority, %1, is damaged: it "
                                       "holds no unencrypted PKCS#8 private key. Paddock leaves it as it is; "
                                       "restore it from a backup, or reset the certificate authority to make "
                                       "a new one.")
                            .arg(m_path));
        return der;
    }

    Result<> write(const QString &, const QByteArray &pkcs8Der) override
    {
        if (auto folder = makePrivateFolder(QFileInfo(m_path).absolutePath()); !folder)
            return folder;
        QByteArray pem = toPem(pkcs8Der);
        const QByteArray target = QFile::encodeName(m_path);
        const QByteArray temporary = target + ".new";
        ::unlink(temporary.constData()); // left by a crash
        // SECURITY: the file is created 0600 by open() itself (QSaveFile would create it with the umask's
        // mode first), and O_NOFOLLOW | O_EXCL refuse a planted symlink.
        const int fd =
            ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        QString error;
        if (fd < 0)
            error = systemError();
        for (qsizetype done = 0; error.isEmpty() && done < pem.size();) {
            const ssize_t n = ::write(fd, pem.constData() + done, size_t(pem.size() - done));
            if (n > 0)
                done += n;
            else if (n == 0 || errno != EINTR)
                error = systemError();
        }
        if (error.isEmpty() && ::fsync(fd) != 0)
            error = systemError();
        if (fd >= 0)
            ::close(fd);
        OPENSSL_cleanse(pem.data(), size_t(pem.size()));
        if (error.isEmpty() && ::rename(temporary.constData(), target.constData()) != 0)
            error = systemError();
        if (!error.isEmpty()) {
            ::unlink(temporary.constData());
            return fail(ErrorCode::Io,
                        CaKeyStore::tr("Cannot save the key of Paddock's certificate authority to %1: %2.")
                            .arg(m_path, error));
        }
        return {};
    }

private:
    QString m_path;
};

// The key in the keychain, base64-encoded: a secret there is one line of text.
class KeychainKey final : public CaKeyStore
{
public:
    KeychainKey(const QString &indexFile, const QString &service)
        : m_store(indexFile, service)
        , m_service(service)
    {}

    Kind kind() const override { return Kind::Keychain; }
    QString location(const QString &caId) const override
    {
        return CaKeyStore::tr("the keychain entry \"%1\" of the service \"%2\"").arg(entry(caId), m_service);
    }

    Result<std::optional<QByteArray>> read(const QString &caId) override
    {
        auto value = m_store.readNow(entry(caId));
        if (!value && value.error().code == ErrorCode::NotFound)
            return std::optional<QByteArray>();
        if (!value)
            return std::unexpected(value.error());
        const auto decoded =
            QByteArray::fromBase64Encoding(value->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty())
            return fail(
                ErrorCode::Corrupt,
                CaKeyStore::tr("The key of Paddock's certificate authority in %1 is damaged. Paddock "
                               "leaves it as it is; reset the certificate authority to make a new one.")
                    .arg(location(caId)));
        return std::optional<QByteArray>(decoded.decoded);
    }

    Result<> write(const QString &caId, const QByteArray &pkcs8Der) override
    {
        return m_store.writeNow(entry(caId), QString::fromLatin1(pkcs8Der.toBase64()));
    }

    Result<> forget(const QString &caId) override
    {
        const auto removed = m_store.removeNow(entry(caId));
        if (!removed && removed.error().code != ErrorCode::NotFound)
            return removed;
        return {};
    }

    // A valid SecretStore name: at most 40 lower-case letters, digits and hyphens.
    static QString entry(const QString &caId) { return u"ca-key-"_s + caId.left(32); }

private:
    Core::SecretStore m_store;
    QString m_service;
};

} // namespace

std::unique_ptr<CaKeyStore> CaKeyStore::inFile(const QString &path)
{
    return std::make_unique<KeyFile>(path);
}

std::unique_ptr<CaKeyStore> CaKeyStore::inKeychain(const QString &indexFile, const QString &service)
{
    return std::make_unique<KeychainKey>(indexFile, service);
}

} // namespace Paddock::Proxy
