#pragma once

#include "core/paths.h"
#include "core/policymatcher.h"
#include "core/result.h"
#include "core/sandboxrecord.h"
#include "proxy/decisionevent.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Paddock::Vm {

// What `paddock create` asks for.
struct CreateOptions
{
    QString name;
    QString workspace;
    QString templateId;
    QString presetId;
    std::optional<Core::SandboxRecord::Mode> mode; // default: clone for a git repository, direct otherwise
    Core::SandboxRecord::Backend backend = Core::SandboxRecord::Backend::Namespace;
};

// Owns the sandboxes' records and workspaces, and runs commands in them with their own proxy listener.
// (The long-running sessions, the control socket and the microVM backend come next; see docs/sandbox.md.)
class SandboxManager
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::SandboxManager)

public:
    explicit SandboxManager(Core::Paths paths);

    Core::Result<Core::SandboxRecord> create(const CreateOptions &options);
    // Refuses, unless force, when the clone holds commits the user's repository does not have yet.
    Core::Result<> remove(const QString &name, bool force);
    // Runs command in a new namespace sandbox of that name, its output on this process's; returns its exit
    // code. All traffic goes through a proxy listener deciding by policy; onDecision sees every decision, on
    // the proxy's threads.
    using DecisionHandler = std::function<void(const Proxy::DecisionEvent &)>;
    Core::Result<int> exec(const QString &name, const QStringList &command,
                           std::shared_ptr<const Core::PolicyMatcher> policy,
                           DecisionHandler onDecision = {});

    // Where the sandbox's files are on the host: its clone, or the user's folder in direct mode.
    QString workspaceOf(const Core::SandboxRecord &record) const;
    QString cloneDirectory(const QString &name) const;

private:
    void removeStaleRuntimeFolders() const;
    Core::Paths m_paths;
};

} // namespace Paddock::Vm
