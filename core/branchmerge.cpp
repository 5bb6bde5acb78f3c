// BranchReview: merging an imported branch into one of the user's branches, all or nothing.
#include "core/branchreview.h"

#include "core/gitsupport_p.h"

#include <span>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

using namespace Git;

namespace {

using Revwalk = std::unique_ptr<git_revwalk, Deleter<git_revwalk_free>>;

constexpr int maxReportedConflicts = 50;

QString defaultSquashMessage(git_repository *repository, const git_oid &branch, const git_oid &target,
                             const QString &name)
{
    QString message = BranchReview::tr("Work of sandbox %1 (squashed)").arg(name) + u"\n\n"_s;
    git_revwalk *raw = nullptr;
    if (git_revwalk_new(&raw, repository) != 0)
        return message;
    const Revwalk walk(raw);
    git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_revwalk_push(raw, &branch);
    git_revwalk_hide(raw, &target);
    git_oid oid;
    int listed = 0;
    while (git_revwalk_next(&oid, raw) == 0 && listed++ < 100) {
        git_commit *commit = nullptr;
        if (git_commit_lookup(&commit, repository, &oid) != 0)
            continue;
        const char *summary = git_commit_summary(commit);
        message += u"* "_s + QString::fromUtf8(summary ? summary : "") + u'\n';
        git_commit_free(commit);
    }
    return message;
}

// Collects the paths a safe checkout refuses to overwrite.
int onCheckoutConflict(git_checkout_notify_t, const char *path, const git_diff_file *, const git_diff_file *,
                       const git_diff_file *, void *payload)
{
    auto *paths = static_cast<QStringList *>(payload);
    if (paths->size() < maxReportedConflicts)
        paths->append(QString::fromUtf8(path));
    return 0;
}

struct CreatedCommit
{
    git_oid id{};
    bool isSigned = false;
};

// Writes the commit object (no ref moves), signed with the user's key when asked or configured to be.
Result<CreatedCommit> createCommit(git_repository *repository, const git_signature &signature,
                                   const QByteArray &message, const git_tree *tree,
                                   std::span<const git_commit *> parents, MergeOptions::Signing signing)
{
    CreatedCommit created;
    CommitSigning configured;
    if (signing != MergeOptions::Signing::Never) {
        auto read = readSigning(repository);
        if (!read)
            return std::unexpected(read.error());
        configured = *read;
    }
    created.isSigned = signing == MergeOptions::Signing::Always ||
                       (signing == MergeOptions::Signing::AsConfigured && configured.byDefault);
    if (!created.isSigned) {
        if (git_commit_create(&created.id, repository, nullptr, &signature, &signature, "UTF-8",
                              message.constData(), tree, parents.size(), parents.data()) != 0)
            return fail(ErrorCode::Io, BranchReview::tr("Could not create the commit: %1").arg(lastError()));
        return created;
    }
    Buffer payload;
    if (git_commit_create_buffer(&payload.buf, repository, &signature, &signature, "UTF-8",
                                 message.constData(), tree, parents.size(), parents.data()) != 0)
        return fail(ErrorCode::Io, BranchReview::tr("Could not create the commit: %1").arg(lastError()));
    const auto signed_ =
        signPayload(configured, QByteArray(payload.buf.ptr, qsizetype(payload.buf.size)), signature);
    if (!signed_)
        return std::unexpected(signed_.error());
    if (git_commit_create_with_signature(&created.id, repository, payload.buf.ptr, signed_->constData(),
                                         nullptr) != 0)
        return fail(ErrorCode::Io,
                    BranchReview::tr("Could not create the signed commit: %1").arg(lastError()));
    return created;
}

} // namespace

