#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"
#include "core/sandboxrecord.h"

namespace Paddock::App {

// `paddock review ls [NAME] [--against BRANCH]`: brings each clone-mode sandbox's branch into its repository
// (objects only) and lists it with its commits ahead and behind and the size of its diff.
class ReviewCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ReviewCommand)

public:
    explicit ReviewCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("review"); }
    QString summary() const override { return tr("List the sandboxes' branches to review."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    // One sandbox's commits and network summary, below its row.
    void printDetails(const Core::SandboxRecord &record, const QString &against, CliIo &io) const;

    Core::Paths m_paths;
};

// `paddock diff NAME [--stat] [--raw] [--against BRANCH]`: the branch's changes, then the uncommitted ones.
class DiffCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::DiffCommand)

public:
    explicit DiffCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("diff"); }
    QString summary() const override { return tr("Show what a sandbox's agent changed."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock merge NAME [--squash | --ff-only | --no-ff] [--into BRANCH] [-m MESSAGE]`: merges the branch as
// last reviewed (by review ls or diff); it fetches nothing new.
class MergeCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::MergeCommand)

public:
    explicit MergeCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("merge"); }
    QString summary() const override { return tr("Merge a reviewed sandbox branch into your branch."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

// `paddock discard NAME [--remove-sandbox]`: deletes the imported branch, and the sandbox when asked.
class DiscardCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::DiscardCommand)

public:
    explicit DiscardCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("discard"); }
    QString summary() const override { return tr("Throw away a sandbox's branch."); }
    int run(const QStringList &args, CliIo &io) override;

private:
    Core::Paths m_paths;
};

} // namespace Paddock::App
