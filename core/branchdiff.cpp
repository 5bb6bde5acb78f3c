// BranchReview: an imported branch against its target (ahead/behind, tree-to-tree diff) and its display.
#include "core/branchreview.h"

#include "core/gitsupport_p.h"

using namespace Qt::StringLiterals;

namespace Paddock::Core {

using namespace Git;

namespace {

// Files above this are shown as binary placeholders, as huge diffs must not stall anyone (security.md 16).
constexpr git_off_t maxDiffedFileBytes = git_off_t(16) << 20;
// The patch text kept for one diff; the files after it get stats only (security.md 16: a 1 GB diff).
constexpr qsizetype maxPatchBytes = qsizetype(256) << 20;
// Above this many added plus deleted files, renames are found by identical content only.
constexpr unsigned renameLimit = 1000;

struct Endpoints
{
    Repository repository;
    Commit branch;
    Commit target;
    QString targetName;
    git_oid base{};
    bool hasBase = false;
};

Result<Commit> lookupCommit(git_repository *repository, const char *ref, const QString &shown)
{
    git_object *object = nullptr;
    if (git_revparse_single(&object, repository, ref) != 0)
        return fail(ErrorCode::NotFound, BranchReview::tr("There is no branch %1.").arg(shown));
    const Object owned(object);
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) != 0)
        return fail(ErrorCode::NotFound, BranchReview::tr("%1 does not point at a commit.").arg(shown));
    return Commit(reinterpret_cast<git_commit *>(peeled));
}

Result<Endpoints> openEndpoints(const QString &repository, const QString &name, const QString &target)
{
    const auto ref = BranchReview::importedRef(name);
    if (!ref)
        return std::unexpected(ref.error());
    auto user = openUserRepository(repository);
    if (!user)
        return std::unexpected(user.error());
    Endpoints result;
    result.repository = std::move(*user);
    git_repository *repo = result.repository.get();
    auto branch = lookupCommit(repo, ref->constData(), u"paddock/"_s + name);
    if (!branch)
        return fail(ErrorCode::NotFound,
                    BranchReview::tr("The sandbox's branch paddock/%1 has not been brought into %2 yet.")
                        .arg(name, repository));
    result.branch = std::move(*branch);
    QByteArray targetRef = "HEAD";
    result.targetName = target;
    if (target.isEmpty()) {
        if (auto current = BranchReview::currentBranch(repository))
            result.targetName = *current;
        else
            result.targetName = u"HEAD"_s;
    } else {
        targetRef = "refs/heads/" + target.toUtf8();
        int valid = 0;
        if (git_reference_name_is_valid(&valid, targetRef.constData()) != 0 || !valid)
            return fail(ErrorCode::InvalidArgument,
                        BranchReview::tr("\"%1\" is not a valid branch name.").arg(target));
    }
    auto targetCommit = lookupCommit(repo, targetRef.constData(), result.targetName);
    if (!targetCommit)
        return std::unexpected(targetCommit.error());
    result.target = std::move(*targetCommit);
    const int found = git_merge_base(&result.base, repo, git_commit_id(result.branch.get()),
                                     git_commit_id(result.target.get()));
    if (found != 0 && found != GIT_ENOTFOUND)
        return fail(ErrorCode::Io, BranchReview::tr("Could not find where paddock/%1 and %2 meet: %3")
                                       .arg(name, result.targetName, lastError()));
    result.hasBase = found == 0;
    return result;
}

FileChange::Status statusOf(git_delta_t status)
{
    switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
        return FileChange::Status::Added;
    case GIT_DELTA_DELETED:
        return FileChange::Status::Deleted;
    case GIT_DELTA_RENAMED:
        return FileChange::Status::Renamed;
    case GIT_DELTA_COPIED:
        return FileChange::Status::Copied;
    case GIT_DELTA_TYPECHANGE:
        return FileChange::Status::TypeChanged;
    default:
        return FileChange::Status::Modified;
    }
}

} // namespace

