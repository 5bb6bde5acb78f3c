#include "vm/sandboxmanager.h"

#include "core/sandboxstore.h"
#include "core/workspaceclone.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/backendavailability.h"
#include "vm/bwrapcommand.h"
#include "vm/bwrapprocess.h"
#include "vm/resourcelimits.h"
#include "vm/seccompfilter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
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

constexpr int startTimeoutMs = 15'000;
constexpr int stopTimeoutMs = 5'000;

} // namespace

struct SandboxManager::Running
{
    std::unique_ptr<QProcess> process; // bwrap
    QString runtime;                   // the runtime folder, removed when it stops
    QString control;                   // host path of paddock-guest's control socket
    bool stopping = false;
};

SandboxManager::SandboxManager(Paths paths, Proxy::ProxyServer *proxy)
    : m_paths(std::move(paths))
    , m_proxy(proxy)
{}

SandboxManager::~SandboxManager()
{
    stopAll();
}

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
    if (options.cpus < 0 || options.memoryMiB < 0)
        return fail(ErrorCode::InvalidArgument, tr("CPU and memory limits must be positive."));
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
    record.cpus = options.cpus;
    record.memoryMiB = options.memoryMiB;
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
    if (isRunning(name))
        return fail(ErrorCode::Conflict,
                    tr("The sandbox \"%1\" is running; stop it first with 'paddock stop %1'.").arg(name));
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
    return it == m_running.end() ? QString() : it->second->control;
}

Result<QString> SandboxManager::start(const QString &name, std::shared_ptr<const PolicyMatcher> policy)
{
    if (const auto it = m_running.find(name); it != m_running.end())
        return it->second->control;
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
    const BackendStatus backend = BackendAvailability().namespaceBackend();
    if (backend.level == BackendStatus::Level::Unavailable)
        return fail(ErrorCode::Unavailable, backend.detail);
    const QString guest = guestBinary();
    if (!QFileInfo(guest).isExecutable())
        return fail(ErrorCode::Unavailable, tr("paddock-guest is missing next to paddock (%1).").arg(guest));

    removeStaleRuntimeFolders();
    // A private runtime folder: the proxy socket, the generated /etc files, the guest's control socket.
    auto running = std::make_unique<Running>();
    running->runtime = m_paths.runtimeDir() + u"/sb-"_s + record->id.left(12) + u'-' +
                       QString::number(QCoreApplication::applicationPid());
    const QString controlDirectory = running->runtime + u"/control"_s;
    running->control = controlDirectory + u'/' + QLatin1StringView(BwrapCommand::controlSocketName);
    QDir(running->runtime).removeRecursively();
    if (!QDir().mkpath(controlDirectory))
        return fail(ErrorCode::Io, tr("Cannot create the runtime folder %1.").arg(running->runtime));
    QFile::setPermissions(running->runtime,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto cleanUp = qScopeGuard([this, &running, &name] {
        m_proxy->removeSandbox(name);
        if (running->process) {
            running->process->kill();
            running->process->waitForFinished();
        }
        QDir(running->runtime).removeRecursively();
    });
    if (auto written = BwrapProcess::writeEtcFiles(running->runtime); !written)
        return std::unexpected(written.error());
    const QString proxySocket = running->runtime + u"/proxy.sock"_s;
    if (auto listening = m_proxy->listenUnix(name, proxySocket, std::move(policy), record->failOpen);
        !listening)
        return std::unexpected(listening.error());

    const auto seccomp = SeccompFilter::compileToFd();
    if (!seccomp)
        return std::unexpected(seccomp.error());
    const int seccompFd = *seccomp;
    const auto closeSeccomp = qScopeGuard([seccompFd] { ::close(seccompFd); });
    NamespaceSandboxSpec spec;
    spec.workspace = workspace;
    spec.etcDirectory = running->runtime;
    spec.proxySocket = proxySocket;
    spec.guestBinary = guest;
    spec.seccompFd = seccompFd;
    spec.controlDirectory = controlDirectory;
    running->process = std::make_unique<QProcess>();
    QProcess &process = *running->process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardErrorFile(running->runtime + u"/guest.log"_s);
    BwrapProcess::inheritDescriptor(process, seccompFd);
    // Limits through a systemd scope where possible; otherwise the sandbox runs without and says so.
    QStringList command = QStringList{u"bwrap"_s} + BwrapCommand::arguments(spec);
    QString limitsNote;
    const ResourceLimits limits{record->cpus, record->memoryMiB};
    if (limits.any()) {
        if (const QString reason = ResourceLimits::unavailableReason(); reason.isEmpty())
            command = limits.commandPrefix(::geteuid() == 0) + command;
        else
            limitsNote = tr("limits not applied: %1").arg(reason);
    }
    process.start(command.takeFirst(), command);
    if (!process.waitForStarted())
        return fail(ErrorCode::Unavailable, tr("Could not start bubblewrap: %1").arg(process.errorString()));
    // paddock-guest says "ready" once the self-test passed and sessions are accepted.
    QElapsedTimer timer;
    timer.start();
    while (!process.canReadLine() && process.state() == QProcess::Running && timer.elapsed() < startTimeoutMs)
        process.waitForReadyRead(int(startTimeoutMs - timer.elapsed()));
    if (process.readLine().trimmed() != "ready") {
        process.kill();
        process.waitForFinished();
        QFile log(running->runtime + u"/guest.log"_s);
        QString detail =
            log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.read(2000)).trimmed() : QString();
        if (detail.isEmpty())
            detail = tr("it did not become ready within %1 seconds").arg(startTimeoutMs / 1000);
        saveState(name, SandboxRecord::State::Failed, detail);
        return fail(ErrorCode::Unavailable, tr("The sandbox \"%1\" did not start: %2").arg(name, detail));
    }
    cleanUp.dismiss();
    connect(&process, &QProcess::finished, this, [this, name] {
        const auto it = m_running.find(name);
        if (it != m_running.end() && !it->second->stopping)
            forget(name, tr("The sandbox \"%1\" ended unexpectedly.").arg(name));
    });
    const QString control = running->control;
    m_running.emplace(name, std::move(running));
    saveState(name, SandboxRecord::State::Running, limitsNote);
    Q_EMIT sandboxStarted(name);
    return control;
}

Result<> SandboxManager::stop(const QString &name)
{
    const auto it = m_running.find(name);
    if (it == m_running.end())
        return fail(ErrorCode::NotFound, tr("The sandbox \"%1\" is not running.").arg(name));
    Running &running = *it->second;
    running.stopping = true;
    // The guest ends every process (SIGTERM, SIGKILL 3 s later) and itself; bwrap then exits.
    const auto shutdown = GuestSession::shutdown(running.control, stopTimeoutMs);
    if (!shutdown || !running.process->waitForFinished(stopTimeoutMs)) {
        running.process->kill(); // --die-with-parent and the PID namespace take every process with it
        running.process->waitForFinished();
    }
    forget(name, {});
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
    std::unique_ptr<Running> running = std::move(it->second);
    m_running.erase(it);
    if (m_proxy)
        m_proxy->removeSandbox(name);
    running->process->disconnect(this);
    if (running->process->state() != QProcess::NotRunning) {
        running->process->kill();
        running->process->waitForFinished();
    }
    QDir(running->runtime).removeRecursively();
    saveState(name, reason.isEmpty() ? SandboxRecord::State::Stopped : SandboxRecord::State::Failed, reason);
    // The QProcess may be the sender of the signal that brought us here.
    running->process.release()->deleteLater();
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
