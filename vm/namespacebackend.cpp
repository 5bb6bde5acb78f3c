#include "vm/namespacebackend.h"

#include "vm/guestimage.h"

#include "vm/backendavailability.h"
#include "vm/bwrapcommand.h"
#include "vm/bwrapprocess.h"
#include "vm/guestagent.h"
#include "vm/seccompfilter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

namespace {

constexpr int startTimeoutMs = 15'000;
constexpr int stopTimeoutMs = 5'000;

} // namespace

NamespaceBackend::~NamespaceBackend()
{
    for (auto &[sandbox, running] : m_running) {
        running.process->disconnect(this);
        running.process->kill(); // --die-with-parent and the PID namespace take every process with it
        running.process->waitForFinished();
        running.agent.reset();
    }
}

Result<StartedSandbox> NamespaceBackend::start(const BackendStart &request)
{
    if (isRunning(request.sandbox))
        return fail(ErrorCode::AlreadyExists, tr("The sandbox \"%1\" runs already.").arg(request.sandbox));
    const QString guest = defaultGuestBinary();
    if (!QFileInfo(guest).isExecutable())
        return fail(ErrorCode::Unavailable, tr("paddock-guest is missing next to paddock (%1).").arg(guest));
    if (auto written = BwrapProcess::writeEtcFiles(request.runtimeDirectory); !written)
        return std::unexpected(written.error());
    const auto seccomp = SeccompFilter::compileToFd();
    if (!seccomp)
        return std::unexpected(seccomp.error());
    const int seccompFd = *seccomp;
    const auto closeSeccomp = qScopeGuard([seccompFd] { ::close(seccompFd); });
    // The agent link: one end for paddock-guest inside, the other for this process (as a microVM's port).
    int link[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, link) != 0)
        return fail(ErrorCode::Io,
                    tr("Cannot make the sandbox's agent link: %1").arg(qt_error_string(errno)));
    auto closeGuestEnd = qScopeGuard([&link] { ::close(link[1]); });
    auto closeHostEnd = qScopeGuard([&link] { ::close(link[0]); });

    NamespaceSandboxSpec spec;
    spec.workspace = request.workspace;
    spec.etcDirectory = request.runtimeDirectory;
    spec.guestBinary = guest;
    spec.seccompFd = seccompFd;
    spec.agentFd = link[1];
    spec.trustBundle = request.trustBundle;
    spec.systemBundle = request.systemBundle;
    spec.caCertificate = request.caCertificate;
    spec.environment = request.environment;
    spec.home = request.home;
    Running running;
    running.process = std::make_unique<QProcess>();
    QProcess &process = *running.process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    const QString log = request.runtimeDirectory + u"/guest.log"_s;
    process.setStandardErrorFile(log);
    BwrapProcess::inheritDescriptors(process, {seccompFd, link[1]});
    // Limits through a systemd scope where possible; otherwise the sandbox runs without and says so.
    QStringList command = QStringList{u"bwrap"_s} + BwrapCommand::arguments(spec);
    StartedSandbox started;
    started.controlSocket = request.runtimeDirectory + u"/control.sock"_s;
    if (request.limits.any()) {
        if (const QString reason = ResourceLimits::unavailableReason(); reason.isEmpty())
            command = request.limits.commandPrefix(::geteuid() == 0) + command;
        else
            started.note = tr("limits not applied: %1").arg(reason);
    }
    process.start(command.takeFirst(), command);
    if (!process.waitForStarted())
        return fail(ErrorCode::Unavailable, tr("Could not start bubblewrap: %1").arg(process.errorString()));
    closeGuestEnd.dismiss();
    ::close(link[1]); // the sandbox holds it now: the link ends when the sandbox does
    // Sessions go through the same agent, bridge and protocol as a microVM's; the environment is bwrap's.
    running.agent =
        std::make_unique<GuestAgent>(GuestAgent::Options{request.proxySocket, started.controlSocket, {}});
    closeHostEnd.dismiss(); // the agent's socket owns it from here
    if (auto ready = running.agent->attachAndWait(link[0], startTimeoutMs); !ready) {
        running.agent.reset();
        process.kill();
        process.waitForFinished();
        QFile file(log);
        QString detail =
            file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.read(2000)).trimmed() : QString();
        // Probed only now, not before every start: a refused user namespace gets its fix named.
        if (const BackendStatus backend = BackendAvailability().namespaceBackend();
            backend.level == BackendStatus::Level::Unavailable)
            detail = backend.detail;
        return fail(ErrorCode::Unavailable, detail.isEmpty() ? ready.error().message : detail);
    }
    const QString sandbox = request.sandbox;
    connect(&process, &QProcess::finished, this, [this, sandbox] {
        const auto it = m_running.find(sandbox);
        if (it == m_running.end())
            return;
        Running ended = std::move(it->second);
        m_running.erase(it);
        ended.agent.reset();
        ended.process.release()->deleteLater(); // it is the sender
        Q_EMIT this->ended(sandbox, tr("The sandbox \"%1\" ended unexpectedly.").arg(sandbox));
    });
    m_running.emplace(sandbox, std::move(running));
    return started;
}

void NamespaceBackend::stop(const QString &sandbox)
{
    const auto it = m_running.find(sandbox);
    if (it == m_running.end())
        return;
    Running running = std::move(it->second);
    m_running.erase(it);
    running.process->disconnect(this);
    // The agent ends every process (SIGHUP and SIGTERM, SIGKILL 3 s later) and itself; bwrap then exits.
    if (!running.agent->shutdown(stopTimeoutMs) || !running.process->waitForFinished(stopTimeoutMs)) {
        running.process->kill(); // --die-with-parent and the PID namespace take every process with it
        running.process->waitForFinished();
    }
    running.agent.reset();
}

std::optional<ProcessUsage> NamespaceBackend::usage(const QString &sandbox) const
{
    const auto running = m_running.find(sandbox);
    if (running == m_running.end())
        return std::nullopt;
    return ProcessUsage::ofTree(running->second.process->processId());
}

QList<int> NamespaceBackend::listeningPorts(const QString &sandbox) const
{
    const auto running = m_running.find(sandbox);
    return running == m_running.end() ? QList<int>() : running->second.agent->listeningPorts();
}

} // namespace Paddock::Vm
