#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace Paddock::Vm {

// CPU and memory limits for a sandbox, through cgroup v2 where the user may have them: a transient systemd
// scope (`systemd-run --user --scope`) around bubblewrap. Where that is impossible (no systemd session, no
// cgroup v2, controllers not delegated), the sandbox runs without them and says so.
class ResourceLimits
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::ResourceLimits)

public:
    int cpus = 0;      // 0: no limit
    int memoryMiB = 0; // 0: no limit

    bool any() const { return cpus > 0 || memoryMiB > 0; }
    // The program and arguments to put before bwrap's; asRoot: the system manager instead of the user's.
    QStringList commandPrefix(bool asRoot) const;
    // "512M", "2G", "1.5g", "300000K" or a number of MiB; nothing when it is not a size.
    static std::optional<int> parseMemoryMiB(const QString &text);

    // Why limits cannot be applied on this machine, or empty when they can. Probes once per process, by
    // running `true` in a real limited scope.
    static QString unavailableReason();
};

} // namespace Paddock::Vm
