#pragma once

#include "app/cli/clicommand.h"

#include <memory>
#include <vector>

namespace Paddock::App {

// The `paddock <command>` front end: dispatches to one CliCommand and maps results to exit codes.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::Cli)

public:
    Cli();
    ~Cli();
    // Sets the organisation and application names that XDG paths are derived from.
    static void setApplicationIdentity();
    int run(const QStringList &args);
    int run(const QStringList &args, CliIo &io);

private:
    void printHelp(QTextStream &out) const;
    std::vector<std::unique_ptr<CliCommand>> m_commands;
};

} // namespace Paddock::App
