// QemuMachine and QmpClient against a real QEMU (TCG, no kernel: a machine paused before its first
// instruction is all QMP needs): handshake, commands, errors, the stop escalation, crashes, bad arguments,
// and that no QEMU outlives the process that started it.
#include "vm/qemumachine.h"
#include "vm/qmpclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

namespace {

QemuMachine::Options pausedMachine(const QString &runtimeDirectory)
{
    QemuMachine::Options options;
    options.arguments = {u"-M"_s,          u"microvm"_s,         u"-accel"_s,   u"tcg"_s,  u"-m"_s, u"64"_s,
                         u"-nodefaults"_s, u"-no-user-config"_s, u"-display"_s, u"none"_s, u"-S"_s};
    options.runtimeDirectory = runtimeDirectory;
    return options;
}

// Gone, or a zombie nobody reaped yet: either way it runs no more.
bool processEnded(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) == "Z";
}

} // namespace

class TestQemuMachine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_runtime;

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"qemu-system-x86_64"_s).isEmpty())
            QFAIL("qemu-system-x86_64 is needed (Debian package qemu-system-x86; scripts/setup-deps.sh "
                  "installs it)");
        QVERIFY(m_runtime.isValid());
    }

    // Under emulation the guest's memory is kept out of huge pages, whose first touch is slow on a host that
    // is a VM handing its free memory back (2 s more per start there); KVM keeps QEMU's default.
    void hugePagesOnlyWhenAskedFor_data()
    {
        QTest::addColumn<bool>("hugePages");
        QTest::newRow("off") << false;
        QTest::newRow("on") << true;
    }

    void hugePagesOnlyWhenAskedFor()
    {
        QFETCH(bool, hugePages);
        QemuMachine machine;
        QemuMachine::Options options = pausedMachine(m_runtime.path());
        options.hugePages = hugePages;
        const auto started = machine.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        QFile status(u"/proc/%1/status"_s.arg(machine.processId()));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QByteArray text = status.readAll();
        QVERIFY2(text.contains(hugePages ? "\nTHP_enabled:\t1\n" : "\nTHP_enabled:\t0\n"), text.constData());
        // Paddock's own process keeps them either way (Qt starts QEMU sharing its memory until it execs).
        QFile own(u"/proc/self/status"_s);
        QVERIFY(own.open(QIODevice::ReadOnly));
        QVERIFY(own.readAll().contains("\nTHP_enabled:\t1\n"));
        machine.stop(0, 1'000);
    }

    void handshakeStatusAndCommands()
    {
        QemuMachine machine;
        const auto started = machine.start(pausedMachine(m_runtime.path()));
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        QVERIFY(machine.isRunning());
        QVERIFY2(
            machine.qmp()->version().startsWith(u"7."_s) || machine.qmp()->version().startsWith(u"8."_s) ||
                machine.qmp()->version().startsWith(u"9."_s) || machine.qmp()->version().startsWith(u"10."_s),
            qPrintable(machine.qmp()->version()));
        auto status = machine.qmp()->executeAndWait(u"query-status"_s);
        QVERIFY(status.has_value());
        QCOMPARE(status->value(u"status"_s).toString(), u"prelaunch"_s);
        QVERIFY(machine.qmp()->executeAndWait(u"cont"_s).has_value());
        status = machine.qmp()->executeAndWait(u"query-status"_s);
        QCOMPARE(status->value(u"status"_s).toString(), u"running"_s);
        const auto kvm = machine.qmp()->executeAndWait(u"query-kvm"_s);
        QVERIFY(kvm.has_value());
        QCOMPARE(kvm->value(u"enabled"_s).toBool(), false); // -accel tcg
        const auto unknown = machine.qmp()->executeAndWait(u"no-such-command"_s);
        QVERIFY(!unknown.has_value());
        QVERIFY2(unknown.error().message.contains(u"CommandNotFound"_s), qPrintable(unknown.error().message));
        // Commands keep their own answers when several are in flight.
        QStringList order;
        for (const QString &command : {u"query-name"_s, u"query-status"_s, u"query-version"_s})
            machine.qmp()->execute(command, {}, [&order, command](const auto &result) {
                if (result)
                    order.append(command);
            });
        QTRY_COMPARE(order, (QStringList{u"query-name"_s, u"query-status"_s, u"query-version"_s}));
        machine.stop(0, 3'000);
        QVERIFY(!machine.isRunning());
    }

    void stopFallsBackToQuitWhenNothingHandlesThePowerButton()
    {
        QemuMachine machine;
        QVERIFY(machine.start(pausedMachine(m_runtime.path())).has_value());
        QSignalSpy ended(&machine, &QemuMachine::ended);
        const qint64 pid = machine.processId();
        machine.stop(300, 3'000); // a paused machine with no guest ignores system_powerdown
        QVERIFY(!machine.isRunning());
        QVERIFY(processEnded(pid));
        QCOMPARE(ended.size(), 0); // stopped, not ended on its own
    }

    void stopKillsAQemuThatAnswersNothing()
    {
        QemuMachine machine;
        QVERIFY(machine.start(pausedMachine(m_runtime.path())).has_value());
        const qint64 pid = machine.processId();
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0); // QEMU hangs: neither QMP nor the power button is heard
        machine.stop(200, 200);
        QVERIFY(!machine.isRunning());
        QVERIFY(processEnded(pid));
    }

    void endingOnItsOwnIsReported()
    {
        QemuMachine machine;
        QVERIFY(machine.start(pausedMachine(m_runtime.path())).has_value());
        QSignalSpy ended(&machine, &QemuMachine::ended);
        QCOMPARE(::kill(pid_t(machine.processId()), SIGKILL), 0);
        QTRY_COMPARE(ended.size(), 1);
        QVERIFY2(ended.first().first().toString().contains(u"unexpectedly"_s),
                 qPrintable(ended.first().first().toString()));

        const auto restarted = machine.start(pausedMachine(m_runtime.path()));
        QVERIFY2(restarted.has_value(), restarted ? "" : qPrintable(restarted.error().message));
        machine.qmp()->execute(u"quit"_s);
        QTRY_COMPARE(ended.size(), 2);
        QCOMPARE(ended.last().first().toString(), u"QEMU exited with code 0."_s);
    }

    void badArgumentsSayWhatQemuSaid()
    {
        QemuMachine machine;
        QemuMachine::Options options = pausedMachine(m_runtime.path());
        options.arguments[1] = u"no-such-machine"_s;
        const auto started = machine.start(options);
        QVERIFY(!started.has_value());
        QVERIFY2(started.error().message.contains(u"unsupported machine type"_s), // QEMU's own words
                 qPrintable(started.error().message));
        QVERIFY(!machine.isRunning());

        options.program = u"/nonexistent/qemu"_s;
        const auto missing = machine.start(options);
        QVERIFY(!missing.has_value());
        QVERIFY2(missing.error().message.contains(u"could not be started"_s),
                 qPrintable(missing.error().message));
    }

    void noQemuOutlivesTheProcessThatStartedIt()
    {
        // This test's own binary hosts a machine in a child process, which is then killed without warning.
        QProcess host;
        host.start(QCoreApplication::applicationFilePath(), {u"--host-a-machine"_s, m_runtime.path()});
        QVERIFY(host.waitForReadyRead(20'000));
        const qint64 pid = host.readLine().trimmed().toLongLong();
        QVERIFY(pid > 0);
        QVERIFY(!processEnded(pid));
        host.kill();
        QVERIFY(host.waitForFinished());
        QTRY_VERIFY_WITH_TIMEOUT(processEnded(pid), 10'000);
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--host-a-machine") == 0) {
        QCoreApplication app(argc, argv);
        QemuMachine machine;
        if (!machine.start(pausedMachine(QString::fromLocal8Bit(argv[2]))))
            return 1;
        std::printf("%lld\n", machine.processId());
        std::fflush(stdout);
        return app.exec();
    }
    QCoreApplication app(argc, argv);
    TestQemuMachine test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_qemumachine.moc"
