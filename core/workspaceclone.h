#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>

namespace Paddock::Core {

// The clone workspace mode (design.md "Workspace modes"): the sandbox gets its own repository, with the
// user's current HEAD checked out on a new branch paddock/<name>. Done with libgit2 on the user's repository,
// which is only read. Uncommitted changes in the user's working tree are not carried over.
class WorkspaceClone
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::WorkspaceClone)

public:
    // Whether path is the top of a git working tree (clone mode applies) rather than a plain folder.
    static bool isRepository(const QString &path);
    // Clones source into destination (which must not exist yet) with branch checked out at source's HEAD.
    static Result<> create(const QString &source, const QString &destination, const QString &branch);
    // Whether the user's working tree has changes a clone would not carry (to warn before creating).
    static Result<bool> hasUncommittedChanges(const QString &source);
    // Whether any branch of the clone points at a commit the user's repository does not have, i.e. work that
    // removing the clone would lose. Only reads the clone (refs and objects): nothing in it is run.
    static Result<bool> hasWorkNotIn(const QString &clone, const QString &source);
    // Makes the clone's files match its HEAD, as `git reset --hard` would, with libgit2: the files come from
    // an agent's commits, so no filter, hook or other program the git CLI could run on them is started.
    // With a snapshot (a commit of the agent's uncommitted files, as a microVM sends it), its files go over
    // HEAD's while HEAD and the index stay: the files then differ from the branch as the agent's do.
    // Files left from an earlier checkout that neither has are removed.
    static Result<> checkOutHead(const QString &clone, const QString &snapshotRef = {});
};

} // namespace Paddock::Core
