#include "vm/namespacebackend.h"

#include "vm/guestimage.h"

#include "vm/backendavailability.h"
#include "vm/bwrapcommand.h"
#include "vm/bwrapprocess.h"
#include "vm/guest/listeningports.h"
#include "vm/guestsession.h"
#include "vm/seccompfilter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

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
        running.stopping = true;
        running.process->kill(); // --die-with-parent and the PID namespace take every process with it
        running.process->waitForFinished();
    }
}

Result<StartedSandbox> NamespaceBackend::start(const BackendStart &request)
{
    if (isRunning(request.sandbox))
        return fail(ErrorCode::AlreadyExists, tr("The sandbox \"%1\" runs already.").arg(request.sandbox));
    const QString guest = defaultGuestBinary();
    if (!QFileInfo(guest).isExecutable())
        return fail(ErrorCode::Unavailable, tr("paddock-guest is missing next to paddock (%1).").arg(guest));
    const QString controlDirectory = request.runtimeDirectory + u"/control"_s;
    if (!QDir().mkpath(controlDirectory))
        return fail(ErrorCode::Io, tr("Cannot create %1.").arg(controlDirectory));
    if (auto written = BwrapProcess::writeEtcFiles(request.runtimeDirectory); !written)
        return std::unexpected(written.error());
    const auto seccomp = SeccompFilter::compileToFd();
    if (!seccomp)
        return std::unexpected(seccomp.error());
    const int seccompFd = *seccomp;
    const auto closeSeccomp = qScopeGuard([seccompFd] { ::close(seccompFd); });

    NamespaceSandboxSpec spec;
    spec.workspace = request.workspace;
    spec.etcDirectory = request.runtimeDirectory;
    spec.proxySocket = request.proxySocket;
    spec.guestBinary = guest;
    spec.seccompFd = seccompFd;
    spec.controlDirectory = controlDirectory;
    spec.trustBundle = request.trustBundle;
    spec.systemBundle = request.systemBundle;
    spec.caCertificate = request.caCertificate;
    spec.environment = request.environment;
    spec.home = request.home;
    auto process = std::make_unique<QProcess>();
    process->setStandardInputFile(QProcess::nullDevice());
    const QString log = request.runtimeDirectory + u"/guest.log"_s;
    process->setStandardErrorFile(log);
    BwrapProcess::inheritDescriptor(*process, seccompFd);
    // Limits through a systemd scope where possible; otherwise the sandbox runs without and says so.
    QStringList command = QStringList{u"bwrap"_s} + BwrapCommand::arguments(spec);
    StartedSandbox started;
    started.controlSocket = controlDirectory + u'/' + QLatin1StringView(BwrapCommand::controlSocketName);
    if (request.limits.any()) {
        if (const QString reason = ResourceLimits::unavailableReason(); reason.isEmpty())
            command = request.limits.commandPrefix(::geteuid() == 0) + command;
        else
            started.note = tr("limits not applied: %1").arg(reason);
    }
    process->start(command.takeFirst(), command);
    if (!process->waitForStarted())
        return fail(ErrorCode::Unavailable, tr("Could not start bubblewrap: %1").arg(process->errorString()));
    // paddock-guest says "ready" once the self-test passed and sessions are accepted.
    QElapsedTimer timer;
    timer.start();
    while (!process->canReadLine() && process->state() == QProcess::Running &&
           timer.elapsed() < startTimeoutMs)
        process->waitForReadyRead(int(startTimeoutMs - timer.elapsed()));
    if (process->readLine().trimmed() != "ready") {
        process->kill();
        process->waitForFinished();
        QFile file(log);
        QString detail =
            file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.read(2000)).trimmed() : QString();
        // Probed only now, not before every start: a refused user namespace gets its fix named.
        if (const BackendStatus backend = BackendAvailability().namespaceBackend();
            backend.level == BackendStatus::Level::Unavailable)
            detail = backend.detail;
        if (detail.isEmpty())
            detail = tr("it did not become ready within %1 seconds").arg(startTimeoutMs / 1000);
        return fail(ErrorCode::Unavailable, detail);
    }
    const QString sandbox = request.sandbox;
    connect(process.get(), &QProcess::finished, this, [this, sandbox] {
        const auto it = m_running.find(sandbox);
        if (it == m_running.end() || it->second.stopping)
            return;
        it->second.process.release()->deleteLater(); // it is the sender
        m_running.erase(it);
        Q_EMIT ended(sandbox, tr("The sandbox \"%1\" ended unexpectedly.").arg(sandbox));
    });
    m_running.emplace(sandbox, Running{std::move(process), started.controlSocket, false});
    return started;
}

void NamespaceBackend::stop(const QString &sandbox)
{
    const auto it = m_running.find(sandbox);
    if (it == m_running.end())
        return;
    Running &running = it->second;
    running.stopping = true;
    // The guest ends every process (SIGTERM, SIGKILL 3 s later) and itself; bwrap then exits.
    const auto shutdown = GuestSession::shutdown(running.control, stopTimeoutMs);
    if (!shutdown || !running.process->waitForFinished(stopTimeoutMs)) {
        running.process->kill(); // --die-with-parent and the PID namespace take every process with it
        running.process->waitForFinished();
    }
    running.process->disconnect(this);
    m_running.erase(it);
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
    if (running == m_running.end())
        return {};
    // bwrap's child is inside the sandbox's network namespace (bwrap itself is not): its /proc net tables
    // are the sandbox's.
    const QList<qint64> inside = childProcesses(running->second.process->processId());
    if (inside.isEmpty())
        return {};
    QList<int> ports;
    for (int port : Guest::listeningPorts(QStringLiteral("/proc/%1/net").arg(inside.first()).toStdString()))
        if (port != BwrapCommand::proxyPort) // Paddock's own forwarder to the proxy
            ports << port;
    return ports;
}

} // namespace Paddock::Vm
