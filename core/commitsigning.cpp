// BranchReview: signing the commits a merge or squash makes, with the user's own key, the way git does.
#include "core/branchreview.h"

#include "core/gitsupport_p.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

using namespace Git;

namespace {

using Config = std::unique_ptr<git_config, Deleter<git_config_free>>;

// Long enough for the user to type a passphrase into gpg's pinentry or ssh-keygen's prompt.
constexpr int signingTimeoutMs = 180'000;
constexpr qsizetype maxSignatureBytes = 64 * 1024;

std::optional<QString> configString(git_config *config, const char *name)
{
    git_config_entry *entry = nullptr;
    if (git_config_get_entry(&entry, config, name) != 0 || !entry)
        return std::nullopt;
    QString value = QString::fromUtf8(entry->value ? entry->value : "");
    git_config_entry_free(entry);
    return value;
}

// SECURITY: a program to run is read from the user's global and system configuration only. A repository's
// own .git/config is writable by an agent that ever worked on it directly (--mode direct).
std::optional<QString> trustedConfigString(git_config *config, const char *name)
{
    for (const git_config_level_t level : {GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG,
                                           GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_PROGRAMDATA}) {
        git_config *raw = nullptr;
        if (git_config_open_level(&raw, config, level) != 0)
            continue;
        const Config atLevel(raw);
        if (auto value = configString(raw, name))
            return value;
    }
    return std::nullopt;
}

QString expandHome(const QString &path)
{
    if (path == u"~"_s || path.startsWith(u"~/"_s))
        return QDir::homePath() + path.mid(1);
    return path;
}

// A literal public key ("key::ssh-ed25519 AAAA…", or since git 2.35 just "ssh-ed25519 AAAA…").
std::optional<QString> literalSshKey(const QString &key)
{
    if (key.startsWith(u"key::"_s))
        return key.mid(5);
    if (key.startsWith(u"ssh-"_s) || key.startsWith(u"ecdsa-"_s) || key.startsWith(u"sk-"_s))
        return key;
    return std::nullopt;
}

// What a signing program said, without gpg's machine-readable status lines, short enough for a message.
QString programMessage(const QByteArray &errorOutput)
{
    QStringList lines;
    for (const QByteArray &line : errorOutput.split('\n')) {
        if (!line.startsWith("[GNUPG:]") && !line.trimmed().isEmpty())
            lines.append(QString::fromUtf8(line.trimmed()));
    }
    QString text = lines.join(u' ');
    if (text.size() > 400)
        text = text.left(400) + u'…';
    return text.isEmpty() ? BranchReview::tr("it gave no reason") : text;
}

Result<QByteArray> runSigner(QProcess &process, const QString &program, const QStringList &arguments,
                             const QByteArray &input)
{
    process.setProgram(program);
    process.setArguments(arguments);
    process.start();
    if (!process.waitForStarted())
        return fail(
            ErrorCode::Unavailable,
            BranchReview::tr("Could not sign the commit: %1 could not be started (%2). Install it, or "
                             "merge without signing.")
                .arg(program, process.errorString()));
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(signingTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return fail(ErrorCode::Unavailable,
                    BranchReview::tr("Could not sign the commit: %1 did not finish within %2 minutes.")
                        .arg(program)
                        .arg(signingTimeoutMs / 60'000));
    }
    const QByteArray errors = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(ErrorCode::Unavailable, BranchReview::tr("Could not sign the commit: %1 failed: %2")
                                                .arg(program, programMessage(errors)));
    return errors;
}

Result<QByteArray> signWithGpg(const CommitSigning &signing, const QByteArray &payload,
                               const git_signature &committer)
{
    // As git: the key, or else the committer's identity, which gpg looks up among the user's keys.
    const QString key = signing.key.isEmpty() ? QString::fromUtf8(committer.name) + u" <"_s +
                                                    QString::fromUtf8(committer.email) + u'>'
                                              : signing.key;
    QProcess process;
    const auto status = runSigner(process, signing.program, {u"--status-fd=2"_s, u"-bsau"_s, key}, payload);
    if (!status)
        return std::unexpected(status.error());
    // gpg can exit 0 without signing (a key that cannot sign); git trusts only this status line.
    if (!QString(u'\n' + QString::fromUtf8(*status)).contains(u"\n[GNUPG:] SIG_CREATED "_s))
        return fail(ErrorCode::Unavailable,
                    BranchReview::tr("Could not sign the commit: %1 made no signature: %2")
                        .arg(signing.program, programMessage(*status)));
    QByteArray signature = process.readAllStandardOutput();
    if (signature.isEmpty() || signature.size() > maxSignatureBytes)
        return fail(
            ErrorCode::Unavailable,
            BranchReview::tr("Could not sign the commit: %1 made no signature.").arg(signing.program));
    return signature;
}

Result<QByteArray> signWithSsh(const CommitSigning &signing, const QByteArray &payload)
{
    QTemporaryDir folder(QDir::tempPath() + u"/paddock-sign-XXXXXX"_s);
    if (!folder.isValid())
        return fail(ErrorCode::Io, BranchReview::tr("Could not sign the commit: no temporary folder (%1).")
                                       .arg(folder.errorString()));
    const auto write = [](const QString &path, const QByteArray &bytes) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.flush();
    };
    const QString buffer = folder.filePath(u"commit"_s);
    if (!write(buffer, payload))
        return fail(ErrorCode::Io,
                    BranchReview::tr("Could not sign the commit: could not write a temporary file."));
    QStringList arguments{u"-Y"_s, u"sign"_s, u"-n"_s, u"git"_s, u"-f"_s};
    if (const auto literal = literalSshKey(signing.key)) {
        // A literal public key: its private half is in the user's ssh-agent.
        const QString keyFile = folder.filePath(u"key.pub"_s);
        if (!write(keyFile, literal->toUtf8() + '\n'))
            return fail(ErrorCode::Io,
                        BranchReview::tr("Could not sign the commit: could not write a temporary file."));
        arguments << keyFile << u"-U"_s;
    } else {
        arguments << expandHome(signing.key);
    }
    arguments << buffer;
    QProcess process;
    if (auto ran = runSigner(process, signing.program, arguments, {}); !ran)
        return std::unexpected(ran.error());
    QFile signatureFile(buffer + u".sig"_s);
    if (!signatureFile.open(QIODevice::ReadOnly) || signatureFile.size() > maxSignatureBytes)
        return fail(
            ErrorCode::Unavailable,
            BranchReview::tr("Could not sign the commit: %1 made no signature.").arg(signing.program));
    return signatureFile.readAll();
}

} // namespace

QString CommitSigning::description() const
{
    switch (format) {
    case Format::Ssh:
        if (key.isEmpty())
            return BranchReview::tr("SSH, no key set");
        if (const auto literal = literalSshKey(key))
            return BranchReview::tr("SSH key %1… from your agent").arg(literal->section(u' ', 0, 0));
        return BranchReview::tr("SSH key %1").arg(key);
    case Format::X509:
        return key.isEmpty() ? BranchReview::tr("X.509 (gpgsm), your identity")
                             : BranchReview::tr("X.509 key %1").arg(key);
    case Format::OpenPgp:
        break;
    }
    return key.isEmpty() ? BranchReview::tr("GnuPG, your identity")
                         : BranchReview::tr("GnuPG key %1").arg(key);
}

namespace Git {

Result<CommitSigning> readSigning(git_repository *repository)
{
    git_config *raw = nullptr;
    if (git_repository_config_snapshot(&raw, repository) != 0)
        return fail(ErrorCode::Io,
                    BranchReview::tr("Could not read the git configuration: %1").arg(lastError()));
    const Config config(raw);
    CommitSigning signing;
    const QString format = configString(raw, "gpg.format").value_or(u"openpgp"_s).toLower();
    if (format == u"ssh"_s)
        signing.format = CommitSigning::Format::Ssh;
    else if (format == u"x509"_s)
        signing.format = CommitSigning::Format::X509;
    else if (format != u"openpgp"_s)
        return fail(
            ErrorCode::InvalidArgument,
            BranchReview::tr("gpg.format is \"%1\" in your git configuration; git knows openpgp, x509 "
                             "and ssh.")
                .arg(format));
    const char *programKey = signing.format == CommitSigning::Format::Ssh    ? "gpg.ssh.program"
                             : signing.format == CommitSigning::Format::X509 ? "gpg.x509.program"
                                                                             : "gpg.openpgp.program";
    const QString fallback = signing.format == CommitSigning::Format::Ssh    ? u"ssh-keygen"_s
                             : signing.format == CommitSigning::Format::X509 ? u"gpgsm"_s
                                                                             : u"gpg"_s;
    signing.program = trustedConfigString(raw, programKey)
                          .or_else([&] {
                              return signing.format == CommitSigning::Format::OpenPgp
                                         ? trustedConfigString(raw, "gpg.program")
                                         : std::nullopt;
                          })
                          .value_or(fallback);
    if (signing.program.trimmed().isEmpty())
        signing.program = fallback;
    signing.key = configString(raw, "user.signingkey").value_or(QString()).trimmed();
    int byDefault = 0;
    signing.byDefault = git_config_get_bool(&byDefault, raw, "commit.gpgsign") == 0 && byDefault;
    if (signing.format == CommitSigning::Format::Ssh && signing.key.isEmpty())
        signing.problem =
            BranchReview::tr("gpg.format is ssh but user.signingkey is not set; set it with 'git "
                             "config --global user.signingkey ~/.ssh/id_ed25519.pub'.");
    return signing;
}

Result<QByteArray> signPayload(const CommitSigning &signing, const QByteArray &payload,
                               const git_signature &committer)
{
    if (!signing.problem.isEmpty())
        return fail(ErrorCode::InvalidArgument,
                    BranchReview::tr("Could not sign the commit: %1").arg(signing.problem));
    return signing.format == CommitSigning::Format::Ssh ? signWithSsh(signing, payload)
                                                        : signWithGpg(signing, payload, committer);
}

} // namespace Git

Result<CommitSigning> BranchReview::signing(const QString &repository)
{
    auto user = openUserRepository(repository);
    if (!user)
        return std::unexpected(user.error());
    return readSigning(user->get());
}

} // namespace Paddock::Core
