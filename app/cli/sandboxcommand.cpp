#include "app/cli/sandboxcommand.h"

#include "app/cli/imagecommand.h"
#include "app/cli/policycommand.h"
#include "app/host/controlclient.h"
#include "app/host/sandboxhost.h"
#include "core/agentlaunch.h"
#include "core/presetcatalog.h"
#include "core/sandboxstore.h"
#include "core/templatecatalog.h"
#include "core/workspaceclone.h"
#include "vm/guest/sessionattachment.h"
#include "vm/guestsession.h"
#include "vm/resourcelimits.h"
#include "vm/sandboxmanager.h"

#include <QDir>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <functional>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

int CreateCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox's name; its branch is paddock/NAME."));
    const QCommandLineOption workspace(u"workspace"_s, tr("The project folder."), u"DIR"_s);
    const QCommandLineOption agent(u"template"_s, tr("The agent template ('paddock template ls')."), u"ID"_s,
                                   u"shell"_s);
    const QCommandLineOption preset(
        u"policy"_s, tr("The network policy preset: %1.").arg(PresetCatalog::ids().join(u", "_s)),
        u"PRESET"_s);
    const QCommandLineOption mode(u"mode"_s, tr("clone (default for git repositories) or direct."),
                                  u"MODE"_s);
    const QCommandLineOption backend(u"backend"_s, tr("namespace (default) or microvm."), u"BACKEND"_s,
                                     u"namespace"_s);
    const QCommandLineOption cpus(u"cpus"_s, tr("At most this many CPUs (where cgroup limits are possible)."),
                                  u"N"_s);
    const QCommandLineOption memory(u"memory"_s, tr("At most this much memory, e.g. 4G or 512M."), u"SIZE"_s);
    const QCommandLineOption disk(
        u"disk"_s, tr("A microVM clone's own disk, e.g. 64G (sparse; default 32G)."), u"SIZE"_s);
    parser.addOptions({workspace, agent, preset, mode, backend, cpus, memory, disk});
    if (auto exit = parseOrExit(parser, u"create"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock create' needs one sandbox name."));
    if (!parser.isSet(workspace))
        return usageError(io, tr("'paddock create' needs --workspace DIR."));
    Vm::CreateOptions options;
    options.name = parser.positionalArguments().first();
    options.workspace = QDir(parser.value(workspace)).absolutePath();
    options.templateId = parser.value(agent);
    options.presetId = parser.value(preset);
    if (!options.presetId.isEmpty() && !PresetCatalog::ids().contains(options.presetId))
        return usageError(io, tr("--policy must be one of: %1.").arg(PresetCatalog::ids().join(u", "_s)));
    if (parser.isSet(mode)) {
        options.mode = SandboxRecord::modeFromName(parser.value(mode));
        if (!options.mode)
            return usageError(io, tr("--mode must be clone or direct."));
    }
    const auto chosenBackend = SandboxRecord::backendFromName(parser.value(backend));
    if (!chosenBackend)
        return usageError(io, tr("--backend must be namespace or microvm."));
    options.backend = *chosenBackend;
    if (parser.isSet(cpus)) {
        bool ok = false;
        options.cpus = parser.value(cpus).toInt(&ok);
        if (!ok || options.cpus < 1 || options.cpus > 1024)
            return usageError(io, tr("--cpus must be a whole number of CPUs, at least 1."));
    }
    if (parser.isSet(memory)) {
        const auto mib = Vm::ResourceLimits::parseMemoryMiB(parser.value(memory));
        if (!mib || *mib < 64)
            return usageError(io, tr("--memory must be a size of at least 64M, such as 512M or 4G."));
        options.memoryMiB = *mib;
    }
    if (parser.isSet(disk)) {
        const auto mib = Vm::ResourceLimits::parseMemoryMiB(parser.value(disk));
        if (!mib || *mib < 256)
            return usageError(io, tr("--disk must be a size of at least 256M, such as 64G."));
        options.diskMiB = *mib;
    }

    Vm::SandboxManager manager(m_paths);
    const auto record = manager.create(options);
    if (!record)
        return failure(io, record.error().message);
    io.out << tr("Created sandbox \"%1\" (%2 mode).").arg(record->name, SandboxRecord::modeName(record->mode))
           << u'\n';
    if (record->mode == SandboxRecord::Mode::Clone) {
        io.out << tr("The agent works on branch %1 in %2.").arg(record->branch, manager.workspaceOf(*record))
               << u'\n';
        if (WorkspaceClone::hasUncommittedChanges(record->workspace).value_or(false))
            io.err
                << tr("paddock: note: %1 has uncommitted changes; the sandbox starts from the last commit.")
                       .arg(record->workspace)
                << u'\n';
    }
    if (record->cpus > 0 || record->memoryMiB > 0) {
        if (const QString reason = Vm::ResourceLimits::unavailableReason(); !reason.isEmpty())
            io.err << tr("paddock: note: the CPU and memory limits cannot be applied on this machine (%1); "
                         "the sandbox will run without them.")
                          .arg(reason)
                   << u'\n';
    }
    io.out.flush();
    io.err.flush();
    return ExitOk;
}

namespace {

// Where a command reaches a sandbox: through the Paddock process that hosts sandboxes, or, when none runs,
// by hosting it here for as long as the command runs (and stopping it cleanly after).
class SandboxAccess
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::SandboxAccess)

public:
    explicit SandboxAccess(const Paths &paths)
        : m_paths(paths)
    {}

    Result<QString> controlSocket(const QString &name)
    {
        if (!SandboxStore(m_paths.sandboxesDir()).find(name))
            return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(name));
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (auto client = ControlClient::connectToHost(m_paths)) {
                const auto reply = client->request({{u"op"_s, u"start"_s}, {u"name"_s, name}});
                if (!reply)
                    return std::unexpected(reply.error());
                return reply->value(u"control"_s).toString();
            }
            m_host = std::make_unique<SandboxHost>(m_paths);
            const auto opened = m_host->open();
            if (opened)
                return m_host->start(name);
            m_host.reset();
            if (opened.error().code != ErrorCode::AlreadyExists) // else another one just took it: ask it
                return std::unexpected(opened.error());
        }
        return fail(ErrorCode::Unavailable, tr("Cannot reach the Paddock process that hosts sandboxes."));
    }

