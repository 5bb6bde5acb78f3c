#include "vm/backendavailability.h"

#include "vm/microvmcommand.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

QString BackendAvailability::findProgram(const QString &name) const
{
    return QStandardPaths::findExecutable(name, m_searchPath);
}

bool BackendAvailability::kvmUsable() const
{
    return chooseAccelerator(m_kvmDevice, m_cpuinfo) == Accelerator::Kvm;
}

QString BackendAvailability::sysctl(const QString &name) const
{
    QFile file(m_sysctlRoot + u'/' + name);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed()) : QString();
}

QString BackendAvailability::userNamespaceDiagnosis() const
{
    if (sysctl(u"kernel/apparmor_restrict_unprivileged_userns"_s) == u"1"_s)
        return tr(
            "AppArmor restricts unprivileged user namespaces on this system (Ubuntu 23.10 and later). Allow "
            "bubblewrap with an AppArmor profile for /usr/bin/bwrap that has the 'userns' permission (see "
            "docs/sandbox.md), or turn the restriction off: sudo sysctl -w "
            "kernel.apparmor_restrict_unprivileged_userns=0");
    if (sysctl(u"kernel/unprivileged_userns_clone"_s) == u"0"_s)
        return tr(
            "The kernel refuses user namespaces to unprivileged users (kernel.unprivileged_userns_clone=0). "
            "Turn them on: sudo sysctl -w kernel.unprivileged_userns_clone=1 (and add the line "
            "kernel.unprivileged_userns_clone=1 to /etc/sysctl.d/50-paddock.conf to keep it).");
    if (sysctl(u"user/max_user_namespaces"_s) == u"0"_s)
        return tr(
            "The kernel allows no user namespaces (user.max_user_namespaces=0). Allow them: sudo sysctl -w "
            "user.max_user_namespaces=15000 (and add it to /etc/sysctl.d/50-paddock.conf to keep it).");
    return {};
}

BackendStatus BackendAvailability::namespaceBackend() const
{
    const QString bwrap = findProgram(u"bwrap"_s);
    if (bwrap.isEmpty())
        return {BackendStatus::Level::Unavailable,
                tr("bubblewrap (bwrap) is not installed. Install the 'bubblewrap' package.")};
    // The kernel's settings only hint; a tiny sandbox is the real test.
    QProcess probe;
    probe.start(bwrap, {u"--unshare-user"_s, u"--unshare-net"_s, u"--ro-bind"_s, u"/"_s, u"/"_s, u"true"_s});
    const bool started = probe.waitForFinished(10000);
    if (started && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
        return {BackendStatus::Level::Available, tr("Linux namespaces through bubblewrap.")};
    const QString diagnosis = userNamespaceDiagnosis();
    const QString output = QString::fromLocal8Bit(probe.readAllStandardError().trimmed()).left(300);
    return {BackendStatus::Level::Unavailable,
            diagnosis.isEmpty() ? tr("bubblewrap cannot create a sandbox on this system: %1")
                                      .arg(output.isEmpty() ? probe.errorString() : output)
                                : diagnosis};
}

BackendStatus BackendAvailability::microVmBackend() const
{
    if (findProgram(u"qemu-system-x86_64"_s).isEmpty())
        return {BackendStatus::Level::Unavailable,
                tr("QEMU is not installed. Install the 'qemu-system-x86' package.")};
    if (findProgram(u"qemu-img"_s).isEmpty()) // it makes each machine's system disk
        return {BackendStatus::Level::Unavailable,
                tr("qemu-img is not installed. Install the 'qemu-utils' package.")};
    if (!kvmDeviceWorks(m_kvmDevice))
        return {BackendStatus::Level::Emulated,
                tr("%1 is not usable, so the microVM is emulated: it boots and runs several times slower.")
                    .arg(m_kvmDevice)};
    if (!kvmUsable())
        return {
            BackendStatus::Level::Emulated,
            tr("%1 is there, but this processor has no hardware virtualisation (VT-x or AMD-V): it is a "
               "software KVM that runs only kernels built for it, so the microVM is emulated: it boots and "
               "runs several times slower.")
                .arg(m_kvmDevice)};
    return {BackendStatus::Level::Available, tr("QEMU microVM with KVM acceleration.")};
}

} // namespace Paddock::Vm
