#pragma once
// Plain C++: shared by the Qt CLI and the Qt-free paddock launcher.
#include <string>

namespace Paddock::Guest {

// A PTY made on the host for one namespace-sandbox session (design.md "Sessions and terminals"): the
// session gets the slave side as its controlling terminal, the host keeps the master. The session never
// sees the user's own terminal, so nothing it does (TIOCSTI, escape replies) reaches it.
class HostPty
{
public:
    HostPty() = default;
    HostPty(const HostPty &) = delete;
    HostPty &operator=(const HostPty &) = delete;
    ~HostPty();

    // False, with error set, when no PTY could be made.
    bool open(int rows, int columns, std::string &error);
    int master() const { return m_master; }
    int slave() const { return m_slave; }
    // Once the session holds the slave side: closing ours lets the master see the end (EIO) when it ends.
    void closeSlave();
    // The session's processes see SIGWINCH.
    bool resize(int rows, int columns);

private:
    int m_master = -1;
    int m_slave = -1;
};

} // namespace Paddock::Guest
