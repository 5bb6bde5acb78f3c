#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"
#include "core/policy.h"

#include <optional>

namespace Paddock::App {

// `paddock policy ls | allow | deny | rm | preset | explain`: the global (or one sandbox's) network policy.
class PolicyCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::PolicyCommand)

public:
    explicit PolicyCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("policy"); }
    QString summary() const override { return tr("Show, change and explain the network policy."); }
    int run(const QStringList &args, CliIo &io) override;

    // Edits not saved yet, which replace what the files and records say (the policy editor tests a URL with
    // them). Unset: what is saved.
    struct Draft
    {
        std::optional<QString> globalPreset;  // the global file's preset ("": the default)
        std::optional<QString> sandboxPreset; // the sandbox's preset ("": the global one)
        std::optional<QList<Core::PolicyRule>> globalRules;
        std::optional<QList<Core::PolicyRule>> projectRules;
        std::optional<QList<Core::PolicyRule>> sandboxRules; // without the hosts its agent needs
    };

    // The effective policy for a sandbox (or, without one, for the project in projectDir).
    static Core::Result<Core::Policy> effectivePolicy(const Core::Paths &paths, const QString &sandboxName,
                                                      const QString &projectDir, const Draft &draft = {});
    // The request `paddock policy explain` puts to the policy for https://host/path, http://host:port/path
    // or host:port (port 443 then), with this method (GET when empty).
    static Core::Result<Core::PolicyRequest> explainRequest(const QString &url, const QString &method);
    // What explains a decision, one line each: the reason, the winning rule and its layer, then the other
    // rules that matched (indented), as `paddock policy explain` prints them.
    static QStringList explanationLines(const Core::PolicyDecision &decision);
    // Adds the rule to the global policy file, or with a sandbox name to that sandbox's rules, as
    // `paddock policy allow|deny` does; false when the rule was there already.
    static Core::Result<bool> saveRule(const Core::Paths &paths, const Core::PolicyRule &rule,
                                       const QString &sandboxName);

private:
    int list(const QStringList &args, CliIo &io);
    int addRule(const QString &action, const QStringList &args, CliIo &io);
    int removeRule(const QStringList &args, CliIo &io);
    int setPreset(const QStringList &args, CliIo &io);
    int explain(const QStringList &args, CliIo &io);
    // Tells a running host to apply the saved policy now: to that sandbox, or with no name to every one.
    void applyToRunningSandboxes(const QString &sandbox, CliIo &io) const;

    const Core::Paths &m_paths;
};

} // namespace Paddock::App