private:
    Paths m_paths;
    std::unique_ptr<SandboxHost> m_host; // stops what it started when the command ends
};

// SIGINT, SIGTERM and SIGHUP sent to this process, delivered to onSignal through the event loop (a self-pipe:
// the handler only writes a byte). While it lives, those signals no longer end the process.
class SignalPipe
{
public:
    explicit SignalPipe(std::function<void(int)> onSignal)
    {
        ::pipe2(s_pipe, O_CLOEXEC | O_NONBLOCK);
        m_notifier = std::make_unique<QSocketNotifier>(s_pipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                         [onSignal = std::move(onSignal)] {
                             unsigned char signal;
                             while (::read(s_pipe[0], &signal, 1) == 1)
                                 onSignal(signal);
                         });
        struct sigaction action
        {
        };
        action.sa_handler = [](int signal) {
            const auto byte = static_cast<unsigned char>(signal);
            [[maybe_unused]] auto written = ::write(s_pipe[1], &byte, 1);
        };
        for (int signal : {SIGINT, SIGTERM, SIGHUP})
            ::sigaction(signal, &action, nullptr);
    }
    ~SignalPipe()
    {
        for (int signal : {SIGINT, SIGTERM, SIGHUP})
            ::signal(signal, SIG_DFL);
        m_notifier.reset();
        ::close(s_pipe[0]);
        ::close(s_pipe[1]);
    }

private:
    static inline int s_pipe[2] = {-1, -1}; // one per process: signal handlers are
    std::unique_ptr<QSocketNotifier> m_notifier;
};

