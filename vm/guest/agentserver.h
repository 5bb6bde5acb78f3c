#pragma once
// paddock-guest's agent mode: serves the agent protocol (agentprotocol.h) on one link, the microVM's
// virtio-serial port: sessions with or without a PTY, the proxy forwarder's connections, listening ports.

namespace Paddock::Guest {

struct AgentOptions
{
    int link = -1;            // read and written; made non-blocking
    int forwarderPort = 3128; // 127.0.0.1:PORT is carried to the host's proxy for this sandbox
    bool selfTest = false;    // Ready only once the network self-test passed (otherwise Failed)
    bool asInit = false;      // PID 1 of a VM: reaps every orphan, powers the machine off at Shutdown
};

// Serves until Shutdown or the link's end; returns the process's exit code.
int runAgent(const AgentOptions &options);

} // namespace Paddock::Guest
