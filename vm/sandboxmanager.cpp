#include "vm/sandboxmanager.h"

#include "core/sandboxstore.h"
#include "core/workspaceclone.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/backendavailability.h"
#include "vm/bwrapcommand.h"
#include "vm/bwrapprocess.h"
#include "vm/seccompfilter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QUuid>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

namespace {

// paddock-guest ships next to the paddock binary (build tree and installation alike).
QString guestBinary()
{
    const QString override = qEnvironmentVariable("PADDOCK_GUEST");
    if (!override.isEmpty())
        return override;
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"paddock-guest"_s);
}

} // namespace

SandboxManager::SandboxManager(Paths paths)
    : m_paths(std::move(paths))
{}

QString SandboxManager::cloneDirectory(const QString &name) const
{
    return m_paths.dataDir() + u"/clones/"_s + name;
}

QString SandboxManager::workspaceOf(const SandboxRecord &record) const
{
    return record.mode == SandboxRecord::Mode::Clone ? cloneDirectory(record.name) : record.workspace;
}

Result<SandboxRecord> SandboxManager::create(const CreateOptions &options)
{
    if (auto valid = SandboxRecord::validateName(options.name); !valid)
        return std::unexpected(valid.error());
    const QFileInfo workspace(options.workspace);
    if (!workspace.isDir())
        return fail(ErrorCode::NotFound, tr("The workspace %1 is not a folder.").arg(options.workspace));
    if (options.backend == SandboxRecord::Backend::MicroVm)
        return fail(ErrorCode::Unavailable,
                    tr("The microVM backend is not available yet; use --backend namespace."));
    SandboxStore store(m_paths.sandboxesDir());
    if (store.find(options.name))
        return fail(
            ErrorCode::AlreadyExists,
            tr("A sandbox named \"%1\" exists already; 'paddock rm %1' removes it.").arg(options.name));

    SandboxRecord record;
    record.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.name = options.name;
    record.workspace = workspace.canonicalFilePath();
    record.templateId = options.templateId;
    record.presetId = options.presetId;
    record.backend = options.backend;
    const bool repository = WorkspaceClone::isRepository(record.workspace);
    record.mode =
        options.mode.value_or(repository ? SandboxRecord::Mode::Clone : SandboxRecord::Mode::Direct);
    record.createdAt = record.updatedAt = QDateTime::currentDateTimeUtc();
    if (record.mode == SandboxRecord::Mode::Clone) {
        record.branch = u"paddock/"_s + record.name;
        QDir().mkpath(QFileInfo(cloneDirectory(record.name)).path());
        // A clone left over from a sandbox whose record was lost is never overwritten: it may hold work.
        if (auto cloned =
                WorkspaceClone::create(record.workspace, cloneDirectory(record.name), record.branch);
            !cloned)
            return std::unexpected(cloned.error());
    }
    if (auto saved = store.save(record); !saved) {
        if (record.mode == SandboxRecord::Mode::Clone)
            QDir(cloneDirectory(record.name)).removeRecursively(); // just made, nothing in it yet
        return std::unexpected(saved.error());
    }
    return record;
}

Result<> SandboxManager::remove(const QString &name, bool force)
{
    SandboxStore store(m_paths.sandboxesDir());
    const auto record = store.find(name);
    if (!record)
        return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(name));
    const QString clone = cloneDirectory(name);
    if (record->mode == SandboxRecord::Mode::Clone && QFileInfo(clone).isDir() && !force) {
        const auto work = WorkspaceClone::hasWorkNotIn(clone, record->workspace);
        if (!work || *work)
            return fail(
                ErrorCode::Conflict,
                tr("The sandbox \"%1\" has commits that are not in %2 yet; removing it would lose them. "
                   "Review and merge them first, or remove it anyway with 'paddock rm --force %1'.")
                    .arg(name, record->workspace));
    }
    if (auto removed = store.remove(name); !removed)
        return removed;
    if (record->mode == SandboxRecord::Mode::Clone)
        QDir(clone).removeRecursively();
    return {};
}

