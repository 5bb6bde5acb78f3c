#include "app/cli/secretcommand.h"

#include "core/secretstore.h"
#include "core/templatecatalog.h"

#include <QFile>
#include <QMap>

#include <optional>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

// Whether the command's input is the terminal a person types at (then the value is asked for, unechoed).
bool inputIsTerminal(const CliIo &io)
{
    const auto *file = qobject_cast<const QFile *>(io.in.device());
    return file && file->handle() == STDIN_FILENO && ::isatty(STDIN_FILENO);
}

// Reads one line from the terminal without echo; nullopt when the user pressed Ctrl+C or Ctrl+D. Signals are
// off while it reads, so that the terminal's echo is always restored, however the line ends.
std::optional<QByteArray> readHiddenLine(int fd)
{
    termios saved{};
    if (::tcgetattr(fd, &saved) != 0)
        return std::nullopt;
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG);
    quiet.c_cc[VMIN] = 1;
    quiet.c_cc[VTIME] = 0;
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
    QByteArray line;
    bool complete = true;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || c == '\n' || c == '\r')
            break;
        if (c == 0x03 || (c == 0x04 && line.isEmpty())) { // Ctrl+C; Ctrl+D on an empty line
            complete = false;
            break;
        }
        if (c == 0x7f || c == 0x08) { // backspace: one UTF-8 character
            while (!line.isEmpty() && (uchar(line.back()) & 0xc0) == 0x80)
                line.chop(1);
            line.chop(1);
        } else if (c == 0x15) { // Ctrl+U
            line.clear();
        } else if (c != 0x04) {
            line.append(c);
        }
    }
    ::tcsetattr(fd, TCSAFLUSH, &saved);
    if (!complete)
        return std::nullopt;
    return line;
}

// The secrets the templates need: name -> the ids of the templates that use it.
QMap<QString, QStringList> secretsTemplatesUse(const TemplateCatalog &catalog)
{
    QMap<QString, QStringList> uses;
    for (const AgentTemplate &agent : catalog.templates()) {
        for (const CredentialBinding &credential : agent.credentials) {
            if (!uses[credential.secret].contains(agent.id))
                uses[credential.secret].append(agent.id);
        }
    }
    return uses;
}

} // namespace

int SecretCommand::run(const QStringList &args, CliIo &io)
{
    const QString sub = args.value(0);
    if (sub == "set"_L1)
        return set(args.mid(1), io);
    if (sub == "ls"_L1)
        return list(args.mid(1), io);
    if (sub == "rm"_L1)
        return remove(args.mid(1), io);
    if (sub == "--help"_L1 || sub == "-h"_L1) {
        io.out << tr("Usage: paddock secret set NAME | ls | rm NAME") << u"\n\n"_s
               << tr("The API keys and tokens the proxy adds to an agent's requests, kept in the system "
                     "keychain. "
                     "'set' reads the value from standard input, or asks for it without showing it.")
               << u'\n';
        io.out.flush();
        return ExitOk;
    }
    return usageError(io, sub.isEmpty() ? tr("'paddock secret' needs a command: set, ls or rm.")
                                        : tr("unknown secret command '%1'.").arg(sub));
}

