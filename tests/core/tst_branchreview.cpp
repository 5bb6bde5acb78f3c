// BranchReview on real repositories in temporary folders: a host repository, a sandbox clone made by
// WorkspaceClone, an "agent" that commits in the clone and plants hooks, config, filters and alternates.
#include "core/branchreview.h"
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

class TestBranchReview : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_host;
    QString m_clone;
    QString m_canary;

    static QByteArray git(const QString &repo, const QStringList &args, int *exitCode = nullptr,
                          const QByteArray &input = {})
    {
        QProcess process;
        process.setWorkingDirectory(repo);
        process.start(u"git"_s,
                      QStringList{u"-c"_s, u"user.name=Test"_s, u"-c"_s, u"user.email=t@example.com"_s,
                                  u"-c"_s, u"init.defaultBranch=main"_s} +
                          args);
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(30000);
        if (exitCode)
            *exitCode = process.exitCode();
        else if (process.exitCode() != 0)
            qWarning("git %s: %s", qPrintable(args.join(u' ')), process.readAllStandardError().constData());
        return process.readAllStandardOutput();
    }
    // What the agent does in its clone: runs git with the hooks it planted switched off (a test's own
    // commits must not trip the canary).
    static QByteArray agentGit(const QString &clone, const QStringList &args)
    {
        return git(clone, QStringList{u"-c"_s, u"core.hooksPath=/nonexistent"_s} + args);
    }
    static QByteArray head(const QString &repo, const QString &rev = u"HEAD"_s)
    {
        return git(repo, {u"rev-parse"_s, rev}).trimmed();
    }
    void commitInClone(const QString &path, const QByteArray &content, const QString &message)
    {
        writeFile(m_clone + u'/' + path, content);
        agentGit(m_clone, {u"add"_s, u"-A"_s});
        agentGit(m_clone, {u"commit"_s, u"-qm"_s, message});
    }
    // Everything that tells the state of the host repository: refs, HEAD, index bytes, tracked files' bytes.
    QByteArray hostState() const
    {
        QByteArray state = git(m_host, {u"show-ref"_s}) + git(m_host, {u"symbolic-ref"_s, u"HEAD"_s}) +
                           readFile(m_host + u"/.git/index"_s) +
                           git(m_host, {u"--no-optional-locks"_s, u"status"_s, u"--porcelain"_s});
        for (const QByteArray &file : git(m_host, {u"ls-files"_s, u"-z"_s}).split('\0'))
            if (!file.isEmpty())
                state += file + readFile(m_host + u'/' + QString::fromUtf8(file));
        return state;
    }
    QStringList canaries() const { return QDir(m_canary).entryList(QDir::Files); }

    // The agent plants everything that would run code on the host if git ran in (or from) its clone.
    void plantTraps()
    {
        const QByteArray trap = "#!/bin/sh\ntouch '" + QFile::encodeName(m_canary) +
                                "'/\"$(basename \"$0\")\"\n"
                                "cat\n";
        const QString hooks = m_clone + u"/.git/hooks/"_s;
        for (const QString &hook :
             {u"pre-commit"_s, u"post-commit"_s, u"post-checkout"_s, u"post-merge"_s, u"pre-merge-commit"_s,
              u"reference-transaction"_s, u"post-index-change"_s, u"pre-auto-gc"_s, u"post-rewrite"_s,
              u"pre-push"_s, u"prepare-commit-msg"_s, u"commit-msg"_s}) {
            writeFile(hooks + hook, trap);
            QFile::setPermissions(hooks + hook, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        const QString altHooks = m_dir.path() + u"/althooks/"_s;
        writeFile(altHooks + u"post-checkout"_s, trap);
        QFile::setPermissions(altHooks + u"post-checkout"_s,
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        for (const QString &tool : {u"fsmonitor"_s, u"external-diff"_s, u"smudge"_s, u"clean"_s, u"process"_s,
                                    u"ssh"_s, u"textconv"_s, u"merge-driver"_s}) {
            writeFile(m_dir.path() + u"/tools/"_s + tool, trap);
            QFile::setPermissions(m_dir.path() + u"/tools/"_s + tool,
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        const QString tools = m_dir.path() + u"/tools/"_s;
        const QList<std::pair<QString, QString>> config = {
            {u"core.fsmonitor"_s, tools + u"fsmonitor"_s}, {u"diff.external"_s, tools + u"external-diff"_s},
            {u"filter.x.smudge"_s, tools + u"smudge"_s},   {u"filter.x.clean"_s, tools + u"clean"_s},
            {u"filter.x.process"_s, tools + u"process"_s}, {u"filter.x.required"_s, u"true"_s},
            {u"diff.x.textconv"_s, tools + u"textconv"_s}, {u"merge.x.driver"_s, tools + u"merge-driver"_s},
            {u"core.sshCommand"_s, tools + u"ssh"_s},      {u"core.hooksPath"_s, altHooks},
        };
        for (const auto &[key, value] : config)
            git(m_clone, {u"config"_s, key, value});
        writeFile(m_clone + u"/.git/info/attributes"_s, "* filter=x diff=x merge=x\n");
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_host = m_dir.path() + u"/host"_s;
        m_clone = m_dir.path() + u"/clone"_s;
        m_canary = m_dir.path() + u"/canary"_s;
        QDir(m_host).removeRecursively();
        QDir(m_clone).removeRecursively();
        QDir(m_canary).removeRecursively();
        QDir(m_dir.path() + u"/tools"_s).removeRecursively();
        QDir().mkpath(m_canary);
        QDir().mkpath(m_host);
        git(m_host, {u"init"_s, u"-q"_s});
        // The user's identity, from the host repository's own (trusted) configuration.
        git(m_host, {u"config"_s, u"user.name"_s, u"Test"_s});
        git(m_host, {u"config"_s, u"user.email"_s, u"t@example.com"_s});
        writeFile(m_host + u"/README.md"_s, "hello\n");
        writeFile(m_host + u"/src/keep.txt"_s, "one\ntwo\nthree\nfour\nfive\nsix\nseven\n");
        git(m_host, {u"add"_s, u"."_s});
        git(m_host, {u"commit"_s, u"-qm"_s, u"first"_s});
        QVERIFY(WorkspaceClone::create(m_host, m_clone, u"paddock/a"_s).has_value());
    }

    void rejectsBadBranchNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("traversal") << u"paddock/../../x"_s;
        QTest::newRow("dots") << u".."_s;
        QTest::newRow("slash") << u"a/b"_s;
        QTest::newRow("space") << u"a b"_s;
        QTest::newRow("control") << u"a\u0001b"_s;
        QTest::newRow("newline") << u"a\nb"_s;
        QTest::newRow("dash") << u"-rf"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("lock") << u"x.lock"_s;
        QTest::newRow("long") << QString(300, u'a');
    }
    void rejectsBadBranchNames()
    {
        QFETCH(QString, name);
        QVERIFY(!BranchReview::importedRef(name).has_value());
        QVERIFY(!BranchReview::importBranch(m_clone, m_host, name).has_value());
        QVERIFY(!BranchReview::merge(m_host, name).has_value());
        QVERIFY(!BranchReview::discard(m_host, name).has_value());
        QCOMPARE(BranchReview::importedRef(u"ok-1.x_y"_s).value(), QByteArray("refs/paddock/ok-1.x_y"));
    }

    void importsDiffsAndMergesWithoutRunningAnythingOfTheAgent()
    {
        commitInClone(u"src/keep.txt"_s, "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\n", u"change"_s);
        commitInClone(u".gitattributes"_s, "* filter=x diff=x merge=x\n", u"attributes"_s);
        commitInClone(u"new/file.txt"_s, "new\n", u"add"_s);
        plantTraps();
        // The twin: the traps work when git runs in the clone (so a missing canary below means something).
        git(m_clone, {u"status"_s});
        QVERIFY2(!canaries().isEmpty(), "the planted traps must fire when git runs in the clone");
        for (const QString &file : canaries())
            QFile::remove(m_canary + u'/' + file);

        const auto tip = BranchReview::importBranch(m_clone, m_host, u"a"_s);
        QVERIFY2(tip.has_value(), qPrintable(tip.error().message));
        QCOMPARE(tip->toLatin1(), head(m_clone, u"paddock/a"_s));
        QCOMPARE(head(m_host, u"refs/paddock/a"_s), tip->toLatin1());
        QCOMPARE(BranchReview::importedBranches(m_host).value(), QStringList{u"a"_s});

        const auto summary = BranchReview::summary(m_host, u"a"_s);
        QVERIFY(summary.has_value());
        QCOMPARE(summary->ahead, 3);
        QCOMPARE(summary->behind, 0);
        QCOMPARE(summary->target, u"main"_s);
        QCOMPARE(summary->stats.files, 3);
        QCOMPARE(summary->stats.additions, 3);
        QCOMPARE(summary->stats.deletions, 1);

        const auto diff = BranchReview::diff(m_host, u"a"_s);
        QVERIFY(diff.has_value());
        QCOMPARE(diff->files.size(), 3);
        // What `git diff` prints for the same range, byte for byte.
        const QByteArray expected = git(m_host, {u"diff"_s, u"--no-ext-diff"_s, u"main...refs/paddock/a"_s});
        QByteArray patches;
        for (const FileChange &file : diff->files)
            patches += file.patch;
        QCOMPARE(patches, expected);

        const auto merged = BranchReview::merge(m_host, u"a"_s);
        QVERIFY2(merged.has_value(), merged ? "" : qPrintable(merged.error().message));
        QCOMPARE(merged->kind, MergeOutcome::Kind::FastForward);
        QVERIFY(merged->workingTreeUpdated);
        QCOMPARE(head(m_host), tip->toLatin1());
        QCOMPARE(readFile(m_host + u"/new/file.txt"_s), QByteArray("new\n"));
        // The user's own git on the host afterwards: clean, and still nothing of the agent's ran.
        QCOMPARE(git(m_host, {u"status"_s, u"--porcelain"_s}), QByteArray());
        git(m_host, {u"diff"_s, u"HEAD~3"_s});
        git(m_host, {u"log"_s, u"-p"_s});
        QCOMPARE(canaries(), QStringList());
        // Nothing of the clone's configuration came across.
        QVERIFY(!readFile(m_host + u"/.git/config"_s).contains("fsmonitor"));
        QVERIFY(!QFile::exists(m_host + u"/.git/info/attributes"_s) ||
                !readFile(m_host + u"/.git/info/attributes"_s).contains("filter"));
    }

    // The review page lists files first and loads each file's patch when it is shown: the same result.
    void filesFirstThenOnePatchAtATime()
    {
        commitInClone(u"src/keep.txt"_s, "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\n", u"change"_s);
        QFile::rename(m_clone + u"/README.md"_s, m_clone + u"/READ.md"_s);
        writeFile(m_clone + u"/image.bin"_s, QByteArray("\x89PNG\0\0\x01\x02", 8));
        writeFile(m_clone + u"/new.txt"_s, "a\nb\n");
        agentGit(m_clone, {u"add"_s, u"-A"_s});
        agentGit(m_clone, {u"commit"_s, u"-qm"_s, u"more"_s});
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        const auto full = BranchReview::diff(m_host, u"a"_s);
        const auto listed = BranchReview::diff(m_host, u"a"_s, {}, DiffDetail::Files);
        const auto counted = BranchReview::diff(m_host, u"a"_s, {}, DiffDetail::Stats);
        QVERIFY(full && listed && counted);
        QCOMPARE(listed->files.size(), 4);
        QCOMPARE(listed->stats.files, 4);
        QCOMPARE(counted->stats.additions, full->stats.additions);
        for (qsizetype i = 0; i < full->files.size(); ++i) {
            const FileChange &expected = full->files[i];
            const FileChange &file = listed->files[i];
            QCOMPARE(file.path, expected.path);
            QCOMPARE(file.oldPath, expected.oldPath);
            QCOMPARE(file.status, expected.status);
            QVERIFY(!file.counted);
            QVERIFY(file.patch.isEmpty());
            QVERIFY(counted->files[i].counted);
            QCOMPARE(counted->files[i].additions, expected.additions);
            QVERIFY(counted->files[i].patch.isEmpty());
            const auto loaded = BranchReview::filePatch(m_host, file);
            QVERIFY2(loaded.has_value(), loaded ? "" : qPrintable(loaded.error().message));
            QVERIFY(loaded->counted);
            QCOMPARE(loaded->status, expected.status);
            QCOMPARE(loaded->binary, expected.binary);
            QCOMPARE(loaded->additions, expected.additions);
            QCOMPARE(loaded->deletions, expected.deletions);
            // The hunks are git's; the header of a rename differs (the blobs alone do not say "rename").
            const auto hunks = [](const QByteArray &patch) { return patch.mid(patch.indexOf("\n@@")); };
            if (expected.patch.contains("\n@@"))
                QCOMPARE(hunks(loaded->patch), hunks(expected.patch));
            else // binary, or a rename without changes
                QVERIFY(!loaded->patch.contains("\n@@"));
        }
        FileChange gone = listed->files.first();
        gone.newBlob = QByteArray(40, 'a');
        const auto missing = BranchReview::filePatch(m_host, gone);
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void ignoresAlternatesOfTheClone()
    {
        // Another repository on the host holds a blob the agent names but does not have.
        const QString other = m_dir.path() + u"/other"_s;
        QDir(other).removeRecursively();
        QDir().mkpath(other);
        git(other, {u"init"_s, u"-q"_s});
        const QByteArray blob =
            git(other, {u"hash-object"_s, u"-w"_s, u"--stdin"_s}, nullptr, "host secret\n").trimmed();
        commitInClone(u"secret.txt"_s, "host secret\n", u"names a blob"_s);
        const QString loose = m_clone + u"/.git/objects/"_s + QString::fromLatin1(blob.left(2)) + u'/' +
                              QString::fromLatin1(blob.mid(2));
        QVERIFY(QFile::exists(loose));
        const QByteArray saved = readFile(loose);
        QFile::setPermissions(loose, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(QFile::remove(loose));
        writeFile(m_clone + u"/.git/objects/info/alternates"_s, QFile::encodeName(other) + "/.git/objects\n");
        // git itself would follow the alternates; the import must not.
        QVERIFY(git(m_clone, {u"cat-file"_s, u"-p"_s, QString::fromLatin1(blob)}).contains("host secret"));
        const auto imported = BranchReview::importBranch(m_clone, m_host, u"a"_s);
        QVERIFY(!imported.has_value());
        QVERIFY2(imported.error().message.contains(QString::fromLatin1(blob)),
                 qPrintable(imported.error().message));
        int exit = 0;
        git(m_host, {u"cat-file"_s, u"-e"_s, QString::fromLatin1(blob)}, &exit);
        QVERIFY(exit != 0);
        QCOMPARE(git(m_host, {u"show-ref"_s, u"refs/paddock/a"_s}), QByteArray());
        // The twin: with the object back in the clone the same import works.
        writeFile(loose, saved);
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
    }

    void refusesLinkedObjectStoresAndGitFiles()
    {
        commitInClone(u"x.txt"_s, "x\n", u"x"_s);
        // The twin first: the clone as it is imports.
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        QVERIFY(BranchReview::discard(m_host, u"a"_s).has_value());
        // A link in the object store (to any host folder) is refused.
        const QString pack = m_clone + u"/.git/objects/pack"_s;
        QVERIFY(QDir(pack).removeRecursively());
        QVERIFY(QFile::link(m_host + u"/.git/objects/pack"_s, pack));
        auto imported = BranchReview::importBranch(m_clone, m_host, u"a"_s);
        QVERIFY(!imported.has_value());
        QCOMPARE(imported.error().code, ErrorCode::Corrupt);
        QVERIFY(QFile::remove(pack));
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        // A loose object that is a link to a host file, and a loose objects folder that is a link.
        const QString looseFolder = m_clone + u"/.git/objects/ee"_s;
        const QString loose = looseFolder + u"/"_s + QString(38, u'e');
        writeFile(m_dir.path() + u"/host-file"_s, "the host's\n");
        QVERIFY(QDir().mkpath(looseFolder));
        QVERIFY(QFile::link(m_dir.path() + u"/host-file"_s, loose));
        imported = BranchReview::importBranch(m_clone, m_host, u"a"_s);
        QVERIFY(!imported.has_value());
        QVERIFY2(imported.error().message.contains(u"links or special files"_s),
                 qPrintable(imported.error().message));
        QVERIFY(QDir(looseFolder).removeRecursively());
        QVERIFY(QFile::link(m_host + u"/.git/objects/pack"_s, looseFolder));
        QVERIFY(!BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        QVERIFY(QFile::remove(looseFolder));
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        // The private snapshot the objects were read through is gone, after a success as after a refusal.
        QCOMPARE(QDir(m_dir.path()).entryList({u".paddock-objects-*"_s}, QDir::AllEntries | QDir::Hidden),
                 QStringList());
        // A branch ref that is a link.
        const QString ref = m_clone + u"/.git/refs/heads/paddock/a"_s;
        const QByteArray saved = readFile(ref);
        QVERIFY(QFile::remove(ref));
        QVERIFY(QFile::link(m_host + u"/.git/refs/heads/main"_s, ref));
        QVERIFY(!BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        QVERIFY(QFile::remove(ref));
        writeFile(ref, saved);
        // A .git file pointing at another repository.
        QVERIFY(QDir(m_clone + u"/.git"_s).rename(m_clone + u"/.git"_s, m_clone + u"/realgit"_s));
        writeFile(m_clone + u"/.git"_s, "gitdir: " + QFile::encodeName(m_clone) + "/realgit\n");
        QVERIFY(!BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
    }

    void refusesDangerousTreeEntries_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::newRow("dotdot") << QByteArray("..");
        QTest::newRow(".git") << QByteArray(".git");
        QTest::newRow(".GIT") << QByteArray(".GIT");
        QTest::newRow(".git.") << QByteArray(".git. ");
        QTest::newRow("git~1") << QByteArray("GIT~1");
    }
    void refusesDangerousTreeEntries()
    {
        QFETCH(QByteArray, entry);
        // A tree git's own tools would not write: crafted with hash-object --literally.
        const QByteArray hooksBlob =
            git(m_clone, {u"hash-object"_s, u"-w"_s, u"--stdin"_s}, nullptr, "#!/bin/sh\ntouch pwned\n")
                .trimmed();
        QByteArray inner = "100755 post-checkout" + QByteArray(1, '\0') + QByteArray::fromHex(hooksBlob);
        const QByteArray innerTree =
            git(m_clone, {u"hash-object"_s, u"-t"_s, u"tree"_s, u"-w"_s, u"--literally"_s, u"--stdin"_s},
                nullptr, inner)
                .trimmed();
        const QByteArray outer = "40000 " + entry + QByteArray(1, '\0') + QByteArray::fromHex(innerTree);
        const QByteArray tree =
            git(m_clone, {u"hash-object"_s, u"-t"_s, u"tree"_s, u"-w"_s, u"--literally"_s, u"--stdin"_s},
                nullptr, outer)
                .trimmed();
        QVERIFY(!tree.isEmpty());
        const QByteArray commit = agentGit(m_clone, {u"commit-tree"_s, QString::fromLatin1(tree), u"-p"_s,
                                                     u"HEAD"_s, u"-m"_s, u"evil"_s})
                                      .trimmed();
        agentGit(m_clone, {u"update-ref"_s, u"refs/heads/paddock/a"_s, QString::fromLatin1(commit)});
        const QByteArray before = hostState();
        const auto imported = BranchReview::importBranch(m_clone, m_host, u"a"_s);
        QVERIFY(!imported.has_value());
        QCOMPARE(imported.error().code, ErrorCode::Corrupt);
        QCOMPARE(hostState(), before);
        QVERIFY(!QFile::exists(m_host + u"/pwned"_s));
    }

    void handlesHostileFileNames()
    {
        const QList<QString> names = {
            u"-rf"_s,           u"--output=x"_s, u"line\nbreak"_s,  u"esc\u001b]0;title\u0007"_s,
            QString(200, u'n'), u"sp ace"_s,     u"\u202etxt.exe"_s};
        for (const QString &name : names)
            writeFile(m_clone + u"/odd/"_s + name, "data\n");
        agentGit(m_clone, {u"add"_s, u"-A"_s});
        agentGit(m_clone, {u"commit"_s, u"-qm"_s, u"odd names"_s});
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        const auto diff = BranchReview::diff(m_host, u"a"_s);
        QVERIFY(diff.has_value());
        QCOMPARE(diff->files.size(), names.size());
        QStringList paths;
        for (const FileChange &file : diff->files)
            paths.append(file.path);
        for (const QString &name : names)
            QVERIFY2(paths.contains(u"odd/"_s + name), qPrintable(BranchReview::displayPath(name)));
        const QString stat = BranchReview::statText(diff->files, diff->stats);
        QVERIFY(!stat.contains(u'\u001b'));
        QVERIFY(!stat.contains(u'\u202e'));
        QCOMPARE(stat.count(u'\n'), names.size() + 1);
        QCOMPARE(BranchReview::displayPath(u"a\nb"_s), u"\"a\\nb\""_s);
        const auto merged = BranchReview::merge(m_host, u"a"_s);
        QVERIFY(merged.has_value());
        for (const QString &name : names)
            QCOMPARE(readFile(m_host + u"/odd/"_s + name), QByteArray("data\n"));
        QVERIFY(!QFile::exists(m_host + u"/x"_s));
        QCOMPARE(git(m_host, {u"status"_s, u"--porcelain"_s}), QByteArray());
    }

    void conflictLeavesEverythingAsItWas()
    {
        commitInClone(u"README.md"_s, "agent\n", u"agent edit"_s);
        writeFile(m_host + u"/README.md"_s, "user\n");
        git(m_host, {u"commit"_s, u"-qam"_s, u"user edit"_s});
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        const QByteArray before = hostState();
        for (const auto mode :
             {MergeOptions::Mode::Auto, MergeOptions::Mode::MergeCommit, MergeOptions::Mode::Squash}) {
            MergeOptions options;
            options.mode = mode;
            const auto merged = BranchReview::merge(m_host, u"a"_s, options);
            QVERIFY(merged.has_value());
            QCOMPARE(merged->kind, MergeOutcome::Kind::Conflict);
            QCOMPARE(merged->conflicts, QStringList{u"README.md"_s});
            QCOMPARE(hostState(), before);
        }
        // ff-only is refused outright.
        MergeOptions ffOnly;
        ffOnly.mode = MergeOptions::Mode::FastForwardOnly;
        const auto refused = BranchReview::merge(m_host, u"a"_s, ffOnly);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(hostState(), before);
    }

    void mergeCommitWhenDiverged()
    {
        commitInClone(u"agent.txt"_s, "agent\n", u"agent work"_s);
        writeFile(m_host + u"/user.txt"_s, "user\n");
        git(m_host, {u"add"_s, u"."_s});
        git(m_host, {u"commit"_s, u"-qm"_s, u"user work"_s});
        const QByteArray userTip = head(m_host);
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        const auto merged = BranchReview::merge(m_host, u"a"_s);
        QVERIFY(merged.has_value());
        QCOMPARE(merged->kind, MergeOutcome::Kind::MergeCommit);
        QCOMPARE(head(m_host, u"HEAD^1"_s), userTip);
        QCOMPARE(head(m_host, u"HEAD^2"_s), head(m_host, u"refs/paddock/a"_s));
        QCOMPARE(readFile(m_host + u"/agent.txt"_s), QByteArray("agent\n"));
        QCOMPARE(git(m_host, {u"status"_s, u"--porcelain"_s}), QByteArray());
    }

    void listsTheBranchCommitsNewestFirst()
    {
        commitInClone(u"one.txt"_s, "1\n", u"Add one\n\nBecause one is needed."_s);
        commitInClone(u"two.txt"_s, "2\n", u"Add two"_s);
        writeFile(m_host + u"/user.txt"_s, "user\n");
        git(m_host, {u"add"_s, u"."_s});
        git(m_host, {u"commit"_s, u"-qm"_s, u"user work"_s});
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        auto listed = BranchReview::commits(m_host, u"a"_s);
        QVERIFY2(listed.has_value(), listed ? "" : qPrintable(listed.error().message));
        // The user's own commit on main and the shared first commit are not the branch's.
        QCOMPARE(listed->commits.size(), 2);
        QVERIFY(!listed->truncated);
        QCOMPARE(listed->commits[0].summary, u"Add two"_s);
        QCOMPARE(listed->commits[0].id.toUtf8(), head(m_clone, u"paddock/a"_s));
        QCOMPARE(listed->commits[1].summary, u"Add one"_s);
        QCOMPARE(listed->commits[1].message, u"Add one\n\nBecause one is needed."_s);
        QCOMPARE(listed->commits[1].author, u"Test"_s);
        QCOMPARE(listed->commits[1].authorEmail, u"t@example.com"_s);
        QCOMPARE(
            listed->commits[1].time.toSecsSinceEpoch(),
            git(m_clone, {u"log"_s, u"-1"_s, u"--format=%at"_s, u"paddock/a~1"_s}).trimmed().toLongLong());

        const auto limited = BranchReview::commits(m_host, u"a"_s, {}, 1);
        QVERIFY(limited.has_value());
        QCOMPARE(limited->commits.size(), 1);
        QVERIFY(limited->truncated);
        QCOMPARE(limited->commits[0].summary, u"Add two"_s);
        QVERIFY(!BranchReview::commits(m_host, u"missing"_s).has_value());
    }

    void squashMakesOneCommitWithTheMessage()
    {
        commitInClone(u"one.txt"_s, "1\n", u"one"_s);
        commitInClone(u"two.txt"_s, "2\n", u"two"_s);
        const QByteArray before = head(m_host);
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        MergeOptions options;
        options.mode = MergeOptions::Mode::Squash;
        options.message = u"Add one and two\n\nFrom the sandbox."_s;
        const auto merged = BranchReview::merge(m_host, u"a"_s, options);
        QVERIFY(merged.has_value());
        QCOMPARE(merged->kind, MergeOutcome::Kind::Squash);
        QCOMPARE(head(m_host, u"HEAD~1"_s), before);
        QCOMPARE(git(m_host, {u"rev-list"_s, u"--count"_s, u"HEAD"_s}).trimmed(), QByteArray("2"));
        QCOMPARE(git(m_host, {u"log"_s, u"-1"_s, u"--format=%B"_s}).trimmed(),
                 QByteArray("Add one and two\n\nFrom the sandbox."));
        QCOMPARE(git(m_host, {u"log"_s, u"-1"_s, u"--format=%an"_s}).trimmed(), QByteArray("Test"));
        QCOMPARE(readFile(m_host + u"/two.txt"_s), QByteArray("2\n"));
        QCOMPARE(git(m_host, {u"status"_s, u"--porcelain"_s}), QByteArray());
    }

    void dirtyTargetIsRefusedAndUntouched()
    {
        commitInClone(u"README.md"_s, "agent\n", u"agent edit"_s);
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        writeFile(m_host + u"/src/keep.txt"_s, "user's unsaved work\n");
        const QByteArray before = hostState();
        const auto merged = BranchReview::merge(m_host, u"a"_s);
        QVERIFY(!merged.has_value());
        QCOMPARE(merged.error().code, ErrorCode::Conflict);
        QCOMPARE(hostState(), before);
        QCOMPARE(readFile(m_host + u"/src/keep.txt"_s), QByteArray("user's unsaved work\n"));
        // An untracked file in the way is a conflict too, and kept.
        git(m_host, {u"checkout"_s, u"-q"_s, u"--"_s, u"src/keep.txt"_s});
        commitInClone(u"untracked.txt"_s, "agent\n", u"adds a file the user has untracked"_s);
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        writeFile(m_host + u"/untracked.txt"_s, "user\n");
        const QByteArray before2 = hostState();
        const auto blocked = BranchReview::merge(m_host, u"a"_s);
        QVERIFY(blocked.has_value());
        QCOMPARE(blocked->kind, MergeOutcome::Kind::Conflict);
        QCOMPARE(blocked->conflicts, QStringList{u"untracked.txt"_s});
        QCOMPARE(hostState(), before2);
        QCOMPARE(readFile(m_host + u"/untracked.txt"_s), QByteArray("user\n"));
    }

    void mergeIntoABranchNotCheckedOutMovesOnlyTheRef()
    {
        git(m_host, {u"branch"_s, u"side"_s});
        commitInClone(u"side.txt"_s, "side\n", u"for side"_s);
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        writeFile(m_host + u"/src/keep.txt"_s, "dirty is fine here\n");
        MergeOptions options;
        options.into = u"side"_s;
        options.mode = MergeOptions::Mode::FastForwardOnly;
        const auto merged = BranchReview::merge(m_host, u"a"_s, options);
        QVERIFY(merged.has_value());
        QVERIFY(!merged->workingTreeUpdated);
        QCOMPARE(head(m_host, u"side"_s), head(m_host, u"refs/paddock/a"_s));
        QVERIFY(!QFile::exists(m_host + u"/side.txt"_s));
        QCOMPARE(readFile(m_host + u"/src/keep.txt"_s), QByteArray("dirty is fine here\n"));
        // What was reviewed is what is merged.
        options.expectedCommit = u"0000000000000000000000000000000000000000"_s;
        QVERIFY(!BranchReview::merge(m_host, u"a"_s, options).has_value());
    }

    void renamesAndBinaries()
    {
        QFile::rename(m_clone + u"/src/keep.txt"_s, m_clone + u"/src/kept.txt"_s);
        writeFile(m_clone + u"/image.bin"_s, QByteArray("\x89PNG\0\0\x01\x02", 8));
        agentGit(m_clone, {u"add"_s, u"-A"_s});
        agentGit(m_clone, {u"commit"_s, u"-qm"_s, u"rename"_s});
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        const auto diff = BranchReview::diff(m_host, u"a"_s);
        QVERIFY(diff.has_value());
        QCOMPARE(diff->files.size(), 2);
        const FileChange &image = diff->files[0];
        const FileChange &renamed = diff->files[1];
        QVERIFY(image.binary);
        QCOMPARE(renamed.status, FileChange::Status::Renamed);
        QCOMPARE(renamed.oldPath, u"src/keep.txt"_s);
        QCOMPARE(renamed.path, u"src/kept.txt"_s);
        QCOMPARE(renamed.similarity, 100);
    }

    void importLimitsHold()
    {
        commitInClone(u"a.txt"_s, "a\n", u"a"_s);
        ImportLimits limits;
        limits.maxObjects = 2;
        const auto imported = BranchReview::importBranch(m_clone, m_host, u"a"_s, limits);
        QVERIFY(!imported.has_value());
        QCOMPARE(imported.error().code, ErrorCode::Denied);
        QCOMPARE(git(m_host, {u"show-ref"_s, u"refs/paddock/a"_s}), QByteArray());
        limits.maxObjects = 3; // commit, tree, blob
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s, limits).has_value());
    }

    // A large branch arrives as one pack (a few objects stay loose files, as with git fetch); a limit hit on
    // the way leaves neither.
    void largeImportsArriveAsOnePack()
    {
        for (int i = 0; i < 600; ++i)
            writeFile(m_clone + u"/many/file%1.txt"_s.arg(i), "content " + QByteArray::number(i) + '\n');
        agentGit(m_clone, {u"add"_s, u"-A"_s});
        agentGit(m_clone, {u"commit"_s, u"-qm"_s, u"many files"_s});
        const QDir packs(m_host + u"/.git/objects/pack"_s, u"*.pack"_s);
        const auto packCount = [&packs] { return QDir(packs.path(), u"*.pack"_s).entryList().size(); };
        const auto looseCount = [this] {
            return git(m_host, {u"count-objects"_s}).split(' ').value(0).toInt();
        };
        const int packsBefore = packCount();
        const int looseBefore = looseCount();
        ImportLimits limits;
        limits.maxObjects = 140;
        const auto refused = BranchReview::importBranch(m_clone, m_host, u"a"_s, limits);
        QVERIFY(!refused.has_value());
        QCOMPARE(packCount(), packsBefore);
        QCOMPARE(looseCount(), looseBefore);

        const auto imported = BranchReview::importBranch(m_clone, m_host, u"a"_s);
        QVERIFY2(imported.has_value(), imported ? "" : qPrintable(imported.error().message));
        QCOMPARE(packCount(), packsBefore + 1);
        QCOMPARE(looseCount(), looseBefore);
        int fsck = -1;
        git(m_host, {u"fsck"_s, u"--strict"_s, u"--no-dangling"_s}, &fsck);
        QCOMPARE(fsck, 0);
        QCOMPARE(git(m_host, {u"diff"_s, u"--stat"_s, u"main...refs/paddock/a"_s})
                     .trimmed()
                     .split('\n')
                     .last()
                     .trimmed(),
                 QByteArray("600 files changed, 600 insertions(+)"));
        // Counted on several threads (a large diff), the result is git's, byte for byte and in order.
        const auto diff = BranchReview::diff(m_host, u"a"_s);
        QVERIFY(diff.has_value());
        QCOMPARE(diff->stats.files, 600);
        QCOMPARE(diff->stats.additions, 600);
        QByteArray patches;
        for (const FileChange &file : diff->files)
            patches += file.patch;
        QCOMPARE(patches, git(m_host, {u"diff"_s, u"--no-ext-diff"_s, u"main...refs/paddock/a"_s}));
        // Nothing new: no pack, no loose object.
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        QCOMPARE(packCount(), packsBefore + 1);
        QCOMPARE(looseCount(), looseBefore);
    }

    void uncommittedChangesAreReadAsPlainFiles()
    {
        commitInClone(u"gone.txt"_s, "bye\n", u"to delete"_s);
        plantTraps();
        writeFile(m_clone + u"/README.md"_s, "hello\nmore\n");
        writeFile(m_clone + u"/fresh.txt"_s, "fresh\n");
        writeFile(m_clone + u"/node_modules/pkg/index.js"_s, "x\n");
        QVERIFY(QFile::remove(m_clone + u"/gone.txt"_s));
        QVERIFY(QFile::link(u"/etc/passwd"_s, m_clone + u"/link"_s));
        const auto changes = BranchReview::uncommittedChanges(m_clone, u"a"_s);
        QVERIFY2(changes.has_value(), changes ? "" : qPrintable(changes.error().message));
        QStringList listed;
        for (const FileChange &file : changes->files)
            listed.append(BranchReview::statusLetter(file.status) + u' ' + file.path);
        listed.sort();
        QCOMPARE(listed, (QStringList{u"A fresh.txt"_s, u"A link"_s, u"A node_modules/"_s, u"D gone.txt"_s,
                                      u"M README.md"_s}));
        for (const FileChange &file : changes->files) {
            if (file.path == u"link"_s) {
                QVERIFY(file.symlink || file.patch.contains("/etc/passwd"));
                QVERIFY(!file.patch.contains("root:"));
            }
            if (file.path == u"README.md"_s)
                QVERIFY(file.patch.contains("+more"));
        }
        QCOMPARE(changes->stats.files, 5);
        QCOMPARE(canaries(), QStringList());
    }

    void discardDeletesTheImportedBranch()
    {
        commitInClone(u"a.txt"_s, "a\n", u"a"_s);
        QVERIFY(BranchReview::importBranch(m_clone, m_host, u"a"_s).has_value());
        QVERIFY(BranchReview::discard(m_host, u"a"_s).has_value());
        QCOMPARE(BranchReview::importedBranches(m_host).value(), QStringList());
        QCOMPARE(BranchReview::discard(m_host, u"a"_s).error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestBranchReview)
#include "tst_branchreview.moc"
