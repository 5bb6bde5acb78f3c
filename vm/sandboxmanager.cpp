#include "vm/sandboxmanager.h"

#include "core/policyfile.h"
#include "core/sandboxstore.h"
#include "core/workspaceclone.h"
#include "proxy/proxyserver.h"
#include "vm/backendavailability.h"
#include "vm/microvmbackend.h"
#include "vm/namespacebackend.h"
#include "vm/resourcelimits.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QUuid>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

SandboxManager::SandboxManager(Paths paths, Proxy::ProxyServer *proxy)
    : m_paths(std::move(paths))
    , m_proxy(proxy)
{}

QString SandboxManager::guestImageDirectory(const Paths &paths)
{
    return paths.dataDir() + u"/guest-image"_s;
}

Backend &SandboxManager::backendFor(SandboxRecord::Backend kind)
{
    auto &backend = m_backends[kind];
    if (!backend) {
        if (kind == SandboxRecord::Backend::MicroVm)
            backend = std::make_unique<MicroVmBackend>(guestImageDirectory(m_paths));
        else
            backend = std::make_unique<NamespaceBackend>();
        connect(backend.get(), &Backend::ended, this, &SandboxManager::forget);
        connect(backend.get(), &Backend::paused, this, [this](const QString &name, const QString &reason) {
            if (!m_running.contains(name))
                return;
            saveState(name, SandboxRecord::State::Running, reason);
            Q_EMIT sandboxPaused(name, reason);
        });
        connect(backend.get(), &Backend::resumed, this, [this](const QString &name) {
            const auto it = m_running.find(name);
            if (it == m_running.end())
                return;
            saveState(name, SandboxRecord::State::Running, it->second.note);
            Q_EMIT sandboxResumed(name);
        });
    }
    return *backend;
}

SandboxManager::~SandboxManager()
{
    stopAll();
}

QString SandboxManager::cloneDirectory(const QString &name) const
{
    return m_paths.dataDir() + u"/clones/"_s + name;
}

QString SandboxManager::workspaceDiskOf(const QString &name) const
{
    return cloneDirectory(name) + u".ext4"_s;
}

QString SandboxManager::homeOf(const SandboxRecord &record) const
{
    const QString home = m_paths.dataDir() + u"/homes/"_s + record.name;
    return record.backend == SandboxRecord::Backend::MicroVm ? home + u".ext4"_s : home;
}

QString SandboxManager::systemDiskOf(const QString &name) const
{
    return m_paths.dataDir() + u"/systems/"_s + name + u".qcow2"_s;
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
    if (options.cpus < 0 || options.memoryMiB < 0 || options.diskMiB < 0)
        return fail(ErrorCode::InvalidArgument, tr("CPU, memory and disk sizes must be positive."));
    if (options.diskMiB > 0 && options.backend != SandboxRecord::Backend::MicroVm)
        return fail(ErrorCode::InvalidArgument,
                    tr("A disk size is for microVMs; a namespace sandbox works on your own disk."));
    if (options.backend == SandboxRecord::Backend::MicroVm &&
        BackendAvailability().microVmBackend().level == BackendStatus::Level::Unavailable)
        return fail(ErrorCode::Unavailable, BackendAvailability().microVmBackend().detail);
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
    record.cpus = options.cpus;
    record.memoryMiB = options.memoryMiB;
    record.diskMiB = options.diskMiB;
    const bool repository = WorkspaceClone::isRepository(record.workspace);
    record.mode =
        options.mode.value_or(repository ? SandboxRecord::Mode::Clone : SandboxRecord::Mode::Direct);
    record.createdAt = record.updatedAt = QDateTime::currentDateTimeUtc();
    if (record.mode == SandboxRecord::Mode::Direct) { // read now, before the agent can write the folder
        const auto project = PolicyFile::load(PolicyFile::projectFileIn(record.workspace));
        if (!project)
            return std::unexpected(project.error());
        for (const PolicyRule &rule : project->rules)
            record.projectRules.append(rule.toString());
    }
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
    if (isRunning(name) || m_starting.contains(name))
        return fail(ErrorCode::Conflict,
                    tr("The sandbox \"%1\" is running; stop it first with 'paddock stop %1'.").arg(name));
    const QString clone = cloneDirectory(name);
    // A microVM's disk written after its branches were last brought back (it crashed, or the fetch failed)
    // may hold commits the host clone lacks.
    const QFileInfo disk(workspaceDiskOf(name)), fetched(workspaceDiskOf(name) + u".fetched"_s);
    if (record->mode == SandboxRecord::Mode::Clone && disk.exists() && !force &&
        (!fetched.exists() || disk.lastModified() > fetched.lastModified()))
        return fail(
            ErrorCode::Conflict,
            tr("The microVM disk of \"%1\" may hold commits that were not brought back; start and stop "
               "it once to bring them back, or remove it anyway with 'paddock rm --force %1'.")
                .arg(name));
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
    const QString home = homeOf(*record);
    if (QFileInfo(home).isDir())
        QDir(home).removeRecursively();
    else
        QFile::remove(home);
    QFile::remove(systemDiskOf(name));
    if (record->mode == SandboxRecord::Mode::Clone) {
        QDir(clone).removeRecursively();
        QFile::remove(workspaceDiskOf(name));
        QFile::remove(workspaceDiskOf(name) + u".fetched"_s);
    }
    return {};
}

