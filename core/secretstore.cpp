#include "core/secretstore.h"

#include "core/agenttemplate.h"

#ifdef PADDOCK_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#endif

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSaveFile>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

// Not a valid secret name, so it can never be a user's entry.
constexpr auto probeKey = "_paddock-availability-probe";

// Done callbacks always run from the event loop, never inside the call that started them, so callers see
// the same order of events whether the keychain answered or a check failed first.
template<class T>
void post(QObject *context, const SecretStore::Done<T> &done, Result<T> result)
{
    QMetaObject::invokeMethod(
        context, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

Result<QStringList> readIndex(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QStringList();
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::Io,
            SecretStore::tr("Cannot read the list of secret names in %1: %2.").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonValue names = document.object().value(u"names"_s);
    QString problem = parseError.error != QJsonParseError::NoError ? parseError.errorString() : QString();
    if (problem.isEmpty() && !names.isArray())
        problem = SecretStore::tr("it has no \"names\" list");
    QStringList result;
    for (const QJsonValue &name : names.toArray()) {
        if (problem.isEmpty() && !SecretStore::validateName(name.toString()))
            problem = SecretStore::tr("it lists an invalid name");
        result.append(name.toString());
    }
    if (!problem.isEmpty())
        return fail(
            ErrorCode::Corrupt,
            SecretStore::tr("The list of secret names in %1 is damaged (%2). Delete the file and set the "
                            "secrets again; the keychain still holds their values.")
                .arg(path, problem));
    result.removeDuplicates();
    result.sort();
    return result;
}

Result<> writeIndex(const QString &path, const QStringList &names)
{
    const QJsonObject object{
        {u"about"_s, u"The names of the secrets Paddock keeps in the system keychain. Values are never "
                     "stored here."_s},
        {u"names"_s, QJsonArray::fromStringList(names)},
    };
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0 || !file.commit())
        return fail(
            ErrorCode::Io,
            SecretStore::tr("Cannot save the list of secret names to %1: %2.").arg(path, file.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

// Adds or removes one name. (Unused in a build without QtKeychain.)
[[maybe_unused]] Result<> updateIndex(const QString &path, const QString &name, bool present)
{
    auto names = readIndex(path);
    if (!names)
        return std::unexpected(names.error());
    if (names->contains(name) == present)
        return {};
    if (present)
        names->append(name);
    else
        names->removeAll(name);
    names->sort();
    return writeIndex(path, *names);
}

Error unavailable(const QString &reason)
{
    return {
        ErrorCode::Unavailable,
        SecretStore::tr("No keychain is available (%1). Paddock keeps API keys only in the system keychain, "
                        "never in a file. Install GNOME Keyring (on Debian and Ubuntu: sudo apt install "
                        "gnome-keyring libsecret-1-0) or KDE Wallet, and use Paddock in a desktop session, "
                        "which starts D-Bus and the keychain for you. docs/secrets.md explains the other "
                        "cases.")
            .arg(reason)};
}

#ifdef PADDOCK_HAVE_QTKEYCHAIN

enum class Action { Write, Read, Remove, Probe };

// Why no keychain can answer, when that is the case: QtKeychain reports a missing D-Bus session or a missing
// keychain service as a generic error, so look at the session bus ourselves.
std::optional<QString> missingKeychainReason()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return SecretStore::tr("there is no D-Bus session bus: %1").arg(bus.lastError().message());
    const QDBusConnectionInterface *interface = bus.interface();
    if (!interface)
        return std::nullopt;
    const QStringList services{u"org.freedesktop.secrets"_s, u"org.kde.kwalletd6"_s, u"org.kde.kwalletd5"_s,
                               u"org.kde.kwalletd"_s};
    const QDBusReply<QStringList> activatable = interface->activatableServiceNames();
    for (const QString &service : services) {
        if (interface->isServiceRegistered(service).value() ||
            (activatable.isValid() && activatable.value().contains(service)))
            return std::nullopt;
    }
    return SecretStore::tr("no keychain service runs or is installed on the D-Bus session bus");
}

Error jobError(const QKeychain::Job *job, Action action, const QString &name)
{
    QString detail = job->errorString();
    while (detail.endsWith(u'.'))
        detail.chop(1);
    switch (job->error()) {
    case QKeychain::EntryNotFound:
        return {ErrorCode::NotFound,
                SecretStore::tr("The keychain holds no secret \"%1\". Set it with 'paddock "
                                "secret set %1' or on the Secrets page.")
                    .arg(name)};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable(missingKeychainReason().value_or(detail));
    default:
        break;
    }
    if (const auto reason = missingKeychainReason())
        return unavailable(*reason);
    QString what;
    switch (action) {
    case Action::Write:
        what = SecretStore::tr("The keychain could not save the secret \"%1\": %2.").arg(name, detail);
        break;
    case Action::Read:
        what = SecretStore::tr("The keychain could not read the secret \"%1\": %2.").arg(name, detail);
        break;
    case Action::Remove:
        what = SecretStore::tr("The keychain could not remove the secret \"%1\": %2.").arg(name, detail);
        break;
    case Action::Probe:
        what = SecretStore::tr("The keychain does not answer: %1.").arg(detail);
        break;
    }
    const bool denied =
        job->error() == QKeychain::AccessDenied || job->error() == QKeychain::AccessDeniedByUser;
    const QString advice =
        denied ? SecretStore::tr("Unlock the keychain when it asks for its password, and try again.")
               : SecretStore::tr("If the keychain is locked or has no default keyring, unlock or create one "
                                 "(GNOME: Passwords and Keys; KDE: KWalletManager) and try again.");
    return {denied ? ErrorCode::Denied : ErrorCode::Io, QString(what + u' ' + advice)};
}

template<class JobType>
JobType *newJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    // SECURITY: with the fallback on, QtKeychain writes the value to a plain settings file when no keychain
    // answers; a key must fail to save rather than land on disk.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    return job;
}

// Starts the job; when it finishes, outcome turns it into a result (and updates the index) even if context is
// gone by then, so a secret saved is always listed; done then runs on context, if it still exists.
template<class T, class Outcome>
void whenFinished(QKeychain::Job *job, QObject *context, SecretStore::Done<T> done, Outcome outcome)
{
    QObject::connect(
        job, &QKeychain::Job::finished, job,
        [context = QPointer<QObject>(context), done = std::move(done), outcome](QKeychain::Job *finished) {
            Result<T> result = outcome(finished);
            if (context)
                post(context.get(), done, std::move(result));
        });
    job->start();
}

#else

Error notBuiltIn()
{
    return unavailable(
        SecretStore::tr("this Paddock was built without QtKeychain; install qtkeychain-qt6-dev "
                        "and build it again"));
}

#endif

// Runs an asynchronous call in a local event loop; done callbacks that come after the timeout are dropped
// with the context.
template<class T, class Start>
Result<T> waitFor(Start start, int timeoutMs)
{
    QObject context;
    QEventLoop loop;
    std::optional<Result<T>> result;
    start(&context, [&](Result<T> answer) {
        result = std::move(answer);
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!result)
        loop.exec();
    if (!result)
        return fail(ErrorCode::Unavailable,
                    SecretStore::tr("The keychain did not answer within %n second(s). If it asks for a "
                                    "password, unlock it and try again.",
                                    nullptr, timeoutMs / 1000));
    return std::move(*result);
}

} // namespace

SecretStore::SecretStore(QString indexFile, QString service)
    : m_indexFile(std::move(indexFile))
    , m_service(std::move(service))
{}

Result<> SecretStore::validateName(const QString &name)
{
    if (!AgentTemplate::isValidId(name)) // templates name their secrets by the same rule
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" is not a valid secret name; use 1-40 lower-case letters, digits and hyphens, "
                       "starting with a letter or digit, such as anthropic-api-key.")
                        .arg(name.left(60)));
    return {};
}

