#include "app/cli/reviewcommand.h"

#include "app/host/controlclient.h"
#include "core/branchreview.h"
#include "core/sandboxstore.h"
#include "proxy/networksummary.h"
#include "vm/sandboxmanager.h"

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

class ReviewSupport
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ReviewSupport)

public:
    // The clone-mode sandbox called name, or a message saying why there is none.
    static Result<SandboxRecord> cloneSandbox(const Paths &paths, const QString &name)
    {
        const auto record = SandboxStore(paths.sandboxesDir()).find(name);
        if (!record)
            return fail(ErrorCode::NotFound, tr("There is no sandbox named \"%1\".").arg(name));
        if (record->mode != SandboxRecord::Mode::Clone)
            return fail(
                ErrorCode::InvalidArgument,
                tr("The sandbox \"%1\" works directly in %2 (direct mode), so it has no branch to review; "
                   "look at the folder with your usual tools.")
                    .arg(name, record->workspace));
        return *record;
    }

    // Brings the sandbox's branch into its repository as refs/paddock/<name>.
    static Result<QString> import(const Paths &paths, const SandboxRecord &record)
    {
        // A running microVM's clone lives on its disk: the process that runs it brings its branches back.
        if (record.backend == SandboxRecord::Backend::MicroVm)
            if (auto host = ControlClient::connectToHost(paths))
                if (auto brought = host->request({{u"op"_s, u"bring-back"_s}, {u"name"_s, record.name}});
                    !brought)
                    return std::unexpected(brought.error());
        const Vm::SandboxManager manager(paths);
        return BranchReview::importBranch(manager.cloneDirectory(record.name), record.workspace, record.name);
    }

    // SECURITY: diff text is the agent's; escape sequences in it must not drive the user's terminal (set the
    // title, rewrite lines, fake a clean diff), nor bidirectional overrides hide code (Trojan Source). --raw
    // prints it unchanged for piping into git apply.
    static QString terminalSafe(const QByteArray &bytes)
    {
        const QString text = QString::fromUtf8(bytes);
        QString safe;
        safe.reserve(text.size());
        for (const QChar c : text) {
            const char16_t u = c.unicode();
            if (u == u'\n' || u == u'\t' || (u >= 0x20 && u < 0x7f) ||
                (u >= 0xa0 && !(u >= 0x202a && u <= 0x202e) && !(u >= 0x2066 && u <= 0x2069)))
                safe.append(c);
            else if (u < 0x20)
                safe.append(QString(u'^') + QChar(u + 0x40));
            else
                safe.append(u"<U+%1>"_s.arg(int(u), 4, 16, QChar(u'0')).toUpper());
        }
        return safe;
    }
};

} // namespace

void ReviewCommand::printDetails(const SandboxRecord &record, const QString &against, CliIo &io) const
{
    // Subjects and names are the agent's text: escaped like file names, so they cannot drive the terminal.
    const auto commits = BranchReview::commits(record.workspace, record.name, against);
    if (commits) {
        io.out << u'\n' << tr("Commits (newest first):") << u'\n';
        for (const CommitInfo &commit : commits->commits)
            io.out << u"  "_s << commit.id.left(10) << u"  "_s << commit.time.toString(u"yyyy-MM-dd HH:mm"_s)
                   << u"  "_s << BranchReview::displayPath(commit.summary) << u'\n';
        if (commits->truncated)
            io.out << u"  "_s << tr("(older commits not listed)") << u'\n';
    }
    const auto network = Proxy::NetworkSummary::fromAuditLog(m_paths.auditLogDir() + u"/audit.jsonl"_s,
                                                             {{record.name, record.createdAt}})
                             .value(record.name);
    io.out << u'\n' << tr("Network: %n request(s)", nullptr, network.requests) << u", "_s
           << tr("%n host(s) reached", nullptr, network.hostsContacted()) << u", "_s
           << tr("%n blocked", nullptr, network.blocked) << u", "_s
           << tr("%n secret(s) caught", nullptr, network.secretsCaught) << u'\n';
    for (const Proxy::NetworkSummary::Host &host : network.hosts)
        io.out << u"  "_s << host.host.leftJustified(40) << QString::number(host.requests).rightJustified(6)
               << (host.blocked > 0 ? QString(u"  "_s + tr("%n blocked", nullptr, host.blocked)) : QString())
               << u'\n';
}