void SandboxManager::removeStaleRuntimeFolders() const
{
    // A Paddock killed with SIGKILL leaves its runtime folder (sandbox-NAME-PID) behind; its sandbox died
    // with it (--die-with-parent). Folders of processes that still run are theirs.
    const QDir runtime(m_paths.runtimeDir());
    for (const QString &entry : runtime.entryList({u"sandbox-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const pid_t pid = entry.section(u'-', -1).toInt(&ok);
        if (ok && pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH)
            QDir(runtime.filePath(entry)).removeRecursively();
    }
}

Result<int> SandboxManager::exec(const QString &name, const QStringList &command,
                                 std::shared_ptr<const PolicyMatcher> policy, DecisionHandler onDecision)
{
    SandboxStore store(m_paths.sandboxesDir());
    const auto record = store.find(name);
    if (!record)
        return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(name));
    if (command.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("No command to run."));
    const QString workspace = workspaceOf(*record);
    if (!QFileInfo(workspace).isDir())
        return fail(ErrorCode::NotFound,
                    tr("The workspace of \"%1\" (%2) is gone; remove the sandbox with 'paddock rm %1'.")
                        .arg(name, workspace));
    const BackendStatus backend = BackendAvailability().namespaceBackend();
    if (backend.level == BackendStatus::Level::Unavailable)
        return fail(ErrorCode::Unavailable, backend.detail);
    const QString guest = guestBinary();
    if (!QFileInfo(guest).isExecutable())
        return fail(ErrorCode::Unavailable, tr("paddock-guest is missing next to paddock (%1).").arg(guest));

    removeStaleRuntimeFolders();
    // Per run: a private runtime folder with the proxy socket and the generated /etc files.
    const QString runtime = m_paths.runtimeDir() + u"/sandbox-"_s + name + u'-' +
                            QString::number(QCoreApplication::applicationPid());
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto cleanRuntime = qScopeGuard([&runtime] { QDir(runtime).removeRecursively(); });
    if (auto written = BwrapProcess::writeEtcFiles(runtime); !written)
        return std::unexpected(written.error());
    Proxy::SystemResolver resolver;
    Proxy::ProxyServer proxy(resolver);
    if (onDecision)
        QObject::connect(&proxy, &Proxy::ProxyServer::decided, &proxy, onDecision, Qt::DirectConnection);
    const QString socket = runtime + u"/proxy.sock"_s;
    if (auto listening = proxy.listenUnix(name, socket, std::move(policy), record->failOpen); !listening)
        return std::unexpected(listening.error());

    const auto seccomp = SeccompFilter::compileToFd();
    if (!seccomp)
        return std::unexpected(seccomp.error());
    const int seccompFd = *seccomp;
    const auto closeSeccomp = qScopeGuard([seccompFd] { ::close(seccompFd); });
    NamespaceSandboxSpec spec;
    spec.workspace = workspace;
    spec.etcDirectory = runtime;
    spec.proxySocket = socket;
    spec.guestBinary = guest;
    spec.seccompFd = seccompFd;
    spec.command = command;
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.setInputChannelMode(QProcess::ForwardedInputChannel);
    BwrapProcess::inheritDescriptor(process, seccompFd);
    process.start(u"bwrap"_s, BwrapCommand::arguments(spec));
    if (!process.waitForStarted())
        return fail(ErrorCode::Unavailable, tr("Could not start bubblewrap: %1").arg(process.errorString()));
    process.waitForFinished(-1); // the proxy serves from its own threads meanwhile
    if (process.exitStatus() != QProcess::NormalExit)
        return fail(ErrorCode::Internal, tr("The sandbox \"%1\" ended abnormally.").arg(name));
    return process.exitCode();
}

} // namespace Paddock::Vm
