#pragma once

// Helpers for tests that run real sandboxes and talk to them.

#include "core/policy.h"
#include "core/policyrule.h"
#include "vm/guestsession.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Paddock::Test {

// A loopback origin on the host, the kind of service a sandbox must never reach directly: reachable from a
// sandbox only through the proxy, and only with a CIDR rule. Answers every request with "hello-from-origin",
// but GET /bytes/N with N '#' characters; it closes the connection after each answer.
class LoopbackOrigin : public QTcpServer
{
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            const QByteArray request = socket->readAll();
            if (!request.contains("\r\n\r\n"))
                return;
            QByteArray body = "hello-from-origin";
            if (const qsizetype at = request.indexOf(" /bytes/"); at >= 0 && at < request.indexOf("\r\n"))
                body.fill('#', std::clamp<qsizetype>(request.mid(at + 8).split(' ').value(0).toLongLong(), 0,
                                                     qsizetype(64) << 20));
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

// A sandbox policy allowing the origin by name (origin.test) and by its loopback address and port.
inline std::shared_ptr<const Core::PolicyMatcher> originPolicy(int originPort)
{
    using namespace Qt::StringLiterals;
    Core::Policy policy;
    QList<Core::PolicyRule> rules;
    for (const QString &text : {u"allow origin.test"_s, u"allow 127.0.0.1/32:%1"_s.arg(originPort)})
        rules.append(*Core::PolicyRule::parse(text));
    policy.setLayer(Core::PolicyLayer::Sandbox, rules);
    return policy.matcher();
}

// What a descriptor delivers: waits up to waitMs for the first bytes, then 50 ms for each further chunk.
inline QByteArray readAvailable(int fd, int waitMs)
{
    QByteArray data;
    pollfd watched{fd, POLLIN, 0};
    while (::poll(&watched, 1, waitMs) > 0) {
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        data.append(buffer, n);
        waitMs = 50;
    }
    return data;
}

// A plain HTTP request from inside a running sandbox, through the forwarder on port to its proxy: the
// answer's bytes.
// filter: a shell pipeline the answer goes through in the sandbox (e.g. to count it), or none.
inline QByteArray requestFromSandboxAt(const QString &controlSocket, int port, const QString &authority,
                                       const QString &path, const QString &filter = {})
{
    using namespace Qt::StringLiterals;
    const QString script =
        uR"SH(exec 3<>/dev/tcp/127.0.0.1/%3 && printf 'GET http://%1%2 HTTP/1.1\r\nHost: %1\r\nConnection: close\r\n\r\n' >&3 && cat <&3)SH"_s
            .arg(authority, path)
            .arg(port) +
        (filter.isEmpty() ? QString() : u" | "_s + filter);
    int output[2];
    if (::pipe2(output, O_CLOEXEC) != 0)
        return {};
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    Vm::SessionOptions options;
    options.command = {u"/bin/bash"_s, u"-c"_s, script};
    options.workingDirectory = u"/"_s;
    options.descriptors = {devNull, output[1], output[1]};
    auto session = Vm::GuestSession::open(controlSocket, options);
    ::close(devNull);
    ::close(output[1]);
    if (session)
        (*session)->waitForExit(); // runs the event loop: the origin answers meanwhile
    else
        qWarning("%s", qPrintable(session.error().message));
    const QByteArray answer = readAvailable(output[0], 2000);
    ::close(output[0]);
    return answer;
}

inline QByteArray requestFromSandbox(const QString &controlSocket, const QString &authority,
                                     const QString &path)
{
    return requestFromSandboxAt(controlSocket, 3128, authority, path);
}

// A command run in a running sandbox: its exit code (-2: it could not be told) and its output (both streams).
struct Captured
{
    int exitCode = -1;
    QByteArray out;
};
inline Captured runCaptured(const QString &controlSocket, const QStringList &command,
                            const QString &workingDirectory = QStringLiteral("/workspace"),
                            const QMap<QString, QString> &environment = {})
{
    int output[2];
    if (::pipe2(output, O_CLOEXEC) != 0)
        return {};
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    Vm::SessionOptions options;
    options.command = command;
    options.workingDirectory = workingDirectory;
    options.environment = environment;
    options.descriptors = {devNull, output[1], output[1]};
    auto session = Vm::GuestSession::open(controlSocket, options);
    ::close(devNull);
    ::close(output[1]);
    Captured captured;
    if (session) {
        const auto exitCode = (*session)->waitForExit();
        captured.exitCode = exitCode ? *exitCode : -2;
    } else {
        qWarning("%s", qPrintable(session.error().message));
    }
    captured.out = readAvailable(output[0], 2000);
    ::close(output[0]);
    return captured;
}

// A session whose streams are /dev/null.
inline Core::Result<std::unique_ptr<Vm::GuestSession>> openQuietly(const QString &control,
                                                                   Vm::SessionOptions options)
{
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    options.descriptors = {devNull, devNull, devNull};
    auto session = Vm::GuestSession::open(control, options);
    ::close(devNull);
    return session;
}

// Connects to a published port on the host's loopback, sends request, ends its sending half and reads
// until the other end closes: what came back, with the event loop running meanwhile (the publisher is in
// this thread).
inline QByteArray exchangeThroughPort(int port, const QByteArray &request, int timeoutMs = 30000)
{
    QTcpSocket socket;
    // Recorded as it happens: a port whose server closes at once is connected and closed between two polls.
    bool connected = false;
    QObject::connect(&socket, &QTcpSocket::connected, [&connected] { connected = true; });
    socket.connectToHost(QHostAddress::LocalHost, quint16(port));
    QElapsedTimer timer;
    timer.start();
    const auto waitUntil = [&](const auto &done) {
        while (!done() && timer.elapsed() < timeoutMs)
            QTest::qWait(5);
        return done();
    };
    if (!waitUntil([&] { return connected || socket.state() == QAbstractSocket::UnconnectedState; }) ||
        !connected)
        return "(not connected)";
    socket.write(request);
    QByteArray reply;
    waitUntil([&] {
        reply += socket.readAll();
        return socket.bytesToWrite() == 0 || socket.state() != QAbstractSocket::ConnectedState;
    });
    ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
    waitUntil([&] {
        reply += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState;
    });
    return reply + socket.readAll();
}

// A server in a sandbox on [::1]:port (a "localhost" server may listen on IPv6 only) that answers each
// connection, once its client finished sending, with how many bytes it got and their first five.
inline QStringList byteCountingServer(int port)
{
    return {QStringLiteral("perl"), QStringLiteral("-MIO::Socket::IP"), QStringLiteral("-e"),
            QStringLiteral(
                "my $s = IO::Socket::IP->new(LocalHost => '::1', LocalPort => %1, Listen => 5, "
                "ReuseAddr => 1) or die $@; while (my $c = $s->accept) { local $/; my $d = <$c> // ''; "
                "print $c 'got ' . length($d) . ' ' . substr($d, 0, 5); close $c }")
                .arg(port)};
}

} // namespace Paddock::Test
