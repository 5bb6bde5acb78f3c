#include "vm/microvmbackend.h"

#include "vm/bwrapcommand.h"
#include "vm/guestagent.h"
#include "vm/guestimage.h"
#include "vm/guestsession.h"
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

namespace {

constexpr int defaultMemoryMiB = 1024;
constexpr int agentTimeoutKvmMs = 15'000;
constexpr int agentTimeoutTcgMs = 90'000; // an emulated boot on a busy 2-core machine
constexpr int shutdownTimeoutMs = 6'000;  // the guest gives its processes 3 s

// Copies a host file into the running guest through a session (the guest has no share for it).
Result<> copyIntoGuest(const QString &control, const QString &hostFile, const QString &script)
{
    const int input = ::open(QFile::encodeName(hostFile).constData(), O_RDONLY | O_CLOEXEC);
    const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    const auto closeBoth = qScopeGuard([input, devNull] {
        if (input >= 0)
            ::close(input);
        ::close(devNull);
    });
    if (input < 0)
        return fail(ErrorCode::NotFound, MicroVmBackend::tr("Cannot read %1.").arg(hostFile));
    SessionOptions options;
    options.command = {u"/bin/sh"_s, u"-c"_s, u"mkdir -p /run/paddock && "_s + script};
    options.workingDirectory = u"/"_s;
    options.descriptors = {input, devNull, devNull};
    auto session = GuestSession::open(control, options);
    if (!session)
        return std::unexpected(session.error());
    const auto exitCode = (*session)->waitForExit();
    if (!exitCode || *exitCode != 0)
        return fail(ErrorCode::Io, MicroVmBackend::tr("Could not copy %1 into the microVM.").arg(hostFile));
    return {};
}

} // namespace

// TLS interception: the sandbox trusts Paddock's CA, as a namespace sandbox does (BwrapCommand's binds).
Result<> MicroVmBackend::installTrust(const QString &control, const BackendStart &request)
{
    if (!request.trustBundle.isEmpty()) {
        QString script = u"cat > %1"_s.arg(QLatin1StringView(BwrapCommand::trustBundleInSandbox));
        if (request.systemBundle.startsWith(u"/etc/ssl/"_s))
            script += u" && mkdir -p /etc/ssl/certs && cp %1 /etc/ssl/certs/ca-certificates.crt"_s.arg(
                QLatin1StringView(BwrapCommand::trustBundleInSandbox));
        if (auto copied = copyIntoGuest(control, request.trustBundle, script); !copied)
            return copied;
    }
    if (!request.caCertificate.isEmpty())
        return copyIntoGuest(control, request.caCertificate,
                             u"cat > %1"_s.arg(QLatin1StringView(BwrapCommand::caCertificateInSandbox)));
    return {};
}

MicroVmBackend::MicroVmBackend(QString imageDirectory)
    : m_imageDirectory(std::move(imageDirectory))
{}

MicroVmBackend::~MicroVmBackend()
{
    while (!m_running.empty())
        stop(m_running.begin()->first);
}

Result<StartedSandbox> MicroVmBackend::start(const BackendStart &request)
{
    if (isRunning(request.sandbox))
        return fail(ErrorCode::AlreadyExists, tr("The sandbox \"%1\" runs already.").arg(request.sandbox));
    const auto image = GuestImage::findIn(m_imageDirectory);
    if (!image)
        return fail(ErrorCode::Unavailable,
                    tr("There is no microVM guest image of this Paddock version yet; build it with 'paddock "
                       "image build' (it downloads a Debian kernel and busybox)."));
    const Accelerator accelerator = chooseAccelerator();
    MicroVmSpec spec;
    spec.kernel = image->kernel;
    spec.initrd = image->initrd;
    spec.cpus = request.limits.cpus > 0 ? request.limits.cpus : 1;
    spec.memoryMiB = request.limits.memoryMiB > 0 ? request.limits.memoryMiB : defaultMemoryMiB;
    spec.runtimeDirectory = request.runtimeDirectory;
    spec.sharedFolder = request.workspace;
    spec.rootImage = image->root;
    Running running;
    running.machine = std::make_unique<QemuMachine>();
    QemuMachine::Options options;
    options.arguments = microVmArguments(spec, accelerator, hostTscKhz());
    options.runtimeDirectory = request.runtimeDirectory;
    if (auto started = running.machine->start(options); !started)
        return std::unexpected(started.error());

    // Every session gets the sandbox's environment, as bwrap gives it in a namespace sandbox.
    QMap<QString, QString> environment = BwrapCommand::baseEnvironment({});
    environment.insert(u"SHELL"_s, u"/bin/sh"_s);
    environment.insert(u"USER"_s, u"root"_s), environment.insert(u"LOGNAME"_s, u"root"_s);
    environment.insert(request.environment);
    const QString control = QDir(request.runtimeDirectory).filePath(u"control.sock"_s);
    running.agent =
        std::make_unique<GuestAgent>(GuestAgent::Options{request.proxySocket, control, environment});
    const int timeoutMs = accelerator == Accelerator::Kvm ? agentTimeoutKvmMs : agentTimeoutTcgMs;
    if (auto ready = running.agent->connectAndWait(QDir(request.runtimeDirectory).filePath(u"agent.sock"_s),
                                                   timeoutMs);
        !ready) {
        running.machine->stop(0, 1'000);
        QFile console(QDir(request.runtimeDirectory).filePath(u"console.log"_s));
        const QString tail = console.open(QIODevice::ReadOnly)
                                 ? QString::fromUtf8(console.readAll().right(1500)).trimmed()
                                 : QString();
        return fail(ErrorCode::Unavailable,
                    tail.isEmpty() ? ready.error().message : ready.error().message + u"\n"_s + tail);
    }
    if (auto trusted = installTrust(control, request); !trusted) {
        running.agent->shutdown(shutdownTimeoutMs);
        running.machine->stop(0, 1'000);
        return std::unexpected(trusted.error());
    }
    const QString sandbox = request.sandbox;
    connect(running.machine.get(), &QemuMachine::ended, this, [this, sandbox](const QString &reason) {
        const auto it = m_running.find(sandbox);
        if (it == m_running.end())
            return;
        Running ended = std::move(it->second);
        m_running.erase(it);
        ended.agent.reset();
        ended.machine.release()->deleteLater(); // it is the sender
        Q_EMIT this->ended(sandbox, tr("The microVM of \"%1\" ended: %2").arg(sandbox, reason));
    });
    StartedSandbox started;
    started.controlSocket = control;
    if (accelerator == Accelerator::Tcg)
        started.note = tr("emulated (slow): /dev/kvm is not usable here");
    m_running.emplace(sandbox, std::move(running));
    return started;
}

void MicroVmBackend::stop(const QString &sandbox)
{
    const auto it = m_running.find(sandbox);
    if (it == m_running.end())
        return;
    Running running = std::move(it->second);
    m_running.erase(it);
    running.machine->disconnect(this);
    // The guest ends its processes and powers off; QEMU is then quit, or killed, if it is still there.
    running.agent->shutdown(shutdownTimeoutMs);
    running.machine->stop(2'000, 2'000);
    running.agent.reset();
}

std::optional<ProcessUsage> MicroVmBackend::usage(const QString &sandbox) const
{
    const auto running = m_running.find(sandbox);
    if (running == m_running.end())
        return std::nullopt;
    return ProcessUsage::ofTree(running->second.machine->processId());
}

} // namespace Paddock::Vm
