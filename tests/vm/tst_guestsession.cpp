// Long-running namespace sandboxes with real bubblewrap: SandboxManager starts one, sessions run in it
// through its control socket and paddock-guest's agent (pipes and a host PTY), and stopping it ends every
// process.
#include "core/paths.h"
#include "core/policy.h"
#include "core/presetcatalog.h"
#include "core/sandboxstore.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/guest/hostpty.h"
#include "vm/guest/sessionprotocol.h"
#include "vm/guestsession.h"
#include "vm/namespacebackend.h"
#include "vm/publishedport.h"
#include "vm/sandboxmanager.h"

#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QNetworkInterface>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <thread>
#include <unistd.h>

using namespace Paddock;
using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

namespace {

// Reads a PTY master until text shows up (or time runs out); the event loop keeps running meanwhile.
bool waitForText(int master, QByteArray &seen, const QByteArray &text, int timeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains(text) && timer.elapsed() < timeoutMs) {
        seen += Test::readAvailable(master, 20);
        QCoreApplication::processEvents();
    }
    return seen.contains(text);
}

} // namespace

class TestGuestSession : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_workspace;
    Proxy::FakeResolver m_resolver;
    std::unique_ptr<Proxy::ProxyServer> m_proxy;
    std::unique_ptr<SandboxManager> m_manager;
    QString m_control;

    std::shared_ptr<const Core::PolicyMatcher> policy() const
    {
        Core::Policy policy;
        policy.setLayer(Core::PolicyLayer::Preset, Core::PresetCatalog::load(u"balanced"_s)->rules());
        return policy.matcher();
    }

    Test::Captured run(const QStringList &command) { return Test::runCaptured(m_control, command); }

