#include "vm/guestsession.h"

#include "vm/guest/sessionprotocol.h"

#include <QElapsedTimer>
#include <QEventLoop>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

namespace {

constexpr int startTimeoutMs = 10'000;

QString tr(const char *text)
{
    return QCoreApplication::translate("Paddock::Vm::GuestSession", text);
}

Result<int> connectControl(const QString &path)
{
    const QByteArray native = path.toLocal8Bit();
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (native.size() >= qsizetype(sizeof address.sun_path))
        return fail(ErrorCode::InvalidArgument,
                    tr("The sandbox's control socket path is too long: %1").arg(path));
    std::memcpy(address.sun_path, native.constData(), std::size_t(native.size()) + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return fail(ErrorCode::Unavailable, tr("The sandbox is not running (%1).").arg(reason));
    }
    return fd;
}

bool sendRequest(int fd, const std::string &message, const int *descriptors, int count)
{
    iovec io{const_cast<char *>(message.data()), 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * Guest::sessionDescriptors)]{};
    msghdr header{};
    header.msg_iov = &io;
    header.msg_iovlen = 1;
    if (count > 0) {
        header.msg_control = control;
        header.msg_controllen = CMSG_SPACE(sizeof(int) * std::size_t(count));
        cmsghdr *c = CMSG_FIRSTHDR(&header);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * std::size_t(count));
        std::memcpy(CMSG_DATA(c), descriptors, sizeof(int) * std::size_t(count));
    }
    ssize_t n;
    while ((n = ::sendmsg(fd, &header, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
    }
    if (n != 1)
        return false;
    for (std::size_t done = 1; done < message.size();) {
        const ssize_t sent = ::send(fd, message.data() + done, message.size() - done, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return false;
        done += std::size_t(sent);
    }
    return true;
}

// One line from the guest within the time limit; nothing when it closed, timed out or sent too much.
std::optional<QByteArray> readLine(int fd, QByteArray &buffer, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        if (const qsizetype end = buffer.indexOf('\n'); end >= 0) {
            QByteArray line = buffer.left(end);
            buffer.remove(0, end + 1);
            return line;
        }
        if (buffer.size() > qsizetype(Guest::maxReplyLineBytes))
            return std::nullopt;
        const qint64 left = timeoutMs - timer.elapsed();
        pollfd watched{fd, POLLIN, 0};
        if (left <= 0 || ::poll(&watched, 1, int(left)) <= 0)
            return std::nullopt;
        char chunk[512];
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        buffer.append(chunk, n);
    }
}

// Guest text shown to the user: printable ASCII only, bounded.
QString sanitized(QByteArrayView text)
{
    QString result;
    for (const char c : text.first(std::min<qsizetype>(text.size(), 300)))
        result += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : u'?';
    return result;
}

std::optional<int> parseNumber(QByteArrayView text, int max)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0 || value > max)
        return std::nullopt;
    return value;
}

} // namespace

GuestSession::GuestSession(int fd, qint64 pid)
    : m_fd(fd)
    , m_pid(pid)
{}

GuestSession::~GuestSession()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd); // a session still running is hung up by the guest
}

