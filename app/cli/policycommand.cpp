#include "app/cli/policycommand.h"

#include "app/cli/proxycommand.h"
#include "app/host/controlclient.h"
#include "core/policyfile.h"
#include "core/presetcatalog.h"
#include "core/sandboxstore.h"
#include "core/templatecatalog.h"

#include <QDir>
#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

QList<PolicyRule> parseAll(const QStringList &texts)
{
    QList<PolicyRule> rules;
    for (const QString &text : texts) {
        if (auto rule = PolicyRule::parse(text))
            rules.append(*rule);
    }
    return rules;
}

} // namespace

Result<Policy> PolicyCommand::effectivePolicy(const Paths &paths, const QString &sandboxName,
                                              const QString &projectDir, const Draft &draft)
{
    auto global = PolicyFile::load(paths.globalPolicyFile());
    if (!global)
        return std::unexpected(global.error());
    if (draft.globalPreset)
        global->preset = *draft.globalPreset;
    if (draft.globalRules)
        global->rules = *draft.globalRules;
    QString presetId = global->preset.isEmpty() ? PresetCatalog::defaultPresetId() : global->preset;
    QString project = projectDir;
    std::optional<QList<PolicyRule>> projectSnapshot; // a direct-mode sandbox's, taken at creation
    QList<PolicyRule> sandboxRules;
    if (!sandboxName.isEmpty()) {
        SandboxStore store(paths.sandboxesDir());
        const auto record = store.find(sandboxName);
        if (!record)
            return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(sandboxName));
        const QString sandboxPreset = draft.sandboxPreset.value_or(record->presetId);
        if (!sandboxPreset.isEmpty())
            presetId = sandboxPreset;
        if (record->mode == SandboxRecord::Mode::Direct)
            projectSnapshot = parseAll(record->projectRules);
        else
            project = record->workspace;
        sandboxRules = draft.sandboxRules.value_or(parseAll(record->policyRules));
        // The hosts the agent needs are part of its sandbox's policy.
        TemplateCatalog templates(paths.templatesDir());
        if (const auto agent = templates.find(record->templateId)) {
            for (const QString &host : agent->requiredHosts)
                sandboxRules += parseAll({u"allow "_s + host});
        }
    }
    auto preset = PresetCatalog::load(presetId);
    if (!preset)
        return std::unexpected(preset.error());
    Policy policy;
    policy.setLayer(PolicyLayer::Preset, preset->rules());
    policy.setLayer(PolicyLayer::Global, global->rules);
    if (draft.projectRules) {
        policy.setLayer(PolicyLayer::Project, *draft.projectRules);
    } else if (projectSnapshot) {
        policy.setLayer(PolicyLayer::Project, *projectSnapshot);
    } else if (!project.isEmpty()) {
        auto projectFile = PolicyFile::load(PolicyFile::projectFileIn(project));
        if (!projectFile)
            return std::unexpected(projectFile.error());
        policy.setLayer(PolicyLayer::Project, projectFile->rules);
    }
    policy.setLayer(PolicyLayer::Sandbox, sandboxRules);
    return policy;
}

int PolicyCommand::run(const QStringList &args, CliIo &io)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == "ls"_L1)
        return list(rest, io);
    if (sub == "allow"_L1 || sub == "deny"_L1 || sub == "intercept"_L1)
        return addRule(sub, rest, io);
    if (sub == "rm"_L1)
        return removeRule(rest, io);
    if (sub == "preset"_L1)
        return setPreset(rest, io);
    if (sub == "explain"_L1)
        return explain(rest, io);
    if (sub == "log"_L1)
        return ProxyCommand::printLog(m_paths, rest, io);
    if (sub == "--help"_L1 || sub == "-h"_L1) {
        io.out
            << tr("Usage: paddock policy COMMAND") << u"\n\n"_s << tr("Commands:") << u'\n'
            << u"  ls [--all] [--sandbox NAME]         "_s << tr("Show the preset and the rules.") << u'\n'
            << u"  allow RULE [--sandbox NAME]         "_s
            << tr("Add an allow rule, e.g. '**.github.com:443'.") << u'\n'
            << u"  deny RULE [--sandbox NAME]          "_s << tr("Add a deny rule.") << u'\n'
            << u"  intercept HOST[:PORT] [--sandbox NAME] "_s
            << tr("Open the TLS of allowed tunnels to these hosts, to scan them and apply method and path "
                  "rules.")
            << u'\n' << u"  rm RULE [--sandbox NAME]            "_s << tr("Remove a rule.") << u'\n'
            << u"  preset NAME                         "_s
            << tr("Choose the preset: %1.").arg(PresetCatalog::ids().join(u", "_s)) << u'\n'
            << u"  explain URL [--sandbox NAME]        "_s << tr("Show which rule decides a URL, and why.")
            << u'\n' << u'\n'
            << tr("Rule syntax: [METHODS] host[:port][/path-glob] with host exact, *.x, **.x, ** or a CIDR.")
            << u'\n';
        io.out.flush();
        return ExitOk;
    }
    if (sub.isEmpty())
        return usageError(
            io, tr("'paddock policy' needs a command: ls, allow, deny, intercept, rm, preset or explain."));
    return usageError(io, tr("unknown policy command '%1'.").arg(sub));
}

