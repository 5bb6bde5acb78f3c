#pragma once

#include "vm/backend.h"

#include <QCoreApplication>

#include <map>
#include <memory>

namespace Paddock::Vm {

class GuestAgent;
class QemuMachine;
class VirtioFsDaemon;

// Sandboxes in QEMU microVMs with a kernel of their own (design.md "Backends"): the guest image's kernel
// and initramfs, no network device (the guest's forwarder reaches the proxy over the agent link), a
// direct-mode workspace shared over virtiofs (9p where no virtiofsd runs), and paddock-guest as the guest's
// init serving the agent protocol. KVM where /dev/kvm opens; otherwise emulated, which works the same, only
// slower.
class MicroVmBackend : public Backend
{
    Q_OBJECT

public:
    explicit MicroVmBackend(QString imageDirectory);
    ~MicroVmBackend() override;
    QString name() const override { return QStringLiteral("microvm"); }
    Core::Result<StartedSandbox> start(const BackendStart &request) override;
    void stop(const QString &sandbox) override;
    bool isRunning(const QString &sandbox) const override { return m_running.contains(sandbox); }
    std::optional<ProcessUsage> usage(const QString &sandbox) const override;
    QList<int> listeningPorts(const QString &sandbox) const override;
    Core::Result<> fetchBranches(const QString &sandbox, const QString &hostClone) override;

    // Whether the file system holding path has room for a machine's disk to go on growing.
    static bool hasRoomFor(const QString &path);
    static constexpr qint64 minimumFreeBytes = 256LL * 1024 * 1024;

private:
    static Core::Result<> installTrust(const QString &control, const BackendStart &request);
    // An ext4 disk image (sparse) made once, filled from contents (a host folder) when given, without
    // mounting.
    static Core::Result<> makeDisk(const QString &disk, const QString &label, int sizeMiB,
                                   const QString &contents = {});
    struct Running
    {
        std::unique_ptr<QemuMachine> machine;
        std::unique_ptr<GuestAgent> agent;
        std::unique_ptr<VirtioFsDaemon> share; // direct mode over virtiofs
        QString control;
        QString workspaceDisk; // clone mode: the clone lives there
    };
    QString m_imageDirectory;
    std::map<QString, Running> m_running;
};

} // namespace Paddock::Vm
