#pragma once

#include <QList>
#include <QtGlobal>

#include <optional>

namespace Paddock::Vm {

// What a process and everything it started use, read from /proc: CPU time so far and resident memory. For a
// sandbox, the process is its backend's (bwrap, or QEMU for a microVM), so the figure covers the agent and
// every process the agent started. Memory is summed per process, as `ps` shows it, so pages that processes
// share count once for each.
struct ProcessUsage
{
    double cpuSeconds = 0;
    qint64 residentBytes = 0;
    int processes = 0;

    // Nothing when the process is gone.
    static std::optional<ProcessUsage> ofTree(qint64 pid);
};

// The children of every thread of the process (a child belongs to the thread that started it).
QList<qint64> childProcesses(qint64 pid);

} // namespace Paddock::Vm
