#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"

namespace Paddock::App {

// `paddock template ls | show ID`: the agent templates.
class TemplateCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::TemplateCommand)

public:
    explicit TemplateCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("template"); }
    QString summary() const override { return tr("List agent templates or show one."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    const Core::Paths &m_paths;
};

// `paddock ls [--json]`: the sandboxes.
class ListCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ListCommand)

public:
    explicit ListCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("ls"); }
    QString summary() const override { return tr("List sandboxes."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    const Core::Paths &m_paths;
};

} // namespace Paddock::App
