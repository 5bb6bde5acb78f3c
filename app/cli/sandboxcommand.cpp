#include "app/cli/sandboxcommand.h"

#include "app/cli/policycommand.h"
#include "core/presetcatalog.h"
#include "core/workspaceclone.h"
#include "proxy/auditlog.h"
#include "vm/sandboxmanager.h"

#include <QDir>
#include <QMutex>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

int CreateCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox's name; its branch is paddock/NAME."));
    const QCommandLineOption workspace(u"workspace"_s, tr("The project folder."), u"DIR"_s);
    const QCommandLineOption agent(u"template"_s, tr("The agent template ('paddock template ls')."), u"ID"_s,
                                   u"shell"_s);
    const QCommandLineOption preset(
        u"policy"_s, tr("The network policy preset: %1.").arg(PresetCatalog::ids().join(u", "_s)),
        u"PRESET"_s);
    const QCommandLineOption mode(u"mode"_s, tr("clone (default for git repositories) or direct."),
                                  u"MODE"_s);
    const QCommandLineOption backend(u"backend"_s, tr("namespace (default) or microvm."), u"BACKEND"_s,
                                     u"namespace"_s);
    parser.addOptions({workspace, agent, preset, mode, backend});
    if (auto exit = parseOrExit(parser, u"create"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock create' needs one sandbox name."));
    if (!parser.isSet(workspace))
        return usageError(io, tr("'paddock create' needs --workspace DIR."));
    Vm::CreateOptions options;
    options.name = parser.positionalArguments().first();
    options.workspace = QDir(parser.value(workspace)).absolutePath();
    options.templateId = parser.value(agent);
    options.presetId = parser.value(preset);
    if (!options.presetId.isEmpty() && !PresetCatalog::ids().contains(options.presetId))
        return usageError(io, tr("--policy must be one of: %1.").arg(PresetCatalog::ids().join(u", "_s)));
    if (parser.isSet(mode)) {
        options.mode = SandboxRecord::modeFromName(parser.value(mode));
        if (!options.mode)
            return usageError(io, tr("--mode must be clone or direct."));
    }
    const auto chosenBackend = SandboxRecord::backendFromName(parser.value(backend));
    if (!chosenBackend)
        return usageError(io, tr("--backend must be namespace or microvm."));
    options.backend = *chosenBackend;

    Vm::SandboxManager manager(m_paths);
    const auto record = manager.create(options);
    if (!record)
        return failure(io, record.error().message);
    io.out << tr("Created sandbox \"%1\" (%2 mode).").arg(record->name, SandboxRecord::modeName(record->mode))
           << u'\n';
    if (record->mode == SandboxRecord::Mode::Clone) {
        io.out << tr("The agent works on branch %1 in %2.").arg(record->branch, manager.workspaceOf(*record))
               << u'\n';
        if (WorkspaceClone::hasUncommittedChanges(record->workspace).value_or(false))
            io.err
                << tr("paddock: note: %1 has uncommitted changes; the sandbox starts from the last commit.")
                       .arg(record->workspace)
                << u'\n';
    }
    io.out.flush();
    io.err.flush();
    return ExitOk;
}

int ExecCommand::run(const QStringList &args, CliIo &io)
{
    // Everything after "--" is the command, untouched by option parsing.
    const qsizetype separator = args.indexOf(u"--"_s);
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox."));
    parser.addPositionalArgument(u"command"_s, tr("The command and its arguments, after --."),
                                 u"-- COMMAND…"_s);
    if (auto exit = parseOrExit(parser, u"exec"_s, separator < 0 ? args : args.first(separator), io))
        return *exit;
    if (parser.positionalArguments().size() != 1 || separator < 0 || separator + 1 >= args.size())
        return usageError(io, tr("usage: paddock exec NAME -- COMMAND [ARG...]"));
    const QString name = parser.positionalArguments().first();
    const auto policy = PolicyCommand::effectivePolicy(m_paths, name, {});
    if (!policy)
        return failure(io, policy.error().message);
    Proxy::AuditLog audit(m_paths.auditLogDir() + u"/audit.jsonl"_s);
    if (auto opened = audit.open(); !opened)
        return failure(io, opened.error().message);
    QMutex auditMutex; // decisions arrive on the proxy's threads
    Vm::SandboxManager manager(m_paths);
    const auto exitCode = manager.exec(name, args.mid(separator + 1), policy->matcher(),
                                       [&audit, &auditMutex](const Proxy::DecisionEvent &event) {
                                           QMutexLocker lock(&auditMutex);
                                           audit.append(event);
                                       });
    if (!exitCode)
        return failure(io, exitCode.error().message);
    return *exitCode;
}

int RemoveCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox."));
    const QCommandLineOption force(u"force"_s,
                                   tr("Remove it even if its clone has commits that are not merged."));
    parser.addOption(force);
    if (auto exit = parseOrExit(parser, u"rm"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock rm' needs one sandbox name."));
    Vm::SandboxManager manager(m_paths);
    if (auto removed = manager.remove(parser.positionalArguments().first(), parser.isSet(force)); !removed)
        return failure(io, removed.error().message);
    io.out << tr("Removed sandbox \"%1\".").arg(parser.positionalArguments().first()) << u'\n';
    io.out.flush();
    return ExitOk;
}

} // namespace Paddock::App