int SecretCommand::set(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Saves a secret in the system keychain. The value is read from standard input (one trailing line "
           "break is dropped); on a terminal it is asked for and not shown."));
    parser.addPositionalArgument(u"name"_s, tr("The secret's name, such as anthropic-api-key."));
    if (auto exit = parseOrExit(parser, u"secret set"_s, args, io))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(io, tr("'paddock secret set' needs the secret's name, such as anthropic-api-key."));
    if (positional.size() > 1)
        // SECURITY: a value on the command line is visible to every process (ps, /proc) and kept in shell
        // history; only the name is accepted there.
        return usageError(io, tr("'paddock secret set' takes only the name. The value is read from standard "
                                 "input, never from the command line, where other programs and your shell's "
                                 "history would see it: paddock secret set %1 < key.txt")
                                  .arg(positional.first()));
    const QString name = positional.first();
    if (const auto valid = SecretStore::validateName(name); !valid)
        return failure(io, valid.error().message);

    QString value;
    if (inputIsTerminal(io)) {
        io.err << tr("Value for %1 (not shown as you type): ").arg(name);
        io.err.flush();
        const auto line = readHiddenLine(STDIN_FILENO);
        io.err << u'\n';
        io.err.flush();
        if (!line)
            return failure(io, tr("Cancelled; nothing was saved."));
        value = QString::fromUtf8(*line);
    } else {
        value = io.in.read(SecretStore::maxValueLength + 3);
        if (!io.in.atEnd())
            return failure(io, tr("The input is longer than %1 characters; that is not an API key or token.")
                                   .arg(SecretStore::maxValueLength));
        if (value.endsWith("\r\n"_L1))
            value.chop(2);
        else if (value.endsWith(u'\n'))
            value.chop(1);
    }
    if (value.isEmpty())
        return failure(io,
                       tr("The value is empty, so nothing was saved. Type or paste the key when asked, or "
                          "pipe it in: paddock secret set %1 < key.txt")
                           .arg(name));
    SecretStore store(m_paths.secretsIndexFile());
    if (const auto saved = store.writeNow(name, value); !saved)
        return failure(io, saved.error().message);
    io.out << tr("Saved %1 in the keychain.").arg(name) << u'\n';
    io.out.flush();
    return ExitOk;
}

int SecretCommand::list(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the secrets that are set and the ones templates need, with the templates that use each. "
           "Values are never shown."));
    if (auto exit = parseOrExit(parser, u"secret ls"_s, args, io))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(io, tr("'paddock secret ls' takes no arguments."));
    SecretStore store(m_paths.secretsIndexFile());
    const auto names = store.names();
    if (!names)
        return failure(io, names.error().message);
    TemplateCatalog catalog(m_paths.templatesDir());
    for (const Error &problem : catalog.problems())
        io.err << tr("paddock: warning: %1").arg(problem.message) << u'\n';
    // The list comes from Paddock's own index; say so when no keychain would answer for the values.
    if (const auto available = store.checkAvailableNow(); !available)
        io.err << tr("paddock: warning: %1").arg(available.error().message) << u'\n';
    io.err.flush();

    const QMap<QString, QStringList> uses = secretsTemplatesUse(catalog);
    QStringList all = *names;
    for (auto it = uses.begin(); it != uses.end(); ++it) {
        if (!all.contains(it.key()))
            all.append(it.key());
    }
    all.sort();
    if (all.isEmpty()) {
        io.out << tr("No secrets are set, and no template needs one.") << u'\n';
        io.out.flush();
        return ExitOk;
    }
    QList<QStringList> rows{{tr("NAME"), tr("STATE"), tr("USED BY")}};
    QStringList missing;
    for (const QString &name : all) {
        const bool isSet = names->contains(name);
        if (!isSet)
            missing.append(name);
        const QStringList users = uses.value(name);
        rows.append(
            {name, isSet ? tr("set") : tr("not set"), users.isEmpty() ? u"-"_s : users.join(u", "_s)});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    for (const QStringList &row : rows)
        io.out << row[0].leftJustified(widths[0] + 2) << row[1].leftJustified(widths[1] + 2) << row[2]
               << u'\n';
    if (!missing.isEmpty())
        io.out << u'\n'
               << tr("Templates need these, and they are not set: %1. Set one with: paddock secret set NAME")
                      .arg(missing.join(u", "_s))
               << u'\n';
    io.out.flush();
    return ExitOk;
}

int SecretCommand::remove(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Removes a secret from the system keychain."));
    parser.addPositionalArgument(u"name"_s, tr("The secret's name, as 'paddock secret ls' lists it."));
    if (auto exit = parseOrExit(parser, u"secret rm"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock secret rm' needs one secret name."));
    const QString name = parser.positionalArguments().first();
    SecretStore store(m_paths.secretsIndexFile());
    if (const auto removed = store.removeNow(name); !removed)
        return failure(io, removed.error().message);
    io.out << tr("Removed %1 from the keychain.").arg(name) << u'\n';
    io.out.flush();
    return ExitOk;
}

} // namespace Paddock::App
