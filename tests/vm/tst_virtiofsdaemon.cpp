// The host's virtiofsd for a direct-mode microVM, with the real C virtiofsd QEMU ships: it waits on the
// socket Paddock made (only the user may connect), runs unprivileged in a user namespace of its own, and
// is gone after stop(); a daemon that cannot start says why and leaves nothing behind.
#include "vm/virtiofsdaemon.h"

#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestVirtioFsDaemon : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void findsTheProgramOrIsToldNone()
    {
        qputenv("PADDOCK_VIRTIOFSD", "off");
        QCOMPARE(VirtioFsDaemon::findProgram(), QString());
        qputenv("PADDOCK_VIRTIOFSD", "/opt/virtiofsd");
        QCOMPARE(VirtioFsDaemon::findProgram(), u"/opt/virtiofsd"_s);
        QCOMPARE(VirtioFsDaemon::findProgram(true), u"/opt/virtiofsd"_s); // named: even when emulated
        qunsetenv("PADDOCK_VIRTIOFSD");
        QVERIFY2(!VirtioFsDaemon::findProgram().isEmpty(),
                 "virtiofsd is needed (qemu-system-common ships /usr/lib/qemu/virtiofsd)");
        QCOMPARE(VirtioFsDaemon::findProgram(true), QString()); // emulated: 9p unless asked
    }

    void servesAFolderAndEndsWithStop()
    {
        const QString shared = m_dir.filePath(u"shared-folder"_s);
        QVERIFY(QDir().mkpath(shared));
        const QString socket = m_dir.filePath(u"virtiofs.sock"_s);
        VirtioFsDaemon daemon;
        const auto started = daemon.start(VirtioFsDaemon::findProgram(), shared, socket);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        QVERIFY(daemon.isRunning());
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(socket).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_mode & 0077, mode_t(0)); // nobody else may connect
        QVERIFY(!Paddock::Test::processesWhoseCommandLineHas({QString(u"source="_s + shared).toUtf8()})
                     .isEmpty());
        daemon.stop(0);
        QVERIFY(!daemon.isRunning());
        // Its sandboxed child (pid namespace) follows it: nothing serves the folder any more.
        QTRY_VERIFY_WITH_TIMEOUT(
            Paddock::Test::processesWhoseCommandLineHas({QString(u"source="_s + shared).toUtf8()}).isEmpty(),
            5'000);
    }

    void aDaemonThatCannotStartSaysWhy()
    {
        const QString socket = m_dir.filePath(u"refused.sock"_s);
        VirtioFsDaemon daemon;
        // A folder that does not exist: virtiofsd itself refuses it.
        const auto started =
            daemon.start(VirtioFsDaemon::findProgram(), m_dir.filePath(u"no-such-folder"_s), socket);
        QVERIFY(!started.has_value());
        QVERIFY2(started.error().message.contains(u"virtiofsd did not start"_s) &&
                     started.error().message.contains(u"no-such-folder"_s),
                 qPrintable(started.error().message));
        QVERIFY(!daemon.isRunning());
        const auto missing = daemon.start(m_dir.filePath(u"no-virtiofsd"_s), m_dir.path(), socket);
        QVERIFY(!missing.has_value());
        QVERIFY(!daemon.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestVirtioFsDaemon)
#include "tst_virtiofsdaemon.moc"