namespace Git {

// Fills a FileChange from one patch (shared with the uncommitted changes).
Result<FileChange> fileChangeOf(git_patch *patch, bool withPatch)
{
    const git_diff_delta *delta = git_patch_get_delta(patch);
    FileChange change;
    change.status = statusOf(delta->status);
    change.oldPath = QString::fromUtf8(delta->old_file.path);
    change.path = QString::fromUtf8(delta->new_file.path);
    change.similarity = int(delta->similarity);
    change.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
    const git_diff_file &shown = delta->status == GIT_DELTA_DELETED ? delta->old_file : delta->new_file;
    change.symlink = shown.mode == GIT_FILEMODE_LINK;
    std::size_t additions = 0;
    std::size_t deletions = 0;
    git_patch_line_stats(nullptr, &additions, &deletions, patch);
    change.additions = int(additions);
    change.deletions = int(deletions);
    if (withPatch) {
        Buffer text;
        if (git_patch_to_buf(&text.buf, patch) != 0)
            return fail(ErrorCode::Internal, lastError());
        change.patch = QByteArray(text.buf.ptr, qsizetype(text.buf.size));
    }
    return change;
}

void addTo(DiffStats &stats, const FileChange &change)
{
    ++stats.files;
    stats.additions += change.additions;
    stats.deletions += change.deletions;
}

} // namespace Git

Result<BranchDiff> BranchReview::diff(const QString &repository, const QString &name, const QString &target,
                                      bool withPatches)
{
    auto ends = openEndpoints(repository, name, target);
    if (!ends)
        return std::unexpected(ends.error());
    git_repository *repo = ends->repository.get();
    BranchDiff result;
    result.branchCommit = hex(*git_commit_id(ends->branch.get()));
    result.targetCommit = hex(*git_commit_id(ends->target.get()));
    git_tree *rawBranchTree = nullptr;
    git_tree *rawBaseTree = nullptr;
    if (git_commit_tree(&rawBranchTree, ends->branch.get()) != 0)
        return fail(ErrorCode::Corrupt, tr("Could not read paddock/%1: %2").arg(name, lastError()));
    const Tree branchTree(rawBranchTree);
    Tree baseTree;
    if (ends->hasBase) {
        result.baseCommit = hex(ends->base);
        git_commit *rawBase = nullptr;
        if (git_commit_lookup(&rawBase, repo, &ends->base) != 0 ||
            git_commit_tree(&rawBaseTree, rawBase) != 0) {
            git_commit_free(rawBase);
            return fail(ErrorCode::Corrupt, tr("Could not read the merge base: %1").arg(lastError()));
        }
        git_commit_free(rawBase);
        baseTree.reset(rawBaseTree);
    }
    // Tree to tree in the user's (trusted) repository: no working tree, no sandbox configuration. libgit2
    // runs no external diff or textconv drivers whatever the attributes say.
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
    options.max_size = maxDiffedFileBytes;
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, repo, baseTree.get(), branchTree.get(), &options) != 0)
        return fail(ErrorCode::Io, tr("Could not compare paddock/%1: %2").arg(name, lastError()));
    const Diff diff(rawDiff);
    std::size_t addedOrDeleted = 0;
    const std::size_t count = git_diff_num_deltas(rawDiff);
    for (std::size_t i = 0; i < count; ++i) {
        const git_delta_t status = git_diff_get_delta(rawDiff, i)->status;
        addedOrDeleted += status == GIT_DELTA_ADDED || status == GIT_DELTA_DELETED;
    }
    // Bounded rename detection: the pairwise similarity search is quadratic in the added and deleted files.
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    find.rename_limit = renameLimit;
    result.renamesCapped = addedOrDeleted > renameLimit;
    if (result.renamesCapped)
        find.flags |= GIT_DIFF_FIND_EXACT_MATCH_ONLY;
    if (git_diff_find_similar(rawDiff, &find) != 0)
        return fail(ErrorCode::Io, tr("Could not look for renamed files: %1").arg(lastError()));
    const std::size_t files = git_diff_num_deltas(rawDiff);
    result.files.reserve(qsizetype(files));
    qsizetype patchBytes = 0;
    for (std::size_t i = 0; i < files; ++i) {
        git_patch *rawPatch = nullptr;
        if (git_patch_from_diff(&rawPatch, rawDiff, i) != 0)
            return fail(ErrorCode::Io, tr("Could not compare paddock/%1: %2").arg(name, lastError()));
        const Patch patch(rawPatch);
        const bool budgetLeft = patchBytes < maxPatchBytes;
        auto change = fileChangeOf(rawPatch, withPatches && budgetLeft);
        if (!change)
            return std::unexpected(change.error());
        change->patchOmitted = withPatches && !budgetLeft;
        patchBytes += change->patch.size();
        addTo(result.stats, *change);
        result.files.append(std::move(*change));
    }
    return result;
}

