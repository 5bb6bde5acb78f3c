#pragma once

#include <QCoreApplication>
#include <QString>

namespace Paddock::Vm {

// Whether a sandbox backend can run on this machine, and how well.
struct BackendStatus
{
    enum class Level { Available, Emulated, Unavailable };
    Level level = Level::Unavailable;
    QString detail; // a sentence for the user: why unavailable, or what "emulated" costs
};

// Probes the host for bubblewrap, QEMU and a usable /dev/kvm. Paths are injectable for tests.
class BackendAvailability
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::BackendAvailability)

public:
    BackendStatus namespaceBackend() const;
    BackendStatus microVmBackend() const;

    void setKvmDevice(const QString &path) { m_kvmDevice = path; }
    void setCpuInfoFile(const QString &path) { m_cpuinfo = path; }
    void setSearchPath(const QStringList &paths) { m_searchPath = paths; }
    // Where the kernel's sysctl files are read from (/proc/sys), for tests.
    void setSysctlRoot(const QString &path) { m_sysctlRoot = path; }

    // True when the KVM device opens read-write and answers as KVM (what QEMU's -accel kvm needs), on a
    // processor with hardware virtualisation (chooseAccelerator).
    bool kvmUsable() const;

private:
    QString findProgram(const QString &name) const;
    QString sysctl(const QString &name) const;
    // Why user namespaces are refused, with the fix, from the kernel's settings; empty when none explains it.
    QString userNamespaceDiagnosis() const;
    QString m_kvmDevice = QStringLiteral("/dev/kvm");
    QString m_cpuinfo = QStringLiteral("/proc/cpuinfo");
    QStringList m_searchPath;
    QString m_sysctlRoot = QStringLiteral("/proc/sys");
};

} // namespace Paddock::Vm
