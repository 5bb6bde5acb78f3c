#include "sessionattachment.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Paddock::Guest {

namespace {

constexpr int drainMs = 500;

std::atomic<int> g_resizedMaster{-1};
std::atomic<int> g_sessionConnection{-1};

// "resize ROWS COLS\n" on the session's connection, with async-signal-safe calls only.
void tellSize(int connection, const winsize &size)
{
    char line[32];
    std::size_t length = 0;
    const auto text = [&](const char *part) {
        while (*part)
            line[length++] = *part++;
    };
    const auto number = [&](unsigned value) {
        char digits[5];
        int count = 0;
        do
            digits[count++] = char('0' + value % 10);
        while ((value /= 10) != 0 && count < 5);
        while (count > 0)
            line[length++] = digits[--count];
    };
    text("resize ");
    number(size.ws_row);
    text(" ");
    number(size.ws_col);
    text("\n");
    ::send(connection, line, length, MSG_NOSIGNAL);
}

// SIGWINCH: the session's terminal follows this one, and the sandbox hears of it at once.
void onWindowChanged(int)
{
    const int savedErrno = errno;
    const int master = g_resizedMaster.load();
    winsize size{};
    if (master >= 0 && ::ioctl(STDIN_FILENO, TIOCGWINSZ, &size) == 0) {
        ::ioctl(master, TIOCSWINSZ, &size);
        if (const int connection = g_sessionConnection.load(); connection >= 0)
            tellSize(connection, size);
    }
    errno = savedErrno;
}

bool writeAll(int fd, const char *data, ssize_t length)
{
    while (length > 0) {
        const ssize_t n = ::write(fd, data, std::size_t(length));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        length -= n;
    }
    return true;
}

// Copies from until its end (or until wakeup is readable); sets done when from ended by itself.
void copyUntilEnd(int from, int to, int wakeup, std::atomic<bool> *done)
{
    char buffer[64 * 1024];
    for (;;) {
        pollfd watched[2] = {{from, POLLIN, 0}, {wakeup, POLLIN, 0}};
        if (::poll(watched, wakeup >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (watched[0].revents) {
            const ssize_t n = ::read(from, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || !writeAll(to, buffer, n))
                break; // EIO on a PTY master: every session process closed its terminal
            continue;
        }
        if (wakeup >= 0 && watched[1].revents)
            return;
    }
    if (done)
        *done = true;
}

std::optional<std::array<int, 2>> makePipe(std::string &error)
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) {
        error = std::string("cannot make a pipe: ") + std::strerror(errno);
        return std::nullopt;
    }
    return std::array<int, 2>{ends[0], ends[1]};
}

} // namespace

std::unique_ptr<SessionAttachment> SessionAttachment::pipes(bool attachInput, std::string &error)
{
    std::unique_ptr<SessionAttachment> attachment(new SessionAttachment);
    if (attachInput) {
        const auto input = makePipe(error);
        if (!input)
            return nullptr;
        attachment->m_sessionEnds[0] = (*input)[0];
        attachment->m_inputTarget = (*input)[1];
    } else {
        attachment->m_sessionEnds[0] = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    for (int stream : {STDOUT_FILENO, STDERR_FILENO}) {
        const auto output = makePipe(error);
        if (!output)
            return nullptr;
        attachment->m_sessionEnds[std::size_t(stream)] = (*output)[1];
        attachment->m_outputs.emplace_back((*output)[0], stream);
    }
    return attachment;
}

std::unique_ptr<SessionAttachment> SessionAttachment::terminal(std::string &error)
{
    if (!::isatty(STDIN_FILENO)) {
        error = "the input is not a terminal; leave out -t (and use -i to pass input on)";
        return nullptr;
    }
    winsize size{};
    ::ioctl(STDIN_FILENO, TIOCGWINSZ, &size);
    std::unique_ptr<SessionAttachment> attachment(new SessionAttachment);
    attachment->m_pty = std::make_unique<HostPty>();
    if (!attachment->m_pty->open(size.ws_row, size.ws_col, error))
        return nullptr;
    const int slave = attachment->m_pty->slave();
    attachment->m_sessionEnds = {slave, slave, slave};
    attachment->m_outputs.emplace_back(attachment->m_pty->master(), STDOUT_FILENO);
    attachment->m_inputTarget = attachment->m_pty->master();
    return attachment;
}

SessionAttachment::~SessionAttachment()
{
    finish();
    closeSessionEnds();
    if (m_inputTarget >= 0 && !m_pty)
        ::close(m_inputTarget);
    for (const auto &[from, to] : m_outputs) {
        if (!m_pty)
            ::close(from);
    }
    for (int fd : m_wakeup) {
        if (fd >= 0)
            ::close(fd);
    }
}

void SessionAttachment::closeSessionEnds()
{
    if (m_pty) {
        m_pty->closeSlave();
    } else {
        for (int fd : m_sessionEnds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    m_sessionEnds = {-1, -1, -1};
}

void SessionAttachment::sessionStarted(int connection)
{
    closeSessionEnds();
    if (m_pty) {
        auto saved = std::make_unique<termios>();
        if (::tcgetattr(STDIN_FILENO, saved.get()) == 0) {
            termios raw = *saved;
            ::cfmakeraw(&raw);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &raw);
            m_savedTerminal = std::move(saved);
        }
        g_resizedMaster = m_pty->master();
        g_sessionConnection = connection;
        struct sigaction action
        {
        };
        action.sa_handler = onWindowChanged;
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGWINCH, &action, nullptr);
    }
    ::pipe2(m_wakeup, O_CLOEXEC);
    for (std::size_t i = 0; i < m_outputs.size(); ++i) {
        m_outputDone[i] = false;
        m_outputThreads.emplace_back(copyUntilEnd, m_outputs[i].first, m_outputs[i].second, m_wakeup[0],
                                     &m_outputDone[i]);
    }
    if (m_inputTarget >= 0) {
        // Never joined: a read of the user's input cannot be interrupted; the process ends after finish().
        const int target = m_inputTarget;
        const bool closeAtEnd = !m_pty; // a pipe passes the end of input on
        std::thread([target, closeAtEnd] {
            copyUntilEnd(STDIN_FILENO, target, -1, nullptr);
            if (closeAtEnd)
                ::close(target);
        }).detach();
        m_inputTarget = -1;
    }
}

void SessionAttachment::finish()
{
    if (!m_outputThreads.empty()) {
        const auto start = std::chrono::steady_clock::now();
        const auto allDone = [this] {
            for (std::size_t i = 0; i < m_outputThreads.size(); ++i) {
                if (!m_outputDone[i])
                    return false;
            }
            return true;
        };
        while (!allDone() && std::chrono::steady_clock::now() - start < std::chrono::milliseconds(drainMs))
            ::usleep(2000);
        const char stop = 'x';
        ::write(m_wakeup[1], &stop, 1);
        for (auto &thread : m_outputThreads)
            thread.join();
        m_outputThreads.clear();
    }
    restoreTerminal();
}

void SessionAttachment::restoreTerminal()
{
    if (m_pty) {
        g_resizedMaster = -1;
        g_sessionConnection = -1;
        ::signal(SIGWINCH, SIG_DFL);
    }
    if (m_savedTerminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, m_savedTerminal.get());
        m_savedTerminal.reset();
    }
}

} // namespace Paddock::Guest
