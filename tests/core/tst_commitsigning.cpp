// Signing merge and squash commits with the user's own key, on real repositories, with real ssh-keygen and
// gpg keys made for the test in a private HOME and GNUPGHOME; git itself verifies the signatures.
#include "core/branchreview.h"
#include "core/workspaceclone.h"

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;
using Paddock::Test::readFile;
using Paddock::Test::writeFile;

class TestCommitSigning : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_home;
    QString m_host;
    QString m_clone;
    QString m_canary;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QString &program, const QStringList &args, const QString &directory = {})
    {
        QProcess process;
        process.setWorkingDirectory(directory.isEmpty() ? QDir::currentPath() : directory);
        process.start(program, args);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }
    static QByteArray git(const QString &repo, const QStringList &args)
    {
        const Run result = run(u"git"_s, args, repo);
        if (result.exitCode != 0)
            qWarning("git %s: %s", qPrintable(args.join(u' ')), result.err.constData());
        return result.out;
    }
    static void setGlobal(const QString &key, const QString &value)
    {
        QCOMPARE(run(u"git"_s, {u"config"_s, u"--global"_s, key, value}).exitCode, 0);
    }
    // refs, HEAD, index and tracked files of the user's repository.
    QByteArray hostState() const
    {
        return git(m_host, {u"show-ref"_s}) + git(m_host, {u"symbolic-ref"_s, u"HEAD"_s}) +
               readFile(m_host + u"/.git/index"_s) + git(m_host, {u"status"_s, u"--porcelain"_s}) +
               readFile(m_host + u"/README.md"_s);
    }
    QByteArray headCommit() const { return git(m_host, {u"cat-file"_s, u"commit"_s, u"HEAD"_s}); }

    // An SSH key at ~/key, configured as the global signing key; the allowed-signers file git verifies with.
    void configureSsh()
    {
        QCOMPARE(run(u"ssh-keygen"_s, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-C"_s, u"test"_s,
                                       u"-f"_s, m_home + u"/key"_s})
                     .exitCode,
                 0);
        setGlobal(u"gpg.format"_s, u"ssh"_s);
        setGlobal(u"user.signingkey"_s, u"~/key"_s);
        writeFile(m_home + u"/allowed_signers"_s, "t@example.com " + readFile(m_home + u"/key.pub"_s));
        setGlobal(u"gpg.ssh.allowedSignersFile"_s, m_home + u"/allowed_signers"_s);
    }
    bool verifies(const QString &rev = u"HEAD"_s) const
    {
        const Run verified = run(u"git"_s, {u"verify-commit"_s, rev}, m_host);
        if (verified.exitCode != 0)
            qWarning("verify-commit: %s", verified.err.constData());
        return verified.exitCode == 0;
    }
    Result<MergeOutcome> merge(MergeOptions::Mode mode, MergeOptions::Signing signing)
    {
        MergeOptions options;
        options.mode = mode;
        options.signing = signing;
        return BranchReview::merge(m_host, u"a"_s, options);
    }
    // A script that leaves a canary file, then runs the real program it stands for.
    QString canaryProgram(const QString &name, const QString &real)
    {
        const QString path = m_root.path() + u"/bin/"_s + name;
        writeFile(path, "#!/bin/sh\ntouch '" + QFile::encodeName(m_canary) + "/" + name.toUtf8() +
                            "'\nexec " + real.toUtf8() + " \"$@\"\n");
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        if (QStandardPaths::findExecutable(u"ssh-keygen"_s).isEmpty() ||
            QStandardPaths::findExecutable(u"gpg"_s).isEmpty())
            QFAIL(
                "ssh-keygen and gpg are needed (openssh-client, gnupg; scripts/setup-deps.sh installs them)");
        // Before libgit2 starts: it finds the global configuration from HOME and XDG_CONFIG_HOME once.
        m_home = m_root.path() + u"/home"_s;
        QDir().mkpath(m_home);
        qputenv("HOME", QFile::encodeName(m_home));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home + u"/.config"_s));
        qputenv("GNUPGHOME", QFile::encodeName(m_root.path() + u"/gnupg"_s));
        qunsetenv("GIT_CONFIG_GLOBAL");
        qunsetenv("SSH_AUTH_SOCK");
    }

    void init()
    {
        m_host = m_root.path() + u"/host"_s;
        m_clone = m_root.path() + u"/clone"_s;
        m_canary = m_root.path() + u"/canary"_s;
        for (const QString &folder :
             {m_host, m_clone, m_canary, m_home, QString(m_root.path() + u"/gnupg"_s)})
            QDir(folder).removeRecursively();
        QDir().mkpath(m_home);
        QDir().mkpath(m_canary);
        QDir().mkpath(m_root.path() + u"/gnupg"_s);
        QFile::setPermissions(m_root.path() + u"/gnupg"_s,
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        setGlobal(u"user.name"_s, u"Test"_s);
        setGlobal(u"user.email"_s, u"t@example.com"_s);
        setGlobal(u"init.defaultBranch"_s, u"main"_s);
        QDir().mkpath(m_host);
        git(m_host, {u"init"_s, u"-q"_s});
        writeFile(m_host + u"/README.md"_s, "hello\n");
        git(m_host, {u"add"_s, u"."_s});
        git(m_host, {u"commit"_s, u"-qm"_s, u"first"_s});
        QVERIFY(WorkspaceClone::create(m_host, m_clone, u"paddock/a"_s).has_value());
        // The agent's work, and the user's, so that every merge makes a commit.
        writeFile(m_clone + u"/agent.txt"_s, "agent\n");
        git(m_clone, {u"add"_s, u"."_s});
        git(m_clone, {u"commit"_s, u"-qm"_s, u"agent work"_s});
        writeFile(m_host + u"/user.txt"_s, "user\n");
        git(m_host, {u"add"_s, u"."_s});
        git(m_host, {u"commit"_s, u"-qm"_s, u"user work"_s});
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
    }

    void cleanup()
    {
        // gpg started an agent for the test's GNUPGHOME; it would outlive the test.
        run(u"gpgconf"_s, {u"--kill"_s, u"gpg-agent"_s});
    }

    void describesTheConfiguration()
    {
        auto signing = BranchReview::signing(m_host);
        QVERIFY(signing.has_value());
        QCOMPARE(signing->format, CommitSigning::Format::OpenPgp);
        QCOMPARE(signing->program, u"gpg"_s);
        QVERIFY(signing->key.isEmpty());
        QVERIFY(!signing->byDefault);
        QVERIFY(signing->problem.isEmpty());

        setGlobal(u"gpg.format"_s, u"ssh"_s);
        signing = BranchReview::signing(m_host);
        QCOMPARE(signing->format, CommitSigning::Format::Ssh);
        QCOMPARE(signing->program, u"ssh-keygen"_s);
        QVERIFY(signing->problem.contains(u"user.signingkey"_s));

        setGlobal(u"user.signingkey"_s, u"~/.ssh/id_ed25519.pub"_s);
        git(m_host, {u"config"_s, u"commit.gpgsign"_s, u"true"_s}); // a repository's own setting counts
        signing = BranchReview::signing(m_host);
        QVERIFY(signing->problem.isEmpty());
        QVERIFY(signing->byDefault);
        QCOMPARE(signing->description(), u"SSH key ~/.ssh/id_ed25519.pub"_s);

        setGlobal(u"gpg.format"_s, u"x509"_s);
        QCOMPARE(BranchReview::signing(m_host)->program, u"gpgsm"_s);
        setGlobal(u"gpg.format"_s, u"pgp2"_s);
        const auto unknown = BranchReview::signing(m_host);
        QVERIFY(!unknown.has_value());
        QVERIFY(unknown.error().message.contains(u"pgp2"_s));
    }

    void sshSignsMergeAndSquashCommits_data()
    {
        QTest::addColumn<MergeOptions::Mode>("mode");
        QTest::addColumn<MergeOutcome::Kind>("kind");
        QTest::newRow("merge commit") << MergeOptions::Mode::MergeCommit << MergeOutcome::Kind::MergeCommit;
        QTest::newRow("squash") << MergeOptions::Mode::Squash << MergeOutcome::Kind::Squash;
    }
    void sshSignsMergeAndSquashCommits()
    {
        QFETCH(MergeOptions::Mode, mode);
        QFETCH(MergeOutcome::Kind, kind);
        configureSsh();
        setGlobal(u"commit.gpgsign"_s, u"true"_s);
        const auto merged = merge(mode, MergeOptions::Signing::AsConfigured);
        QVERIFY2(merged.has_value(), merged ? "" : qPrintable(merged.error().message));
        QCOMPARE(merged->kind, kind);
        QVERIFY(merged->isSigned);
        QCOMPARE(git(m_host, {u"rev-parse"_s, u"HEAD"_s}).trimmed(), merged->commit.toUtf8());
        QVERIFY(headCommit().contains("\ngpgsig -----BEGIN SSH SIGNATURE-----\n"));
        QVERIFY(verifies());
        QCOMPARE(readFile(m_host + u"/agent.txt"_s), QByteArray("agent\n"));
        QCOMPARE(git(m_host, {u"status"_s, u"--porcelain"_s}), QByteArray());
    }

    void gpgSignsAsTheCommitterIdentity()
    {
        // A key for the committer's identity, no passphrase; no user.signingkey: gpg picks it by identity.
        const Run made = run(u"gpg"_s, {u"--batch"_s, u"--pinentry-mode"_s, u"loopback"_s, u"--passphrase"_s,
                                        QString(), u"--quick-gen-key"_s, u"Test <t@example.com>"_s,
                                        u"ed25519"_s, u"sign"_s, u"never"_s});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const auto merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::Always);
        QVERIFY2(merged.has_value(), merged ? "" : qPrintable(merged.error().message));
        QVERIFY(merged->isSigned);
        QVERIFY(headCommit().contains("\ngpgsig -----BEGIN PGP SIGNATURE-----\n"));
        QVERIFY(verifies());
    }

    void theChoiceOverridesCommitGpgsign()
    {
        configureSsh();
        // Not configured to sign: only an explicit Always signs.
        auto merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::AsConfigured);
        QVERIFY(merged.has_value());
        QVERIFY(!merged->isSigned);
        QVERIFY(!headCommit().contains("gpgsig"));
        git(m_host, {u"reset"_s, u"-q"_s, u"--hard"_s, u"HEAD~1"_s});
        merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::Always);
        QVERIFY(merged.has_value());
        QVERIFY(merged->isSigned);
        QVERIFY(verifies());
        git(m_host, {u"reset"_s, u"-q"_s, u"--hard"_s, u"HEAD~1"_s});
        // Configured to sign: Never does not.
        setGlobal(u"commit.gpgsign"_s, u"true"_s);
        merged = merge(MergeOptions::Mode::Squash, MergeOptions::Signing::Never);
        QVERIFY(merged.has_value());
        QVERIFY(!merged->isSigned);
        QVERIFY(!headCommit().contains("gpgsig"));
        // A fast-forward makes no commit, so there is nothing to sign.
        git(m_host, {u"reset"_s, u"-q"_s, u"--hard"_s, u"HEAD~2"_s});
        merged = merge(MergeOptions::Mode::FastForwardOnly, MergeOptions::Signing::Always);
        QVERIFY(merged.has_value());
        QCOMPARE(merged->kind, MergeOutcome::Kind::FastForward);
        QVERIFY(!merged->isSigned);
    }

    void failedSigningChangesNothing()
    {
        setGlobal(u"gpg.format"_s, u"ssh"_s);
        setGlobal(u"commit.gpgsign"_s, u"true"_s);
        const QByteArray before = hostState();
        // No key set: said before anything runs.
        auto merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::AsConfigured);
        QVERIFY(!merged.has_value());
        QVERIFY2(merged.error().message.contains(u"user.signingkey"_s), qPrintable(merged.error().message));
        QCOMPARE(hostState(), before);
        // A key that is not there: ssh-keygen fails, and says why.
        setGlobal(u"user.signingkey"_s, m_home + u"/missing-key"_s);
        merged = merge(MergeOptions::Mode::Squash, MergeOptions::Signing::AsConfigured);
        QVERIFY(!merged.has_value());
        QCOMPARE(merged.error().code, ErrorCode::Unavailable);
        QVERIFY2(merged.error().message.contains(u"ssh-keygen failed"_s), qPrintable(merged.error().message));
        QCOMPARE(hostState(), before);
        // A signing program that is not installed.
        setGlobal(u"gpg.format"_s, u"openpgp"_s);
        setGlobal(u"gpg.program"_s, m_root.path() + u"/no-such-gpg"_s);
        merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::AsConfigured);
        QVERIFY(!merged.has_value());
        QVERIFY2(merged.error().message.contains(u"could not be started"_s),
                 qPrintable(merged.error().message));
        QCOMPARE(hostState(), before);
        // gpg with no key for the identity exits non-zero; nothing is committed either.
        setGlobal(u"gpg.program"_s, u"gpg"_s);
        merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::AsConfigured);
        QVERIFY(!merged.has_value());
        QCOMPARE(hostState(), before);
    }

    void signingProgramComesOnlyFromTheGlobalConfiguration()
    {
        configureSsh();
        setGlobal(u"commit.gpgsign"_s, u"true"_s);
        // SECURITY: a program named in the repository's own config (which a direct-mode agent could write)
        // is not run; ssh-keygen is.
        git(m_host, {u"config"_s, u"gpg.ssh.program"_s, canaryProgram(u"local-signer"_s, u"ssh-keygen"_s)});
        auto merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::AsConfigured);
        QVERIFY2(merged.has_value(), merged ? "" : qPrintable(merged.error().message));
        QVERIFY(merged->isSigned);
        QCOMPARE(QDir(m_canary).entryList(QDir::Files), QStringList());
        git(m_host, {u"config"_s, u"--unset"_s, u"gpg.ssh.program"_s}); // git verify-commit would run it
        QVERIFY(verifies());
        // The same program in the user's global configuration is theirs to choose, and runs.
        git(m_host, {u"reset"_s, u"-q"_s, u"--hard"_s, u"HEAD~1"_s});
        setGlobal(u"gpg.ssh.program"_s, canaryProgram(u"global-signer"_s, u"ssh-keygen"_s));
        merged = merge(MergeOptions::Mode::MergeCommit, MergeOptions::Signing::AsConfigured);
        QVERIFY(merged.has_value());
        QVERIFY(verifies());
        QCOMPARE(QDir(m_canary).entryList(QDir::Files), QStringList{u"global-signer"_s});
    }
};

QTEST_GUILESS_MAIN(TestCommitSigning)
#include "tst_commitsigning.moc"
