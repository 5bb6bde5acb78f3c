#pragma once

#include <set>
#include <string>

namespace Paddock::Guest {

// TCP ports in the LISTEN state in one network namespace, from tcp and tcp6 in its net folder: /proc/net
// for the caller's own, /proc/PID/net for a process's (a sandbox seen from the host).
std::set<int> listeningPorts(const std::string &netFolder = "/proc/net");

} // namespace Paddock::Guest
