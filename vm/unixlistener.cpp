#include "vm/unixlistener.h"

#include <QFile>

#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace Paddock::Vm {

int listenOnUnixSocket(const QString &path, bool nonBlocking, int backlog)
{
    const QByteArray name = QFile::encodeName(path);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (name.size() >= qsizetype(sizeof address.sun_path))
        return -1;
    std::memcpy(address.sun_path, name.constData(), std::size_t(name.size()) + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0), 0);
    if (fd < 0)
        return -1;
    ::unlink(name.constData());
    const mode_t previous = ::umask(0077);
    const bool ok =
        ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 && ::listen(fd, backlog) == 0;
    ::umask(previous);
    if (!ok) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace Paddock::Vm
