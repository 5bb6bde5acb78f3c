#pragma once

#include "core/paths.h"
#include "core/policymatcher.h"
#include "core/result.h"
#include "core/sandboxrecord.h"
#include "vm/backend.h"
#include "vm/guestsession.h"
#include "vm/publishedport.h"

#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace Paddock::Proxy {
class ProxyServer;
struct Inspection;
} // namespace Paddock::Proxy

namespace Paddock::Vm {

// What a starting sandbox's traffic gets besides its policy, made by whoever wires Paddock together (app/):
// what the proxy inspects and injects, and what the sandbox must trust and be told for that.
struct SandboxNetwork
{
    std::shared_ptr<const Proxy::Inspection> inspection; // null: the proxy's default
    QString trustBundle;                                 // see BackendStart
    QString systemBundle;
    QString caCertificate;
    QMap<QString, QString> environment; // trust variables and credential placeholders
    QString note;                       // what the user should know, e.g. a secret that is not set
};
// The record, its workspace on the host (see workspaceOf()) and its policy.
using SandboxNetworkProvider = std::function<Core::Result<SandboxNetwork>(
    const Core::SandboxRecord &, const QString &workspace, const Core::PolicyMatcher *)>;

// What `paddock create` asks for.
struct CreateOptions
{
    QString name;
    QString workspace;
    QString templateId;
    QString presetId;
    std::optional<Core::SandboxRecord::Mode> mode; // default: clone for a git repository, direct otherwise
    Core::SandboxRecord::Backend backend = Core::SandboxRecord::Backend::Namespace;
    int cpus = 0;      // 0: no limit
    int memoryMiB = 0; // 0: no limit
    int diskMiB = 0;   // a microVM clone's own disk (sparse); 0: the backend's default
};

// Owns the sandboxes' records and workspaces, starts and stops them, and gives each running sandbox its
// listener on the proxy. A running sandbox serves sessions (GuestSession) on a control socket in its runtime
// folder: its paddock-guest's in a namespace sandbox, the host's bridge to the guest agent in a microVM.
class SandboxManager : public QObject
{
    Q_OBJECT

public:
    // Without a proxy the manager can create and remove sandboxes, but not start them.
    explicit SandboxManager(Core::Paths paths, Proxy::ProxyServer *proxy = nullptr);
    // Asked at every start; an error stops the start. Without one a sandbox gets the proxy's defaults.
    void setNetworkProvider(SandboxNetworkProvider provider) { m_networkProvider = std::move(provider); }
    ~SandboxManager() override; // stops the sandboxes it runs

    Core::Result<Core::SandboxRecord> create(const CreateOptions &options);
    // Refuses, unless force, when the clone holds commits the user's repository does not have yet; refuses
    // while it runs.
    Core::Result<> remove(const QString &name, bool force);

    // Starts the sandbox (a no-op when it runs) once its network self-test passed; returns the host path
    // of its control socket. Blocks for the start-up, typically tens of milliseconds.
    Core::Result<QString> start(const QString &name, std::shared_ptr<const Core::PolicyMatcher> policy);
    // Ends every process in it (SIGTERM, then SIGKILL after a grace period) and its proxy listener.
    Core::Result<> stop(const QString &name);
    void stopAll();
    // Brings a running sandbox's branches into its host clone for review where they live in the sandbox (a
    // microVM's disk); stop() does it too. Nothing to do for a sandbox that does not run or works on the
    // host.
    Core::Result<> bringBranchesBack(const QString &name);
    bool isRunning(const QString &name) const;
    // CPU time and memory of everything in the sandbox; nothing when it does not run here.
    std::optional<ProcessUsage> usage(const QString &name) const;
    // The TCP ports something in the running sandbox listens on, inside it (Paddock's proxy forwarder
    // excepted); empty when it does not run here.
    QList<int> listeningPorts(const QString &name) const;
    // Makes a port that something in the running sandbox listens on reachable from this computer, at
    // 127.0.0.1:hostPort (0: the same number when it is free here, any free one otherwise), until it is
    // unpublished or the sandbox stops. Returns the host's port; a port published already keeps its own.
    Core::Result<int> publishPort(const QString &name, int sandboxPort, int hostPort = 0);
    Core::Result<> unpublishPort(const QString &name, int sandboxPort);
    QMap<int, int> publishedPorts(const QString &name) const; // the sandbox's port → the host's
    // Published ports are remembered in the sandbox's record and published again when it starts, on the same
    // host port where it is free.
    QStringList runningSandboxes() const;
    QString controlSocketOf(const QString &name) const; // empty when it does not run here

    // Runs one command in the sandbox and returns its exit code: in the running sandbox, or in one started
    // for the command and stopped after it.
    Core::Result<int> exec(const QString &name, const SessionOptions &options,
                           std::shared_ptr<const Core::PolicyMatcher> policy);

    // Where the sandbox's files are on the host: its clone, or the user's folder in direct mode.
    QString workspaceOf(const Core::SandboxRecord &record) const;
    QString cloneDirectory(const QString &name) const;
    // A microVM's clone lives on this disk image (made from cloneDirectory at its first start).
    QString workspaceDiskOf(const QString &name) const;
    // The agent's home, kept between starts until the sandbox is removed: a folder for a namespace sandbox,
    // a disk image for a microVM.
    QString homeOf(const Core::SandboxRecord &record) const;
    QString systemDiskOf(const QString &name) const;
    // Where `paddock image build` puts the microVM guest image.
    static QString guestImageDirectory(const Core::Paths &paths);

Q_SIGNALS:
    void sandboxStarted(const QString &name);
    // reason is empty after stop(); otherwise what ended it (it crashed, its guest exited).
    void sandboxStopped(const QString &name, const QString &reason);
    // A microVM paused because the host's file system is full; it resumes by itself once there is space.
    void sandboxPaused(const QString &name, const QString &reason);
    void sandboxResumed(const QString &name);
    void publishedPortsChanged(const QString &name);

private:
    struct Running
    {
        QString runtime;                                           // the run's runtime folder
        QString control;                                           // the guest's control socket
        Backend *backend;                                          // the one that runs it
        QString note;                                              // what its start said (its state's detail)
        std::map<int, std::unique_ptr<PublishedPort>> published{}; // by the sandbox's port
    };
    Backend &backendFor(Core::SandboxRecord::Backend kind);
    void removeStaleRuntimeFolders() const;
    void forget(const QString &name, const QString &reason);
    void saveState(const QString &name, Core::SandboxRecord::State state, const QString &detail) const;
    void rememberPublishedPorts(const QString &name) const;
    void publishRememberedPorts(const QString &name, const QMap<int, int> &remembered);

    Core::Paths m_paths;
    Proxy::ProxyServer *m_proxy = nullptr;
    std::map<Core::SandboxRecord::Backend, std::unique_ptr<Backend>> m_backends; // made when first used
    SandboxNetworkProvider m_networkProvider;
    std::map<QString, Running> m_running;
    QSet<QString> m_starting; // a start waits for its machine with events handled: not twice at once
};

} // namespace Paddock::Vm