int PolicyCommand::list(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption all(u"all"_s, tr("Also list the preset's rules."));
    const QCommandLineOption sandbox(u"sandbox"_s, tr("Show this sandbox's rules too."), u"NAME"_s);
    parser.addOptions({all, sandbox});
    if (auto exit = parseOrExit(parser, u"policy ls"_s, args, io))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(io, tr("'paddock policy ls' takes no arguments."));
    auto policy = effectivePolicy(m_paths, parser.value(sandbox), QDir::currentPath());
    if (!policy)
        return failure(io, policy.error().message);
    auto global = PolicyFile::load(m_paths.globalPolicyFile());
    const QString presetId =
        global && !global->preset.isEmpty() ? global->preset : PresetCatalog::defaultPresetId();
    const auto preset = PresetCatalog::load(presetId);
    io.out << tr("Preset: %1 (%2)").arg(presetId, preset ? preset->description : preset.error().message)
           << u'\n';
    if (parser.isSet(all) && preset) {
        for (const PresetGroup &group : preset->groups) {
            io.out << u"  # "_s << group.name << u'\n';
            for (const PolicyRule &rule : group.rules)
                io.out << u"  "_s << rule.toString() << u'\n';
        }
    }
    const auto printLayer = [&](PolicyLayer layer, const QString &title) {
        io.out << title << u'\n';
        const QList<PolicyRule> &rules = policy->layer(layer);
        if (rules.isEmpty())
            io.out << u"  "_s << tr("(none)") << u'\n';
        for (const PolicyRule &rule : rules)
            io.out << u"  "_s << rule.toString() << u'\n';
    };
    printLayer(PolicyLayer::Global, tr("Global rules (%1):").arg(m_paths.globalPolicyFile()));
    printLayer(PolicyLayer::Project, tr("Project rules (%1):").arg(u".paddock/policy.json"_s));
    if (parser.isSet(sandbox))
        printLayer(PolicyLayer::Sandbox, tr("Sandbox rules (%1):").arg(parser.value(sandbox)));
    io.out.flush();
    return ExitOk;
}

void PolicyCommand::applyToRunningSandboxes(const QString &sandbox, CliIo &io) const
{
    // The process hosting sandboxes (the window, or `paddock serve`) enforces the saved files from the next
    // request on; without one, sandboxes read them when they start.
    const auto host = ControlClient::connectToHost(m_paths);
    if (!host)
        return;
    const auto reply = host->request({{u"op"_s, u"reload-policy"_s}, {u"name"_s, sandbox}});
    if (!reply) {
        io.err << tr("Saved, but the running sandboxes still use the policy they had: %1")
                      .arg(reply.error().message)
               << u'\n';
        io.err.flush();
        return;
    }
    QStringList reloaded;
    for (const QJsonValue &name : reply->value(u"reloaded"_s).toArray())
        reloaded << name.toString();
    if (!reloaded.isEmpty())
        io.out << tr("In effect now for %1.").arg(reloaded.join(u", "_s)) << u'\n';
}

