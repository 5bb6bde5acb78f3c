#include "app/cli/clicommand.h"

using namespace Qt::StringLiterals;

namespace Paddock::App {

std::optional<int> CliCommand::parseOrExit(QCommandLineParser &parser, const QString &commandLine,
                                           const QStringList &args, CliIo &io)
{
    const QCommandLineOption help({u"h"_s, u"help"_s}, tr("Show this help."));
    parser.addOption(help);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    // QCommandLineParser expects the program name first.
    if (!parser.parse(QStringList{commandLine} + args))
        return usageError(io, parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // helpText() names only the program (in its translated "Usage: %1" line); name the whole command.
        const QString program = QCoreApplication::arguments().value(0);
        if (const qsizetype at = program.isEmpty() ? -1 : text.indexOf(program); at >= 0)
            text.replace(at, program.size(), u"paddock "_s + commandLine);
        io.out << text;
        io.out.flush();
        return ExitOk;
    }
    return std::nullopt;
}

int CliCommand::usageError(CliIo &io, const QString &message)
{
    io.err << tr("paddock: %1").arg(message) << u'\n' << tr("Run 'paddock --help' for usage.") << u'\n';
    io.err.flush();
    return ExitUsage;
}

int CliCommand::failure(CliIo &io, const QString &message)
{
    io.err << tr("paddock: %1").arg(message) << u'\n';
    io.err.flush();
    return ExitFailure;
}

std::optional<int> CliCommand::parseSandboxName(const QString &command, const QStringList &args, CliIo &io,
                                                QString &name)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), tr("The sandbox."));
    if (auto exit = parseOrExit(parser, command, args, io))
        return exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock %1' needs one sandbox name.").arg(command));
    name = parser.positionalArguments().first();
    return std::nullopt;
}

} // namespace Paddock::App
