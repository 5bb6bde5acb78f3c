#include "sessionserver.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace Paddock::Guest {

// Reads the request header with its descriptors, then the payload.
std::optional<SessionRequest> receiveRequest(int connection, std::vector<int> &descriptors)
{
    char header[requestHeaderBytes];
    std::size_t got = 0;
    while (got < sizeof header) {
        iovec io{header + got, sizeof header - got};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * sessionDescriptors)];
        msghdr message{};
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t n = recvmsg(connection, &message, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
                continue;
            const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (std::size_t k = 0; k < count; ++k) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(c) + k * sizeof(int), sizeof fd);
                descriptors.push_back(fd);
            }
        }
        got += std::size_t(n);
    }
    const auto length = decodeHeader(header);
    if (!length)
        return std::nullopt;
    std::string payload(*length, '\0');
    for (std::size_t done = 0; done < payload.size();) {
        const ssize_t n = read(connection, payload.data() + done, payload.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        done += std::size_t(n);
    }
    return decodeRequest(payload);
}

} // namespace Paddock::Guest