int PolicyCommand::addRule(const QString &action, const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption sandbox(u"sandbox"_s, tr("Add the rule to this sandbox instead of globally."),
                                     u"NAME"_s);
    parser.addOption(sandbox);
    parser.addPositionalArgument(u"rule"_s, tr("[METHODS] host[:port][/path-glob], e.g. **.github.com:443"));
    if (auto exit = parseOrExit(parser, u"policy "_s + action, args, io))
        return *exit;
    if (parser.positionalArguments().isEmpty())
        return usageError(io, tr("'paddock policy %1' needs a rule, e.g. '**.github.com:443'.").arg(action));
    auto rule = PolicyRule::parse(QString(action + u' ' + parser.positionalArguments().join(u' ')));
    if (!rule)
        return usageError(io, rule.error().message);

    if (parser.isSet(sandbox) && parser.value(sandbox).isEmpty())
        return failure(io, tr("There is no sandbox named \"%1\".").arg(QString()));
    const auto saved = saveRule(m_paths, *rule, parser.value(sandbox));
    if (!saved)
        return failure(io, saved.error().message);
    if (parser.isSet(sandbox))
        io.out << tr("Sandbox %1: %2").arg(parser.value(sandbox), rule->toString()) << u'\n';
    else if (!*saved)
        io.out << tr("The rule \"%1\" is already in the global policy.").arg(rule->toString()) << u'\n';
    else
        io.out << tr("Added the global rule \"%1\".").arg(rule->toString()) << u'\n';
    if (*saved)
        applyToRunningSandboxes(parser.value(sandbox), io);
    io.out.flush();
    return ExitOk;
}

Result<bool> PolicyCommand::saveRule(const Paths &paths, const PolicyRule &rule, const QString &sandboxName)
{
    if (!sandboxName.isEmpty()) {
        SandboxStore store(paths.sandboxesDir());
        auto record = store.find(sandboxName);
        if (!record)
            return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(sandboxName));
        if (record->policyRules.contains(rule.toString()))
            return false;
        record->policyRules.append(rule.toString());
        if (auto saved = store.save(*record); !saved)
            return std::unexpected(saved.error());
        return true;
    }
    auto document = PolicyFile::load(paths.globalPolicyFile());
    if (!document)
        return std::unexpected(document.error());
    if (document->rules.contains(rule))
        return false;
    document->rules.append(rule);
    if (auto saved = PolicyFile::save(paths.globalPolicyFile(), *document); !saved)
        return std::unexpected(saved.error());
    return true;
}

int PolicyCommand::removeRule(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption sandbox(u"sandbox"_s, tr("Remove the rule from this sandbox."), u"NAME"_s);
    parser.addOption(sandbox);
    parser.addPositionalArgument(u"rule"_s, tr("The rule as 'paddock policy ls' shows it."));
    if (auto exit = parseOrExit(parser, u"policy rm"_s, args, io))
        return *exit;
    QString text = parser.positionalArguments().join(u' ');
    if (text.isEmpty())
        return usageError(io, tr("'paddock policy rm' needs the rule to remove."));
    // "allow x" or just "x": without an action, either action matches.
    QList<PolicyRule> candidates;
    if (text.startsWith("allow "_L1) || text.startsWith("deny "_L1) || text.startsWith("intercept "_L1)) {
        auto rule = PolicyRule::parse(text);
        if (!rule)
            return usageError(io, rule.error().message);
        candidates.append(*rule);
    } else {
        for (const QString &action : {u"allow "_s, u"deny "_s}) {
            auto rule = PolicyRule::parse(QString(action + text));
            if (!rule)
                return usageError(io, rule.error().message);
            candidates.append(*rule);
        }
        if (auto intercept = PolicyRule::parse(QString(u"intercept "_s + text))) // no methods or paths
            candidates.append(*intercept);
    }
    const auto removeFrom = [&](QList<PolicyRule> &rules) {
        qsizetype removed = 0;
        for (const PolicyRule &candidate : candidates)
            removed += rules.removeAll(candidate);
        return removed;
    };
    if (parser.isSet(sandbox)) {
        SandboxStore store(m_paths.sandboxesDir());
        auto record = store.find(parser.value(sandbox));
        if (!record)
            return failure(io, tr("There is no sandbox named \"%1\".").arg(parser.value(sandbox)));
        QList<PolicyRule> rules = parseAll(record->policyRules);
        if (removeFrom(rules) == 0)
            return failure(io, tr("Sandbox %1 has no rule \"%2\".").arg(record->name, text));
        record->policyRules.clear();
        for (const PolicyRule &rule : rules)
            record->policyRules.append(rule.toString());
        if (auto saved = store.save(*record); !saved)
            return failure(io, saved.error().message);
    } else {
        auto document = PolicyFile::load(m_paths.globalPolicyFile());
        if (!document)
            return failure(io, document.error().message);
        if (removeFrom(document->rules) == 0)
            return failure(
                io,
                tr("The global policy has no rule \"%1\"; 'paddock policy ls' lists the rules.").arg(text));
        if (auto saved = PolicyFile::save(m_paths.globalPolicyFile(), *document); !saved)
            return failure(io, saved.error().message);
    }
    io.out << tr("Removed \"%1\".").arg(text) << u'\n';
    applyToRunningSandboxes(parser.value(sandbox), io);
    io.out.flush();
    return ExitOk;
}