Result<BranchSummary> BranchReview::summary(const QString &repository, const QString &name,
                                            const QString &target)
{
    auto ends = openEndpoints(repository, name, target);
    if (!ends)
        return std::unexpected(ends.error());
    BranchSummary result;
    result.name = name;
    result.branchCommit = hex(*git_commit_id(ends->branch.get()));
    result.target = ends->targetName;
    std::size_t ahead = 0;
    std::size_t behind = 0;
    if (git_graph_ahead_behind(&ahead, &behind, ends->repository.get(), git_commit_id(ends->branch.get()),
                               git_commit_id(ends->target.get())) != 0)
        return fail(ErrorCode::Io,
                    tr("Could not count the commits of paddock/%1: %2").arg(name, lastError()));
    result.ahead = int(ahead);
    result.behind = int(behind);
    ends->repository.reset();
    const auto changes = diff(repository, name, target, false);
    if (!changes)
        return std::unexpected(changes.error());
    result.stats = changes->stats;
    return result;
}

QString BranchReview::displayPath(const QString &path)
{
    // SECURITY: file names are agent-written; escape sequences, newlines or bidirectional overrides in them
    // must not rewrite the user's terminal or disguise a name (security.md 14).
    QString shown;
    bool escaped = false;
    for (const QChar c : path) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029 ||
                             (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == u'"' ||
                             u == u'\\';
        if (!control) {
            shown.append(c);
            continue;
        }
        escaped = true;
        if (u == u'\n')
            shown.append(u"\\n"_s);
        else if (u == u'\t')
            shown.append(u"\\t"_s);
        else if (u == u'"' || u == u'\\')
            shown.append(QString(u'\\') + c);
        else
            shown.append(u"\\u{%1}"_s.arg(int(u), 0, 16));
    }
    return escaped ? QString(u'"' + shown + u'"') : shown;
}

QString BranchReview::statusLetter(FileChange::Status status)
{
    switch (status) {
    case FileChange::Status::Added:
        return u"A"_s;
    case FileChange::Status::Deleted:
        return u"D"_s;
    case FileChange::Status::Renamed:
        return u"R"_s;
    case FileChange::Status::Copied:
        return u"C"_s;
    case FileChange::Status::TypeChanged:
        return u"T"_s;
    case FileChange::Status::Modified:
        break;
    }
    return u"M"_s;
}

QString BranchReview::statText(const QList<FileChange> &files, const DiffStats &stats)
{
    QStringList names;
    qsizetype width = 0;
    int widest = 1;
    for (const FileChange &file : files) {
        QString name = displayPath(file.path);
        if (file.status == FileChange::Status::Renamed)
            name = displayPath(file.oldPath) + u" => "_s + name;
        width = qMax(width, qMin<qsizetype>(name.size(), 60));
        widest = qMax(widest, file.additions + file.deletions);
        names.append(name);
    }
    QString text;
    constexpr int bar = 40;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const FileChange &file = files[i];
        QString name = names[i];
        if (name.size() > 60)
            name = u"..."_s + name.right(57);
        text += u' ' + name.leftJustified(width) + u" | "_s;
        if (file.binary) {
            text += tr("binary") + u'\n';
            continue;
        }
        const int total = file.additions + file.deletions;
        const int scaled = widest > bar ? int(qint64(total) * bar / widest) : total;
        const int plus = total ? int(qint64(scaled) * file.additions / total) : 0;
        text += QString::number(total).rightJustified(5) + u' ' + QString(plus, u'+') +
                QString(scaled - plus, u'-') + u'\n';
    }
    //: the summary line of a diffstat
    text += u' ' + tr("%n file(s) changed", nullptr, stats.files) + u", "_s +
            tr("%n insertion(s)(+)", nullptr, stats.additions) + u", "_s +
            tr("%n deletion(s)(-)", nullptr, stats.deletions) + u'\n';
    return text;
}

} // namespace Paddock::Core
