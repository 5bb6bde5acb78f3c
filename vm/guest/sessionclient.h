#pragma once
// The host side of the session protocol (sessionprotocol.h) as plain C++, shared by GuestSession and by the
// paddock launcher, whose fast `exec` path runs without Qt.
#include <optional>
#include <string>

namespace Paddock::Guest {

// A connected Unix stream socket (close-on-exec), or -1 with error set.
int connectUnix(const std::string &path, std::string &error);
// Sends message, its first byte carrying count descriptors (SCM_RIGHTS); false when the socket broke.
bool sendRequest(int fd, const std::string &message, const int *descriptors, int count);

// Splits what the guest sends into lines, never buffering more than maxReplyLineBytes of one.
class ReplyReader
{
public:
    explicit ReplyReader(int fd)
        : m_fd(fd)
    {}
    enum class Status { Line, Closed, TimedOut, TooLong, WouldBlock };
    // Waits up to timeoutMs (-1: forever, 0: only what is there) for a line; it goes into line.
    Status next(std::string &line, int timeoutMs);

private:
    bool takeLine(std::string &line);
    int m_fd;
    std::string m_buffer;
};

// The guest's reply lines: "started PID", "exit CODE", "error MESSAGE"; anything else is not protocol.
struct Reply
{
    enum class Kind { Started, Exit, Error, Garbage } kind = Kind::Garbage;
    long long number = 0; // the PID or the exit code
    std::string message;  // printable ASCII only, bounded
};
Reply parseReply(const std::string &line);

} // namespace Paddock::Guest
