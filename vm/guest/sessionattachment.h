#pragma once

// Plain C++: shared by the Qt CLI and the Qt-free paddock launcher.
#include "hostpty.h"

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <termios.h>

namespace Paddock::Guest {

// Connects this process's standard streams to a sandbox session, always through descriptors made for the
// session: pipes, or a PTY of its own with this terminal in raw mode. The session never gets this process's
// own descriptors, so a process left behind in the sandbox cannot read or type into the user's terminal
// once the command is over.
class SessionAttachment
{
public:
    // Pipes; stdin is passed on only with attachInput (a terminal's input is never read otherwise). Null,
    // with error set, on failure.
    static std::unique_ptr<SessionAttachment> pipes(bool attachInput, std::string &error);
    // A PTY sized like this terminal; stdin must be a terminal (otherwise error says so).
    static std::unique_ptr<SessionAttachment> terminal(std::string &error);
    ~SessionAttachment();

    bool isTerminal() const { return m_pty != nullptr; }
    std::array<int, 3> sessionDescriptors() const { return m_sessionEnds; }
    // The session holds its ends now: close ours and start relaying (and raw mode, for a terminal). A
    // terminal's new size goes to the PTY and, as a "resize" line, to connection (the session's) if given.
    void sessionStarted(int connection = -1);
    // The session ended: pass on what it still wrote (briefly: a process left behind may hold the pipe),
    // then restore the terminal.
    void finish();

private:
    SessionAttachment() = default;
    void closeSessionEnds();
    void restoreTerminal();

    std::unique_ptr<HostPty> m_pty;
    std::array<int, 3> m_sessionEnds{-1, -1, -1};
    std::vector<std::pair<int, int>> m_outputs; // (read end here, where it goes)
    int m_inputTarget = -1;                     // where stdin is copied to
    std::vector<std::thread> m_outputThreads;
    std::array<std::atomic<bool>, 2> m_outputDone{}; // each output reached its end by itself
    int m_wakeup[2] = {-1, -1};                      // ends the relays at finish()
    std::unique_ptr<termios> m_savedTerminal;
};

} // namespace Paddock::Guest
