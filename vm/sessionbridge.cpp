#include "vm/sessionbridge.h"

#include "vm/agentlink.h"
#include "vm/guest/sessionserver.h"
#include "vm/unixlistener.h"

#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <array>
#include <cstring>
#include <deque>
#include <optional>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

constexpr int requestTimeoutSeconds = 2;
constexpr int windowSizePollMs = 200;

// A descriptor of the client's to use without blocking. Pipes and terminals are opened anew (a description
// of our own, so O_NONBLOCK does not reach the client's); files and sockets are used as they are.
int nonBlockingTwin(int fd, bool forWriting)
{
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0 || !(S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode)))
        return fd;
    const QByteArray path = "/proc/self/fd/" + QByteArray::number(fd);
    const int twin =
        ::open(path.constData(), (forWriting ? O_WRONLY : O_RDONLY) | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (twin < 0)
        return fd;
    ::close(fd);
    return twin;
}

// Only printable ASCII goes into a reply line (sessionprotocol.h).
QByteArray replyText(const QString &text)
{
    QByteArray out = text.toUtf8().left(1000);
    for (char &c : out)
        if (c < 0x20 || c > 0x7e)
            c = '?';
    return out;
}

} // namespace

struct SessionBridge::Session
{
    quint64 id = 0;
    int control = -1;
    std::array<int, 3> fds{-1, -1, -1};
    bool terminal = false;
    quint32 channel = 0;
    bool started = false;
    bool ending = false;
    std::optional<int> exitCode;
    std::deque<std::pair<int, QByteArray>> output; // which descriptor (1 or 2), what to write
    QByteArray controlInput;
    std::unique_ptr<QSocketNotifier> controlNotifier, inputNotifier;
    std::array<std::unique_ptr<QSocketNotifier>, 3> writeNotifiers;
    std::unique_ptr<QTimer> sizeWatch; // a PTY's
    std::pair<unsigned short, unsigned short> windowSize;

    ~Session()
    {
        controlNotifier.reset(), inputNotifier.reset(), sizeWatch.reset();
        for (auto &notifier : writeNotifiers)
            notifier.reset();
        if (control >= 0)
            ::close(control);
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
};

SessionBridge::SessionBridge(AgentLink *link, QMap<QString, QString> environment, QObject *parent)
    : QObject(parent)
    , m_link(link)
    , m_environment(std::move(environment))
{
    connect(link, &AgentLink::writable, this, [this](quint32 channel) {
        for (auto &[id, session] : m_sessions)
            if (session->channel == channel && session->inputNotifier)
                session->inputNotifier->setEnabled(true);
    });
    connect(link, &AgentLink::shutDown, this, [this] {
        for (int connection : std::exchange(m_shutdownRequests, {})) {
            ::send(connection, "exit 0\n", 7, MSG_NOSIGNAL);
            ::close(connection);
        }
    });
}

SessionBridge::~SessionBridge()
{
    delete m_listenerNotifier;
    if (m_listener >= 0) {
        ::close(m_listener);
        QFile::remove(m_path); // a control socket left behind would look like a running sandbox's
    }
    for (int connection : m_shutdownRequests)
        ::close(connection);
}

bool SessionBridge::listen(const QString &path)
{
    m_listener = listenOnUnixSocket(path, true); // only this user may start sessions
    if (m_listener < 0)
        return false;
    m_path = path;
    m_listenerNotifier = new QSocketNotifier(m_listener, QSocketNotifier::Read);
    connect(m_listenerNotifier, &QSocketNotifier::activated, this, &SessionBridge::acceptConnection);
    return true;
}

void SessionBridge::acceptConnection()
{
    for (;;) {
        const int connection = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0)
            return;
        startSession(connection);
    }
}

