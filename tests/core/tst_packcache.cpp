// The pack reader with a delta base cache (core/packcache.cpp) behind BranchReview: on packs git made with
// delta chains up to 50 deep, with offset deltas (as `git gc` writes them) and with reference deltas (as an
// older git or `pack-objects` without --delta-base-offset writes them), every diff is git's, byte for byte.
#include "core/branchreview.h"

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

class TestPackCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo;

    QByteArray git(const QStringList &args, const QByteArray &input = {}) const
    {
        QProcess process;
        process.setWorkingDirectory(m_repo);
        process.start(u"git"_s, args);
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(120000);
        if (process.exitCode() != 0)
            qWarning("git %s: %s", qPrintable(args.join(u' ')), process.readAllStandardError().constData());
        return process.readAllStandardOutput();
    }

    // The deepest delta chain of the repository's pack, as git reports it.
    int deepestChain() const
    {
        const QStringList indexes = QDir(m_repo + u"/.git/objects/pack"_s).entryList({u"*.idx"_s});
        if (indexes.size() != 1)
            return -1;
        int deepest = 0;
        for (const QByteArray &line :
             git({u"verify-pack"_s, u"-v"_s, u".git/objects/pack/"_s + indexes.first()}).split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() == 7 && fields[1] == "blob")
                deepest = std::max(deepest, fields[5].toInt());
        }
        return deepest;
    }

    QByteArray ourPatches(const QString &name, const QString &target)
    {
        const auto diff = BranchReview::diff(m_repo, name, target);
        if (!diff) {
            qWarning("%s", qPrintable(diff.error().message));
            return "(failed)";
        }
        QByteArray patches;
        for (const FileChange &file : diff->files)
            patches += file.patch;
        return patches;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_repo = m_dir.path() + u"/repo"_s;
        QDir().mkpath(m_repo);
        git({u"init"_s, u"-q"_s, u"-b"_s, u"main"_s});
        // 60 commits, each changing a line of each of 40 similar files: git chains their versions (and the
        // files themselves) into deltas of deltas.
        QByteArray stream;
        for (int commit = 0; commit < 60; ++commit) {
            stream += "commit refs/heads/main\ncommitter T <t@example.com> " +
                      QByteArray::number(1700000000 + commit) + " +0000\ndata 3\nc" +
                      QByteArray::number(commit % 10) + "\n";
            for (int file = 0; file < 40; ++file) {
                QByteArray text;
                for (int line = 0; line < 120; ++line) {
                    text += "file " + QByteArray::number(file) + " line " + QByteArray::number(line);
                    if (line % 60 == commit % 60 || line == (commit * 7) % 120)
                        text += " edited in commit " + QByteArray::number(commit);
                    text += " with enough ordinary text to make deltas worth it\n";
                }
                stream += "M 100644 inline src/file" + QByteArray::number(file) + ".txt\ndata " +
                          QByteArray::number(text.size()) + '\n' + text + '\n';
            }
        }
        git({u"fast-import"_s, u"--quiet"_s}, stream);
        git({u"update-ref"_s, u"refs/paddock/late"_s, u"main"_s});
        git({u"update-ref"_s, u"refs/paddock/middle"_s, u"main~30"_s});
        git({u"update-ref"_s, u"refs/heads/early"_s, u"main~55"_s});
    }

    void offsetDeltasDeepChains()
    {
        // fast-import's own pack: each blob a delta of the one before, 50 deep.
        QVERIFY2(deepestChain() >= 30, "git made no deep delta chains; the test would prove nothing");
        for (const auto &[name, target] :
             {std::pair{u"late"_s, u"early"_s}, std::pair{u"middle"_s, u"early"_s}}) {
            const QByteArray expected =
                git({u"diff"_s, u"--no-ext-diff"_s, target + u"...refs/paddock/"_s + name});
            QVERIFY(expected.size() > 1000);
            QCOMPARE(ourPatches(name, target), expected);
        }
    }

    void referenceDeltas()
    {
        // pack-objects without --delta-base-offset names each delta's base by its id (keeping the chains).
        const QByteArray objects = git({u"rev-list"_s, u"--objects"_s, u"--all"_s});
        git({u"pack-objects"_s, u"-q"_s, u"--depth=50"_s, m_dir.path() + u"/refpack"_s}, objects);
        const QString packs = m_repo + u"/.git/objects/pack"_s;
        QDir(packs).removeRecursively();
        QDir().mkpath(packs);
        for (const QString &file : QDir(m_dir.path()).entryList({u"refpack-*"_s}))
            QVERIFY(QFile::rename(m_dir.path() + u'/' + file, packs + u"/pack"_s + file.mid(7)));
        QVERIFY2(deepestChain() >= 30, "git made no deep delta chains; the test would prove nothing");
        QCOMPARE(git({u"count-objects"_s, u"-v"_s}).split('\n').first(), QByteArray("count: 0"));
        const QByteArray expected = git({u"diff"_s, u"--no-ext-diff"_s, u"early...refs/paddock/late"_s});
        QCOMPARE(ourPatches(u"late"_s, u"early"_s), expected);
    }

    void looseObjectsAndNewPacksStillRead()
    {
        // A commit made after the pack: its objects are loose, which libgit2's own backend reads.
        QByteArray text = "a new file\n";
        git({u"fast-import"_s, u"--quiet"_s},
            "commit refs/paddock/newer\ncommitter T <t@example.com> 1800000000 +0000\ndata 3\nnew\nfrom "
            "refs/heads/main\nM 100644 inline src/new.txt\ndata " +
                QByteArray::number(text.size()) + '\n' + text + '\n');
        QCOMPARE(ourPatches(u"newer"_s, u"early"_s),
                 git({u"diff"_s, u"--no-ext-diff"_s, u"early...refs/paddock/newer"_s}));
    }
};

QTEST_GUILESS_MAIN(TestPackCache)
#include "tst_packcache.moc"
