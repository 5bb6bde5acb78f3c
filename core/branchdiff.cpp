// BranchReview: an imported branch against its target (ahead/behind, tree-to-tree diff) and its display.
#include "core/branchreview.h"

#include "core/gitsupport_p.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

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

git_diff_options diffOptions()
{
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
    options.max_size = maxDiffedFileBytes;
    return options;
}

} // namespace

namespace Git {

// A FileChange from a delta alone: paths, status and object ids; no line counts.
FileChange changeOf(const git_diff_delta *delta)
{
    FileChange change;
    change.status = statusOf(delta->status);
    change.oldPath = QString::fromUtf8(delta->old_file.path);
    change.path = QString::fromUtf8(delta->new_file.path);
    change.similarity = int(delta->similarity);
    change.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
    const git_diff_file &shown = delta->status == GIT_DELTA_DELETED ? delta->old_file : delta->new_file;
    change.symlink = shown.mode == GIT_FILEMODE_LINK;
    change.counted = false;
    if (!git_oid_is_zero(&delta->old_file.id))
        change.oldBlob = hex(delta->old_file.id).toLatin1();
    if (!git_oid_is_zero(&delta->new_file.id))
        change.newBlob = hex(delta->new_file.id).toLatin1();
    return change;
}

// Fills a FileChange from one patch (shared with the uncommitted changes).
Result<FileChange> fileChangeOf(git_patch *patch, bool withPatch)
{
    FileChange change = changeOf(git_patch_get_delta(patch));
    change.counted = true;
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

namespace {

// A tree-to-tree diff of merge-base..branch with renames found: what every level of detail starts from.
struct OpenedDiff
{
    Endpoints ends;
    Diff diff;
    bool renamesCapped = false;
};

Result<OpenedDiff> openDiff(const QString &repository, const QString &name, const QString &target)
{
    auto ends = openEndpoints(repository, name, target);
    if (!ends)
        return std::unexpected(ends.error());
    OpenedDiff opened;
    opened.ends = std::move(*ends);
    git_repository *repo = opened.ends.repository.get();
    git_tree *rawBranchTree = nullptr;
    git_tree *rawBaseTree = nullptr;
    if (git_commit_tree(&rawBranchTree, opened.ends.branch.get()) != 0)
        return fail(ErrorCode::Corrupt,
                    BranchReview::tr("Could not read paddock/%1: %2").arg(name, lastError()));
    const Tree branchTree(rawBranchTree);
    Tree baseTree;
    if (opened.ends.hasBase) {
        git_commit *rawBase = nullptr;
        if (git_commit_lookup(&rawBase, repo, &opened.ends.base) != 0 ||
            git_commit_tree(&rawBaseTree, rawBase) != 0) {
            git_commit_free(rawBase);
            return fail(ErrorCode::Corrupt,
                        BranchReview::tr("Could not read the merge base: %1").arg(lastError()));
        }
        git_commit_free(rawBase);
        baseTree.reset(rawBaseTree);
    }
    // Tree to tree in the user's (trusted) repository: no working tree, no sandbox configuration. libgit2
    // runs no external diff or textconv drivers whatever the attributes say.
    const git_diff_options options = diffOptions();
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, repo, baseTree.get(), branchTree.get(), &options) != 0)
        return fail(ErrorCode::Io,
                    BranchReview::tr("Could not compare paddock/%1: %2").arg(name, lastError()));
    opened.diff.reset(rawDiff);
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
    opened.renamesCapped = addedOrDeleted > renameLimit;
    if (opened.renamesCapped)
        find.flags |= GIT_DIFF_FIND_EXACT_MATCH_ONLY;
    if (git_diff_find_similar(rawDiff, &find) != 0)
        return fail(ErrorCode::Io, BranchReview::tr("Could not look for renamed files: %1").arg(lastError()));
    return opened;
}

// Line counts (and patches) of the files [begin, end) of diff into changes.
Result<> countRange(git_diff *diff, std::size_t begin, std::size_t end, bool withPatches,
                    std::atomic<qsizetype> &patchBytes, std::vector<FileChange> &changes)
{
    for (std::size_t i = begin; i < end; ++i) {
        git_patch *rawPatch = nullptr;
        if (git_patch_from_diff(&rawPatch, diff, i) != 0)
            return fail(ErrorCode::Io, lastError());
        const Patch patch(rawPatch);
        const bool budgetLeft = patchBytes.load() < maxPatchBytes;
        auto change = fileChangeOf(rawPatch, withPatches && budgetLeft);
        if (!change)
            return std::unexpected(change.error());
        change->patchOmitted = withPatches && !budgetLeft;
        patchBytes += change->patch.size();
        changes[i] = std::move(*change);
    }
    return {};
}

// Threads for counting a diff's lines: one per core (up to four) for a large diff, where each thread's own
// repository and diff (libgit2 objects are not shared between threads) pay for themselves.
unsigned countingThreads(std::size_t files)
{
    constexpr std::size_t filesPerThread = 256;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return unsigned(std::clamp<std::size_t>(files / filesPerThread, 1, std::min(cores, 4u)));
}

} // namespace

