#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"
#include "core/policy.h"

namespace Paddock::App {

// `paddock policy ls | allow | deny | rm | preset | explain`: the global (or one sandbox's) network policy.
class PolicyCommand : public CliCommand
{
public:
    explicit PolicyCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("policy"); }
    QString summary() const override { return tr("Show, change and explain the network policy."); }
    int run(const QStringList &args, CliIo &io) override;

    // The effective policy for a sandbox (or, without one, for the project in projectDir).
    static Core::Result<Core::Policy> effectivePolicy(const Core::Paths &paths, const QString &sandboxName,
                                                      const QString &projectDir);
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

    const Core::Paths &m_paths;
};

} // namespace Paddock::App
