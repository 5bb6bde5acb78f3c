#pragma once

#include "app/host/sandboxnetworksetup.h"
#include "core/paths.h"
#include "core/policyrule.h"
#include "core/result.h"
#include "proxy/auditlog.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/sandboxmanager.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocalServer>
#include <QMutex>

namespace Paddock::App {

// What a Paddock process needs to host sandboxes: the proxy with its audit log, the sandbox manager, and
// the control socket through which other Paddock processes (a CLI while the GUI runs, a second CLI) start,
// stop and reach them. One host per user at a time: the control socket says which.
class SandboxHost : public QObject
{
    Q_OBJECT

public:
    // Which kind of process hosts: a command for its own duration (`exec`, `run`), `paddock serve` in the
    // background, or the desktop window. Another Paddock window that opens meanwhile acts on it.
    enum class Role { Command, Service, Window };

    explicit SandboxHost(Core::Paths paths);
    ~SandboxHost() override; // stops the sandboxes it hosts

    // Opens the audit log and takes the control socket; fails when another host holds it.
    Core::Result<> open();
    Vm::SandboxManager &manager() { return m_manager; }
    const Core::Paths &paths() const { return m_paths; }
    // Starts a sandbox with its effective policy (preset, global, project and sandbox rules).
    Core::Result<QString> start(const QString &name);
    // Saves the rule as `paddock policy allow|deny [--sandbox NAME]` does (globally when sandbox is empty),
    // then applies it to the running sandboxes it concerns, from their next request on.
    Core::Result<> addRule(const Core::PolicyRule &rule, const QString &sandbox = {});
    // Gives a running sandbox's listener its effective policy computed afresh from the files and records.
    Core::Result<> reloadPolicy(const QString &name);
    // reloadPolicy() for that sandbox if it runs, or with no name for every running one: the names
    // reloaded, or the first failure (the others are reloaded all the same).
    Core::Result<QStringList> reloadPolicies(const QString &sandbox = {});

    static QString controlSocketPath(const Core::Paths &paths);
    static QString roleName(Role role);
    static Role roleFromName(const QString &name); // Command for a name it does not know
    void setRole(Role role) { m_role = role; }

Q_SIGNALS:
    void idle(); // the last sandbox it hosted stopped
    // Every proxy decision on a started sandbox's traffic, delivered on the host's thread (the proxy decides
    // on its own threads); the start-up self-test's are only in the audit log.
    void decided(const Paddock::Proxy::DecisionEvent &event);
    // A window that opened asked this `paddock serve` to hand the sandboxes over: they are stopped and the
    // control socket is free; the process should end.
    void handedOver();
    // A second window was opened: this host's window should come to the front instead.
    void showRequested();

private:
    void onConnection();
    QJsonObject answer(const QJsonObject &request);

    Core::Paths m_paths;
    Proxy::SystemResolver m_resolver;
    Proxy::ProxyServer m_proxy;
    Proxy::AuditLog m_audit;
    QMutex m_auditMutex; // decisions arrive on the proxy's threads
    SandboxNetworkSetup m_network;
    Vm::SandboxManager m_manager;
    QLocalServer m_control;
    Role m_role = Role::Command;
};

} // namespace Paddock::App
