// The real paddock binary as a user runs it: exit codes, messages and files it writes.
#include "testsupport.h"

#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run paddock(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess process;
    process.setProgram(qEnvironmentVariable("PADDOCK_BINARY"));
    process.setArguments(args);
    process.start();
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    Paddock::Test::IsolatedXdg m_xdg;

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFile::exists(qEnvironmentVariable("PADDOCK_BINARY"))); }

    void printsVersion()
    {
        const Run run = paddock({u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), u"paddock " PADDOCK_VERSION ""_s);
    }

    void helpListsCommands()
    {
        const Run run = paddock({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"Usage: paddock"_s));
    }

    void unknownCommandIsUsageError()
    {
        const Run run = paddock({u"frobnicate"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"unknown command 'frobnicate'"_s));
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
