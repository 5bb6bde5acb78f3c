#include "vm/guestsession.h"

#include "vm/guest/sessionclient.h"
#include "vm/guest/sessionprotocol.h"

#include <QEventLoop>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

namespace {

constexpr int startTimeoutMs = 10'000;

Result<int> connectControl(const QString &path)
{
    std::string error;
    const int fd = Guest::connectUnix(path.toStdString(), error);
    if (fd < 0) {
        const QString reason = QString::fromStdString(error);
        return fail(ErrorCode::Unavailable, QCoreApplication::translate("Paddock::Vm::GuestSession",
                                                                        "The sandbox is not running (%1).")
                                                .arg(reason));
    }
    return fd;
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

Result<int> GuestSession::sendRequest(const QString &controlSocket, const SessionOptions &options)
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
    if (!Guest::sendRequest(*fd, message, options.descriptors.data(), Guest::sessionDescriptors)) {
        ::close(*fd);
        return fail(ErrorCode::Unavailable, tr("The sandbox's guest did not take the request."));
    }
    return *fd;
}

void GuestSession::watch()
{
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &GuestSession::onReadable);
}

Result<std::unique_ptr<GuestSession>> GuestSession::open(const QString &controlSocket,
                                                         const SessionOptions &options)
{
    const auto fd = sendRequest(controlSocket, options);
    if (!fd)
        return std::unexpected(fd.error());
    auto reader = std::make_unique<Guest::ReplyReader>(*fd);
    std::string line;
    const auto status = reader->next(line, startTimeoutMs);
    const Guest::Reply reply =
        status == Guest::ReplyReader::Status::Line ? Guest::parseReply(line) : Guest::Reply{};
    if (reply.kind == Guest::Reply::Kind::Started) {
        std::unique_ptr<GuestSession> session(new GuestSession(*fd, reply.number));
        session->m_reader = std::move(reader);
        session->watch();
        return session;
    }
    ::close(*fd);
    if (reply.kind == Guest::Reply::Kind::Error)
        return fail(ErrorCode::Internal, couldNotStart(reply.message));
    return fail(ErrorCode::Unavailable, tr("The sandbox's guest did not answer as expected."));
}

Result<std::unique_ptr<GuestSession>> GuestSession::begin(const QString &controlSocket,
                                                          const SessionOptions &options)
{
    const auto fd = sendRequest(controlSocket, options);
    if (!fd)
        return std::unexpected(fd.error());
    std::unique_ptr<GuestSession> session(new GuestSession(*fd, 0));
    session->m_reader = std::make_unique<Guest::ReplyReader>(*fd);
    session->watch();
    // A guest that never says "started" does not keep the session, and what it holds, for ever.
    QTimer::singleShot(startTimeoutMs, session.get(), [raw = session.get()] {
        if (!raw->hasStarted())
            raw->finish(std::nullopt, tr("The sandbox's guest did not answer as expected."));
    });
    return session;
}

QString GuestSession::couldNotStart(const std::string &reason)
{
    return tr("The sandbox could not start the command: %1").arg(QString::fromStdString(reason));
}

Result<> GuestSession::shutdown(const QString &controlSocket, int timeoutMs)
{
    Guest::SessionRequest request;
    request.kind = "shutdown";
    const auto fd = connectControl(controlSocket);
    if (!fd)
        return std::unexpected(fd.error());
    const bool sent = Guest::sendRequest(*fd, Guest::encodeRequest(request), nullptr, 0);
    Guest::ReplyReader reader(*fd);
    std::string line;
    const bool answered = sent && reader.next(line, timeoutMs) == Guest::ReplyReader::Status::Line;
    ::close(*fd);
    if (!answered || line != "exit 0")
        return fail(ErrorCode::Unavailable, tr("The sandbox did not shut down in time."));
    return {};
}

bool GuestSession::sendSignal(int signal)
{
    return sendLine("signal " + QByteArray::number(signal));
}

bool GuestSession::resize(int rows, int columns)
{
    return sendLine("resize " + QByteArray::number(rows) + ' ' + QByteArray::number(columns));
}

bool GuestSession::sendLine(const QByteArray &line)
{
    if (m_ended || !hasStarted()) // the protocol's host lines come after "started"
        return false;
    const QByteArray ended = line + '\n';
    return ::send(m_fd, ended.constData(), std::size_t(ended.size()), MSG_NOSIGNAL) == ended.size();
}

void GuestSession::onReadable()
{
    std::string line;
    while (!m_ended) {
        switch (m_reader->next(line, 0)) {
        case Guest::ReplyReader::Status::WouldBlock:
        case Guest::ReplyReader::Status::TimedOut:
            return;
        case Guest::ReplyReader::Status::Closed:
            finish(std::nullopt, tr("The sandbox stopped before the command ended."));
            return;
        case Guest::ReplyReader::Status::TooLong:
            finish(std::nullopt, tr("The sandbox's guest sent something that is not a session reply."));
            return;
        case Guest::ReplyReader::Status::Line: {
            const Guest::Reply reply = Guest::parseReply(line);
            if (!hasStarted() && reply.kind == Guest::Reply::Kind::Started && reply.number > 0) {
                m_pid = reply.number; // begin()'s session is under way
            } else if (!hasStarted() && reply.kind == Guest::Reply::Kind::Error) {
                finish(std::nullopt, couldNotStart(reply.message));
            } else if (hasStarted() && reply.kind == Guest::Reply::Kind::Exit) {
                finish(int(reply.number), {});
            } else if (hasStarted() && reply.kind == Guest::Reply::Kind::Error) {
                finish(std::nullopt,
                       tr("The sandbox's guest says: %1").arg(QString::fromStdString(reply.message)));
            } else {
                finish(std::nullopt, tr("The sandbox's guest sent something that is not a session reply."));
            }
        }
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
        loop.exec(QEventLoop::ExcludeUserInputEvents); // clicks wait: no re-entry from the window
    }
    if (m_exitCode)
        return *m_exitCode;
    return fail(ErrorCode::Unavailable, m_failure);
}

} // namespace Paddock::Vm