private Q_SLOTS:
    void initTestCase()
    {
        m_proxy = std::make_unique<Proxy::ProxyServer>(m_resolver);
        m_manager = std::make_unique<SandboxManager>(Core::Paths(QProcessEnvironment::systemEnvironment()),
                                                     m_proxy.get());
        CreateOptions options;
        options.name = u"long"_s;
        options.workspace = m_workspace.path();
        QVERIFY(m_manager->create(options));
        const auto control = m_manager->start(u"long"_s, policy());
        QVERIFY2(control, control ? "" : qPrintable(control.error().message));
        m_control = *control;
        QVERIFY(m_manager->isRunning(u"long"_s));
    }

    void sessionsShareTheRunningSandbox()
    {
        QCOMPARE(run({u"sh"_s, u"-c"_s, u"echo kept > /tmp/state; echo $$"_s}).exitCode, 0);
        const Test::Captured second = run({u"cat"_s, u"/tmp/state"_s});
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(second.out, QByteArray("kept\n")); // the same /tmp: the same sandbox
        QCOMPARE(run({u"sh"_s, u"-c"_s, u"exit 42"_s}).exitCode, 42);
        QCOMPARE(run({u"no-such-program"_s}).exitCode, 127);
        const Test::Captured env = run({u"sh"_s, u"-c"_s, u"echo $HTTPS_PROXY $PWD $(id -u)"_s});
        QCOMPARE(env.out, QByteArray("http://127.0.0.1:3128 /workspace 1000\n"));
    }

    void signalsReachTheSessionsProcessGroup()
    {
        SessionOptions options;
        options.command = {u"sh"_s, u"-c"_s, u"sleep 311 & wait"_s};
        auto session = Test::openQuietly(m_control, options);
        QVERIFY(session);
        QTRY_COMPARE(Test::sleepersOf(u"311"_s), 1);
        QVERIFY((*session)->sendSignal(SIGTERM));
        const auto exitCode = (*session)->waitForExit();
        QVERIFY(exitCode);
        QCOMPARE(*exitCode, 128 + SIGTERM);
        QTRY_COMPARE(Test::sleepersOf(u"311"_s), 0); // the whole group, not just the shell
    }

    // What listens inside the sandbox is seen from the host (its own network namespace's tables), without
    // Paddock's proxy forwarder; it is gone from the list when the listener ends.
    void listeningPortsInsideAreSeen()
    {
        QCOMPARE(m_manager->listeningPorts(u"long"_s), QList<int>());
        SessionOptions options;
        options.command = {
            u"perl"_s, u"-MIO::Socket::INET"_s, u"-e"_s,
            u"my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1:4567', Listen => 1) or die; sleep 317"_s};
        auto session = Test::openQuietly(m_control, options);
        QVERIFY(session);
        QTRY_COMPARE(m_manager->listeningPorts(u"long"_s), QList<int>{4567});
        QVERIFY((*session)->sendSignal(SIGTERM));
        QVERIFY((*session)->waitForExit());
        QTRY_COMPARE(m_manager->listeningPorts(u"long"_s), QList<int>());
        QCOMPARE(m_manager->listeningPorts(u"no-such-sandbox"_s), QList<int>());
    }

    // A published port reaches a server inside from this computer's loopback, through the guest: bytes both
    // ways, the end of the client's sending passed on, a server on IPv6 only; unpublished, it is gone.
    void aPublishedPortReachesAServerInside()
    {
        QVERIFY(!m_manager->publishPort(u"no-such-sandbox"_s, 4569));
        const auto published = m_manager->publishPort(u"long"_s, 4569);
        QVERIFY2(published, published ? "" : qPrintable(published.error().message));
        QCOMPARE(m_manager->publishedPorts(u"long"_s), (QMap<int, int>{{4569, *published}}));
        QCOMPARE(*m_manager->publishPort(u"long"_s, 4569), *published);         // published once
        QCOMPARE(Test::exchangeThroughPort(*published, "early"), QByteArray()); // nothing listens yet: closed

        SessionOptions options;
        options.command = Test::byteCountingServer(4569);
        auto server = Test::openQuietly(m_control, options);
        QVERIFY(server);
        QTRY_COMPARE(m_manager->listeningPorts(u"long"_s), QList<int>{4569});
        QCOMPARE(Test::exchangeThroughPort(*published, QByteArray(3 << 20, 'x')),
                 QByteArray("got 3145728 xxxxx"));
        QCOMPARE(Test::exchangeThroughPort(*published, "hello"), QByteArray("got 5 hello")); // again

        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            QTcpSocket outside; // the host's listener is on loopback only, not on the network
            outside.connectToHost(address, quint16(*published));
            QVERIFY(!outside.waitForConnected(2000));
        }

        QVERIFY(m_manager->unpublishPort(u"long"_s, 4569));
        QVERIFY(m_manager->publishedPorts(u"long"_s).isEmpty());
        QVERIFY(!m_manager->unpublishPort(u"long"_s, 4569));
        QCOMPARE(Test::exchangeThroughPort(*published, "late", 5000), QByteArray("(not connected)"));
        QVERIFY((*server)->sendSignal(SIGTERM));
        QVERIFY((*server)->waitForExit());
    }

    // A published port hands each connection to the guest without waiting for it to start the relay: several
    // connections are under way at once (a browser opens six), and a guest that is slow to answer holds up
    // nothing else. A stand-in control socket answers only when the test says.
    void aPublishedPortDoesNotWaitForTheGuest()
    {
        QTemporaryDir dir;
        QLocalServer guest;
        QVERIFY(guest.listen(dir.filePath(u"control.sock"_s)));
        QList<QLocalSocket *> requests;
        connect(&guest, &QLocalServer::newConnection, this, [&] {
            while (QLocalSocket *request = guest.nextPendingConnection())
                requests << request;
        });
        const auto port = PublishedPort::open(guest.fullServerName(), 4577);
        QVERIFY(port);
        QTcpSocket clients[3];
        for (QTcpSocket &client : clients)
            client.connectToHost(QHostAddress::LocalHost, quint16((*port)->hostPort()));
        QTRY_COMPARE(requests.size(), 3);
        QCOMPARE((*port)->connectionCount(), 3); // all under way, none started yet
        requests[0]->write("started 7\nexit 0\n");
        requests[1]->write("error cannot connect\n");
        requests[2]->write("started 8\n");
        QTRY_COMPARE((*port)->connectionCount(), 1); // the one still running
        requests[2]->write("exit 0\n");
        QTRY_COMPARE((*port)->connectionCount(), 0);
    }

    // SECURITY: the agent's link speaks for the sandbox to the host (it opens proxy connections, reports
    // ports): no session inherits it, and none can take it from the agent (not dumpable: no /proc/PID/fd,
    // pidfd_getfd or ptrace by the same user).
    void noSessionReachesTheAgentsLink()
    {
        const Test::Captured seen = run(
            {u"sh"_s, u"-c"_s,
             u"tr '\\0' ' ' < /proc/2/cmdline; echo; ls /proc/self/fd; readlink /proc/2/fd/0 2>/dev/null || echo refused"_s});
        QCOMPARE(seen.exitCode, 0);
        const QList<QByteArray> lines = seen.out.split('\n');
        QVERIFY2(lines.value(0).startsWith("/run/paddock/paddock-guest agent --fd "), seen.out.constData());
        QCOMPARE(lines.mid(1), (QList<QByteArray>{"0", "1", "2", "3", "refused", ""}));
    }

    void aSessionLeftByItsHostIsHungUp()
    {
        SessionOptions options;
        options.command = {u"sleep"_s, u"313"_s};
        auto session = Test::openQuietly(m_control, options);
        QVERIFY(session);
        QTRY_COMPARE(Test::sleepersOf(u"313"_s), 1);
        session->reset(); // the host side goes away (a CLI killed mid-command)
        QTRY_COMPARE(Test::sleepersOf(u"313"_s), 0);
    }

    void aTerminalSessionHasItsOwnPty()
    {
        Guest::HostPty pty;
        std::string error;
        QVERIFY(pty.open(24, 80, error));
        SessionOptions options;
        options.terminal = true;
        options.command = {u"bash"_s, u"--norc"_s, u"-i"_s};
        options.descriptors = {pty.slave(), pty.slave(), pty.slave()};
        auto session = GuestSession::open(m_control, options);
        QVERIFY(session);
        pty.closeSlave();
        QByteArray seen;
        const auto type = [&pty](const QByteArray &text) {
            QCOMPARE(::write(pty.master(), text.constData(), std::size_t(text.size())), text.size());
        };
        type("test -t 0 && echo IS-A-TTY; stty size\n");
        QVERIFY2(waitForText(pty.master(), seen, "IS-A-TTY"), seen.constData());
        QVERIFY2(waitForText(pty.master(), seen, "24 80"), seen.constData());
        // As a terminal pane does: its PTY, then the session. SIGWINCH reaches the shell before it reads on.
        QVERIFY(pty.resize(40, 132));
        QVERIFY((*session)->resize(40, 132));
        type("stty size\n");
        QVERIFY2(waitForText(pty.master(), seen, "40 132"), seen.constData());
        type("sleep 317\n");
        QTRY_COMPARE(Test::sleepersOf(u"317"_s), 1);
        type("\x03"); // Ctrl-C interrupts the foreground job, not the session
        QTRY_COMPARE(Test::sleepersOf(u"317"_s), 0);
        type("echo after=$?\n");
        QVERIFY2(waitForText(pty.master(), seen, "after=130"), seen.constData());
        type("exit 5\n");
        const auto exitCode = (*session)->waitForExit();
        QVERIFY(exitCode);
        QCOMPARE(*exitCode, 5);
    }

    void garbageFromTheGuestIsAnErrorNotACrash()
    {
        // Something else answering on a control socket (a compromised sandbox can do that): junk without a
        // line end, then a line that is not protocol.
        for (const QByteArray &junk : {QByteArray(8000, 'x'), QByteArray("started 12abc\n")}) {
            const QString path = m_xdg.path() + u"/fake.sock"_s;
            QLocalServer::removeServer(path);
            QLocalServer fake;
            QVERIFY(fake.listen(path));
            QString refusal; // the client runs on a thread: the fake answers from this one
            std::thread client([&path, &refusal] {
                SessionOptions options;
                options.command = {u"true"_s};
                const auto result = GuestSession::open(path, options);
                refusal = result ? u"accepted"_s : result.error().message;
            });
            QVERIFY(fake.waitForNewConnection(5000));
            QLocalSocket *socket = fake.nextPendingConnection();
            socket->write(junk);
            socket->waitForBytesWritten(1000);
            QElapsedTimer timer;
            timer.start();
            client.join();
            QVERIFY2(refusal.contains(u"did not answer"_s), qPrintable(refusal));
            QVERIFY(timer.elapsed() < 5000); // refused at once, not after the start-up time-out
        }
    }

    void malformedRequestsAreRefused()
    {
        using namespace Paddock::Guest;
        QVERIFY(!decodeRequest(std::string("exec\0pipes\0/\0"
                                           "5\0a\0",
                                           17))); // argc beyond the end
        QVERIFY(!decodeRequest(std::string("exec\0pipes\0/\0"
                                           "1\0a\0"
                                           "1\0=x\0",
                                           22))); // nameless variable
        QVERIFY(!decodeRequest(std::string("exec\0tty\0/\0"
                                           "1\0a\0"
                                           "0\0",
                                           15))); // unknown mode
        QVERIFY(!decodeRequest(std::string("exec\0pipes\0/\0"
                                           "0\0"
                                           "0\0",
                                           15))); // nothing to run
        QVERIFY(!decodeRequest(std::string("exec\0pipes\0/\0"
                                           "1\0a",
                                           15))); // unterminated
        SessionRequest request;
        request.arguments = {"sh", "-c", "echo"};
        request.environment = {"A=1"};
        const std::string encoded = encodeRequest(request);
        const auto length = decodeHeader(encoded.data());
        QVERIFY(length);
        const auto decoded = decodeRequest(encoded.substr(requestHeaderBytes));
        QVERIFY(decoded);
        QVERIFY(decoded->arguments == request.arguments && decoded->environment == request.environment);
        std::string tooLong = encoded;
        tooLong[7] = char(0x7f); // a 2 GB payload
        QVERIFY(!decodeHeader(tooLong.data()));
    }

    void stoppingEndsEveryProcess()
    {
        SessionOptions options;
        options.command = {u"sh"_s, u"-c"_s, u"setsid sleep 319 & nohup sleep 319 >/dev/null 2>&1 &"_s};
        auto session = Test::openQuietly(m_control, options);
        QVERIFY(session);
        QCOMPARE(*(*session)->waitForExit(), 0);
        QTRY_COMPARE(Test::sleepersOf(u"319"_s), 2); // they outlive their session, as in any system
        const auto published = m_manager->publishPort(u"long"_s, 4571);
        QVERIFY(published);
        QSignalSpy stopped(m_manager.get(), &SandboxManager::sandboxStopped);
        QSignalSpy portsChanged(m_manager.get(), &SandboxManager::publishedPortsChanged);
        QVERIFY(m_manager->stop(u"long"_s));
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(portsChanged.size(), 1);
        QVERIFY(m_manager->publishedPorts(u"long"_s).isEmpty()); // its published ports close with it
        QCOMPARE(Test::exchangeThroughPort(*published, "late", 5000), QByteArray("(not connected)"));
        QCOMPARE(Test::sleepersOf(u"319"_s), 0); // but not their sandbox
        QVERIFY(!m_manager->isRunning(u"long"_s));
        QVERIFY(!QFileInfo::exists(m_control)); // the runtime folder is gone
        QVERIFY(!GuestSession::open(m_control, options));
    }

    // A published port is remembered with the sandbox: its next start publishes it again, on the same host
    // port while that is free and on another one when it is not; unpublished, it is forgotten.
    void publishedPortsArePublishedAgainAtTheNextStart()
    {
        Core::SandboxStore store(Core::Paths(QProcessEnvironment::systemEnvironment()).sandboxesDir());
        const QMap<int, int> remembered = store.find(u"long"_s)->publishedPorts; // from the test before
        QCOMPARE(remembered.keys(), QList<int>{4571});
        QVERIFY(m_manager->start(u"long"_s, policy()));
        QCOMPARE(m_manager->publishedPorts(u"long"_s), remembered);
        QVERIFY(m_manager->stop(u"long"_s));

        QTcpServer squatter; // something else took the host's port meanwhile
        QVERIFY(squatter.listen(QHostAddress::LocalHost, quint16(remembered.value(4571))));
        QVERIFY(m_manager->start(u"long"_s, policy()));
        const QMap<int, int> moved = m_manager->publishedPorts(u"long"_s);
        QCOMPARE(moved.keys(), QList<int>{4571});
        QVERIFY(moved.value(4571) != remembered.value(4571));
        QCOMPARE(store.find(u"long"_s)->publishedPorts, moved);

        QVERIFY(m_manager->unpublishPort(u"long"_s, 4571));
        QVERIFY(store.find(u"long"_s)->publishedPorts.isEmpty());
        QVERIFY(m_manager->stop(u"long"_s));
        QVERIFY(m_manager->start(u"long"_s, policy()));
        QVERIFY(m_manager->publishedPorts(u"long"_s).isEmpty());
        QVERIFY(m_manager->stop(u"long"_s));
    }

    void aSandboxWhoseGuestDiesIsReportedStopped()
    {
        const auto control = m_manager->start(u"long"_s, policy());
        QVERIFY(control);
        QSignalSpy stopped(m_manager.get(), &SandboxManager::sandboxStopped);
        SessionOptions options;
        options.command = {u"kill"_s, u"-KILL"_s, u"2"_s}; // the agent kills paddock-guest (PID 2)
        auto session = Test::openQuietly(*control, options);
        QVERIFY(session);
        QVERIFY(!(*session)->waitForExit()); // no exit code: the session's guest is gone
        QTRY_COMPARE(stopped.size(), 1);
        QVERIFY(stopped.first().at(1).toString().contains(u"ended unexpectedly"_s));
        QVERIFY(!m_manager->isRunning(u"long"_s));
        QVERIFY(m_manager->start(u"long"_s, policy())); // and it can start again
        QVERIFY(m_manager->stop(u"long"_s));
    }

    void aStartThatFailsSaysWhy()
    {
        // A guest that exits at once instead of serving: the start fails with a reason, nothing is left.
        if (m_manager->isRunning(u"long"_s))
            QVERIFY(m_manager->stop(u"long"_s));
        const QByteArray guest = qgetenv("PADDOCK_GUEST");
        qputenv("PADDOCK_GUEST", "/bin/false");
        const auto control = m_manager->start(u"long"_s, policy());
        qputenv("PADDOCK_GUEST", guest);
        QVERIFY(!control);
        QVERIFY2(control.error().message.contains(u"did not start"_s), qPrintable(control.error().message));
        QVERIFY(!m_manager->isRunning(u"long"_s));
        QCOMPARE(QDir(Core::Paths(QProcessEnvironment::systemEnvironment()).runtimeDir())
                     .entryList({u"sb-*"_s}, QDir::Dirs)
                     .size(),
                 0);

        // And a workspace that vanished is named.
        CreateOptions options;
        options.name = u"vanishing"_s;
        QTemporaryDir gone;
        options.workspace = gone.path();
        QVERIFY(m_manager->create(options));
        gone.remove();
        const auto vanished = m_manager->start(u"vanishing"_s, policy());
        QVERIFY(!vanished);
        QVERIFY2(vanished.error().message.contains(u"is gone"_s), qPrintable(vanished.error().message));
    }

    // SECURITY (the start-up self-test): with no proxy behind its link the agent starts nothing, and the
    // start fails with its reason; bubblewrap is gone and no session can be opened.
    void aSandboxWhoseProxyDoesNotAnswerDoesNotStart()
    {
        QTemporaryDir runtime;
        NamespaceBackend backend;
        BackendStart request;
        request.sandbox = u"unproxied"_s;
        request.workspace = m_workspace.path();
        request.runtimeDirectory = runtime.path();
        request.proxySocket = runtime.filePath(u"no-proxy.sock"_s);
        const auto started = backend.start(request);
        QVERIFY(!started);
        QVERIFY2(started.error().message.contains(u"self-test failed: the Paddock proxy does not answer"_s),
                 qPrintable(started.error().message));
        QVERIFY(!backend.isRunning(u"unproxied"_s));
        QVERIFY(!QFileInfo::exists(runtime.filePath(u"control.sock"_s)));
    }
};

QTEST_GUILESS_MAIN(TestGuestSession)
#include "tst_guestsession.moc"
