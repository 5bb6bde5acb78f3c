#include "app/cli/templatecommand.h"

#include "app/host/controlclient.h"

#include "core/sandboxstore.h"
#include "core/templatecatalog.h"
#include "vm/backendavailability.h"
#include "vm/resourcelimits.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

void printTable(QTextStream &out, const QList<QStringList> &rows)
{
    QList<int> widths;
    for (const QStringList &row : rows) {
        for (int i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], int(row[i].size()));
        }
    }
    for (const QStringList &row : rows) {
        QString line;
        for (int i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        out << line << u'\n';
    }
}

void reportProblems(const QList<Error> &problems, CliIo &io)
{
    for (const Error &problem : problems)
        io.err << CliCommand::tr("paddock: warning: %1").arg(problem.message) << u'\n';
    io.err.flush();
}

} // namespace

int TemplateCommand::run(const QStringList &args, CliIo &io)
{
    const QString sub = args.value(0);
    QCommandLineParser parser;
    if (sub == "ls"_L1) {
        if (auto exit = parseOrExit(parser, u"template ls"_s, args.mid(1), io))
            return *exit;
        TemplateCatalog catalog(m_paths.templatesDir());
        reportProblems(catalog.problems(), io);
        QList<QStringList> rows{{tr("ID"), tr("NAME"), tr("KIND"), tr("COMMAND")}};
        for (const AgentTemplate &t : catalog.templates())
            rows.append(
                {t.id, t.name, t.builtIn ? tr("built-in") : tr("user"), t.launchArguments().join(u' ')});
        printTable(io.out, rows);
        io.out.flush();
        return ExitOk;
    }
    if (sub == "show"_L1) {
        parser.addPositionalArgument(u"id"_s, tr("The template's id, as 'paddock template ls' lists it."));
        if (auto exit = parseOrExit(parser, u"template show"_s, args.mid(1), io))
            return *exit;
        if (parser.positionalArguments().size() != 1)
            return usageError(io, tr("'paddock template show' needs one template id."));
        TemplateCatalog catalog(m_paths.templatesDir());
        reportProblems(catalog.problems(), io);
        const auto found = catalog.find(parser.positionalArguments().first());
        if (!found)
            return failure(io, tr("There is no template \"%1\"; 'paddock template ls' lists them.")
                                   .arg(parser.positionalArguments().first()));
        io.out << QString::fromUtf8(QJsonDocument(found->toJson()).toJson(QJsonDocument::Indented));
        io.out.flush();
        return ExitOk;
    }
    if (sub == "--help"_L1 || sub == "-h"_L1) {
        io.out << tr("Usage: paddock template ls | show ID") << u'\n';
        io.out.flush();
        return ExitOk;
    }
    return usageError(io, sub.isEmpty() ? tr("'paddock template' needs a command: ls or show.")
                                        : tr("unknown template command '%1'.").arg(sub));
}

int ListCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption json(u"json"_s, tr("Print JSON instead of a table."));
    parser.addOption(json);
    if (auto exit = parseOrExit(parser, u"ls"_s, args, io))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(io, tr("'paddock ls' takes no arguments."));
    SandboxStore store(m_paths.sandboxesDir());
    QList<SandboxRecord> records = store.list();
    reportProblems(store.problems(), io);
    // What runs is what the hosting process says; a record that says "running" without one is left from a
    // host that was killed: that sandbox died with it and can be started again.
    QStringList running;
    QMap<QString, QMap<int, int>> published;
    if (auto host = ControlClient::connectToHost(m_paths)) {
        if (auto ports = host->publishedPorts()) {
            published = *ports;
            running = published.keys();
        }
    }
    for (SandboxRecord &record : records) {
        const bool limited = record.cpus > 0 || record.memoryMiB > 0;
        if (limited && !Vm::ResourceLimits::unavailableReason().isEmpty())
            record.stateDetail = tr("limits not applied: %1").arg(Vm::ResourceLimits::unavailableReason());
        if (running.contains(record.name)) {
            record.state = SandboxRecord::State::Running;
        } else if (record.state == SandboxRecord::State::Running ||
                   record.state == SandboxRecord::State::Starting ||
                   record.state == SandboxRecord::State::Stopping) {
            record.state = SandboxRecord::State::Stopped;
            record.stateDetail = tr("its Paddock process ended");
        }
    }
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const SandboxRecord &record : records) {
            QJsonObject entry = record.toJson();
            QJsonObject ports;
            const QMap<int, int> ofSandbox = published.value(record.name);
            for (auto it = ofSandbox.cbegin(); it != ofSandbox.cend(); ++it)
                ports.insert(QString::number(it.key()), it.value());
            entry.insert(u"published"_s, ports); // the sandbox's port → this computer's (127.0.0.1)
            array.append(entry);
        }
        io.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else if (records.isEmpty()) {
        io.out << tr("No sandboxes.") << u'\n';
    } else {
        QList<QStringList> rows{{tr("NAME"), tr("AGENT"), tr("STATE"), tr("BACKEND"), tr("MODE"),
                                 tr("PUBLISHED"), tr("WORKSPACE"), tr("NOTE")}};
        // Without KVM a microVM is emulated: said where it is listed, as it explains the slowness.
        const bool emulated =
            Vm::BackendAvailability().microVmBackend().level == Vm::BackendStatus::Level::Emulated;
        for (const SandboxRecord &r : records) {
            QStringList ports; // "3000->127.0.0.1:3000", as docker ps says it
            const QMap<int, int> ofSandbox = published.value(r.name);
            for (auto it = ofSandbox.cbegin(); it != ofSandbox.cend(); ++it)
                ports << u"%1->127.0.0.1:%2"_s.arg(it.key()).arg(it.value());
            rows.append({r.name, r.templateId, SandboxRecord::stateName(r.state),
                         r.backend == SandboxRecord::Backend::MicroVm && emulated
                             ? tr("%1 (emulated, slow)").arg(SandboxRecord::backendName(r.backend))
                             : SandboxRecord::backendName(r.backend),
                         SandboxRecord::modeName(r.mode), ports.isEmpty() ? u"-"_s : ports.join(u", "_s),
                         r.workspace, r.stateDetail.section(u'\n', 0, 0).left(100)});
        }
        printTable(io.out, rows);
    }
    io.out.flush();
    return ExitOk;
}

} // namespace Paddock::App
