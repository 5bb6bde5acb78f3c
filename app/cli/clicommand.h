#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace Paddock::App {

// Exit codes shared by every command: usage errors are 2, failures 1. (No ": int": lupdate cannot parse it.)
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// Where a command writes; tests and the real CLI pass different streams.
struct CliIo
{
    QTextStream &out;
    QTextStream &err;
    QTextStream &in;
};

// One `paddock <name>` command. Each subclass declares its own tr() context, as lupdate expects.
class CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::CliCommand)

public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // args excludes the command name itself.
    virtual int run(const QStringList &args, CliIo &io) = 0;

    // Print the message and return the exit code for it.
    static int usageError(CliIo &io, const QString &message);
    static int failure(CliIo &io, const QString &message);

protected:
    // Parses `paddock COMMAND NAME` into name; the exit code to return instead, when there is one.
    static std::optional<int> parseSandboxName(const QString &command, const QStringList &args, CliIo &io,
                                               QString &name);
    // Parses args with a --help option; returns ExitOk to go on, or the code to exit with (help shown, usage
    // error).
    static std::optional<int> parseOrExit(QCommandLineParser &parser, const QString &commandLine,
                                          const QStringList &args, CliIo &io);
};

} // namespace Paddock::App
