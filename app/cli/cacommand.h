#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"

namespace Paddock::App {

// `paddock ca [show] | reset --yes`: Paddock's certificate authority for TLS interception
// (docs/interception.md): where it is and what it is, and making a new one in its place.
class CaCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::CaCommand)

public:
    explicit CaCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("ca"); }
    QString summary() const override { return tr("Show or reset the CA that TLS interception uses."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    int show(CliIo &io);
    int reset(const QStringList &args, CliIo &io);

    const Core::Paths &m_paths;
};

} // namespace Paddock::App