Result<std::unique_ptr<GuestSession>> GuestSession::open(const QString &controlSocket,
                                                         const SessionOptions &options)
{
    if (options.command.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("No command to run."));
    Guest::SessionRequest request;
    request.terminal = options.terminal;
    request.workingDirectory = options.workingDirectory.toStdString();
    for (const QString &argument : options.command)
        request.arguments.push_back(argument.toStdString());
    for (auto it = options.environment.cbegin(); it != options.environment.cend(); ++it) {
        if (it.key().isEmpty() || it.key().contains(u'=') || it.key().contains(QChar(0)) ||
            it.value().contains(QChar(0)))
            return fail(ErrorCode::InvalidArgument, tr("Bad environment variable %1.").arg(it.key()));
        request.environment.push_back(QString(it.key() + u'=' + it.value()).toStdString());
    }
    for (const auto &argument : request.arguments) {
        if (argument.find('\0') != std::string::npos)
            return fail(ErrorCode::InvalidArgument, tr("An argument contains a NUL character."));
    }
    const std::string message = Guest::encodeRequest(request);
    if (message.size() > Guest::requestHeaderBytes + Guest::maxRequestBytes)
        return fail(ErrorCode::InvalidArgument, tr("The command and its environment are too long."));

    const auto fd = connectControl(controlSocket);
    if (!fd)
        return std::unexpected(fd.error());
    if (!sendRequest(*fd, message, options.descriptors.data(), Guest::sessionDescriptors)) {
        ::close(*fd);
        return fail(ErrorCode::Unavailable, tr("The sandbox's guest did not take the request."));
    }
    QByteArray buffer;
    const auto line = readLine(*fd, buffer, startTimeoutMs);
    if (line && line->startsWith("started ")) {
        if (const auto pid = parseNumber(QByteArrayView(*line).sliced(8), 1 << 30)) {
            std::unique_ptr<GuestSession> session(new GuestSession(*fd, *pid));
            session->m_buffer = buffer;
            ::fcntl(*fd, F_SETFL, ::fcntl(*fd, F_GETFL) | O_NONBLOCK);
            session->m_notifier = std::make_unique<QSocketNotifier>(*fd, QSocketNotifier::Read);
            connect(session->m_notifier.get(), &QSocketNotifier::activated, session.get(),
                    &GuestSession::onReadable);
            return session;
        }
    }
    ::close(*fd);
    if (line && line->startsWith("error "))
        return fail(ErrorCode::Internal,
                    tr("The sandbox could not start the command: %1").arg(sanitized(line->sliced(6))));
    return fail(ErrorCode::Unavailable, tr("The sandbox's guest did not answer as expected."));
}

Result<> GuestSession::shutdown(const QString &controlSocket, int timeoutMs)
{
    Guest::SessionRequest request;
    request.kind = "shutdown";
    const auto fd = connectControl(controlSocket);
    if (!fd)
        return std::unexpected(fd.error());
    const bool sent = sendRequest(*fd, Guest::encodeRequest(request), nullptr, 0);
    QByteArray buffer;
    const auto line = sent ? readLine(*fd, buffer, timeoutMs) : std::nullopt;
    ::close(*fd);
    if (!line || *line != "exit 0")
        return fail(ErrorCode::Unavailable, tr("The sandbox did not shut down in time."));
    return {};
}

bool GuestSession::sendSignal(int signal)
{
    if (m_ended)
        return false;
    const QByteArray line = "signal " + QByteArray::number(signal) + '\n';
    return ::send(m_fd, line.constData(), std::size_t(line.size()), MSG_NOSIGNAL) == line.size();
}

void GuestSession::onReadable()
{
    char chunk[512];
    bool closed = false;
    for (;;) {
        const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            closed = true;
            break;
        }
        m_buffer.append(chunk, n);
        if (m_buffer.size() > qsizetype(Guest::maxReplyLineBytes))
            break;
    }
    while (!m_ended) {
        const qsizetype end = m_buffer.indexOf('\n');
        if (end < 0) {
            if (m_buffer.size() > qsizetype(Guest::maxReplyLineBytes))
                finish(std::nullopt, tr("The sandbox's guest sent something that is not a session reply."));
            else if (closed)
                finish(std::nullopt, tr("The sandbox stopped before the command ended."));
            return;
        }
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (line.startsWith("exit ")) {
            if (const auto code = parseNumber(QByteArrayView(line).sliced(5), 255 + 128))
                finish(code, {});
            else
                finish(std::nullopt, tr("The sandbox's guest sent a bad exit code."));
        } else if (line.startsWith("error ")) {
            finish(std::nullopt,
                   tr("The sandbox's guest says: %1").arg(sanitized(QByteArrayView(line).sliced(6))));
        } else {
            finish(std::nullopt, tr("The sandbox's guest sent something that is not a session reply."));
        }
    }
}

void GuestSession::finish(std::optional<int> exitCode, const QString &reason)
{
    if (m_ended)
        return;
    m_ended = true;
    m_notifier.reset();
    m_exitCode = exitCode;
    m_failure = reason;
    if (exitCode)
        Q_EMIT exited(*exitCode);
    else
        Q_EMIT failed(reason);
}

Result<int> GuestSession::waitForExit()
{
    if (!m_ended) {
        QEventLoop loop;
        connect(this, &GuestSession::exited, &loop, &QEventLoop::quit);
        connect(this, &GuestSession::failed, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (m_exitCode)
        return *m_exitCode;
    return fail(ErrorCode::Unavailable, m_failure);
}

} // namespace Paddock::Vm
