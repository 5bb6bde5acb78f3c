#include "app/cli/cli.h"

#include "app/cli/cacommand.h"
#include "app/cli/imagecommand.h"
#include "app/cli/policycommand.h"
#include "app/cli/proxycommand.h"
#include "app/cli/reviewcommand.h"
#include "app/cli/sandboxcommand.h"
#include "app/cli/secretcommand.h"
#include "app/cli/templatecommand.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Paddock::App {

Cli::Cli(Core::Paths paths)
    : m_paths(std::move(paths))
{
    m_commands.push_back(std::make_unique<CreateCommand>(m_paths));
    m_commands.push_back(std::make_unique<StartCommand>(m_paths));
    m_commands.push_back(std::make_unique<RunCommand>(m_paths));
    m_commands.push_back(std::make_unique<ExecCommand>(m_paths));
    m_commands.push_back(std::make_unique<StopCommand>(m_paths));
    m_commands.push_back(std::make_unique<PublishCommand>(m_paths));
    m_commands.push_back(std::make_unique<UnpublishCommand>(m_paths));
    m_commands.push_back(std::make_unique<ListCommand>(m_paths));
    m_commands.push_back(std::make_unique<RemoveCommand>(m_paths));
    m_commands.push_back(std::make_unique<ReviewCommand>(m_paths));
    m_commands.push_back(std::make_unique<DiffCommand>(m_paths));
    m_commands.push_back(std::make_unique<MergeCommand>(m_paths));
    m_commands.push_back(std::make_unique<DiscardCommand>(m_paths));
    m_commands.push_back(std::make_unique<PolicyCommand>(m_paths));
    m_commands.push_back(std::make_unique<ProxyCommand>(m_paths));
    m_commands.push_back(std::make_unique<TemplateCommand>(m_paths));
    m_commands.push_back(std::make_unique<SecretCommand>(m_paths));
    m_commands.push_back(std::make_unique<CaCommand>(m_paths));
    m_commands.push_back(std::make_unique<ImageCommand>(m_paths));
    m_commands.push_back(std::make_unique<ServeCommand>(m_paths));
}

Cli::~Cli() = default;

void Cli::setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(u"paddock"_s);
    QCoreApplication::setApplicationName(u"paddock"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PADDOCK_VERSION));
}

int Cli::run(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    CliIo io{out, err, in};
    return run(args, io);
}

int Cli::run(const QStringList &args, CliIo &io)
{
    if (args.isEmpty() || args.first() == "--help"_L1 || args.first() == "-h"_L1 ||
        args.first() == "help"_L1) {
        printHelp(io.out);
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    if (args.first() == "--version"_L1 || args.first() == "-v"_L1) {
        io.out << "paddock " << QCoreApplication::applicationVersion() << u'\n';
        io.out.flush();
        return ExitOk;
    }
    for (const auto &command : m_commands) {
        if (command->name() == args.first())
            return command->run(args.mid(1), io);
    }
    io.err << tr("paddock: unknown command '%1'.").arg(args.first()) << u'\n'
           << tr("Run 'paddock --help' for the list of commands.") << u'\n';
    io.err.flush();
    return ExitUsage;
}

void Cli::printHelp(QTextStream &out) const
{
    out << tr("Usage: paddock [COMMAND] [OPTIONS]") << u'\n'
        << tr("Runs AI coding agents in sandboxes whose network goes only through Paddock's filtering proxy.")
        << u"\n\n"_s << tr("With no command, opens the desktop application.") << u"\n\n"_s << tr("Commands:")
        << u'\n';
    for (const auto &command : m_commands)
        out << u"  "_s << command->name().leftJustified(12) << command->summary() << u'\n';
    out << u'\n' << tr("Run 'paddock COMMAND --help' for a command's options.") << u'\n';
    out.flush();
}

} // namespace Paddock::App
