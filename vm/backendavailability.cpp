#include "vm/backendavailability.h"

#include <QFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

QString BackendAvailability::findProgram(const QString &name) const
{
    return QStandardPaths::findExecutable(name, m_searchPath);
}

bool BackendAvailability::kvmUsable() const
{
    QFile kvm(m_kvmDevice);
    return kvm.open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

BackendStatus BackendAvailability::namespaceBackend() const
{
    if (findProgram(u"bwrap"_s).isEmpty())
        return {BackendStatus::Level::Unavailable,
                tr("bubblewrap (bwrap) is not installed. Install the 'bubblewrap' package.")};
    return {BackendStatus::Level::Available, tr("Linux namespaces through bubblewrap.")};
}

BackendStatus BackendAvailability::microVmBackend() const
{
    if (findProgram(u"qemu-system-x86_64"_s).isEmpty())
        return {BackendStatus::Level::Unavailable,
                tr("QEMU is not installed. Install the 'qemu-system-x86' package.")};
    if (!kvmUsable())
        return {BackendStatus::Level::Emulated,
                tr("%1 is not usable, so the microVM is emulated: it boots and runs several times slower.")
                    .arg(m_kvmDevice)};
    return {BackendStatus::Level::Available, tr("QEMU microVM with KVM acceleration.")};
}

} // namespace Paddock::Vm