void SessionBridge::startSession(int connection)
{
    const timeval timeout{requestTimeoutSeconds, 0};
    ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::vector<int> descriptors;
    auto request = Guest::receiveRequest(connection, descriptors);
    if (request && request->kind == "shutdown") {
        for (int fd : descriptors)
            ::close(fd);
        m_shutdownRequests.push_back(connection);
        m_link->shutdown();
        return;
    }
    const quint64 id = m_nextId++;
    auto owned = std::make_unique<Session>();
    Session &session = *owned;
    session.id = id;
    session.control = connection;
    if (!request || descriptors.size() != 3) {
        for (int fd : descriptors)
            ::close(fd);
        ::send(connection, "error malformed session request\n", 32, MSG_NOSIGNAL);
        return; // the session's destructor closes the connection
    }
    session.terminal = request->terminal;
    session.fds[0] = nonBlockingTwin(descriptors[0], false);
    session.fds[1] = nonBlockingTwin(descriptors[1], true);
    session.fds[2] = nonBlockingTwin(descriptors[2], true);
    winsize window{24, 80, 0, 0};
    if (session.terminal) {
        termios raw{};
        if (::tcgetattr(session.fds[0], &raw) == 0) {
            ::cfmakeraw(&raw);
            ::tcsetattr(session.fds[0], TCSANOW, &raw);
        }
        ::ioctl(session.fds[0], TIOCGWINSZ, &window);
        // The client resizes its end of the PTY, which tells no one here: it says so ("resize"), and a client
        // that does not has its size looked at now and then.
        session.windowSize = {window.ws_row, window.ws_col};
        session.sizeWatch = std::make_unique<QTimer>();
        session.sizeWatch->setInterval(windowSizePollMs);
        connect(session.sizeWatch.get(), &QTimer::timeout, this, [this, id] {
            Session &watched = *m_sessions.at(id);
            winsize now{};
            if (watched.channel == 0 || ::ioctl(watched.fds[0], TIOCGWINSZ, &now) != 0 ||
                std::pair{now.ws_row, now.ws_col} == watched.windowSize)
                return;
            watched.windowSize = {now.ws_row, now.ws_col};
            m_link->resize(watched.channel, now.ws_row, now.ws_col);
        });
        session.sizeWatch->start();
    }
    // The sandbox's environment under the request's own variables.
    QMap<QString, QString> environment = m_environment;
    for (const std::string &variable : request->environment) {
        const QString text = QString::fromStdString(variable);
        environment.insert(text.section(u'=', 0, 0), text.section(u'=', 1));
    }
    request->environment.clear();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        request->environment.push_back(QString(it.key() + u'=' + it.value()).toStdString());
    m_sessions.emplace(id, std::move(owned));

    AgentLink::SessionEvents events;
    events.started = [this, id](qint64 pid) {
        const auto found = m_sessions.find(id);
        if (found == m_sessions.end())
            return;
        Session &session = *found->second;
        session.started = true;
        const QByteArray line = "started " + QByteArray::number(pid) + '\n';
        ::send(session.control, line.constData(), std::size_t(line.size()), MSG_NOSIGNAL);
        ::fcntl(session.control, F_SETFL, ::fcntl(session.control, F_GETFL) | O_NONBLOCK);
        session.controlNotifier = std::make_unique<QSocketNotifier>(session.control, QSocketNotifier::Read);
        connect(session.controlNotifier.get(), &QSocketNotifier::activated, this,
                [this, id] { readControl(*m_sessions.at(id)); });
        session.inputNotifier = std::make_unique<QSocketNotifier>(session.fds[0], QSocketNotifier::Read);
        connect(session.inputNotifier.get(), &QSocketNotifier::activated, this,
                [this, id] { pumpInput(*m_sessions.at(id)); });
    };
    events.output = [this, id](const QByteArray &bytes, bool errorStream) {
        const auto found = m_sessions.find(id);
        if (found == m_sessions.end())
            return;
        found->second->output.emplace_back(errorStream ? 2 : 1, bytes);
        writeOutput(*found->second);
    };
    events.exited = [this, id](int exitCode) {
        const auto found = m_sessions.find(id);
        if (found == m_sessions.end())
            return;
        found->second->exitCode = exitCode;
        found->second->channel = 0; // the guest's channel is gone
        writeOutput(*found->second);
    };
    events.failed = [this, id](const QString &reason) {
        if (m_sessions.contains(id)) {
            m_sessions.at(id)->channel = 0;
            end(id, "error " + replyText(reason) + '\n');
        }
    };
    session.channel = m_link->openSession(*request, window.ws_row, window.ws_col, std::move(events));
}

