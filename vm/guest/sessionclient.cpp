#include "sessionclient.h"

#include "sessionprotocol.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace Paddock::Guest {

int connectUnix(const std::string &path, std::string &error)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) {
        error = "the socket path is too long: " + path;
        return -1;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        error = std::strerror(errno);
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

bool sendRequest(int fd, const std::string &message, const int *descriptors, int count)
{
    if (message.empty() || count < 0 || count > sessionDescriptors)
        return false;
    iovec io{const_cast<char *>(message.data()), 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * sessionDescriptors)]{};
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

bool ReplyReader::takeLine(std::string &line)
{
    const std::size_t end = m_buffer.find('\n');
    if (end == std::string::npos)
        return false;
    line = m_buffer.substr(0, end);
    m_buffer.erase(0, end + 1);
    return true;
}

ReplyReader::Status ReplyReader::next(std::string &line, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        if (takeLine(line))
            return Status::Line;
        if (m_buffer.size() > maxReplyLineBytes)
            return Status::TooLong;
        int wait = -1;
        if (timeoutMs >= 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            wait = int(std::max<long long>(0, left.count()));
        }
        pollfd watched{m_fd, POLLIN, 0};
        const int ready = ::poll(&watched, 1, wait);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0)
            return timeoutMs == 0 ? Status::WouldBlock : Status::TimedOut;
        char chunk[512];
        const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return Status::WouldBlock;
        if (n <= 0)
            return Status::Closed;
        m_buffer.append(chunk, std::size_t(n));
    }
}

Reply parseReply(const std::string &line)
{
    const auto number = [](const std::string &text, long long max) -> std::optional<long long> {
        if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        const long long value = std::stoll(text);
        return value <= max ? std::optional(value) : std::nullopt;
    };
    Reply reply;
    if (line.rfind("started ", 0) == 0) {
        if (const auto pid = number(line.substr(8), 1LL << 30))
            reply = {Reply::Kind::Started, *pid, {}};
    } else if (line.rfind("exit ", 0) == 0) {
        if (const auto code = number(line.substr(5), 255 + 128))
            reply = {Reply::Kind::Exit, *code, {}};
    } else if (line.rfind("error ", 0) == 0) {
        reply.kind = Reply::Kind::Error;
        for (const char c : line.substr(6, 300))
            reply.message += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    return reply;
}

} // namespace Paddock::Guest