// Runs command in the sandbox with this process's streams attached; returns the exit code to exit with.
int runSession(const Paths &paths, const QString &name, const QStringList &command,
               const QMap<QString, QString> &environment, bool terminal, bool attachInput, CliIo &io)
{
    if (auto image = ImageCommand::buildOnFirstUse(paths, name, io); !image) // before the terminal goes raw
        return CliCommand::failure(io, image.error().message);
    std::string error;
    const auto attachment = terminal ? Guest::SessionAttachment::terminal(error)
                                     : Guest::SessionAttachment::pipes(attachInput || !::isatty(0), error);
    if (!attachment)
        return CliCommand::failure(io, QString::fromStdString(error));
    SandboxAccess access(paths);
    const auto control = access.controlSocket(name);
    if (!control)
        return CliCommand::failure(io, control.error().message);
    Vm::SessionOptions options;
    options.command = command;
    options.environment = environment;
    options.terminal = terminal;
    options.descriptors = attachment->sessionDescriptors();
    if (terminal && !qEnvironmentVariableIsEmpty("TERM"))
        options.environment.insert(u"TERM"_s, qEnvironmentVariable("TERM"));
    const auto session = Vm::GuestSession::open(*control, options);
    if (!session)
        return CliCommand::failure(io, session.error().message);
    attachment->sessionStarted((*session)->connection());
    Vm::GuestSession &running = **session;
    const SignalPipe forwarder([&running](int signal) { running.sendSignal(signal); });
    const auto exitCode = (*session)->waitForExit();
    attachment->finish();
    if (!exitCode)
        return CliCommand::failure(io, exitCode.error().message);
    return *exitCode;
}

} // namespace

int ExecCommand::run(const QStringList &args, CliIo &io)
{
    // Everything after "--" is the command, untouched by option parsing.
    const qsizetype separator = args.indexOf(u"--"_s);
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox."));
    parser.addPositionalArgument(u"command"_s, tr("The command and its arguments, after --."),
                                 u"-- COMMAND…"_s);
    const QCommandLineOption interactive(QStringList{u"i"_s, u"interactive"_s},
                                         tr("Pass this terminal's input on (piped input always is)."));
    const QCommandLineOption tty(QStringList{u"t"_s, u"tty"_s},
                                 tr("Give the command a terminal (a PTY of its own) connected to this one."));
    parser.addOptions({interactive, tty});
    if (auto exit = parseOrExit(parser, u"exec"_s, separator < 0 ? args : args.first(separator), io))
        return *exit;
    if (parser.positionalArguments().size() != 1 || separator < 0 || separator + 1 >= args.size())
        return usageError(io, tr("usage: paddock exec [-i] [-t] NAME -- COMMAND [ARG...]"));
    return runSession(m_paths, parser.positionalArguments().first(), args.mid(separator + 1), {},
                      parser.isSet(tty), parser.isSet(interactive), io);
}

int RunCommand::run(const QStringList &args, CliIo &io)
{
    QString name;
    if (auto exit = parseSandboxName(u"run"_s, args, io, name))
        return *exit;
    const auto record = SandboxStore(m_paths.sandboxesDir()).find(name);
    if (!record)
        return failure(io, tr("There is no sandbox named \"%1\".").arg(name));
    const auto agent = TemplateCatalog(m_paths.templatesDir()).find(record->templateId);
    if (!agent)
        return failure(io, tr("The sandbox's template \"%1\" does not exist ('paddock template ls').")
                               .arg(record->templateId));
    return runSession(m_paths, name, agentSessionArguments(*agent), agent->environment, ::isatty(0) != 0,
                      true, io);
}

