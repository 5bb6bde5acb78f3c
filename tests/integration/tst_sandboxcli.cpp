// The sandbox commands end to end, through the real paddock binary with real bubblewrap and git:
// create → exec (exit codes, the clone, the proxy) → ls → rm, and the errors a user can run into.
#include "app/host/hosthandover.h"
#include "core/sandboxstore.h"
#include "sandboxtestsupport.h"
#include "testsupport.h"
#include "vm/guest/hostpty.h"
#include "vm/resourcelimits.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestSandboxCli : public QObject
{
    Q_OBJECT

private:
    Paddock::Test::IsolatedXdg m_xdg;
    QTemporaryDir m_dir;
    QString m_project;

    static Run paddock(const QStringList &args)
    {
        QProcess process;
        process.start(qEnvironmentVariable("PADDOCK_BINARY"), args);
        if (!process.waitForFinished(60000))
            process.kill(), process.waitForFinished();
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardOutput(), process.readAllStandardError()};
    }

    static QByteArray git(const QString &repo, const QStringList &args)
    {
        QProcess process;
        process.setWorkingDirectory(repo);
        process.start(u"git"_s,
                      QStringList{u"-c"_s, u"user.name=Test"_s, u"-c"_s, u"user.email=t@example.com"_s} +
                          args);
        process.waitForFinished(30000);
        return process.readAllStandardOutput().trimmed();
    }

    static QString stateOf(const QString &name)
    {
        const QJsonArray listed = QJsonDocument::fromJson(paddock({u"ls"_s, u"--json"_s}).out).array();
        for (const QJsonValue &entry : listed) {
            if (entry.toObject().value(u"name"_s).toString() == name)
                return entry.toObject().value(u"state"_s).toString();
        }
        return {};
    }

    bool hostAnswers() const
    {
        QLocalSocket socket;
        socket.connectToServer(m_xdg.path() + u"/xdg_runtime_dir/paddock/control.sock"_s);
        return socket.waitForConnected(500);
    }

