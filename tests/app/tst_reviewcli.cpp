// `paddock review ls`, `diff`, `merge` and `discard` end to end: the real binary, a real repository, a
// sandbox made by `paddock create` (not started) and an agent that commits in its clone.
#include "app/clitestsupport.h"
#include "testsupport.h"

#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;
using Paddock::Test::paddock;
using Paddock::Test::Run;
using Paddock::Test::writeFile;

namespace {

QByteArray gitOutput(const QString &repo, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(repo);
    process.start(u"git"_s, args);
    process.waitForFinished();
    return process.readAllStandardOutput().trimmed();
}

} // namespace

class TestReviewCli : public QObject
{
    Q_OBJECT

private:
    Paddock::Test::IsolatedXdg m_xdg;
    QTemporaryDir m_dir;
    QString m_repo;
    QString m_clone;

    void agentCommits(const QString &file, const QByteArray &content, const QString &message)
    {
        writeFile(m_clone + u'/' + file, content);
        Paddock::Test::git(m_clone, {u"add"_s, u"-A"_s});
        Paddock::Test::git(m_clone, {u"commit"_s, u"-qm"_s, message});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(qEnvironmentVariable("PADDOCK_BINARY")));
        m_repo = m_dir.path() + u"/project"_s;
        Paddock::Test::makeRepository(m_repo);
        Paddock::Test::git(m_repo, {u"config"_s, u"user.name"_s, u"Test"_s});
        Paddock::Test::git(m_repo, {u"config"_s, u"user.email"_s, u"t@example.com"_s});
        const Run created = paddock({u"create"_s, u"agent1"_s, u"--workspace"_s, m_repo});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        m_clone = m_xdg.path() + u"/xdg_data_home/paddock/clones/agent1"_s;
        QVERIFY(QFileInfo(m_clone + u"/.git"_s).isDir());
    }

    void reviewListsDiffShowsMergeMerges()
    {
        agentCommits(u"feature.txt"_s, "one\ntwo\n", u"feature"_s);
        agentCommits(u"README.md"_s, "hello\nworld\n", u"readme"_s);
        writeFile(m_clone + u"/scratch.txt"_s, "not committed \x1b]0;pwned\x07\n");

        Run run = paddock({u"review"_s, u"ls"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"agent1"_s) && run.out.contains(u"paddock/agent1"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"+3/-0"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(u"1 file"_s));
        QVERIFY(!gitOutput(m_repo, {u"rev-parse"_s, u"refs/paddock/agent1"_s}).isEmpty());
        // One sandbox: its commits (the agent's subjects, escaped) and what it did on the network.
        run = paddock({u"review"_s, u"ls"_s, u"agent1"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"Commits (newest first):"_s) && run.out.indexOf(u"readme"_s) > 0 &&
                     run.out.indexOf(u"readme"_s) < run.out.indexOf(u"feature"_s),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(u"Network: 0 requests, 0 hosts reached, 0 blocked, 0 secrets caught"_s),
                 qPrintable(run.out));

        run = paddock({u"diff"_s, u"agent1"_s, u"--stat"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"feature.txt"_s) && run.out.contains(u"2 files changed"_s),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(u"Uncommitted changes in the sandbox"_s));
        QVERIFY(run.out.contains(u"scratch.txt"_s));

        run = paddock({u"diff"_s, u"agent1"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"+world"_s));
        QVERIFY2(!run.out.contains(u'\x1b') && run.out.contains(u"^[]0;pwned^G"_s), qPrintable(run.out));

        // Signed on request with the repository's SSH signing key (commit.gpgsign is not set).
        const QString key = m_dir.path() + u"/signing-key"_s;
        QProcess keygen;
        keygen.start(u"ssh-keygen"_s, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-f"_s, key});
        QVERIFY(keygen.waitForFinished() && keygen.exitCode() == 0);
        Paddock::Test::git(m_repo, {u"config"_s, u"gpg.format"_s, u"ssh"_s});
        Paddock::Test::git(m_repo, {u"config"_s, u"user.signingkey"_s, key});
        run = paddock({u"merge"_s, u"agent1"_s, u"--squash"_s, u"-m"_s, u"Agent work"_s, u"--sign"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"Squashed paddock/agent1 into main"_s) && run.out.contains(u", signed."_s),
                 qPrintable(run.out));
        QVERIFY(gitOutput(m_repo, {u"cat-file"_s, u"commit"_s, u"HEAD"_s})
                    .contains("\ngpgsig -----BEGIN SSH SIGNATURE-----\n"));
        QCOMPARE(gitOutput(m_repo, {u"log"_s, u"-1"_s, u"--format=%s"_s}), QByteArray("Agent work"));
        QCOMPARE(gitOutput(m_repo, {u"status"_s, u"--porcelain"_s}), QByteArray());
        QVERIFY(QFile::exists(m_repo + u"/feature.txt"_s));
    }

    void conflictsAndUsageErrors()
    {
        agentCommits(u"README.md"_s, "agent version\n", u"agent edit"_s);
        writeFile(m_repo + u"/README.md"_s, "user version\n");
        Paddock::Test::git(m_repo, {u"commit"_s, u"-qam"_s, u"user edit"_s});
        const QByteArray before = gitOutput(m_repo, {u"rev-parse"_s, u"HEAD"_s});
        QCOMPARE(paddock({u"diff"_s, u"agent1"_s, u"--stat"_s}).exitCode, 0);
        Run run = paddock({u"merge"_s, u"agent1"_s, u"--no-ff"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"conflicts in: README.md"_s), qPrintable(run.err));
        QCOMPARE(gitOutput(m_repo, {u"rev-parse"_s, u"HEAD"_s}), before);
        QCOMPARE(gitOutput(m_repo, {u"status"_s, u"--porcelain"_s}), QByteArray());
        run = paddock({u"merge"_s, u"agent1"_s, u"--ff-only"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(u"cannot be fast-forwarded"_s));
        QCOMPARE(paddock({u"merge"_s, u"agent1"_s, u"--squash"_s, u"--ff-only"_s}).exitCode, 2);
        QCOMPARE(paddock({u"merge"_s, u"agent1"_s, u"--sign"_s, u"--no-sign"_s}).exitCode, 2);
        QCOMPARE(paddock({u"merge"_s, u"agent1"_s, u"--ff-only"_s, u"--sign"_s}).exitCode, 2);
        QCOMPARE(paddock({u"merge"_s}).exitCode, 2);
        QCOMPARE(paddock({u"diff"_s, u"nope"_s}).exitCode, 1);
        QCOMPARE(paddock({u"diff"_s, u"../../x"_s}).exitCode, 1);
        QCOMPARE(paddock({u"review"_s}).exitCode, 2);
    }

    void everyCommandHasHelp()
    {
        for (const QString &command : {u"diff"_s, u"merge"_s, u"discard"_s}) {
            const Run run = paddock({command, u"--help"_s});
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.out.startsWith(u"Usage: paddock "_s + command), qPrintable(run.out));
        }
        QCOMPARE(paddock({u"review"_s, u"ls"_s, u"--help"_s}).exitCode, 0);
    }

    void discardRemovesTheBranchAndTheSandbox()
    {
        Run run = paddock({u"discard"_s, u"agent1"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(gitOutput(m_repo, {u"show-ref"_s, u"refs/paddock/agent1"_s}).isEmpty());
        run = paddock({u"discard"_s, u"agent1"_s, u"--remove-sandbox"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(m_clone));
        QCOMPARE(paddock({u"discard"_s, u"agent1"_s}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestReviewCli)
#include "tst_reviewcli.moc"