int ReviewCommand::run(const QStringList &args, CliIo &io)
{
    if (args.isEmpty() || args.first() != "ls"_L1) {
        if (!args.isEmpty() && (args.first() == "--help"_L1 || args.first() == "-h"_L1)) {
            io.out << tr("Usage: paddock review ls [NAME] [--against BRANCH]") << u'\n'
                   << tr("Brings each sandbox's branch into its repository and lists it.") << u'\n';
            io.out.flush();
            return ExitOk;
        }
        return usageError(io, tr("'paddock review' needs a subcommand: ls."));
    }
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("Only this sandbox."), u"[NAME]"_s);
    const QCommandLineOption against(
        u"against"_s, tr("Compare with this branch (default: the checked-out one)."), u"BRANCH"_s);
    parser.addOption(against);
    if (auto exit = parseOrExit(parser, u"review ls"_s, args.mid(1), io))
        return *exit;
    if (parser.positionalArguments().size() > 1)
        return usageError(io, tr("'paddock review ls' takes at most one sandbox name."));
    QList<SandboxRecord> records;
    if (parser.positionalArguments().size() == 1) {
        const auto record = ReviewSupport::cloneSandbox(m_paths, parser.positionalArguments().first());
        if (!record)
            return failure(io, record.error().message);
        records.append(*record);
    } else {
        for (const SandboxRecord &record : SandboxStore(m_paths.sandboxesDir()).list()) {
            if (record.mode == SandboxRecord::Mode::Clone)
                records.append(record);
        }
    }
    const Vm::SandboxManager manager(m_paths);
    int failures = 0;
    io.out << tr("SANDBOX").leftJustified(20) << tr("BRANCH").leftJustified(28)
           << tr("TARGET").leftJustified(16) << tr("AHEAD").rightJustified(6)
           << tr("BEHIND").rightJustified(7) << tr("FILES").rightJustified(7) << tr("+/-").rightJustified(16)
           << u"  "_s << tr("UNCOMMITTED") << u'\n';
    for (const SandboxRecord &record : records) {
        const auto imported = ReviewSupport::import(m_paths, record);
        const auto summary = imported
                                 ? BranchReview::summary(record.workspace, record.name, parser.value(against))
                                 : Result<BranchSummary>(std::unexpected(imported.error()));
        if (!summary) {
            ++failures;
            io.err << tr("paddock: %1: %2").arg(record.name, summary.error().message) << u'\n';
            continue;
        }
        const auto uncommitted =
            BranchReview::uncommittedChanges(manager.cloneDirectory(record.name), record.name, false);
        io.out << record.name.leftJustified(20) << QString(u"paddock/"_s + record.name).leftJustified(28)
               << summary->target.leftJustified(16) << QString::number(summary->ahead).rightJustified(6)
               << QString::number(summary->behind).rightJustified(7)
               << QString::number(summary->stats.files).rightJustified(7)
               << u"+%1/-%2"_s.arg(summary->stats.additions).arg(summary->stats.deletions).rightJustified(16)
               << u"  "_s
               << (uncommitted ? tr("%n file(s)", nullptr, int(uncommitted->files.size())) : tr("unknown"))
               << u'\n';
        if (parser.positionalArguments().size() == 1)
            printDetails(record, parser.value(against), io);
    }
    io.out.flush();
    io.err.flush();
    return failures ? ExitFailure : ExitOk;
}

int DiffCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox."));
    const QCommandLineOption stat(u"stat"_s, tr("Only the changed files and their line counts."));
    const QCommandLineOption raw(u"raw"_s, tr("Print the diff unchanged (control characters included), e.g. "
                                              "for git apply."));
    const QCommandLineOption against(
        u"against"_s, tr("Compare with this branch (default: the checked-out one)."), u"BRANCH"_s);
    parser.addOptions({stat, raw, against});
    if (auto exit = parseOrExit(parser, u"diff"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock diff' needs one sandbox name."));
    const auto record = ReviewSupport::cloneSandbox(m_paths, parser.positionalArguments().first());
    if (!record)
        return failure(io, record.error().message);
    if (auto imported = ReviewSupport::import(m_paths, *record); !imported)
        return failure(io, imported.error().message);
    const auto diff = BranchReview::diff(record->workspace, record->name, parser.value(against),
                                         parser.isSet(stat) ? DiffDetail::Stats : DiffDetail::Patches);
    if (!diff)
        return failure(io, diff.error().message);
    const auto show = [&](const QList<FileChange> &files, const DiffStats &stats) {
        if (parser.isSet(stat)) {
            io.out << BranchReview::statText(files, stats);
            return;
        }
        for (const FileChange &file : files)
            io.out << (parser.isSet(raw) ? QString::fromUtf8(file.patch)
                                         : ReviewSupport::terminalSafe(file.patch));
    };
    show(diff->files, diff->stats);
    const Vm::SandboxManager manager(m_paths);
    const auto uncommitted = BranchReview::uncommittedChanges(manager.cloneDirectory(record->name),
                                                              record->name, !parser.isSet(stat));
    if (!uncommitted) {
        io.err << tr("paddock: the sandbox's uncommitted changes could not be read: %1")
                      .arg(uncommitted.error().message)
               << u'\n';
    } else if (!uncommitted->files.isEmpty()) {
        io.out << u'\n'
               << tr("Uncommitted changes in the sandbox (not part of paddock/%1, not merged):")
                      .arg(record->name)
               << u"\n\n"_s;
        show(uncommitted->files, uncommitted->stats);
        if (uncommitted->truncated)
            io.out << tr("(more changed files than Paddock lists)") << u'\n';
    }
    io.out.flush();
    io.err.flush();
    return ExitOk;
}

int MergeCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox."));
    const QCommandLineOption squash(u"squash"_s, tr("Make one new commit with all of the branch's changes."));
    const QCommandLineOption ffOnly(u"ff-only"_s,
                                    tr("Only fast-forward; refuse when a merge commit is needed."));
    const QCommandLineOption noFf(u"no-ff"_s, tr("Always make a merge commit."));
    const QCommandLineOption into(u"into"_s, tr("The branch to merge into (default: the checked-out one)."),
                                  u"BRANCH"_s);
    const QCommandLineOption message({u"m"_s, u"message"_s}, tr("The message of the merge or squash commit."),
                                     u"MESSAGE"_s);
    const QCommandLineOption sign({u"S"_s, u"sign"_s},
                                  tr("Sign the merge or squash commit with your git signing key (as 'git "
                                     "commit -S'), even if commit.gpgsign is not set."));
    const QCommandLineOption noSign(u"no-sign"_s, tr("Do not sign, even if commit.gpgsign is set."));
    parser.addOptions({squash, ffOnly, noFf, into, message, sign, noSign});
    if (auto exit = parseOrExit(parser, u"merge"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock merge' needs one sandbox name."));
    if (int(parser.isSet(squash)) + int(parser.isSet(ffOnly)) + int(parser.isSet(noFf)) > 1)
        return usageError(io, tr("Choose one of --squash, --ff-only and --no-ff."));
    if (parser.isSet(ffOnly) && parser.isSet(message))
        return usageError(io, tr("A fast-forward makes no commit, so it takes no --message."));
    if (parser.isSet(sign) && parser.isSet(noSign))
        return usageError(io, tr("Choose one of --sign and --no-sign."));
    if (parser.isSet(ffOnly) && parser.isSet(sign))
        return usageError(io, tr("A fast-forward makes no commit, so there is nothing to sign."));
    const auto record = ReviewSupport::cloneSandbox(m_paths, parser.positionalArguments().first());
    if (!record)
        return failure(io, record.error().message);
    MergeOptions options;
    options.mode = parser.isSet(squash)   ? MergeOptions::Mode::Squash
                   : parser.isSet(ffOnly) ? MergeOptions::Mode::FastForwardOnly
                   : parser.isSet(noFf)   ? MergeOptions::Mode::MergeCommit
                                          : MergeOptions::Mode::Auto;
    options.into = parser.value(into);
    options.message = parser.value(message);
    options.signing = parser.isSet(sign)     ? MergeOptions::Signing::Always
                      : parser.isSet(noSign) ? MergeOptions::Signing::Never
                                             : MergeOptions::Signing::AsConfigured;
    // What was reviewed is merged: the branch as the last 'review ls' or 'diff' brought it, never a newer
    // one.
    const auto merged = BranchReview::merge(record->workspace, record->name, options);
    if (!merged)
        return failure(io, merged.error().message);
    const QString branch = u"paddock/"_s + record->name;
    switch (merged->kind) {
    case MergeOutcome::Kind::Conflict: {
        QStringList paths;
        for (const QString &path : merged->conflicts)
            paths.append(BranchReview::displayPath(path));
        return failure(io,
                       tr("Merging %1 into %2 conflicts in: %3. Nothing was changed. Ask the agent to merge "
                          "%2 into its branch, then review it again.")
                           .arg(branch, merged->into, paths.join(u", "_s)));
    }
    case MergeOutcome::Kind::UpToDate:
        io.out << tr("%1 already contains everything in %2.").arg(merged->into, branch) << u'\n';
        break;
    case MergeOutcome::Kind::FastForward:
        io.out << tr("Fast-forwarded %1 to %2 (%3).").arg(merged->into, merged->commit.left(12), branch)
               << u'\n';
        break;
    case MergeOutcome::Kind::MergeCommit:
        io.out << (merged->isSigned ? tr("Merged %1 into %2: commit %3, signed.")
                                    : tr("Merged %1 into %2: commit %3."))
                      .arg(branch, merged->into, merged->commit.left(12))
               << u'\n';
        break;
    case MergeOutcome::Kind::Squash:
        io.out << (merged->isSigned ? tr("Squashed %1 into %2: commit %3, signed.")
                                    : tr("Squashed %1 into %2: commit %3."))
                      .arg(branch, merged->into, merged->commit.left(12))
               << u'\n';
        break;
    }
    io.out.flush();
    return ExitOk;
}

int DiscardCommand::run(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"name"_s, tr("The sandbox."));
    const QCommandLineOption removeSandbox(
        u"remove-sandbox"_s, tr("Also remove the sandbox and its clone, with all of its work."));
    parser.addOption(removeSandbox);
    if (auto exit = parseOrExit(parser, u"discard"_s, args, io))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(io, tr("'paddock discard' needs one sandbox name."));
    const QString name = parser.positionalArguments().first();
    const auto record = ReviewSupport::cloneSandbox(m_paths, name);
    if (!record)
        return failure(io, record.error().message);
    if (parser.isSet(removeSandbox)) {
        if (auto host = ControlClient::connectToHost(m_paths)) {
            if (host->runningSandboxes().value_or(QStringList()).contains(name))
                return failure(
                    io, tr("The sandbox \"%1\" is running; stop it first with 'paddock stop %1'.").arg(name));
        }
    }
    const auto discarded = BranchReview::discard(record->workspace, name);
    if (!discarded && discarded.error().code != ErrorCode::NotFound)
        return failure(io, discarded.error().message);
    if (discarded)
        io.out << tr("Deleted refs/paddock/%1 from %2.").arg(name, record->workspace) << u'\n';
    if (parser.isSet(removeSandbox)) {
        Vm::SandboxManager manager(m_paths);
        if (auto removed = manager.remove(name, true); !removed)
            return failure(io, removed.error().message);
        io.out << tr("Removed sandbox \"%1\".").arg(name) << u'\n';
    } else if (!discarded) {
        return failure(io, discarded.error().message);
    } else {
        io.out
            << tr("The sandbox still has its branch; 'paddock discard --remove-sandbox %1' removes it too.")
                   .arg(name)
            << u'\n';
    }
    io.out.flush();
    return ExitOk;
}

} // namespace Paddock::App
