// WorkspaceFile on a real folder where a hostile agent has planted links to "host" files and folders.
#include "core/workspacefile.h"

#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;
using Paddock::Test::readFile;
using Paddock::Test::writeFile;

class TestWorkspaceFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_host; // stands for the user's own files, outside the workspace

private Q_SLOTS:
    void init()
    {
        m_workspace = m_dir.path() + u"/workspace"_s;
        m_host = m_dir.path() + u"/host"_s;
        QDir(m_workspace).removeRecursively();
        QDir(m_host).removeRecursively();
        QDir().mkpath(m_workspace);
        QDir().mkpath(m_host);
        writeFile(m_host + u"/.bashrc"_s, "the user's own\n");
    }

    void writesAndReplaces()
    {
        QVERIFY(WorkspaceFile::write(m_workspace, u".paddock"_s, u"notes.md"_s, "one\n").has_value());
        QCOMPARE(readFile(m_workspace + u"/.paddock/notes.md"_s), QByteArray("one\n"));
        QVERIFY(WorkspaceFile::write(m_workspace, u".paddock"_s, u"notes.md"_s, "two\n").has_value());
        QCOMPARE(readFile(m_workspace + u"/.paddock/notes.md"_s), QByteArray("two\n"));
        QCOMPARE(QDir(m_workspace + u"/.paddock"_s).entryList(QDir::Files | QDir::Hidden),
                 QStringList{u"notes.md"_s});
    }

    // The twin of writesAndReplaces with the agent's traps in place: nothing outside the workspace changes.
    void neverWritesThroughTheAgentsLinks()
    {
        // The folder is a link to a host folder: refused.
        QVERIFY(QFile::link(m_host, m_workspace + u"/.paddock"_s));
        const auto throughFolder = WorkspaceFile::write(m_workspace, u".paddock"_s, u".bashrc"_s, "evil\n");
        QVERIFY(!throughFolder.has_value());
        QCOMPARE(readFile(m_host + u"/.bashrc"_s), QByteArray("the user's own\n"));
        QCOMPARE(QDir(m_host).entryList(QDir::Files | QDir::Hidden), QStringList{u".bashrc"_s});

        // The file is a link to a host file: the link is replaced, its target untouched.
        QFile::remove(m_workspace + u"/.paddock"_s);
        QDir().mkpath(m_workspace + u"/.paddock"_s);
        QVERIFY(QFile::link(m_host + u"/.bashrc"_s, m_workspace + u"/.paddock/notes.md"_s));
        QVERIFY(WorkspaceFile::write(m_workspace, u".paddock"_s, u"notes.md"_s, "notes\n").has_value());
        QCOMPARE(readFile(m_host + u"/.bashrc"_s), QByteArray("the user's own\n"));
        QVERIFY(!QFileInfo(m_workspace + u"/.paddock/notes.md"_s).isSymLink());
        QCOMPARE(readFile(m_workspace + u"/.paddock/notes.md"_s), QByteArray("notes\n"));

        // The workspace itself is a link: refused.
        const QString linked = m_dir.path() + u"/linked"_s;
        QFile::remove(linked);
        QVERIFY(QFile::link(m_host, linked));
        QVERIFY(!WorkspaceFile::write(linked, u".paddock"_s, u"notes.md"_s, "x\n").has_value());
        QVERIFY(!QFile::exists(m_host + u"/.paddock"_s));
    }

    void refusesPathsForNames_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("name");
        QTest::newRow("parent") << u".."_s << u"x"_s;
        QTest::newRow("slash") << u".paddock"_s << u"../x"_s;
        QTest::newRow("empty") << u".paddock"_s << QString();
        QTest::newRow("dot") << u"."_s << u"x"_s;
    }
    void refusesPathsForNames()
    {
        QFETCH(QString, folder);
        QFETCH(QString, name);
        const auto written = WorkspaceFile::write(m_workspace, folder, name, "x");
        QVERIFY(!written.has_value());
        QCOMPARE(written.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceFile)
#include "tst_workspacefile.moc"
