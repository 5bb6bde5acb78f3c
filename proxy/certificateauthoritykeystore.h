#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace Paddock::Proxy {

// Where the private key of Paddock's certificate authority is kept, as PKCS#8 DER: in the OS keychain, or in
// a file only its owner can read. An interface, so tests can use a folder of their own or a store that fails.
class CaKeyStore
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::CaKeyStore)

public:
    enum class Kind { File, Keychain };
    static constexpr QLatin1StringView keychainService{"Paddock Local CA"};

    virtual ~CaKeyStore() = default;

    virtual Kind kind() const = 0;

    // caId names the CA a key belongs to (CertificateAuthority derives it from the certificate), so the CAs
    // of several data folders never share, or overwrite, one keychain entry. A file holds one key and ignores
    // it.
    // Where the key is, for messages: the file, or the keychain entry.
    virtual QString location(const QString &caId) const = 0;
    // The stored key, or nullopt when none is stored; a key that cannot be read is an error, never nullopt.
    virtual Core::Result<std::optional<QByteArray>> read(const QString &caId) = 0;
    virtual Core::Result<> write(const QString &caId, const QByteArray &pkcs8Der) = 0;
    // Drops the key of a CA that a new one replaced. A file holds one key, which write() replaced already.
    virtual Core::Result<> forget(const QString &caId) = 0;

    // A PEM file written with mode 0600 in a folder of mode 0700 (the folder is made if needed).
    static std::unique_ptr<CaKeyStore> inFile(const QString &path);
    // A keychain entry through Core::SecretStore. indexFile is that store's names-only index: one of its own,
    // so the CA key is never listed (or removable) among the user's API keys.
    static std::unique_ptr<CaKeyStore> inKeychain(const QString &indexFile,
                                                  const QString &service = keychainService);

    // Makes folder (and its parents) and leaves it with mode 0700; refuses one that is not the user's.
    static Core::Result<> makePrivateFolder(const QString &folder);
};

} // namespace Paddock::Proxy