void SandboxManager::removeStaleRuntimeFolders() const
{
    // A Paddock killed with SIGKILL leaves its runtime folders (sb-ID-PID) behind; their sandboxes died with
    // it (--die-with-parent). Folders of processes that still run are theirs.
    const QDir runtime(m_paths.runtimeDir());
    for (const QString &entry : runtime.entryList({u"sb-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const pid_t pid = entry.section(u'-', -1).toInt(&ok);
        if (ok && pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH)
            QDir(runtime.filePath(entry)).removeRecursively();
    }
}

void SandboxManager::saveState(const QString &name, SandboxRecord::State state, const QString &detail) const
{
    SandboxStore store(m_paths.sandboxesDir());
    auto record = store.find(name);
    if (!record)
        return;
    record->state = state;
    record->stateDetail = detail;
    record->updatedAt = QDateTime::currentDateTimeUtc();
    store.save(*record); // a state that cannot be saved is shown as stopped after a restart: harmless
}

bool SandboxManager::isRunning(const QString &name) const
{
    return m_running.contains(name);
}

std::optional<ProcessUsage> SandboxManager::usage(const QString &name) const
{
    const auto it = m_running.find(name);
    return it == m_running.end() ? std::nullopt : it->second.backend->usage(name);
}

QList<int> SandboxManager::listeningPorts(const QString &name) const
{
    const auto it = m_running.find(name);
    return it == m_running.end() ? QList<int>() : it->second.backend->listeningPorts(name);
}

Result<int> SandboxManager::publishPort(const QString &name, int sandboxPort, int hostPort)
{
    const auto it = m_running.find(name);
    if (it == m_running.end())
        return fail(ErrorCode::NotFound, tr("The sandbox \"%1\" is not running.").arg(name));
    if (const auto published = it->second.published.find(sandboxPort);
        published != it->second.published.end())
        return published->second->hostPort();
    auto port = PublishedPort::open(it->second.control, sandboxPort, hostPort);
    if (!port)
        return std::unexpected(port.error());
    const int opened = (*port)->hostPort();
    it->second.published.emplace(sandboxPort, std::move(*port));
    rememberPublishedPorts(name);
    Q_EMIT publishedPortsChanged(name);
    return opened;
}

void SandboxManager::rememberPublishedPorts(const QString &name) const
{
    SandboxStore store(m_paths.sandboxesDir());
    auto record = store.find(name);
    if (!record)
        return;
    record->publishedPorts = publishedPorts(name);
    store.save(*record); // not remembered, it is only not published again at the next start
}

void SandboxManager::publishRememberedPorts(const QString &name, const QMap<int, int> &remembered)
{
    for (auto it = remembered.cbegin(); it != remembered.cend(); ++it) {
        if (!publishPort(name, it.key(), it.value()))
            (void)publishPort(name, it.key()); // its host port is taken now: any free one
    }
}

Result<> SandboxManager::unpublishPort(const QString &name, int sandboxPort)
{
    const auto it = m_running.find(name);
    if (it == m_running.end() || it->second.published.erase(sandboxPort) == 0)
        return fail(ErrorCode::NotFound,
                    tr("Port %1 of \"%2\" is not published.").arg(sandboxPort).arg(name));
    rememberPublishedPorts(name);
    Q_EMIT publishedPortsChanged(name);
    return {};
}

QMap<int, int> SandboxManager::publishedPorts(const QString &name) const
{
    QMap<int, int> ports;
    if (const auto it = m_running.find(name); it != m_running.end()) {
        for (const auto &[sandboxPort, published] : it->second.published)
            ports.insert(sandboxPort, published->hostPort());
    }
    return ports;
}

QStringList SandboxManager::runningSandboxes() const
{
    QStringList names;
    for (const auto &[name, running] : m_running)
        names << name;
    return names;
}

QString SandboxManager::controlSocketOf(const QString &name) const
{
    const auto it = m_running.find(name);
    return it == m_running.end() ? QString() : it->second.control;
}

Result<QString> SandboxManager::start(const QString &name, std::shared_ptr<const PolicyMatcher> policy)
{
    if (const auto it = m_running.find(name); it != m_running.end())
        return it->second.control;
    if (m_starting.contains(name))
        return fail(ErrorCode::Conflict,
                    tr("The sandbox \"%1\" is starting; try again once it has started.").arg(name));
    m_starting.insert(name);
    const auto notStarting = qScopeGuard([this, name] { m_starting.remove(name); });
    SandboxStore store(m_paths.sandboxesDir());
    const auto record = store.find(name);
    if (!record)
        return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(name));
    if (!m_proxy)
        return fail(ErrorCode::Internal,
                    tr("This Paddock process cannot start sandboxes (it has no proxy)."));
    const QString workspace = workspaceOf(*record);
    if (!QFileInfo(workspace).isDir())
        return fail(ErrorCode::NotFound,
                    tr("The workspace of \"%1\" (%2) is gone; remove the sandbox with 'paddock rm %1'.")
                        .arg(name, workspace));

    removeStaleRuntimeFolders();
    // A private runtime folder for this run: the proxy socket and what the backend keeps there.
    BackendStart request;
    request.sandbox = name;
    request.workspace = workspace;
    if (record->mode == SandboxRecord::Mode::Clone && record->backend == SandboxRecord::Backend::MicroVm)
        request.workspaceDisk = workspaceDiskOf(name);
    request.runtimeDirectory = m_paths.runtimeDir() + u"/sb-"_s + record->id.left(12) + u'-' +
                               QString::number(QCoreApplication::applicationPid());
    request.proxySocket = request.runtimeDirectory + u"/proxy.sock"_s;
    request.limits = ResourceLimits{record->cpus, record->memoryMiB};
    request.diskMiB = record->diskMiB;
    request.home = homeOf(*record);
    if (record->backend == SandboxRecord::Backend::MicroVm)
        request.systemDisk = systemDiskOf(name);
    if (record->backend == SandboxRecord::Backend::Namespace) { // a microVM's disk is made by its backend
        if (!QDir().mkpath(request.home))
            return fail(ErrorCode::Io, tr("Cannot create the agent's home %1.").arg(request.home));
        QFile::setPermissions(request.home,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    QDir(request.runtimeDirectory).removeRecursively();
    if (!QDir().mkpath(request.runtimeDirectory))
        return fail(ErrorCode::Io, tr("Cannot create the runtime folder %1.").arg(request.runtimeDirectory));
    QFile::setPermissions(request.runtimeDirectory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto cleanUp = qScopeGuard([this, &request, &name] {
        m_proxy->removeSandbox(name);
        QDir(request.runtimeDirectory).removeRecursively();
    });
    const std::shared_ptr<const PolicyMatcher> startPolicy = policy;
    if (auto listening = m_proxy->listenUnix(name, request.proxySocket, std::move(policy), record->failOpen);
        !listening)
        return std::unexpected(listening.error());
    m_proxy->setStartingUp(name, true);
    QString note;
    if (m_networkProvider) {
        auto network = m_networkProvider(*record, workspace, startPolicy.get());
        if (!network)
            return fail(network.error().code,
                        tr("The sandbox \"%1\" did not start: %2").arg(name, network.error().message));
        if (network->inspection)
            m_proxy->setInspection(name, network->inspection);
        request.trustBundle = network->trustBundle;
        request.systemBundle = network->systemBundle;
        request.caCertificate = network->caCertificate;
        request.environment = network->environment;
        note = network->note;
    }
    Backend &backend = backendFor(record->backend);
    const auto started = backend.start(request);
    if (!started) {
        saveState(name, SandboxRecord::State::Failed, started.error().message);
        return fail(started.error().code,
                    tr("The sandbox \"%1\" did not start: %2").arg(name, started.error().message));
    }
    cleanUp.dismiss();
    m_proxy->setStartingUp(name, false); // the self-test passed: from here on, requests are the agent's
    QStringList notes{note, started->note};
    notes.removeAll(QString());
    m_running.emplace(
        name, Running{request.runtimeDirectory, started->controlSocket, &backend, notes.join(u"; "_s)});
    saveState(name, SandboxRecord::State::Running, notes.join(u"; "_s));
    publishRememberedPorts(name, record->publishedPorts);
    Q_EMIT sandboxStarted(name);
    return started->controlSocket;
}

Result<> SandboxManager::bringBranchesBack(const QString &name)
{
    const auto it = m_running.find(name);
    if (it == m_running.end())
        return {};
    if (auto fetched = it->second.backend->fetchBranches(name, cloneDirectory(name)); !fetched)
        return fail(fetched.error().code,
                    tr("The branches of \"%1\" could not be brought back for review: %2")
                        .arg(name, fetched.error().message));
    return {};
}

Result<> SandboxManager::stop(const QString &name)
{
    const auto it = m_running.find(name);
    if (it == m_running.end())
        return fail(ErrorCode::NotFound, tr("The sandbox \"%1\" is not running.").arg(name));
    // A clone that lives in the sandbox (a microVM's disk) comes back first, for the review; it stays on that
    // disk either way, so a failure here loses nothing and the next stop tries again.
    const auto fetched = it->second.backend->fetchBranches(name, cloneDirectory(name));
    // The fetch waits in an event loop, where the machine may have ended or been stopped meanwhile.
    if (const auto still = m_running.find(name); still != m_running.end())
        still->second.backend->stop(name);
    else
        return fetched;
    forget(name, {});
    if (fetched && QFileInfo::exists(workspaceDiskOf(name))) { // after the machine's last write to it
        QFile marker(workspaceDiskOf(name) + u".fetched"_s);
        marker.open(QIODevice::WriteOnly); // its time stamp is what counts
    }
    if (!fetched)
        return fail(
            fetched.error().code,
            tr("The sandbox \"%1\" stopped, but its branches could not be brought back for review: %2")
                .arg(name, fetched.error().message));
    return {};
}

void SandboxManager::stopAll()
{
    for (const QString &name : runningSandboxes())
        stop(name);
}

void SandboxManager::forget(const QString &name, const QString &reason)
{
    const auto it = m_running.find(name);
    if (it == m_running.end())
        return;
    const QString runtime = it->second.runtime;
    const bool hadPublished = !it->second.published.empty();
    m_running.erase(it); // closes its published ports
    if (hadPublished)
        Q_EMIT publishedPortsChanged(name);
    if (m_proxy)
        m_proxy->removeSandbox(name);
    QDir(runtime).removeRecursively();
    saveState(name, reason.isEmpty() ? SandboxRecord::State::Stopped : SandboxRecord::State::Failed, reason);
    Q_EMIT sandboxStopped(name, reason);
}

Result<int> SandboxManager::exec(const QString &name, const SessionOptions &options,
                                 std::shared_ptr<const PolicyMatcher> policy)
{
    if (options.command.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("No command to run."));
    const bool startedHere = !isRunning(name);
    const auto control = start(name, std::move(policy));
    if (!control)
        return std::unexpected(control.error());
    const auto stopAfter = qScopeGuard([this, &name, startedHere] {
        if (startedHere)
            stop(name);
    });
    auto session = GuestSession::open(*control, options);
    if (!session)
        return std::unexpected(session.error());
    return (*session)->waitForExit();
}

} // namespace Paddock::Vm
