#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"

namespace Paddock::App {

// `paddock create NAME --workspace DIR [--template ID] [--policy PRESET] [--mode clone|direct] [--backend …]`
class CreateCommand : public CliCommand
{
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

// `paddock exec NAME -- COMMAND [ARG…]`: runs a command in the sandbox; its exit code becomes ours.
class ExecCommand : public CliCommand
{
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

// `paddock rm [--force] NAME`
class RemoveCommand : public CliCommand
{
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
