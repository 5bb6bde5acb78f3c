#pragma once

#include "core/result.h"

#include <QCoreApplication>

namespace Paddock::Vm {

// The seccomp filter of namespace sandboxes (security.md item 11), compiled with libseccomp to classic BPF
// for bubblewrap's --seccomp. Everything an agent needs stays allowed; what could reach the kernel's rarely
// used and often exploited corners, or the terminal around the sandbox, fails with EPERM (or EAFNOSUPPORT for
// socket families): nested user namespaces, mounts, kernel keyrings, BPF, perf, userfaultfd, module loading,
// TIOCSTI/TIOCLINUX terminal injection, and packet, vsock and exotic socket families.
class SeccompFilter
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::SeccompFilter)

public:
    // A sealed memory file holding the BPF program, positioned at its start; the caller owns the descriptor.
    // It is close-on-exec: the child that needs it clears the flag.
    static Core::Result<int> compileToFd(); // compiled once per process, copied per call
};

} // namespace Paddock::Vm