private Q_SLOTS:
    // A check that failed halfway leaves no background host running sandboxes for the next tests.
    void cleanup()
    {
        if (!hostAnswers())
            return;
        const auto holder = Paddock::App::HostHandover::holder(
            Paddock::Core::Paths(QProcessEnvironment::systemEnvironment()));
        if (holder && holder->pid > 1 && holder->pid != QCoreApplication::applicationPid())
            ::kill(pid_t(holder->pid), SIGTERM); // `paddock serve` stops its sandboxes and ends
        QTRY_VERIFY(!hostAnswers());
    }

    void initTestCase()
    {
        m_project = m_dir.filePath(u"project"_s);
        QDir().mkpath(m_project);
        git(m_project, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s});
        QFile readme(m_project + u"/README.md"_s);
        QVERIFY(readme.open(QIODevice::WriteOnly));
        readme.write("hello\n");
        readme.close();
        git(m_project, {u"add"_s, u"."_s});
        git(m_project, {u"commit"_s, u"-qm"_s, u"first"_s});
    }

    void createExecListRemove()
    {
        const QByteArray userHead = git(m_project, {u"rev-parse"_s, u"HEAD"_s});
        Run run = paddock({u"create"_s, u"fix-login"_s, u"--workspace"_s, m_project});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("clone mode"));

        // The agent commits in its clone; the exit code comes back.
        run = paddock({u"exec"_s, u"fix-login"_s, u"--"_s, u"bash"_s, u"-c"_s,
                       uR"SH(cat README.md && git branch --show-current && echo work > work.txt &&
                             git add work.txt && git -c user.name=A -c user.email=a@example.com commit -qm "agent work" &&
                             exit 5)SH"_s});
        QCOMPARE(run.exitCode, 5);
        QCOMPARE(run.out, QByteArray("hello\npaddock/fix-login\n"));
        QVERIFY(!QFile::exists(m_project + u"/work.txt"_s)); // the user's folder is untouched
        QCOMPARE(git(m_project, {u"rev-parse"_s, u"HEAD"_s}), userHead);

        run = paddock({u"ls"_s, u"--json"_s});
        const QJsonArray list = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(u"name"_s).toString(), u"fix-login"_s);
        QCOMPARE(list.first().toObject().value(u"mode"_s).toString(), u"clone"_s);

        // Removing would lose the agent's commit: refused without --force.
        run = paddock({u"rm"_s, u"fix-login"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("--force"), run.err.constData());
        QVERIFY(paddock({u"exec"_s, u"fix-login"_s, u"--"_s, u"true"_s}).exitCode == 0); // still there
        run = paddock({u"rm"_s, u"--force"_s, u"fix-login"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(paddock({u"ls"_s, u"--json"_s}).out).array().size(), 0);
        QCOMPARE(git(m_project, {u"rev-parse"_s, u"HEAD"_s}), userHead);
    }

    void survivesKillOfThePaddockProcess()
    {
        QVERIFY(paddock({u"create"_s, u"crash"_s, u"--workspace"_s, m_project}).exitCode == 0);
        const QString marker = u"318.%1"_s.arg(QCoreApplication::applicationPid());
        QProcess host; // the paddock process hosting the sandbox, about to be killed
        host.start(qEnvironmentVariable("PADDOCK_BINARY"),
                   {u"exec"_s, u"crash"_s, u"--"_s, u"bash"_s, u"-c"_s,
                    uR"SH(echo kept > kept.txt && git add kept.txt &&
                          git -c user.name=A -c user.email=a@example.com commit -qm "before the crash" &&
                          echo committed && sleep %1)SH"_s.arg(marker)});
        QVERIFY(host.waitForReadyRead(30000));
        QCOMPARE(host.readAllStandardOutput(), QByteArray("committed\n"));
        QTRY_COMPARE(Paddock::Test::sleepersOf(marker), 1);
        host.kill(); // SIGKILL: no chance to clean up
        host.waitForFinished();
        QTRY_COMPARE_WITH_TIMEOUT(Paddock::Test::sleepersOf(marker), 0,
                                  10000); // nothing of the sandbox outlives its host
        const QString runtime = m_xdg.path() + u"/xdg_runtime_dir/paddock"_s;
        QVERIFY(!QDir(runtime).entryList({u"sb-*"_s}, QDir::Dirs).isEmpty()); // left behind...
        // The record said "running"; with no process hosting it, it is shown as stopped.
        const QJsonArray listed = QJsonDocument::fromJson(paddock({u"ls"_s, u"--json"_s}).out).array();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().toObject().value(u"state"_s).toString(), u"stopped"_s);

        // The next start finds the sandbox with its commit, and cleans up what the killed process left.
        const Run run =
            paddock({u"exec"_s, u"crash"_s, u"--"_s, u"git"_s, u"log"_s, u"-1"_s, u"--format=%s"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("before the crash\n"));
        QVERIFY(QDir(runtime).entryList({u"sb-*"_s}, QDir::Dirs).isEmpty());
        QVERIFY(paddock({u"rm"_s, u"--force"_s, u"crash"_s}).exitCode == 0);
    }

    void longRunningSandboxThroughTheHost()
    {
        QVERIFY(paddock({u"create"_s, u"long"_s, u"--workspace"_s, m_project}).exitCode == 0);
        Run run = paddock({u"start"_s, u"long"_s}); // launches `paddock serve --exit-when-idle`
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(stateOf(u"long"_s), u"running"_s);
        const QString marker = u"321.%1"_s.arg(QCoreApplication::applicationPid());
        run = paddock({u"exec"_s, u"long"_s, u"--"_s, u"sh"_s, u"-c"_s,
                       u"echo one > /tmp/shared; (sleep %1 >/dev/null 2>&1 &); true"_s.arg(marker)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // Still running: the sandbox keeps running. (The shell's background child may not have become
        // `sleep` yet when exec returns, on a busy machine.)
        QTRY_COMPARE(Paddock::Test::sleepersOf(marker), 1);
        run = paddock({u"exec"_s, u"long"_s, u"--"_s, u"cat"_s, u"/tmp/shared"_s});
        QCOMPARE(run.out, QByteArray("one\n")); // the same sandbox, not a new one per command
        // What the sandbox sees of Paddock: its guest, no socket of the host's (the proxy and the sessions
        // come through the agent's link, which no process in it inherits).
        run = paddock(
            {u"exec"_s, u"long"_s, u"--"_s, u"sh"_s, u"-c"_s, u"ls -A /run/paddock; ls /proc/self/fd"_s});
        QCOMPARE(run.out, QByteArray("paddock-guest\n0\n1\n2\n3\n"));
        // paddock runs exec in a hosted sandbox itself, without Qt: the same contract as paddock-cli's.
        run = paddock({u"exec"_s, u"long"_s, u"--"_s, u"sh"_s, u"-c"_s, u"echo to-err >&2; exit 9"_s});
        QCOMPARE(run.exitCode, 9);
        QCOMPARE(run.err, QByteArray("to-err\n"));
        QProcess piped;
        piped.start(qEnvironmentVariable("PADDOCK_BINARY"),
                    {u"exec"_s, u"long"_s, u"--"_s, u"tr"_s, u"a-z"_s, u"A-Z"_s});
        piped.write("shout\n");
        piped.closeWriteChannel();
        QVERIFY(piped.waitForFinished(20000));
        QCOMPARE(piped.readAllStandardOutput(), QByteArray("SHOUT\n"));
        QProcess signalled; // SIGTERM to paddock reaches the command in the sandbox
        signalled.start(qEnvironmentVariable("PADDOCK_BINARY"),
                        {u"exec"_s, u"long"_s, u"--"_s, u"sleep"_s, u"327"_s});
        QTRY_COMPARE(Paddock::Test::sleepersOf(u"327"_s), 1);
        signalled.terminate();
        QVERIFY(signalled.waitForFinished(20000));
        QCOMPARE(signalled.exitCode(), 128 + 15);
        run = paddock({u"exec"_s, u"nothing-here"_s, u"--"_s, u"true"_s}); // the host's refusal is passed on
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("no sandbox named \"nothing-here\""), run.err.constData());

        run = paddock({u"rm"_s, u"--force"_s, u"long"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("paddock stop long"), run.err.constData());

        // A server in the sandbox, published on this computer's loopback, listed, then unpublished.
        const QStringList server = Paddock::Test::byteCountingServer(4573);
        run =
            paddock({u"exec"_s, u"long"_s, u"--"_s, u"sh"_s, u"-c"_s, u"(\"$0\" \"$@\" >/dev/null 2>&1 &)"_s,
                     server.at(0), server.at(1), server.at(2), server.at(3)});
        QCOMPARE(run.exitCode, 0);
        run = paddock({u"publish"_s, u"long"_s, u"4573"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QRegularExpressionMatch url =
            QRegularExpression(u"http://127.0.0.1:(\\d+)/"_s).match(QString::fromUtf8(run.out));
        QVERIFY2(url.hasMatch(), run.out.constData());
        const int hostPort = url.captured(1).toInt();
        QVERIFY(paddock({u"ls"_s}).out.contains(u"4573->127.0.0.1:%1"_s.arg(hostPort).toUtf8()));
        const QJsonArray listed = QJsonDocument::fromJson(paddock({u"ls"_s, u"--json"_s}).out).array();
        QCOMPARE(listed.first().toObject().value(u"published"_s).toObject().value(u"4573"_s).toInt(),
                 hostPort);
        QTRY_COMPARE(Paddock::Test::exchangeThroughPort(hostPort, "hello", 5000), QByteArray("got 5 hello"));
        run = paddock({u"unpublish"_s, u"long"_s, u"4573"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(Paddock::Test::exchangeThroughPort(hostPort, "late", 5000), QByteArray("(not connected)"));
        QCOMPARE(paddock({u"unpublish"_s, u"long"_s, u"4573"_s}).exitCode, 1);
        QCOMPARE(paddock({u"publish"_s, u"long"_s, u"70000"_s}).exitCode, 2);

        run = paddock({u"stop"_s, u"long"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(Paddock::Test::sleepersOf(marker), 0); // every process of the sandbox ended
        QCOMPARE(stateOf(u"long"_s), u"stopped"_s);
        QTRY_VERIFY(!hostAnswers()); // the background host ended with its last sandbox
        run = paddock({u"stop"_s, u"long"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("not running"));
        QVERIFY(paddock({u"rm"_s, u"--force"_s, u"long"_s}).exitCode == 0);
    }

    void aWindowTakesTheSandboxesOverFromTheBackgroundHost()
    {
        using Paddock::App::HostHandover;
        using Paddock::App::SandboxHost;
        const Paddock::Core::Paths paths(QProcessEnvironment::systemEnvironment());
        QVERIFY(paddock({u"create"_s, u"handed"_s, u"--workspace"_s, m_project}).exitCode == 0);
        Run run = paddock({u"start"_s, u"handed"_s}); // launches `paddock serve --exit-when-idle`
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString marker = u"331.%1"_s.arg(QCoreApplication::applicationPid());
        run = paddock({u"exec"_s, u"handed"_s, u"--"_s, u"sh"_s, u"-c"_s,
                       u"(sleep %1 >/dev/null 2>&1 &); true"_s.arg(marker)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QTRY_COMPARE(Paddock::Test::sleepersOf(marker), 1); // once the background child has become sleep

        // A window opening finds `paddock serve` holding the socket, and what it runs.
        SandboxHost window(paths);
        window.setRole(SandboxHost::Role::Window);
        const auto refused = window.open();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Paddock::Core::ErrorCode::AlreadyExists);
        const auto holder = HostHandover::holder(paths);
        QVERIFY2(holder, holder ? "" : qPrintable(holder.error().message));
        QCOMPARE(holder->role, SandboxHost::Role::Service);
        QCOMPARE(holder->running, QStringList{u"handed"_s});
        QVERIFY(holder->pid > 1 && holder->pid != QCoreApplication::applicationPid());

        // It hands them over: stopped (every process of theirs ended), the process gone, the socket ours.
        const auto stopped = HostHandover::takeOver(paths, window);
        QVERIFY2(stopped, stopped ? "" : qPrintable(stopped.error().message));
        QCOMPARE(*stopped, QStringList{u"handed"_s});
        QCOMPARE(Paddock::Test::sleepersOf(marker), 0);
        QTRY_VERIFY(::kill(pid_t(holder->pid), 0) != 0);
        const auto record = Paddock::Core::SandboxStore(paths.sandboxesDir()).find(u"handed"_s);
        QVERIFY(record && record->state == Paddock::Core::SandboxRecord::State::Stopped);
        // The window starts it again and answers on the socket as the window.
        const auto started = window.start(u"handed"_s);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        QLocalSocket client;
        client.connectToServer(SandboxHost::controlSocketPath(paths));
        QVERIFY(client.waitForConnected(2000));
        const auto ask = [&client](const QByteArray &request) {
            client.write(request + '\n');
            (void)QTest::qWaitFor([&client] { return client.canReadLine(); }, 10000); // the host answers
            return QJsonDocument::fromJson(client.readLine()).object();
        };
        const QJsonObject status = ask(R"({"op":"status"})");
        QCOMPARE(status.value(u"host"_s).toString(), u"window"_s);
        QCOMPARE(status.value(u"running"_s).toArray().size(), 1);
        // A window does not hand over (another one opening brings it forward instead).
        const QJsonObject refusedHandOver = ask(R"({"op":"hand-over"})");
        QVERIFY(!refusedHandOver.value(u"ok"_s).toBool());
        QVERIFY(window.manager().isRunning(u"handed"_s));
        QSignalSpy shown(&window, &SandboxHost::showRequested);
        QVERIFY(ask(R"({"op":"show"})").value(u"ok"_s).toBool());
        QCOMPARE(shown.size(), 1);
        // Paddock opened again: no second window, this one comes forward (in a build with the window).
        if (!QFileInfo(qEnvironmentVariable("PADDOCK_BINARY")).dir().exists(u"paddock-gui"_s)) {
            QVERIFY(window.manager().stop(u"handed"_s));
            return;
        }
        QProcess second;
        second.start(qEnvironmentVariable("PADDOCK_BINARY"), QStringList());
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20000);
        QCOMPARE(second.exitCode(), 0);
        QVERIFY(window.manager().stop(u"handed"_s));
    }

    void longRunningSandboxAsAnUnprivilegedUser()
    {
        if (::geteuid() != 0)
            QSKIP("the suite already runs unprivileged; this case is for root (CI), through setpriv");
        // A home for nobody, with a canary next to the workspace that the sandbox must not see.
        QTemporaryDir base(u"/tmp/paddock-nobody-XXXXXX"_s);
        const QString home = base.path();
        QVERIFY(QDir().mkpath(home + u"/ws"_s));
        QFile canary(home + u"/canary"_s);
        QVERIFY(canary.open(QIODevice::WriteOnly) && canary.write("secret") == 6);
        canary.close();
        QVERIFY(QProcess::execute(u"chown"_s, {u"-R"_s, u"65534:65534"_s, home}) == 0);
        QFile::setPermissions(home, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString script = uR"SH(set -e
P="$1"; H="$2"
$P create nb --workspace "$H/ws" --mode direct >/dev/null
$P start nb >/dev/null
$P exec nb -- sh -c 'id -u; touch /workspace/made; cat "$0/canary" 2>/dev/null || echo no-canary; (sleep 329 &)' "$H"
$P stop nb >/dev/null
echo stopped)SH"_s;
        QProcess process;
        process.setProcessEnvironment([&home] {
            QProcessEnvironment environment;
            environment.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
            environment.insert(u"HOME"_s, home);
            environment.insert(u"XDG_RUNTIME_DIR"_s, home + u"/run"_s);
            environment.insert(u"PADDOCK_GUEST"_s, qEnvironmentVariable("PADDOCK_GUEST"));
            return environment;
        }());
        process.start(u"setpriv"_s,
                      {u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s, u"--inh-caps=-all"_s,
                       u"sh"_s, u"-c"_s, script, u"sh"_s, qEnvironmentVariable("PADDOCK_BINARY"), home});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(process.readAllStandardOutput(), QByteArray("1000\nno-canary\nstopped\n"));
        QCOMPARE(QFileInfo(home + u"/ws/made"_s).ownerId(), 65534u); // written as the user, not as root
        QCOMPARE(Paddock::Test::sleepersOf(u"329"_s), 0);
    }

    void terminalSessions()
    {
        QVERIFY(paddock({u"create"_s, u"tty"_s, u"--workspace"_s, m_project}).exitCode == 0);
        Run run = paddock({u"exec"_s, u"-t"_s, u"tty"_s, u"--"_s, u"true"_s}); // our stdin is no terminal
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("not a terminal"), run.err.constData());

        // Under script(1), paddock has a terminal; the command gets a PTY of its own, input goes through,
        // Ctrl-C interrupts the command in the sandbox, and the exit code comes back.
        QProcess script;
        script.start(u"script"_s,
                     {u"-qec"_s,
                      qEnvironmentVariable("PADDOCK_BINARY") + u" exec -it tty -- bash --norc -i"_s,
                      u"/dev/null"_s});
        QVERIFY(script.waitForStarted());
        QByteArray seen;
        const auto waitFor = [&](const QByteArray &text) {
            QElapsedTimer timer;
            timer.start();
            while (!seen.contains(text) && timer.elapsed() < 20000) {
                script.waitForReadyRead(100);
                seen += script.readAll();
            }
            return seen.contains(text);
        };
        QVERIFY2(waitFor("$ "), seen.constData());
        script.write("test -t 0 && echo IS-A-TTY-$((6*7)); sleep 323\n");
        QVERIFY2(waitFor("IS-A-TTY-42"), seen.constData());
        QTRY_COMPARE(Paddock::Test::sleepersOf(u"323"_s), 1);
        script.write("\x03");
        QTRY_COMPARE(Paddock::Test::sleepersOf(u"323"_s), 0);
        script.write("echo status=$?; exit 3\n");
        QVERIFY2(waitFor("status=130"), seen.constData());
        QVERIFY(script.waitForFinished(20000));
        QCOMPARE(script.exitCode(), 3);
        QVERIFY(paddock({u"rm"_s, u"--force"_s, u"tty"_s}).exitCode == 0);
    }

    // `paddock exec -t` in a terminal that changes its size: the command in the sandbox sees the new one.
    void aTerminalsNewSizeReachesTheCommand()
    {
        QVERIFY(paddock({u"create"_s, u"sized"_s, u"--workspace"_s, m_project}).exitCode == 0);
        Paddock::Guest::HostPty pty; // the user's terminal, with paddock as its session's foreground program
        std::string error;
        QVERIFY2(pty.open(24, 80, error), error.c_str());
        QProcess cli;
        const int slave = pty.slave();
        cli.setChildProcessModifier([slave] {
            ::setsid();
            ::ioctl(slave, TIOCSCTTY, 0);
            for (int fd = 0; fd < 3; ++fd)
                ::dup2(slave, fd);
        });
        cli.start(qEnvironmentVariable("PADDOCK_BINARY"),
                  {u"exec"_s, u"-it"_s, u"sized"_s, u"--"_s, u"bash"_s, u"--norc"_s, u"-i"_s});
        QVERIFY(cli.waitForStarted());
        pty.closeSlave();
        QByteArray seen;
        const auto typeUntil = [&](const QByteArray &keys, const QByteArray &text) {
            QElapsedTimer timer;
            timer.start();
            while (!seen.contains(text) && timer.elapsed() < 20000) {
                if (!keys.isEmpty()) [[maybe_unused]]
                    auto written = ::write(pty.master(), keys.constData(), std::size_t(keys.size()));
                seen += Paddock::Test::readAvailable(pty.master(), 300);
            }
            return seen.contains(text);
        };
        QVERIFY2(typeUntil({}, "$ "), seen.constData());
        QVERIFY2(typeUntil("stty size\n", "24 80"), seen.constData());
        QVERIFY(pty.resize(40, 132)); // SIGWINCH to paddock, which tells the sandbox
        QVERIFY2(typeUntil("stty size\n", "40 132"), seen.constData());
        [[maybe_unused]] auto written = ::write(pty.master(), "exit 4\n", 7);
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.exitCode(), 4);
        QVERIFY(paddock({u"rm"_s, u"--force"_s, u"sized"_s}).exitCode == 0);
    }

    void limitsThatCannotApplyAreShown()
    {
        Run run = paddock({u"create"_s, u"capped"_s, u"--workspace"_s, m_project, u"--cpus"_s, u"2"_s,
                           u"--memory"_s, u"1G"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray listed = QJsonDocument::fromJson(paddock({u"ls"_s, u"--json"_s}).out).array();
        const QJsonObject resources = listed.first().toObject().value(u"resources"_s).toObject();
        QCOMPARE(resources.value(u"cpus"_s).toInt(), 2);
        QCOMPARE(resources.value(u"memoryMiB"_s).toInt(), 1024);
        const QString reason = Paddock::Vm::ResourceLimits::unavailableReason();
        if (!reason.isEmpty()) { // as on CI: said at creation, in ls, and the sandbox still works
            QVERIFY2(run.err.contains("cannot be applied"), run.err.constData());
            QVERIFY(paddock({u"ls"_s}).out.contains(QByteArray("limits not applied: " + reason.toUtf8())));
        }
        QCOMPARE(paddock({u"exec"_s, u"capped"_s, u"--"_s, u"true"_s}).exitCode, 0);
        QVERIFY(paddock({u"rm"_s, u"--force"_s, u"capped"_s}).exitCode == 0);
        for (const QStringList &bad :
             {QStringList{u"--cpus"_s, u"0"_s}, QStringList{u"--memory"_s, u"12"_s},
              QStringList{u"--memory"_s, u"lots"_s}, QStringList{u"--disk"_s, u"12"_s}}) {
            run = paddock(QStringList{u"create"_s, u"capped"_s, u"--workspace"_s, m_project} + bad);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(bad.first().toUtf8()), run.err.constData());
        }
        // A disk size is a microVM's: a namespace sandbox works on the host's own disk.
        run = paddock({u"create"_s, u"capped"_s, u"--workspace"_s, m_project, u"--disk"_s, u"64G"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("A disk size is for microVMs"), run.err.constData());
        QVERIFY(paddock({u"ls"_s}).out.contains("No sandboxes") ||
                !paddock({u"ls"_s}).out.contains("capped"));
    }

    // Direct mode: the agent writes the project folder, so the project's policy file is read at creation
    // only.
    void anAgentCannotWidenItsPolicyThroughTheProjectFile()
    {
        QTemporaryDir folder;
        Paddock::Test::writeFile(folder.filePath(u".paddock/policy.json"_s),
                                 R"({"version": 1, "rules": ["allow reviewed.example:443"]})");
        QCOMPARE(paddock({u"create"_s, u"direct"_s, u"--workspace"_s, folder.path(), u"--policy"_s,
                          u"locked-down"_s})
                     .exitCode,
                 0);
        // What an agent in the sandbox could do: allow everything in the file it can write.
        Paddock::Test::writeFile(folder.filePath(u".paddock/policy.json"_s),
                                 R"({"version": 1, "rules": ["allow **"]})");
        Run run = paddock(
            {u"policy"_s, u"explain"_s, u"--sandbox"_s, u"direct"_s, u"https://elsewhere.example/"_s});
        QVERIFY2(run.out.contains("denied") || run.out.contains("Denied"), run.out.constData());
        run =
            paddock({u"policy"_s, u"explain"_s, u"--sandbox"_s, u"direct"_s, u"https://reviewed.example/"_s});
        QVERIFY2(run.out.contains("allow reviewed.example:443"), run.out.constData());
        QCOMPARE(paddock({u"rm"_s, u"direct"_s}).exitCode, 0);
    }

    void deniedRequestsAreLogged()
    {
        QVERIFY(paddock({u"create"_s, u"net"_s, u"--workspace"_s, m_project, u"--policy"_s, u"locked-down"_s})
                    .exitCode == 0);
        const Run run = paddock(
            {u"exec"_s, u"net"_s, u"--"_s, u"bash"_s, u"-c"_s,
             uR"SH(exec 3<>/dev/tcp/127.0.0.1/3128 && printf 'GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n' >&3 && head -1 <&3)SH"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("HTTP/1.1 403"), run.out.constData());
        QFile audit(m_xdg.path() + u"/xdg_state_home/paddock/audit/audit.jsonl"_s);
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray log = audit.readAll();
        QVERIFY2(log.contains("\"host\":\"example.com\"") && log.contains("\"sandbox\":\"net\""),
                 log.constData());
        QVERIFY(paddock({u"rm"_s, u"net"_s}).exitCode == 0); // no commits of its own: no --force needed
    }

    void mistakesGetClearErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("bad name") << QStringList{u"create"_s, u"Bad Name"_s, u"--workspace"_s, u"/tmp"_s}
                                  << QByteArray("not a valid sandbox name");
        QTest::newRow("missing workspace")
            << QStringList{u"create"_s, u"ok"_s, u"--workspace"_s, u"/no/such/folder"_s}
            << QByteArray("is not a folder");
        QTest::newRow("unknown sandbox") << QStringList{u"exec"_s, u"nope"_s, u"--"_s, u"true"_s}
                                         << QByteArray("no sandbox named \"nope\"");
        QTest::newRow("exec without command")
            << QStringList{u"exec"_s, u"nope"_s} << QByteArray("usage: paddock exec");
        QTest::newRow("unknown backend")
            << QStringList{u"create"_s, u"vm"_s, u"--workspace"_s, u"/tmp"_s, u"--backend"_s, u"xen"_s}
            << QByteArray("--backend must be namespace or microvm");
    }
    void mistakesGetClearErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run run = paddock(args);
        QVERIFY(run.exitCode == 1 || run.exitCode == 2);
        QVERIFY2(run.err.contains(message), run.err.constData());
    }

    void duplicateNamesAreRefused()
    {
        QVERIFY(paddock({u"create"_s, u"twice"_s, u"--workspace"_s, m_project}).exitCode == 0);
        const Run run = paddock({u"create"_s, u"twice"_s, u"--workspace"_s, m_project});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("exists already"), run.err.constData());
        QVERIFY(paddock({u"rm"_s, u"twice"_s}).exitCode == 0);
    }
};

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "tst_sandboxcli.moc"