void SessionBridge::pumpInput(Session &session)
{
    if (session.ending || session.channel == 0)
        return;
    const qint64 room = m_link->writeRoom(session.channel);
    if (room <= 0) {
        session.inputNotifier->setEnabled(false); // until the guest credits what it has
        return;
    }
    QByteArray buffer(std::min<qint64>(room, 32 * 1024), Qt::Uninitialized);
    const ssize_t n = ::read(session.fds[0], buffer.data(), std::size_t(buffer.size()));
    if (n > 0) {
        buffer.truncate(n);
        m_link->write(session.channel, buffer);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        session.inputNotifier->setEnabled(false);
        if (!session.terminal)
            m_link->endInput(session.channel);
    }
}

void SessionBridge::writeOutput(Session &session)
{
    while (!session.output.empty()) {
        auto &[target, bytes] = session.output.front();
        const int fd = session.fds[std::size_t(target)];
        const ssize_t n = ::write(fd, bytes.constData(), std::size_t(bytes.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            auto &notifier = session.writeNotifiers[std::size_t(target)];
            if (!notifier) {
                notifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
                connect(notifier.get(), &QSocketNotifier::activated, this, [this, id = session.id] {
                    if (m_sessions.contains(id))
                        writeOutput(*m_sessions.at(id));
                });
            }
            notifier->setEnabled(true);
            return;
        }
        const qint64 written = n < 0 ? bytes.size() : n; // a reader gone: dropped, but credited
        if (session.channel != 0)
            m_link->acknowledge(session.channel, written);
        bytes.remove(0, written);
        if (bytes.isEmpty())
            session.output.pop_front();
    }
    for (auto &notifier : session.writeNotifiers)
        if (notifier)
            notifier->setEnabled(false);
    if (session.exitCode)
        end(session.id, "exit " + QByteArray::number(*session.exitCode) + '\n');
}

void SessionBridge::readControl(Session &session)
{
    char buffer[512];
    const ssize_t n = ::read(session.control, buffer, sizeof buffer);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    const quint64 id = session.id;
    if (n <= 0) { // the client went away: the session is hung up
        if (session.channel != 0)
            m_link->close(session.channel);
        session.channel = 0;
        return end(id, {});
    }
    session.controlInput.append(buffer, n);
    for (qsizetype newline; (newline = session.controlInput.indexOf('\n')) >= 0;) {
        const QList<QByteArray> words = session.controlInput.left(newline).split(' ');
        session.controlInput.remove(0, newline + 1);
        bool ok = false, okColumns = false;
        if (words.size() == 2 && words[0] == "signal") {
            if (const int signal = words[1].toInt(&ok); ok)
                m_link->sendSignal(session.channel, signal);
        } else if (words.size() == 3 && words[0] == "resize" && session.terminal) {
            const ushort rows = words[1].toUShort(&ok), columns = words[2].toUShort(&okColumns);
            if (ok && okColumns && rows > 0 && columns > 0 &&
                std::pair{rows, columns} != session.windowSize) {
                session.windowSize = {rows, columns};
                m_link->resize(session.channel, rows, columns);
            }
        }
    }
    if (session.controlInput.size() > 4096)
        session.controlInput.clear(); // not a line of ours
}

void SessionBridge::end(quint64 id, const QByteArray &lastLine)
{
    const auto found = m_sessions.find(id);
    if (found == m_sessions.end() || found->second->ending)
        return;
    Session &session = *found->second;
    session.ending = true;
    if (!lastLine.isEmpty())
        ::send(session.control, lastLine.constData(), std::size_t(lastLine.size()), MSG_NOSIGNAL);
    if (session.controlNotifier)
        session.controlNotifier->setEnabled(false);
    if (session.inputNotifier)
        session.inputNotifier->setEnabled(false);
    if (session.sizeWatch)
        session.sizeWatch->stop();
    // Not now: this may run inside one of the session's own notifiers.
    QTimer::singleShot(0, this, [this, id] { m_sessions.erase(id); });
}

} // namespace Paddock::Vm