int PolicyCommand::setPreset(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, PresetCatalog::ids().join(u" | "_s));
    if (auto exit = parseOrExit(parser, u"policy preset"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(
            io,
            tr("'paddock policy preset' needs one preset name: %1.").arg(PresetCatalog::ids().join(u", "_s)));
    const QString id = parser.positionalArguments().first();
    const auto preset = PresetCatalog::load(id);
    if (!preset)
        return usageError(io, preset.error().message);
    auto document = PolicyFile::load(m_paths.globalPolicyFile());
    if (!document)
        return failure(io, document.error().message);
    document->preset = id;
    if (auto saved = PolicyFile::save(m_paths.globalPolicyFile(), *document); !saved)
        return failure(io, saved.error().message);
    io.out << tr("The preset is now %1: %2").arg(preset->name, preset->description) << u'\n';
    applyToRunningSandboxes({}, io);
    io.out.flush();
    return ExitOk;
}

int PolicyCommand::explain(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption sandbox(u"sandbox"_s, tr("Explain for this sandbox's policy."), u"NAME"_s);
    const QCommandLineOption method(u"method"_s, tr("The HTTP method (default GET)."), u"METHOD"_s, u"GET"_s);
    parser.addOptions({sandbox, method});
    parser.addPositionalArgument(u"url"_s, tr("https://host/path, http://host:port/path or host:port"));
    if (auto exit = parseOrExit(parser, u"policy explain"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock policy explain' needs one URL."));
    auto request = explainRequest(parser.positionalArguments().first(), parser.value(method));
    if (!request)
        return usageError(io, request.error().message);
    auto policy = effectivePolicy(m_paths, parser.value(sandbox), QDir::currentPath());
    if (!policy)
        return failure(io, policy.error().message);
    const PolicyDecision decision = policy->matcher()->explain(*request);
    io.out << (decision.allowed ? tr("ALLOWED") : tr("DENIED")) << u"  "_s << request->host.authorityHost()
           << u':' << request->port << request->path << u'\n';
    for (const QString &line : explanationLines(decision))
        io.out << u"  "_s << line << u'\n';
    if (!decision.allowed)
        io.out << u"  "_s
               << tr("To allow it: paddock policy allow '%1:%2'")
                      .arg(request->host.authorityHost())
                      .arg(request->port)
               << u'\n';
    io.out.flush();
    return ExitOk;
}

// Accepts `https://host[:port]/path`, `http://…` or `host[:port]` (port 443 by default).
Result<PolicyRequest> PolicyCommand::explainRequest(const QString &url, const QString &method)
{
    QString authority = url;
    QString path = u"/"_s;
    quint16 defaultPort = 443;
    const qsizetype scheme = url.indexOf("://"_L1);
    if (scheme >= 0) {
        const QString name = url.left(scheme).toLower();
        if (name != "http"_L1 && name != "https"_L1)
            return fail(ErrorCode::InvalidArgument, tr("\"%1\" is not an http or https URL.").arg(url));
        defaultPort = name == "http"_L1 ? 80 : 443;
        const QString rest = url.mid(scheme + 3);
        const qsizetype slash = rest.indexOf(u'/');
        authority = slash < 0 ? rest : rest.left(slash);
        path = slash < 0 ? u"/"_s : rest.mid(slash);
        path = path.left(path.indexOf(u'?') < 0 ? path.size() : path.indexOf(u'?'));
    }
    auto parsed = HostCanonicalizer::canonicalizeAuthority(authority);
    if (!parsed)
        return std::unexpected(parsed.error());
    return PolicyRequest{method.isEmpty() ? u"GET"_s : method.toUpper(), parsed->host,
                         parsed->port.value_or(defaultPort), path, true};
}

QStringList PolicyCommand::explanationLines(const PolicyDecision &decision)
{
    QStringList lines{decision.reason};
    if (decision.winner)
        lines.append(tr("Winning rule: %1 (%2 layer)")
                         .arg(decision.ruleText(), PolicyMatcher::layerName(decision.winner->rule.layer)));
    if (!decision.losers.isEmpty()) {
        lines.append(tr("Also matched, but less specific:"));
        for (const PolicyMatch &match : decision.losers)
            lines.append(u"  "_s + match.rule.rule.toString() + u" ("_s +
                         PolicyMatcher::layerName(match.rule.layer) + u')');
    }
    return lines;
}

} // namespace Paddock::App