Result<BranchDiff> BranchReview::diff(const QString &repository, const QString &name, const QString &target,
                                      DiffDetail detail)
{
    auto opened = openDiff(repository, name, target);
    if (!opened)
        return std::unexpected(opened.error());
    BranchDiff result;
    result.branchCommit = hex(*git_commit_id(opened->ends.branch.get()));
    result.targetCommit = hex(*git_commit_id(opened->ends.target.get()));
    if (opened->ends.hasBase)
        result.baseCommit = hex(opened->ends.base);
    result.renamesCapped = opened->renamesCapped;
    git_diff *rawDiff = opened->diff.get();
    const std::size_t files = git_diff_num_deltas(rawDiff);
    result.files.reserve(qsizetype(files));
    if (detail == DiffDetail::Files) {
        for (std::size_t i = 0; i < files; ++i)
            result.files.append(changeOf(git_diff_get_delta(rawDiff, i)));
        result.stats.files = int(files);
        return result;
    }
    const bool withPatches = detail == DiffDetail::Patches;
    std::vector<FileChange> changes(files);
    std::atomic<qsizetype> patchBytes = 0;
    const unsigned threads = countingThreads(files);
    std::vector<Result<>> outcomes(threads);
    std::vector<std::thread> helpers;
    const auto range = [files, threads](unsigned part) { return files * part / threads; };
    for (unsigned part = 1; part < threads; ++part) {
        helpers.emplace_back([&, part] {
            auto own = openDiff(repository, name, target);
            if (!own) {
                outcomes[part] = std::unexpected(own.error());
            } else if (git_diff_num_deltas(own->diff.get()) != files) { // the repository changed meanwhile
                outcomes[part] =
                    fail(ErrorCode::Conflict, tr("paddock/%1 changed while it was compared.").arg(name));
            } else {
                outcomes[part] = countRange(own->diff.get(), range(part), range(part + 1), withPatches,
                                            patchBytes, changes);
            }
        });
    }
    outcomes[0] = countRange(rawDiff, 0, range(1), withPatches, patchBytes, changes);
    for (std::thread &helper : helpers)
        helper.join();
    for (const Result<> &outcome : outcomes) {
        if (!outcome)
            return fail(outcome.error().code,
                        tr("Could not compare paddock/%1: %2").arg(name, outcome.error().message));
    }
    for (FileChange &change : changes) {
        addTo(result.stats, change);
        result.files.append(std::move(change));
    }
    return result;
}

Result<FileChange> BranchReview::filePatch(const QString &repository, const FileChange &file)
{
    auto repo = openUserRepository(repository);
    if (!repo)
        return std::unexpected(repo.error());
    // Both blobs were listed by diff() from the user's repository: no sandbox data is read here either.
    const auto lookup = [&](const QByteArray &id, git_blob **blob) -> bool {
        git_oid oid;
        return id.isEmpty() || (git_oid_fromstrn(&oid, id.constData(), std::size_t(id.size())) == 0 &&
                                git_blob_lookup(blob, repo->get(), &oid) == 0);
    };
    git_blob *rawOld = nullptr;
    git_blob *rawNew = nullptr;
    const bool found = lookup(file.oldBlob, &rawOld) && lookup(file.newBlob, &rawNew);
    const std::unique_ptr<git_blob, Deleter<git_blob_free>> oldBlob(rawOld);
    const std::unique_ptr<git_blob, Deleter<git_blob_free>> newBlob(rawNew);
    if (!found)
        return fail(ErrorCode::NotFound,
                    tr("The contents of %1 are not in %2 any more.").arg(displayPath(file.path), repository));
    const QByteArray oldPath = file.oldPath.toUtf8();
    const QByteArray newPath = file.path.toUtf8();
    const git_diff_options options = diffOptions();
    git_patch *rawPatch = nullptr;
    if (git_patch_from_blobs(&rawPatch, rawOld, oldPath.constData(), rawNew, newPath.constData(), &options) !=
        0)
        return fail(ErrorCode::Io, tr("Could not compare %1: %2").arg(displayPath(file.path), lastError()));
    const Patch patch(rawPatch);
    auto change = fileChangeOf(rawPatch, true);
    if (!change)
        return std::unexpected(change.error());
    // The listing knows what the blobs alone cannot tell: renames, modes, additions and deletions.
    FileChange result = file;
    result.counted = true;
    result.binary = change->binary || file.binary;
    result.additions = change->additions;
    result.deletions = change->deletions;
    result.patch = std::move(change->patch);
    result.patchOmitted = false;
    return result;
}

