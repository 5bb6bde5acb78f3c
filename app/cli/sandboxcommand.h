#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"

namespace Paddock::App {

// `paddock create NAME --workspace DIR [--template ID] [--policy PRESET] [--mode clone|direct] [--backend …]`
class CreateCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::CreateCommand)

public:
    explicit CreateCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("create"); }
    QString summary() const override { return tr("Create a sandbox for a project folder."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock exec [-i] [-t] NAME -- COMMAND [ARG…]`: runs a command in the sandbox; its exit code becomes ours.
class ExecCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ExecCommand)

public:
    explicit ExecCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("exec"); }
    QString summary() const override { return tr("Run a command in a sandbox."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock run NAME`: the sandbox's agent (its template's command) in this terminal, with a PTY.
class RunCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::RunCommand)

public:
    explicit RunCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("run"); }
    QString summary() const override { return tr("Start a sandbox's agent in this terminal."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock start NAME`: starts it in the hosting Paddock process (launched in the background if none runs).
class StartCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::StartCommand)

public:
    explicit StartCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("start"); }
    QString summary() const override { return tr("Start a sandbox and keep it running."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock stop NAME`: ends every process in it.
class StopCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::StopCommand)

public:
    explicit StopCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("stop"); }
    QString summary() const override { return tr("Stop a running sandbox."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock publish NAME PORT [--host-port N]`: makes a port a server in the running sandbox listens on
// reachable from this computer (loopback only), until unpublished or the sandbox stops.
class PublishCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::PublishCommand)

public:
    explicit PublishCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("publish"); }
    QString summary() const override { return tr("Make a sandbox's port reachable from this computer."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock unpublish NAME PORT`: closes what publish opened.
class UnpublishCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::UnpublishCommand)

public:
    explicit UnpublishCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("unpublish"); }
    QString summary() const override { return tr("Stop publishing a sandbox's port."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock serve [--exit-when-idle]`: hosts sandboxes and the proxy; other paddock processes reach it through
// the control socket.
class ServeCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ServeCommand)

public:
    explicit ServeCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("serve"); }
    QString summary() const override
    {
        return tr("Host sandboxes for other paddock commands (used by start).");
    }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock rm [--force] NAME`
class RemoveCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::RemoveCommand)

public:
    explicit RemoveCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("rm"); }
    QString summary() const override
    {
        return tr("Remove a sandbox (keeps work that is not merged, unless forced).");
    }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

} // namespace Paddock::App
