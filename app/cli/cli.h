#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"

#include <memory>
#include <vector>

namespace Paddock::App {

// The `paddock <command>` front end: dispatches to one CliCommand and maps results to exit codes.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::Cli)

public:
    explicit Cli(Core::Paths paths = Core::Paths::fromSystem());
    ~Cli();
    // Sets the organisation and application names that XDG paths are derived from.
    static void setApplicationIdentity();
    int run(const QStringList &args);
    int run(const QStringList &args, CliIo &io);

private:
    void printHelp(QTextStream &out) const;
    Core::Paths m_paths;
    std::vector<std::unique_ptr<CliCommand>> m_commands;
};

} // namespace Paddock::App