Result<> SecretStore::validateValue(const QString &value)
{
    if (value.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("The secret is empty; paste the key or token itself."));
    if (value.size() > maxValueLength)
        return fail(ErrorCode::InvalidArgument,
                    tr("The secret is longer than %1 characters; that is not an API key or token.")
                        .arg(maxValueLength));
    for (const QChar c : value) {
        // SECURITY: the proxy writes the value into an HTTP header; a line break would let it add headers
        // or a whole request of its own.
        // Invisible format characters (a zero-width space) come from copying and would make the key wrong.
        const QChar::Category category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format ||
            category == QChar::Separator_Line || category == QChar::Separator_Paragraph)
            return fail(
                ErrorCode::InvalidArgument,
                tr("The secret contains a line break, tab or other invisible control character; API keys "
                   "and tokens have none. Check that only the key was copied."));
    }
    return {};
}

Result<QStringList> SecretStore::names() const
{
    return readIndex(m_indexFile);
}

void SecretStore::write(const QString &name, const QString &value, QObject *context, Done<void> done)
{
    Result<> valid = validateName(name);
    if (valid)
        valid = validateValue(value);
    if (valid) {
        // A damaged index is reported before the keychain is touched, so a set never leaves an unlisted
        // entry.
        if (const auto index = readIndex(m_indexFile); !index)
            valid = std::unexpected(index.error());
    }
    if (!valid)
        return post(context, done, valid);
#ifdef PADDOCK_HAVE_QTKEYCHAIN
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, name);
    job->setTextData(value);
    whenFinished(job, context, std::move(done),
                 [indexFile = m_indexFile, name](QKeychain::Job *finished) -> Result<> {
                     if (finished->error() != QKeychain::NoError)
                         return std::unexpected(jobError(finished, Action::Write, name));
                     // The keychain holds the value; only now is the name listed.
                     return updateIndex(indexFile, name, true);
                 });