int StartCommand::run(const QStringList &args, CliIo &io)
{
    QString name;
    if (auto exit = parseSandboxName(u"start"_s, args, io, name))
        return *exit;
    if (!SandboxStore(m_paths.sandboxesDir()).find(name))
        return failure(io, tr("There is no sandbox named \"%1\".").arg(name));
    if (auto image = ImageCommand::buildOnFirstUse(m_paths, name, io); !image)
        return failure(io, image.error().message);
    auto client = ControlClient::connectToHost(m_paths);
    if (!client) {
        auto launched = ControlClient::launchHost(m_paths);
        if (!launched)
            return failure(io, launched.error().message);
        client = std::move(*launched);
    }
    if (auto reply = client->request({{u"op"_s, u"start"_s}, {u"name"_s, name}}); !reply)
        return failure(io, reply.error().message);
    io.out
        << tr("Started sandbox \"%1\"; 'paddock run %1' attaches to its agent, 'paddock stop %1' stops it.")
               .arg(name)
        << u'\n';
    io.out.flush();
    return ExitOk;
}

int StopCommand::run(const QStringList &args, CliIo &io)
{
    QString name;
    if (auto exit = parseSandboxName(u"stop"_s, args, io, name))
        return *exit;
    if (!SandboxStore(m_paths.sandboxesDir()).find(name))
        return failure(io, tr("There is no sandbox named \"%1\".").arg(name));
    auto client = ControlClient::connectToHost(m_paths);
    const auto running = client ? client->runningSandboxes() : Result<QStringList>(QStringList());
    if (!running)
        return failure(io, running.error().message);
    if (!running->contains(name)) {
        io.out << tr("The sandbox \"%1\" is not running.").arg(name) << u'\n';
        io.out.flush();
        return ExitOk;
    }
    if (auto reply = client->request({{u"op"_s, u"stop"_s}, {u"name"_s, name}}); !reply)
        return failure(io, reply.error().message);
    io.out << tr("Stopped sandbox \"%1\".").arg(name) << u'\n';
    io.out.flush();
    return ExitOk;
}

namespace {

// A port number from the command line, or nothing.
std::optional<int> portNumber(const QString &text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    return ok && port >= 1 && port <= 65535 ? std::optional(port) : std::nullopt;
}

// The host running the sandbox name, or why there is none.
Result<std::unique_ptr<ControlClient>> hostRunning(const Paths &paths, const QString &name)
{
    if (!SandboxStore(paths.sandboxesDir()).find(name))
        return fail(ErrorCode::NotFound, PublishCommand::tr("There is no sandbox named \"%1\".").arg(name));
    auto client = ControlClient::connectToHost(paths);
    const auto running = client ? client->runningSandboxes() : Result<QStringList>(QStringList());
    if (!running)
        return std::unexpected(running.error());
    if (!running->contains(name))
        return fail(ErrorCode::NotFound,
                    PublishCommand::tr("The sandbox \"%1\" is not running ('paddock start %1').").arg(name));
    return client;
}

} // namespace

int PublishCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The running sandbox."));
    parser.addPositionalArgument(u"port"_s, tr("The port a server in it listens on."));
    const QCommandLineOption hostPort(
        u"host-port"_s, tr("The port on this computer (default: the same number if free, else any)."),
        u"N"_s);
    parser.addOption(hostPort);
    if (auto exit = parseOrExit(parser, u"publish"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 2)
        return usageError(io, tr("'paddock publish' needs a sandbox name and a port."));
    const QString name = parser.positionalArguments().at(0);
    const auto port = portNumber(parser.positionalArguments().at(1));
    const auto chosen = parser.isSet(hostPort) ? portNumber(parser.value(hostPort)) : std::optional(0);
    if (!port || !chosen)
        return usageError(io, tr("A port is a number from 1 to 65535."));
    auto client = hostRunning(m_paths, name);
    if (!client)
        return failure(io, client.error().message);
    const auto reply = (*client)->request(
        {{u"op"_s, u"publish"_s}, {u"name"_s, name}, {u"port"_s, *port}, {u"hostPort"_s, *chosen}});
    if (!reply)
        return failure(io, reply.error().message);
    io.out << tr("Port %1 of \"%2\" is at http://127.0.0.1:%3/ on this computer.")
                  .arg(*port)
                  .arg(name)
                  .arg(reply->value(u"hostPort"_s).toInt())
           << u'\n';
    io.out.flush();
    return ExitOk;
}

int UnpublishCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The running sandbox."));
    parser.addPositionalArgument(u"port"_s, tr("Its port, as 'paddock publish' was given it."));
    if (auto exit = parseOrExit(parser, u"unpublish"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 2)
        return usageError(io, tr("'paddock unpublish' needs a sandbox name and a port."));
    const QString name = parser.positionalArguments().at(0);
    const auto port = portNumber(parser.positionalArguments().at(1));
    if (!port)
        return usageError(io, tr("A port is a number from 1 to 65535."));
    auto client = hostRunning(m_paths, name);
    if (!client)
        return failure(io, client.error().message);
    if (auto reply = (*client)->request({{u"op"_s, u"unpublish"_s}, {u"name"_s, name}, {u"port"_s, *port}});
        !reply)
        return failure(io, reply.error().message);
    io.out << tr("Port %1 of \"%2\" is no longer published.").arg(*port).arg(name) << u'\n';
    io.out.flush();
    return ExitOk;
}

int ServeCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption exitWhenIdle(
        u"exit-when-idle"_s, tr("End when no sandbox runs any more (how 'paddock start' uses it)."));
    parser.addOption(exitWhenIdle);
    if (auto exit = parseOrExit(parser, u"serve"_s, args, io))
        return *exit;
    SandboxHost host(m_paths);
    host.setRole(SandboxHost::Role::Service);
    if (auto opened = host.open(); !opened)
        return failure(io, opened.error().message);
    QObject::connect(&host, &SandboxHost::handedOver, qApp, [&io] {
        io.out << tr("A Paddock window took the sandboxes over.") << u'\n';
        io.out.flush();
        QCoreApplication::quit();
    });
    // SIGINT and SIGTERM stop the sandboxes cleanly (the host's destructor) before the process ends.
    const SignalPipe quitOnSignal([](int) { QCoreApplication::quit(); });
    QTimer idleCheck; // a start that failed leaves nothing running and no stop to say so
    if (parser.isSet(exitWhenIdle)) {
        QObject::connect(&host, &SandboxHost::idle, qApp, &QCoreApplication::quit);
        QObject::connect(&idleCheck, &QTimer::timeout, qApp, [&host] {
            if (host.manager().runningSandboxes().isEmpty())
                QCoreApplication::quit();
        });
        idleCheck.start(30'000);
    }
    io.out << tr("Paddock hosts sandboxes (process %1); Ctrl-C stops them.")
                  .arg(QCoreApplication::applicationPid())
           << u'\n';
    io.out.flush();
    QCoreApplication::exec();
    return ExitOk;
}

int RemoveCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox."));
    const QCommandLineOption force(u"force"_s,
                                   tr("Remove it even if its clone has commits that are not merged."));
    parser.addOption(force);
    if (auto exit = parseOrExit(parser, u"rm"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock rm' needs one sandbox name."));
    const QString name = parser.positionalArguments().first();
    if (auto host = ControlClient::connectToHost(m_paths)) {
        if (host->runningSandboxes().value_or(QStringList()).contains(name))
            return failure(
                io, tr("The sandbox \"%1\" is running; stop it first with 'paddock stop %1'.").arg(name));
    }
    Vm::SandboxManager manager(m_paths);
    if (auto removed = manager.remove(name, parser.isSet(force)); !removed)
        return failure(io, removed.error().message);
    io.out << tr("Removed sandbox \"%1\".").arg(parser.positionalArguments().first()) << u'\n';
    io.out.flush();
    return ExitOk;
}

} // namespace Paddock::App
