#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace Paddock::Core {

// How far an import may go: an agent's branch is hostile data and may be built to exhaust the host.
struct ImportLimits
{
    std::int64_t maxObjects = 2'000'000;
    std::int64_t maxBytes = std::int64_t(4) << 30; // uncompressed, all new objects together
};

// One file of a diff. Paths are the raw bytes git stores, decoded as UTF-8 for display: names are data.
struct FileChange
{
    enum class Status { Added, Deleted, Modified, Renamed, Copied, TypeChanged };
    Status status = Status::Modified;
    QString oldPath;
    QString path;
    int similarity = 0; // renames and copies, 0..100
    bool binary = false;
    bool symlink = false; // the new (or deleted) entry is a symbolic link
    bool counted = true;  // additions, deletions and binary are known (see DiffDetail)
    int additions = 0;
    int deletions = 0;
    QByteArray oldBlob; // object ids (hex) of both sides, for loading this file's patch on its own
    QByteArray newBlob;
    QByteArray patch;          // unified diff of this file, as `git diff` prints it; empty unless asked for
    bool patchOmitted = false; // asked for, but the diff's patches passed their size budget before this file
};

// How much of a diff to compute: the list of files is quick even for a huge branch; line counts and patches
// need every file's contents.
enum class DiffDetail {
    Files,   // statuses and paths (renames found); counted is false
    Stats,   // and line counts and binary
    Patches, // and the patch text
};

struct DiffStats
{
    int files = 0;
    int additions = 0;
    int deletions = 0;
};

// What a branch changes against its merge base with a target, tree to tree.
struct BranchDiff
{
    QString branchCommit; // hex ids
    QString baseCommit;
    QString targetCommit;
    QList<FileChange> files;
    DiffStats stats;
    bool renamesCapped = false; // too many files for rename detection: renames show as delete + add
};

// The sandbox's work that is not committed: its working files against the branch tip.
struct UncommittedChanges
{
    QList<FileChange> files;
    DiffStats stats;
    bool truncated = false; // more changed files than the limit; the rest are not listed
};

// One commit of a branch, as its (agent-written) message and author say.
struct CommitInfo
{
    QString id;      // hex
    QString summary; // the message's first line
    QString message; // the whole message
    QString author;
    QString authorEmail;
    QDateTime time; // the author's time
    int parents = 1;
};

// The commits a branch has that its target lacks, newest first.
struct BranchCommits
{
    QList<CommitInfo> commits;
    bool truncated = false; // more commits than asked for; the oldest are not listed
};

// One imported branch against its target, for a list of branches.
struct BranchSummary
{
    QString name; // the sandbox name; the ref is refs/paddock/<name>
    QString branchCommit;
    QString target; // the branch it is compared with, e.g. "main"
    QString targetCommit;
    int ahead = 0;
    int behind = 0;
    DiffStats stats;
    bool counted = true; // stats.additions and stats.deletions are known (summary() with DiffDetail::Stats)
};

struct MergeOptions
{
    enum class Mode {
        Auto,            // fast-forward when possible, else a merge commit
        FastForwardOnly, // refuse unless the target is an ancestor of the branch
        MergeCommit,     // always a merge commit (--no-ff)
        Squash,          // one new commit on the target with the branch's changes
    };
    Mode mode = Mode::Auto;
    QString into;           // a local branch name; empty: the branch HEAD points at
    QString message;        // for merge and squash commits; empty: a default one
    QString expectedCommit; // when set, refuse if refs/paddock/<name> moved away from it (what was reviewed)
    // Whether a merge or squash commit is signed with the user's key: as commit.gpgsign says, or always or
    // never.
    enum class Signing { AsConfigured, Always, Never };
    Signing signing = Signing::AsConfigured;
};

struct MergeOutcome
{
    // Conflict: the merge would conflict in the paths in conflicts; nothing was changed.
    enum class Kind { UpToDate, FastForward, MergeCommit, Squash, Conflict };
    Kind kind = Kind::UpToDate;
    QStringList conflicts;
    QString into;
    QString commit;                  // the target branch's new tip
    bool workingTreeUpdated = false; // the target was checked out; its changed files were written
    bool isSigned = false;           // the new commit carries a signature made with the user's key
};

