#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>

class QObject;

namespace Paddock::Core {

// The API keys and tokens the proxy injects, kept in the OS keychain through QtKeychain (the Secret Service,
// as GNOME Keyring provides it, or KDE Wallet). Keychains cannot list one application's entries, so a small
// index file beside the settings lists the names; a value is never written to a file or a log.
class SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::SecretStore)

public:
    static constexpr qsizetype maxValueLength = 16 * 1024;
    template<class T>
    using Done = std::function<void(Result<T>)>;

    // indexFile: Paths::secretsIndexFile(); service: the keychain entries' service (tests use their own).
    explicit SecretStore(QString indexFile, QString service = QStringLiteral("Paddock"));

    // 1-40 lower-case letters, digits and hyphens, starting with a letter or digit: as templates name them.
    static Result<> validateName(const QString &name);
    // Not empty, at most maxValueLength, no control characters (the proxy puts it in an HTTP header line).
    static Result<> validateValue(const QString &value);

    // The names of the secrets set, sorted, from the index (the keychain is not asked).
    Result<QStringList> names() const;
    QString indexFile() const { return m_indexFile; }

    // Asynchronous, for the GUI: done runs once on context's thread when the keychain answers, unless
    // context is gone by then. A keychain may first ask the user to unlock it.
    void write(const QString &name, const QString &value, QObject *context, Done<void> done);
    void read(const QString &name, QObject *context, Done<QString> done);
    // Removing a secret that is not set is NotFound (after clearing any stray keychain entry).
    void remove(const QString &name, QObject *context, Done<void> done);
    // Whether a keychain answers at all: Unavailable, with what to install or start, when none does.
    void checkAvailable(QObject *context, Done<void> done);

    // Blocking, for the CLI and tests: waits in a local event loop, at most timeoutMs.
    Result<> writeNow(const QString &name, const QString &value, int timeoutMs = defaultTimeoutMs);
    Result<QString> readNow(const QString &name, int timeoutMs = defaultTimeoutMs);
    Result<> removeNow(const QString &name, int timeoutMs = defaultTimeoutMs);
    Result<> checkAvailableNow(int timeoutMs = defaultTimeoutMs);

private:
    static constexpr int defaultTimeoutMs = 120'000; // long enough to type a keyring password

    QString m_indexFile;
    QString m_service;
};

} // namespace Paddock::Core
