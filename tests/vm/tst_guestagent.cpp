// The agent protocol end to end on this host: a real paddock-guest in agent mode on one end of a socketpair
// (what a microVM's virtio-serial port is to it), the host's GuestAgent (link and session bridge) on the
// other, and GuestSession on the bridge's control socket, as terminals and `paddock exec` use it. The same
// sessions run in a microVM in tst_microvmsandbox.
#include "core/policy.h"
#include "core/policyrule.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/bwrapprocess.h"
#include "vm/guest/agentprotocol.h"
#include "vm/guest/hostpty.h"
#include "vm/guestagent.h"
#include "vm/guestsession.h"

#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Paddock;
using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

namespace {

struct Ran
{
    int exitCode = -1;
    QByteArray out, err;
    QString failure;
};

// A loopback port nobody listens on now.
int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestGuestAgent : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    Test::LoopbackOrigin m_origin;
    Proxy::FakeResolver m_resolver;
    std::unique_ptr<Proxy::ProxyServer> m_proxy;
    QString m_proxySocket;
    int m_forwarderPort = 0;
    std::unique_ptr<QProcess> m_guest;
    std::unique_ptr<GuestAgent> m_agent;
    QString m_control;

    // paddock-guest agent on one end of a socketpair, GuestAgent on the other.
    Core::Result<> startAgent(const QStringList &extraArguments, int timeoutMs = 10'000)
    {
        int pair[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
            return Core::fail(Core::ErrorCode::Io, u"socketpair"_s);
        m_guest = std::make_unique<QProcess>();
        m_guest->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        BwrapProcess::inheritDescriptor(*m_guest, pair[1]);
        m_guest->start(qEnvironmentVariable("PADDOCK_GUEST"),
                       QStringList{u"agent"_s, u"--fd"_s, QString::number(pair[1]), u"--port"_s,
                                   QString::number(m_forwarderPort)} +
                           extraArguments);
        ::close(pair[1]);
        if (!m_guest->waitForStarted())
            return Core::fail(Core::ErrorCode::Io, m_guest->errorString());
        m_control = m_root.filePath(u"control-%1.sock"_s.arg(m_guest->processId()));
        m_agent = std::make_unique<GuestAgent>(
            GuestAgent::Options{m_proxySocket, m_control, {{u"PADDOCK_FROM_SANDBOX"_s, u"sandbox-value"_s}}});
        return m_agent->attachAndWait(pair[0], timeoutMs);
    }

    Ran run(const QStringList &command, const QByteArray &input = {},
            const QMap<QString, QString> &environment = {})
    {
        int in[2], out[2], err[2];
        Ran ran;
        if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
            return ran;
        SessionOptions options;
        options.command = command;
        options.workingDirectory = m_root.path();
        options.environment = environment;
        options.descriptors = {in[0], out[1], err[1]};
        auto session = GuestSession::open(m_control, options);
        ::close(in[0]), ::close(out[1]), ::close(err[1]);
        if (!session) {
            ::close(in[1]), ::close(out[0]), ::close(err[0]);
            ran.failure = session.error().message;
            return ran;
        }
        // Input from a thread: more than a pipe holds must not stall the event loop that carries it.
        std::thread writer([fd = in[1], input] {
            for (qsizetype done = 0; done < input.size();) {
                const ssize_t n = ::write(fd, input.constData() + done, std::size_t(input.size() - done));
                if (n <= 0)
                    break;
                done += n;
            }
            ::close(fd);
        });
        std::thread outReader([fd = out[0], &ran] { ran.out = Test::readAvailable(fd, 30'000); });
        std::thread errReader([fd = err[0], &ran] { ran.err = Test::readAvailable(fd, 30'000); });
        const auto exitCode = (*session)->waitForExit();
        writer.join(), outReader.join(), errReader.join();
        ::close(out[0]), ::close(err[0]);
        if (exitCode)
            ran.exitCode = *exitCode;
        else
            ran.failure = exitCode.error().message;
        return ran;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(qEnvironmentVariable("PADDOCK_GUEST")));
        QVERIFY(m_origin.listen(QHostAddress::LocalHost, 0));
        m_resolver.setAnswers(u"origin.test"_s, {{QHostAddress::LocalHost}});
        m_proxy = std::make_unique<Proxy::ProxyServer>(m_resolver);
        m_proxy->vetter().setHostAddresses({});
        m_proxySocket = m_root.filePath(u"proxy.sock"_s);
        QVERIFY(m_proxy->listenUnix(u"test"_s, m_proxySocket, Test::originPolicy(m_origin.serverPort()))
                    .has_value());
    }

    void init()
    {
        m_forwarderPort = freePort();
        const auto started = startAgent({});
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
    }

    void cleanup()
    {
        m_agent.reset();
        if (m_guest) {
            m_guest->waitForFinished(5000); // the link's end ends the agent
            QCOMPARE(m_guest->state(), QProcess::NotRunning);
        }
        m_guest.reset();
    }

    // How a microVM gets the host's trust bundle at its start, without a shell: its input into each file.
    void writePutsItsInputIntoEachFile()
    {
        QTemporaryDir folder;
        const QString first = folder.filePath(u"bundle.pem"_s), second = folder.filePath(u"system.crt"_s);
        Test::writeFile(second, QByteArray(100'000, 'o')); // replaced, not appended to
        const QByteArray bundle = QByteArray("-----BEGIN CERTIFICATE-----\n").repeated(5'000);
        QProcess writer;
        writer.start(qEnvironmentVariable("PADDOCK_GUEST"), {u"write"_s, first, second});
        QVERIFY(writer.waitForStarted());
        writer.write(bundle);
        writer.closeWriteChannel();
        QVERIFY(writer.waitForFinished(10'000));
        QCOMPARE(writer.exitCode(), 0);
        QCOMPARE(Test::readFile(first), bundle);
        QCOMPARE(Test::readFile(second), bundle);
        // A file it cannot write is named, and the exit code says it failed.
        writer.start(qEnvironmentVariable("PADDOCK_GUEST"), {u"write"_s, folder.filePath(u"no/such/dir"_s)});
        QVERIFY(writer.waitForStarted());
        writer.closeWriteChannel();
        QVERIFY(writer.waitForFinished(10'000));
        QCOMPARE(writer.exitCode(), 1);
        QVERIFY(writer.readAllStandardError().contains("cannot write"));
    }

    void exitCodesAndBothStreams()
    {
        const Ran ran = run({u"sh"_s, u"-c"_s, u"echo out; echo err >&2; exit 3"_s});
        QCOMPARE(ran.failure, QString());
        QCOMPARE(ran.exitCode, 3);
        QCOMPARE(ran.out, "out\n");
        QCOMPARE(ran.err, "err\n");
        QCOMPARE(run({u"sh"_s, u"-c"_s, u"kill -TERM $$"_s}).exitCode, 128 + SIGTERM);
        QCOMPARE(run({u"no-such-program-here"_s}).exitCode, 127);
    }

    void environmentOfTheSandboxUnderTheRequests()
    {
        const Ran ran = run({u"sh"_s, u"-c"_s, u"echo \"$PADDOCK_FROM_SANDBOX $OWN\""_s}, {},
                            {{u"OWN"_s, u"request-value"_s}});
        QCOMPARE(ran.out, "sandbox-value request-value\n");
        const Ran overridden = run({u"sh"_s, u"-c"_s, u"echo $PADDOCK_FROM_SANDBOX"_s}, {},
                                   {{u"PADDOCK_FROM_SANDBOX"_s, u"mine"_s}});
        QCOMPARE(overridden.out, "mine\n");
    }

    void inputAndOutputBeyondTheCreditWindow()
    {
        // 4 MiB through cat: sixteen credit windows each way, with the end of input passed on.
        QByteArray input(4 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < input.size(); ++i)
            input[i] = char('a' + (i * 7 + i / 4096) % 26);
        const Ran ran = run({u"cat"_s}, input);
        QCOMPARE(ran.exitCode, 0);
        QCOMPARE(ran.out.size(), input.size());
        QVERIFY(ran.out == input);
    }

    void outputWrittenJustBeforeExitArrivesBeforeTheExit()
    {
        const Ran ran = run({u"sh"_s, u"-c"_s, u"head -c 300000 /dev/zero; exit 7"_s});
        QCOMPARE(ran.exitCode, 7);
        QCOMPARE(ran.out.size(), 300000);
    }

    void terminalSessionsSeeATerminalOfTheClientsSize()
    {
        Guest::HostPty pty;
        std::string error;
        QVERIFY(pty.open(33, 101, error));
        SessionOptions options;
        options.command = {u"sh"_s};
        options.workingDirectory = m_root.path();
        options.terminal = true;
        options.descriptors = {pty.slave(), pty.slave(), pty.slave()};
        auto session = GuestSession::open(m_control, options);
        QVERIFY2(session.has_value(), qPrintable(session ? QString() : session.error().message));
        pty.closeSlave();
        const auto type = [&pty](const QByteArray &keys) {
            QCOMPARE(::write(pty.master(), keys.constData(), std::size_t(keys.size())), keys.size());
        };
        QByteArray seen;
        type("test -t 0 && echo IS-A-TTY; stty size\n");
        QVERIFY2(waitFor(pty.master(), seen, "33 101"), seen.constData());
        QVERIFY(seen.contains("IS-A-TTY"));
        // The client resizes its end; the session's terminal follows.
        QVERIFY(pty.resize(40, 120));
        QTest::qWait(500);
        type("stty size\n");
        QVERIFY2(waitFor(pty.master(), seen, "40 120"), seen.constData());
        // Ctrl-C reaches the foreground job through the guest's own line discipline.
        type("sleep 30; echo after-sleep\n");
        QTest::qWait(300);
        type("\x03");
        QVERIFY2(waitFor(pty.master(), seen, "after-sleep"), seen.constData());
        type("exit 5\n");
        const auto exitCode = (*session)->waitForExit();
        QVERIFY(exitCode.has_value());
        QCOMPARE(*exitCode, 5);
    }

    void signalsAndHangUpReachTheProcessGroup()
    {
        const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        SessionOptions options;
        options.command = {u"sh"_s, u"-c"_s, u"sleep 421 & wait"_s};
        options.workingDirectory = m_root.path();
        options.descriptors = {devNull, devNull, devNull};
        auto session = GuestSession::open(m_control, options);
        QVERIFY(session.has_value());
        QTRY_COMPARE(Test::sleepersOf(u"421"_s), 1);
        QVERIFY((*session)->sendSignal(SIGTERM));
        const auto exitCode = (*session)->waitForExit();
        QVERIFY(exitCode.has_value());
        QCOMPARE(*exitCode, 128 + SIGTERM);
        QTRY_COMPARE(Test::sleepersOf(u"421"_s), 0);

        options.command = {u"sh"_s, u"-c"_s, u"sleep 422"_s};
        auto hungUp = GuestSession::open(m_control, options);
        ::close(devNull);
        QVERIFY(hungUp.has_value());
        QTRY_COMPARE(Test::sleepersOf(u"422"_s), 1);
        hungUp->reset(); // the client goes away: the guest hangs the session up
        QTRY_COMPARE(Test::sleepersOf(u"422"_s), 0);
    }

    void theForwarderGoesThroughTheProxyOnly()
    {
        const QByteArray allowed = Test::requestFromSandboxAt(
            m_control, m_forwarderPort, u"origin.test:%1"_s.arg(m_origin.serverPort()), u"/"_s);
        QVERIFY2(allowed.contains("hello-from-origin"), allowed.constData());
        const QByteArray denied =
            Test::requestFromSandboxAt(m_control, m_forwarderPort, u"blocked.test"_s, u"/"_s);
        QVERIFY2(denied.startsWith("HTTP/1.1 403"), denied.constData());
    }

    // Many times the link's credit window, and the origin closes at its end: every byte arrives. (The host
    // once dropped a proxy connection at its close with a window's worth still to send to the guest.)
    void aLargeDownloadArrivesWhole()
    {
        constexpr int size = 3 * 1024 * 1024 + 17;
        const QByteArray counted = Test::requestFromSandboxAt(
            m_control, m_forwarderPort, u"origin.test:%1"_s.arg(m_origin.serverPort()),
            u"/bytes/%1"_s.arg(size), u"tr -cd '#' | wc -c"_s);
        QCOMPARE(counted.trimmed().toLongLong(), qint64(size));
    }

    void aFailedSelfTestMeansNoSessions()
    {
        cleanup();
        m_forwarderPort = freePort();
        // On this host a direct route out exists, which the self-test must refuse.
        const auto started = startAgent({u"--self-test"_s});
        QVERIFY(!started.has_value());
        QVERIFY2(started.error().message.contains(u"direct connection out of the sandbox"_s),
                 qPrintable(started.error().message));
        QVERIFY(!GuestSession::open(m_control, {}).has_value());
    }

    void shutdownEndsEverySession()
    {
        const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        SessionOptions options;
        options.command = {u"sh"_s, u"-c"_s, u"trap '' TERM; sleep 423"_s};
        options.workingDirectory = m_root.path();
        options.descriptors = {devNull, devNull, devNull};
        auto session = GuestSession::open(m_control, options);
        ::close(devNull);
        QVERIFY(session.has_value());
        QTRY_COMPARE(Test::sleepersOf(u"423"_s), 1);
        QVERIFY(GuestSession::shutdown(m_control, 10'000).has_value());
        QTRY_COMPARE(Test::sleepersOf(u"423"_s), 0);
        // The QTRY above runs the event loop, where the guest's end may already have been seen (and then
        // waitForFinished() says false): wait for the state instead.
        QTRY_COMPARE_WITH_TIMEOUT(m_guest->state(), QProcess::NotRunning, 5000);
        QCOMPARE(m_guest->exitCode(), 0);
    }

    void aGuestThatBreaksTheProtocolEndsTheLinkOnly()
    {
        cleanup();
        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        // A "guest" that answers with a frame of an unknown type.
        std::thread liar([fd = pair[1]] {
            char buffer[256];
            ::read(fd, buffer, sizeof buffer);
            const char garbage[] = "\x00\x00\x00\x00\x63\x00\x00\x00\x00";
            ::write(fd, garbage, sizeof garbage - 1);
            ::read(fd, buffer, sizeof buffer); // until the host hangs up
            ::close(fd);
        });
        GuestAgent agent({m_proxySocket, m_root.filePath(u"liar.sock"_s), {}});
        const auto started = agent.attachAndWait(pair[0], 5000);
        QVERIFY(!started.has_value());
        QVERIFY2(started.error().message.contains(u"broke the protocol"_s),
                 qPrintable(started.error().message));
        liar.join();
    }

    void aGuestThatIgnoresItsCreditLosesTheSession()
    {
        cleanup();
        int pair[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        // A "guest" that greets, starts the session and then floods it, never waiting for credit.
        std::thread flooder([fd = pair[1]] {
            using namespace Guest::Agent;
            FrameDecoder decoder;
            const auto nextFrame = [&]() -> std::optional<Frame> {
                char buffer[4096];
                for (;;) {
                    if (auto frame = decoder.next())
                        return frame;
                    const ssize_t n = ::read(fd, buffer, sizeof buffer);
                    if (n <= 0)
                        return std::nullopt;
                    decoder.feed(buffer, std::size_t(n));
                }
            };
            const auto say = [fd](const std::string &bytes) {
                ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            };
            nextFrame(); // Hello
            say(encodeFrame(FrameType::Hello, 0, helloPayload()) + encodeFrame(FrameType::Ready, 0));
            const auto open = nextFrame();
            if (!open) {
                ::close(fd);
                return;
            }
            say(encodeFrame(FrameType::Started, open->channel, "4242"));
            const std::string chunk(maxDataChunk, 'x');
            for (int i = 0; i < 40; ++i) // 1.25 MiB, five times the credit
                say(encodeFrame(FrameType::Data, open->channel, chunk));
            while (auto frame = nextFrame()) {
                if (frame->type == FrameType::Close)
                    break;
            }
            ::close(fd);
        });
        GuestAgent agent({m_proxySocket, m_root.filePath(u"flood.sock"_s), {}});
        QVERIFY(agent.attachAndWait(pair[0], 5000).has_value());
        int output[2];
        QCOMPARE(::pipe2(output, O_CLOEXEC), 0); // never read: the host cannot write the flood on
        const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        SessionOptions options;
        options.command = {u"anything"_s};
        options.descriptors = {devNull, output[1], output[1]};
        auto session = GuestSession::open(m_root.filePath(u"flood.sock"_s), options);
        ::close(devNull);
        QVERIFY2(session.has_value(), qPrintable(session ? QString() : session.error().message));
        const auto exitCode = (*session)->waitForExit();
        QVERIFY(!exitCode.has_value());
        QVERIFY2(exitCode.error().message.contains(u"more than its credit"_s),
                 qPrintable(exitCode.error().message));
        ::close(output[0]), ::close(output[1]);
        flooder.join();
    }

private:
    static bool waitFor(int master, QByteArray &seen, const QByteArray &text)
    {
        QElapsedTimer timer;
        timer.start();
        while (!seen.contains(text) && timer.elapsed() < 10'000)
            seen += Test::readAvailable(master, 20);
        return seen.contains(text);
    }
};

QTEST_GUILESS_MAIN(TestGuestAgent)
#include "tst_guestagent.moc"