// How the user's git configuration signs commits: gpg.format, user.signingkey, commit.gpgsign and the
// signing program. As git does, but a program is taken only from the global or system configuration.
struct CommitSigning
{
    enum class Format { OpenPgp, X509, Ssh };
    Format format = Format::OpenPgp;
    QString program;        // gpg, gpgsm or ssh-keygen unless the global configuration names another
    QString key;            // user.signingkey; empty: OpenPGP and X.509 sign as the committer's identity
    bool byDefault = false; // commit.gpgsign
    // Why commits cannot be signed with this configuration (an SSH format without a key); empty when they
    // can.
    QString problem;
    QString description() const; // "SSH key ~/.ssh/id_ed25519.pub", for a check box or a message
};

// Brings a sandbox's branch back into the user's repository and reviews and merges it (design.md "Review and
// merge"). Every call is synchronous, opens its own repositories, and may run on any thread; the GUI calls
// them from a worker. The user's repository and its configuration are trusted; the sandbox's clone is
// hostile data: its objects are copied, nothing else in it (config, hooks, attributes, filters, alternates)
// is read as configuration or run. libgit2 runs no hooks and no filter, diff or merge drivers.
class BranchReview
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::BranchReview)

public:
    // "refs/paddock/<name>" for a valid sandbox name; an error for anything else.
    static Result<QByteArray> importedRef(const QString &name);

    // Copies the objects reachable from the clone's refs/heads/paddock/<name> that repository lacks into
    // repository, then points refs/paddock/<name> at it. Returns the branch's commit id (hex).
    static Result<QString> importBranch(const QString &clone, const QString &repository, const QString &name,
                                        const ImportLimits &limits = {});
    // The names of the imported branches (refs/paddock/*), sorted.
    static Result<QStringList> importedBranches(const QString &repository);
    // Deletes refs/paddock/<name>; its objects stay until git gc.
    static Result<> discard(const QString &repository, const QString &name);

    // The branch HEAD points at ("main"), or an error when HEAD is detached or unborn.
    static Result<QString> currentBranch(const QString &repository);
    // refs/paddock/<name> against target (a local branch; empty: HEAD's branch).
    // With DiffDetail::Files it counts only the files, which is quick for a huge branch.
    static Result<BranchSummary> summary(const QString &repository, const QString &name,
                                         const QString &target = {}, DiffDetail detail = DiffDetail::Stats);
    // merge-base..refs/paddock/<name>, to the detail asked for.
    static Result<BranchDiff> diff(const QString &repository, const QString &name, const QString &target = {},
                                   DiffDetail detail = DiffDetail::Patches);
    // One file of a diff, as diff() listed it, with its line counts and patch text: for a reviewer that
    // reads one file at a time.
    static Result<FileChange> filePatch(const QString &repository, const FileChange &file);
    // The commits of refs/paddock/<name> that target (empty: HEAD's branch) lacks, newest first, at most
    // limit.
    static Result<BranchCommits> commits(const QString &repository, const QString &name,
                                         const QString &target = {}, int limit = 1000);
    // The clone's working files against its refs/heads/paddock/<name>, read as plain files.
    static Result<UncommittedChanges> uncommittedChanges(const QString &clone, const QString &name,
                                                         bool withPatches = true);

    // Merges refs/paddock/<name> into a branch of repository. Nothing is half applied: on a conflict (an
    // outcome of kind Conflict) or an error, the user's refs, index and files are as before. A checked-out
    // target must have no uncommitted changes (ErrorCode::Conflict); its changed files are then written.
    static Result<MergeOutcome> merge(const QString &repository, const QString &name,
                                      const MergeOptions &options = {});
    // How repository's configuration (with the user's global one) signs commits.
    static Result<CommitSigning> signing(const QString &repository);

    // `git diff --stat`-like text, and a path made safe for a terminal (control characters escaped).
    static QString statText(const QList<FileChange> &files, const DiffStats &stats);
    static QString displayPath(const QString &path);
    static QString statusLetter(FileChange::Status status);
};

} // namespace Paddock::Core