Result<MergeOutcome> BranchReview::merge(const QString &repository, const QString &name,
                                         const MergeOptions &options)
{
    const auto ref = importedRef(name);
    if (!ref)
        return std::unexpected(ref.error());
    auto user = openUserRepository(repository);
    if (!user)
        return std::unexpected(user.error());
    git_repository *repo = user->get();
    git_oid branch;
    if (git_reference_name_to_id(&branch, repo, ref->constData()) != 0)
        return fail(ErrorCode::NotFound,
                    tr("The sandbox's branch paddock/%1 has not been brought into %2 yet; review it first.")
                        .arg(name, repository));
    if (!options.expectedCommit.isEmpty() && hex(branch) != options.expectedCommit)
        return fail(ErrorCode::Conflict,
                    tr("paddock/%1 changed since it was reviewed (it is now at %2); review "
                       "it again before merging.")
                        .arg(name, hex(branch).left(12)));
    MergeOutcome outcome;
    outcome.into = options.into;
    if (outcome.into.isEmpty()) {
        const auto current = currentBranch(repository);
        if (!current)
            return std::unexpected(current.error());
        outcome.into = *current;
    }
    const QByteArray intoRef = "refs/heads/" + outcome.into.toUtf8();
    int valid = 0;
    if (git_reference_name_is_valid(&valid, intoRef.constData()) != 0 || !valid)
        return fail(ErrorCode::InvalidArgument, tr("\"%1\" is not a valid branch name.").arg(outcome.into));
    git_oid target;
    if (git_reference_name_to_id(&target, repo, intoRef.constData()) != 0)
        return fail(ErrorCode::NotFound, tr("%1 has no branch %2.").arg(repository, outcome.into));
    outcome.commit = hex(target);

    git_oid base;
    const int based = git_merge_base(&base, repo, &branch, &target);
    if (based != 0 && based != GIT_ENOTFOUND)
        return fail(
            ErrorCode::Io,
            tr("Could not find where paddock/%1 and %2 meet: %3").arg(name, outcome.into, lastError()));
    const bool hasBase = based == 0;
    if (git_oid_equal(&branch, &target) || (hasBase && git_oid_equal(&base, &branch)))
        return outcome; // up to date
    const bool fastForward = hasBase && git_oid_equal(&base, &target);
    if (options.mode == MergeOptions::Mode::FastForwardOnly && !fastForward)
        return fail(
            ErrorCode::Conflict,
            tr("%1 has commits that paddock/%2 does not, so it cannot be fast-forwarded. Merge without "
               "--ff-only, or have the agent rebase its branch.")
                .arg(outcome.into, name));

    git_oid result = branch;
    outcome.kind = MergeOutcome::Kind::FastForward;
    if (options.mode == MergeOptions::Mode::MergeCommit || options.mode == MergeOptions::Mode::Squash ||
        (options.mode == MergeOptions::Mode::Auto && !fastForward)) {
        git_commit *rawBranch = nullptr;
        git_commit *rawTarget = nullptr;
        git_commit_lookup(&rawBranch, repo, &branch);
        git_commit_lookup(&rawTarget, repo, &target);
        const Commit branchCommit(rawBranch);
        const Commit targetCommit(rawTarget);
        if (!rawBranch || !rawTarget)
            return fail(ErrorCode::Corrupt, tr("Could not read the commits to merge: %1").arg(lastError()));
        git_oid tree;
        if (fastForward) {
            tree = *git_commit_tree_id(rawBranch);
        } else {
            // In memory: libgit2 merges into a new index, touching neither the user's index nor files, and
            // runs no merge driver, whatever the attributes say.
            git_merge_options mergeOptions = GIT_MERGE_OPTIONS_INIT;
            git_index *rawIndex = nullptr;
            if (git_merge_commits(&rawIndex, repo, rawTarget, rawBranch, &mergeOptions) != 0)
                return fail(ErrorCode::Io, tr("Could not merge paddock/%1: %2").arg(name, lastError()));
            const Index index(rawIndex);
            if (git_index_has_conflicts(rawIndex)) {
                outcome.kind = MergeOutcome::Kind::Conflict;
                outcome.commit = hex(target);
                git_index_conflict_iterator *iterator = nullptr;
                if (git_index_conflict_iterator_new(&iterator, rawIndex) == 0) {
                    const git_index_entry *ancestor = nullptr, *ours = nullptr, *theirs = nullptr;
                    while (outcome.conflicts.size() < maxReportedConflicts &&
                           git_index_conflict_next(&ancestor, &ours, &theirs, iterator) == 0) {
                        const git_index_entry *any = ours ? ours : theirs ? theirs : ancestor;
                        outcome.conflicts.append(QString::fromUtf8(any->path));
                    }
                    git_index_conflict_iterator_free(iterator);
                }
                return outcome;
            }
            if (git_index_write_tree_to(&tree, rawIndex, repo) != 0)
                return fail(ErrorCode::Io, tr("Could not write the merged files: %1").arg(lastError()));
        }
        git_tree *rawTree = nullptr;
        if (git_tree_lookup(&rawTree, repo, &tree) != 0)
            return fail(ErrorCode::Io, tr("Could not read the merged files: %1").arg(lastError()));
        const Tree mergedTree(rawTree);
        git_signature *rawSignature = nullptr;
        // The user's own identity from their (trusted) git configuration; never the agent's.
        if (git_signature_default(&rawSignature, repo) != 0)
            return fail(
                ErrorCode::Unavailable,
                tr("git does not know who you are; set it with 'git config --global user.name \"Your "
                   "Name\"' and 'git config --global user.email you@example.com', then merge again."));
        const Signature signature(rawSignature);
        const bool squash = options.mode == MergeOptions::Mode::Squash;
        QString message = options.message;
        if (message.trimmed().isEmpty())
            message = squash ? defaultSquashMessage(repo, branch, target, name)
                             : tr("Merge paddock/%1 into %2").arg(name, outcome.into) + u'\n';
        if (!message.endsWith(u'\n'))
            message += u'\n';
        const git_commit *parents[] = {rawTarget, rawBranch};
        auto created = createCommit(repo, *signature, message.toUtf8(), rawTree, {parents, squash ? 1u : 2u},
                                    options.signing);
        if (!created)
            return std::unexpected(created.error());
        result = created->id;
        outcome.isSigned = created->isSigned;
        outcome.kind = squash ? MergeOutcome::Kind::Squash : MergeOutcome::Kind::MergeCommit;
    }

    // Move the branch, and its files when it is checked out, only if it still is where it was.
    const QByteArray log = "paddock: merge paddock/" + name.toUtf8();
    const auto moveRef = [&]() -> Result<> {
        git_reference *moved = nullptr;
        if (git_reference_create_matching(&moved, repo, intoRef.constData(), &result, 1, &target,
                                          log.constData()) != 0)
            return fail(ErrorCode::Conflict, tr("%1 moved while merging (%2); nothing was merged. Try again.")
                                                 .arg(outcome.into, lastError()));
        git_reference_free(moved);
        return {};
    };
    git_reference *rawHead = nullptr;
    bool checkedOut = false;
    if (!git_repository_is_bare(repo) && git_reference_lookup(&rawHead, repo, "HEAD") == 0) {
        const Reference head(rawHead);
        const char *symbolic = git_reference_symbolic_target(rawHead);
        checkedOut = symbolic && intoRef == symbolic;
    }
    if (!checkedOut) {
        git_reference *rawInto = nullptr;
        if (git_reference_lookup(&rawInto, repo, intoRef.constData()) == 0) {
            const Reference into(rawInto);
            if (git_branch_is_checked_out(rawInto) == 1)
                return fail(ErrorCode::Conflict,
                            tr("%1 is checked out in another working tree of %2; merge there, "
                               "or switch that working tree to another branch.")
                                .arg(outcome.into, repository));
        }
        if (auto moved = moveRef(); !moved)
            return std::unexpected(moved.error());
        outcome.commit = hex(result);
        return outcome;
    }

    // The target is checked out: its files change too, so it must have no uncommitted changes (staged or
    // not) for a merge to be undoable by the user with ordinary git.
    git_status_options statusOptions = GIT_STATUS_OPTIONS_INIT;
    statusOptions.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    git_status_list *rawStatus = nullptr;
    if (git_status_list_new(&rawStatus, repo, &statusOptions) != 0)
        return fail(ErrorCode::Io, tr("Could not read the status of %1: %2").arg(repository, lastError()));
    const StatusList status(rawStatus);
    if (git_status_list_entrycount(rawStatus) > 0)
        return fail(
            ErrorCode::Conflict,
            tr("%1 has uncommitted changes in %2; commit or stash them, then merge again. Nothing was "
               "changed.")
                .arg(repository, outcome.into));
    git_commit *rawResult = nullptr;
    git_commit *rawOld = nullptr;
    git_commit_lookup(&rawResult, repo, &result);
    git_commit_lookup(&rawOld, repo, &target);
    const Commit resultCommit(rawResult);
    const Commit oldCommit(rawOld);
    git_tree *rawOldTree = nullptr;
    if (!rawResult || !rawOld || git_commit_tree(&rawOldTree, rawOld) != 0)
        return fail(ErrorCode::Io, tr("Could not read the commits to merge: %1").arg(lastError()));
    const Tree oldTree(rawOldTree);
    // SAFE: libgit2 computes every change first and writes nothing if a file in the way (an untracked file
    // the merge would overwrite) conflicts; only the paths that differ from the old tree are written.
    QStringList blocked;
    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    // SECURITY: nor does it overwrite ignored files (a .env with the user's keys) with the agent's content.
    checkout.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_DONT_OVERWRITE_IGNORED;
    checkout.baseline = rawOldTree;
    checkout.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT;
    checkout.notify_cb = onCheckoutConflict;
    checkout.notify_payload = &blocked;
    if (git_checkout_tree(repo, reinterpret_cast<git_object *>(rawResult), &checkout) != 0) {
        if (!blocked.isEmpty()) {
            outcome.kind = MergeOutcome::Kind::Conflict;
            outcome.conflicts = blocked;
            outcome.commit = hex(target);
            return outcome;
        }
        return fail(ErrorCode::Io, tr("Could not update the files of %1: %2").arg(repository, lastError()));
    }
    if (auto moved = moveRef(); !moved) {
        // Put the files back as they were; the branch did not move.
        git_checkout_options undo = GIT_CHECKOUT_OPTIONS_INIT;
        undo.checkout_strategy = GIT_CHECKOUT_SAFE;
        git_tree *rawNewTree = nullptr;
        if (git_commit_tree(&rawNewTree, rawResult) == 0) {
            undo.baseline = rawNewTree;
            git_checkout_tree(repo, reinterpret_cast<git_object *>(rawOld), &undo);
            git_tree_free(rawNewTree);
        }
        return std::unexpected(moved.error());
    }
    outcome.commit = hex(result);
    outcome.workingTreeUpdated = true;
    return outcome;
}

} // namespace Paddock::Core