#else
    post(context, done, Result<>(std::unexpected(notBuiltIn())));
#endif
}

void SecretStore::read(const QString &name, QObject *context, Done<QString> done)
{
    if (const auto valid = validateName(name); !valid)
        return post(context, done, Result<QString>(std::unexpected(valid.error())));
#ifdef PADDOCK_HAVE_QTKEYCHAIN
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, name);
    whenFinished(job, context, std::move(done), [name](QKeychain::Job *finished) -> Result<QString> {
        if (finished->error() != QKeychain::NoError)
            return std::unexpected(jobError(finished, Action::Read, name));
        return static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
    });
#else
    post(context, done, Result<QString>(std::unexpected(notBuiltIn())));
#endif
}

void SecretStore::remove(const QString &name, QObject *context, Done<void> done)
{
    if (const auto valid = validateName(name); !valid)
        return post(context, done, valid);
#ifdef PADDOCK_HAVE_QTKEYCHAIN
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, name);
    whenFinished(
        job, context, std::move(done), [indexFile = m_indexFile, name](QKeychain::Job *finished) -> Result<> {
            if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
                return std::unexpected(jobError(finished, Action::Remove, name));
            const auto names = readIndex(indexFile);
            if (!names)
                return std::unexpected(names.error());
            if (!names->contains(name))
                return fail(ErrorCode::NotFound,
                            tr("There is no secret \"%1\"; 'paddock secret ls' lists them.").arg(name));
            return updateIndex(indexFile, name, false);
        });
#else
    post(context, done, Result<>(std::unexpected(notBuiltIn())));
#endif
}

void SecretStore::checkAvailable(QObject *context, Done<void> done)
{
#ifdef PADDOCK_HAVE_QTKEYCHAIN
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, QLatin1StringView(probeKey));
    whenFinished(job, context, std::move(done), [](QKeychain::Job *finished) -> Result<> {
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound)
            return {};
        return std::unexpected(jobError(finished, Action::Probe, {}));
    });
#else
    post(context, done, Result<>(std::unexpected(notBuiltIn())));
#endif
}

Result<> SecretStore::writeNow(const QString &name, const QString &value, int timeoutMs)
{
    return waitFor<void>(
        [&](QObject *context, Done<void> done) { write(name, value, context, std::move(done)); }, timeoutMs);
}

Result<QString> SecretStore::readNow(const QString &name, int timeoutMs)
{
    return waitFor<QString>(
        [&](QObject *context, Done<QString> done) { read(name, context, std::move(done)); }, timeoutMs);
}

Result<> SecretStore::removeNow(const QString &name, int timeoutMs)
{
    return waitFor<void>([&](QObject *context, Done<void> done) { remove(name, context, std::move(done)); },
                         timeoutMs);
}

Result<> SecretStore::checkAvailableNow(int timeoutMs)
{
    return waitFor<void>([&](QObject *context, Done<void> done) { checkAvailable(context, std::move(done)); },
                         timeoutMs);
}

} // namespace Paddock::Core
