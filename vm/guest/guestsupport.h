#pragma once
// Pieces of paddock-guest shared by its modes (run, agent): plain C++, no Qt.
#include "sessionprotocol.h"

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace Paddock::Guest {

inline constexpr int selfTestFailed = 125;

// A connected Unix socket, or -1.
int connectProxy(const std::string &path);
// 127.0.0.1:port, listening (exits with 125 when it cannot: nothing may start without its forwarder).
int listenLoopback(int port);
// The start-up self-test (security.md item 10) through the forwarder on port: what failed, or "".
std::string selfTest(int port);

// argv[0] looked up in the session's PATH, as a shell would; unchanged when not found (exec then fails).
std::string resolveProgram(const std::string &program, const std::vector<std::string> &environment);
// The guest's own environment with the request's variables on top.
std::vector<std::string> sessionEnvironment(const std::vector<std::string> &overrides);
bool writeAll(int fd, const std::string &text); // false when fd takes no more
// The VM's virtio-serial ports: pairs of the device node's name (vport0p1) and the port's name.
std::vector<std::pair<std::string, std::string>> virtioPorts();
// The /dev node of the port named name, waiting up to timeoutMs for it: the console driver adds its ports
// (and the host names them) a moment after it loads. Empty if it does not come.
std::string waitForVirtioPort(const std::string &name, int timeoutMs);
// "WHO: WHAT at UPTIMEs" on stderr, a VM's console: for whoever wonders where a slow start went.
void logUptime(const char *who, const char *what);
// Forks the session's process: its own session and process group, descriptors as 0, 1 and 2 (a PTY also as
// its controlling terminal), default signal handling, nothing else inherited. -1 when fork failed.
pid_t startSession(const SessionRequest &request, const std::vector<int> &descriptors);

} // namespace Paddock::Guest
