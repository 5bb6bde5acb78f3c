// WorkspaceClone on real git repositories in temporary folders (made with the git CLI, as a user would).
#include "core/workspaceclone.h"

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;
using Paddock::Test::readFile;
using Paddock::Test::writeFile;

class TestWorkspaceClone : public QObject
{
    Q_OBJECT

private:
    static QByteArray git(const QString &repo, const QStringList &args)
    {
        QProcess process;
        process.setWorkingDirectory(repo);
        process.start(u"git"_s,
                      QStringList{u"-c"_s, u"user.name=Test"_s, u"-c"_s, u"user.email=test@example.com"_s,
                                  u"-c"_s, u"init.defaultBranch=main"_s} +
                          args);
        process.waitForFinished(30000);
        if (process.exitCode() != 0)
            qWarning("git %s: %s", qPrintable(args.join(u' ')), process.readAllStandardError().constData());
        return process.readAllStandardOutput().trimmed();
    }

    // main with one commit; feature one commit further, checked out.
    static void makeRepository(const QString &repo)
    {
        QDir().mkpath(repo);
        git(repo, {u"init"_s, u"-q"_s});
        writeFile(repo + u"/README.md"_s, "main\n");
        git(repo, {u"add"_s, u"."_s});
        git(repo, {u"commit"_s, u"-qm"_s, u"first"_s});
        git(repo, {u"checkout"_s, u"-qb"_s, u"feature"_s});
        writeFile(repo + u"/src/feature.txt"_s, "feature\n");
        git(repo, {u"add"_s, u"."_s});
        git(repo, {u"commit"_s, u"-qm"_s, u"feature work"_s});
    }

    static QByteArray snapshot(const QString &repo)
    {
        return git(repo, {u"for-each-ref"_s}) + '\n' + git(repo, {u"status"_s, u"--porcelain"_s}) + '\n' +
               git(repo, {u"rev-parse"_s, u"HEAD"_s}) + '\n' +
               git(repo, {u"symbolic-ref"_s, u"-q"_s, u"HEAD"_s});
    }

private Q_SLOTS:
    void clonesTheCurrentHeadOntoTheSandboxBranch()
    {
        QTemporaryDir dir;
        const QString repo = dir.filePath(u"project"_s), clone = dir.filePath(u"clone"_s);
        makeRepository(repo);
        writeFile(repo + u"/README.md"_s, "uncommitted edit\n");
        const QByteArray before = snapshot(repo);
        QVERIFY(WorkspaceClone::isRepository(repo));
        QCOMPARE(WorkspaceClone::hasUncommittedChanges(repo).value_or(false), true);

        const auto created = WorkspaceClone::create(repo, clone, u"paddock/fix-login"_s);
        QVERIFY2(created.has_value(), qPrintable(created ? QString() : created.error().message));
        QCOMPARE(git(clone, {u"symbolic-ref"_s, u"HEAD"_s}), QByteArray("refs/heads/paddock/fix-login"));
        QCOMPARE(git(clone, {u"rev-parse"_s, u"HEAD"_s}), git(repo, {u"rev-parse"_s, u"feature"_s}));
        QCOMPARE(readFile(clone + u"/src/feature.txt"_s), QByteArray("feature\n"));
        QCOMPARE(readFile(clone + u"/README.md"_s), QByteArray("main\n")); // committed content only
        QCOMPARE(git(clone, {u"status"_s, u"--porcelain"_s}), QByteArray());
        QVERIFY(!git(clone, {u"rev-parse"_s, u"--verify"_s, u"-q"_s, u"origin/main"_s}).isEmpty());
        // The user's repository is only read.
        QCOMPARE(snapshot(repo), before);
    }

    void clonesADetachedHead()
    {
        QTemporaryDir dir;
        const QString repo = dir.filePath(u"project"_s), clone = dir.filePath(u"clone"_s);
        makeRepository(repo);
        git(repo, {u"checkout"_s, u"-q"_s, u"--detach"_s});
        writeFile(repo + u"/detached.txt"_s, "on no branch\n");
        git(repo, {u"add"_s, u"."_s});
        git(repo, {u"commit"_s, u"-qm"_s, u"detached"_s});
        QVERIFY(WorkspaceClone::create(repo, clone, u"paddock/d"_s).has_value());
        QCOMPARE(git(clone, {u"rev-parse"_s, u"HEAD"_s}), git(repo, {u"rev-parse"_s, u"HEAD"_s}));
        QCOMPARE(readFile(clone + u"/detached.txt"_s), QByteArray("on no branch\n"));
    }

    void refusesWhatItCannotCloneWithAReason()
    {
        QTemporaryDir dir;
        const QString plain = dir.filePath(u"plain"_s), empty = dir.filePath(u"empty"_s),
                      repo = dir.filePath(u"project"_s), existing = dir.filePath(u"existing"_s);
        QDir().mkpath(plain);
        QDir().mkpath(empty);
        git(empty, {u"init"_s, u"-q"_s});
        makeRepository(repo);
        writeFile(existing + u"/keep.txt"_s, "mine\n");

        QVERIFY(!WorkspaceClone::isRepository(plain));
        QVERIFY(!WorkspaceClone::isRepository(repo + u"/src"_s)); // inside a repository is not its top
        auto result = WorkspaceClone::create(plain, dir.filePath(u"c1"_s), u"paddock/a"_s);
        QVERIFY(!result && result.error().message.contains(u"--mode direct"_s));
        result = WorkspaceClone::create(empty, dir.filePath(u"c2"_s), u"paddock/a"_s);
        QVERIFY(!result && result.error().message.contains(u"no commits"_s));
        result = WorkspaceClone::create(repo, dir.filePath(u"c3"_s), u"paddock/bad..name"_s);
        QVERIFY(!result && result.error().message.contains(u"not a valid branch name"_s));
        result = WorkspaceClone::create(repo, existing, u"paddock/a"_s);
        QVERIFY(!result && result.error().code == ErrorCode::AlreadyExists);
        QCOMPARE(readFile(existing + u"/keep.txt"_s), QByteArray("mine\n")); // never touched
        for (const QString &name : {u"c1"_s, u"c2"_s, u"c3"_s})
            QVERIFY(!QFileInfo::exists(dir.filePath(name)));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceClone)
#include "tst_workspaceclone.moc"
