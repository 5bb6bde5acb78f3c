#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"

namespace Paddock::App {

// `paddock proxy --listen …`: runs the egress proxy standalone (servers, benchmarks).
class ProxyCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ProxyCommand)

public:
    explicit ProxyCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("proxy"); }
    QString summary() const override { return tr("Run the filtering proxy on its own."); }
    int run(const QStringList &args, CliIo &io) override;

    // `paddock policy log`: prints the audit log, optionally following it.
    static int printLog(const Core::Paths &paths, const QStringList &args, CliIo &io);

private:
    const Core::Paths &m_paths;
};

} // namespace Paddock::App
