#include "hostpty.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace Paddock::Guest {

HostPty::~HostPty()
{
    closeSlave();
    if (m_master >= 0)
        ::close(m_master);
}

bool HostPty::open(int rows, int columns, std::string &error)
{
    winsize size{};
    size.ws_row = static_cast<unsigned short>(rows > 0 ? rows : 24);
    size.ws_col = static_cast<unsigned short>(columns > 0 ? columns : 80);
    if (::openpty(&m_master, &m_slave, nullptr, nullptr, &size) != 0) {
        error = std::string("cannot make a terminal for the session: ") + std::strerror(errno);
        return false;
    }
    ::fcntl(m_master, F_SETFD, FD_CLOEXEC);
    ::fcntl(m_slave, F_SETFD, FD_CLOEXEC);
    return true;
}

void HostPty::closeSlave()
{
    if (m_slave >= 0)
        ::close(m_slave);
    m_slave = -1;
}

bool HostPty::resize(int rows, int columns)
{
    if (m_master < 0 || rows <= 0 || columns <= 0)
        return false;
    winsize size{};
    size.ws_row = static_cast<unsigned short>(rows);
    size.ws_col = static_cast<unsigned short>(columns);
    return ::ioctl(m_master, TIOCSWINSZ, &size) == 0;
}

} // namespace Paddock::Guest
