#pragma once

#include "vm/backend.h"
#include "vm/guestagent.h"

#include <QCoreApplication>
#include <QProcess>

#include <map>
#include <memory>

namespace Paddock::Vm {

// Sandboxes on bubblewrap (BwrapCommand): Linux namespaces, seccomp, and paddock-guest's agent inside,
// reached over a socket pair with the agent protocol a microVM's agent speaks (GuestAgent, which serves
// sessions on a control socket in the runtime folder); CPU and memory limits through a systemd scope where
// possible.
class NamespaceBackend : public Backend
{
    Q_OBJECT

public:
    ~NamespaceBackend() override;
    QString name() const override { return QStringLiteral("namespace"); }
    Core::Result<StartedSandbox> start(const BackendStart &request) override;
    void stop(const QString &sandbox) override;
    bool isRunning(const QString &sandbox) const override { return m_running.contains(sandbox); }
    std::optional<ProcessUsage> usage(const QString &sandbox) const override;
    QList<int> listeningPorts(const QString &sandbox) const override;

private:
    struct Running
    {
        std::unique_ptr<QProcess> process; // bwrap
        std::unique_ptr<GuestAgent> agent;
    };
    std::map<QString, Running> m_running;
};

} // namespace Paddock::Vm