Result<BranchSummary> BranchReview::summary(const QString &repository, const QString &name,
                                            const QString &target, DiffDetail detail)
{
    auto ends = openEndpoints(repository, name, target);
    if (!ends)
        return std::unexpected(ends.error());
    BranchSummary result;
    result.name = name;
    result.branchCommit = hex(*git_commit_id(ends->branch.get()));
    result.target = ends->targetName;
    result.targetCommit = hex(*git_commit_id(ends->target.get()));
    std::size_t ahead = 0;
    std::size_t behind = 0;
    if (git_graph_ahead_behind(&ahead, &behind, ends->repository.get(), git_commit_id(ends->branch.get()),
                               git_commit_id(ends->target.get())) != 0)
        return fail(ErrorCode::Io,
                    tr("Could not count the commits of paddock/%1: %2").arg(name, lastError()));
    result.ahead = int(ahead);
    result.behind = int(behind);
    ends->repository.reset();
    const auto changes =
        diff(repository, name, target, detail == DiffDetail::Files ? DiffDetail::Files : DiffDetail::Stats);
    if (!changes)
        return std::unexpected(changes.error());
    result.stats = changes->stats;
    result.counted = detail != DiffDetail::Files;
    return result;
}

Result<BranchCommits> BranchReview::commits(const QString &repository, const QString &name,
                                            const QString &target, int limit)
{
    auto ends = openEndpoints(repository, name, target);
    if (!ends)
        return std::unexpected(ends.error());
    git_repository *repo = ends->repository.get();
    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, repo) != 0)
        return fail(ErrorCode::Internal, lastError());
    const std::unique_ptr<git_revwalk, Deleter<git_revwalk_free>> walk(rawWalk);
    git_revwalk_sorting(rawWalk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (git_revwalk_push(rawWalk, git_commit_id(ends->branch.get())) != 0 ||
        git_revwalk_hide(rawWalk, git_commit_id(ends->target.get())) != 0)
        return fail(ErrorCode::Io, tr("Could not list the commits of paddock/%1: %2").arg(name, lastError()));
    BranchCommits result;
    git_oid id;
    int error = 0;
    while ((error = git_revwalk_next(&id, rawWalk)) == 0) {
        if (result.commits.size() >= limit) {
            result.truncated = true;
            break;
        }
        git_commit *rawCommit = nullptr;
        if (git_commit_lookup(&rawCommit, repo, &id) != 0)
            return fail(ErrorCode::Corrupt, tr("Could not read commit %1: %2").arg(hex(id), lastError()));
        const Commit commit(rawCommit);
        CommitInfo info;
        info.id = hex(id);
        // Messages are agent-written bytes: decoded leniently, shown as data.
        info.message = QString::fromUtf8(git_commit_message_raw(rawCommit)).trimmed();
        info.summary = info.message.section(u'\n', 0, 0).trimmed();
        const git_signature *author = git_commit_author(rawCommit);
        info.author = QString::fromUtf8(author->name);
        info.authorEmail = QString::fromUtf8(author->email);
        info.time =
            QDateTime::fromSecsSinceEpoch(author->when.time, Qt::OffsetFromUTC, author->when.offset * 60);
        info.parents = int(git_commit_parentcount(rawCommit));
        result.commits.append(std::move(info));
    }
    if (error != 0 && error != GIT_ITEROVER)
        return fail(ErrorCode::Io, tr("Could not list the commits of paddock/%1: %2").arg(name, lastError()));
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
