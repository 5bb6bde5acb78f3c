#include "core/workspaceclone.h"

#include "core/gitsupport_p.h"

#include <QDir>
#include <QFileInfo>

#include <memory>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

using namespace Git;

namespace {

Repository openWorkTree(const QString &path)
{
    git_repository *repository = nullptr;
    // NO_SEARCH: the folder itself must be the top of the working tree, not somewhere inside one.
    if (git_repository_open_ext(&repository, QFile::encodeName(path).constData(),
                                GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
        return nullptr;
    Repository owned(repository);
    if (git_repository_is_bare(repository))
        return nullptr;
    return owned;
}

} // namespace

bool WorkspaceClone::isRepository(const QString &path)
{
    ensureInitialised();
    return openWorkTree(path) != nullptr;
}

Result<bool> WorkspaceClone::hasUncommittedChanges(const QString &source)
{
    ensureInitialised();
    const Repository repository = openWorkTree(source);
    if (!repository)
        return fail(ErrorCode::NotFound, tr("%1 is not a git repository.").arg(source));
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    git_status_list *list = nullptr;
    if (git_status_list_new(&list, repository.get(), &options) != 0)
        return fail(ErrorCode::Io, tr("Could not read the status of %1: %2").arg(source, lastError()));
    const StatusList owned(list);
    return git_status_list_entrycount(list) > 0;
}

Result<bool> WorkspaceClone::hasWorkNotIn(const QString &clone, const QString &source)
{
    ensureInitialised();
    const Repository cloneRepository = openWorkTree(clone);
    const Repository sourceRepository = openWorkTree(source);
    if (!cloneRepository || !sourceRepository)
        return fail(ErrorCode::NotFound,
                    tr("Could not open %1 or %2 as a git repository.").arg(clone, source));
    git_odb *odb = nullptr;
    if (git_repository_odb(&odb, sourceRepository.get()) != 0)
        return fail(ErrorCode::Io, tr("Could not read %1: %2").arg(source, lastError()));
    const Odb sourceObjects(odb);
    git_reference_iterator *iterator = nullptr;
    if (git_reference_iterator_glob_new(&iterator, cloneRepository.get(), "refs/heads/*") != 0)
        return fail(ErrorCode::Io, tr("Could not list the branches of %1: %2").arg(clone, lastError()));
    const ReferenceIterator branches(iterator);
    git_reference *reference = nullptr;
    while (git_reference_next(&reference, iterator) == 0) {
        const Reference owned(reference);
        const git_oid *target = git_reference_target(reference);
        if (target && !git_odb_exists(odb, target))
            return true;
    }
    return false;
}

Result<> WorkspaceClone::create(const QString &source, const QString &destination, const QString &branch)
{
    ensureInitialised();
    const QString sourcePath = QFileInfo(source).absoluteFilePath();
    const Repository sourceRepository = openWorkTree(sourcePath);
    if (!sourceRepository)
        return fail(ErrorCode::InvalidArgument,
                    tr("%1 is not the top folder of a git repository; use --mode direct for a plain folder.")
                        .arg(sourcePath));
    if (git_repository_head_unborn(sourceRepository.get()) == 1)
        return fail(
            ErrorCode::InvalidArgument,
            tr("%1 has no commits yet, so there is nothing to clone. Commit once, or use --mode direct.")
                .arg(sourcePath));
    const QByteArray branchRef = "refs/heads/" + branch.toUtf8();
    if (git_reference_is_valid_name(branchRef.constData()) != 1)
        return fail(ErrorCode::InvalidArgument, tr("\"%1\" is not a valid branch name.").arg(branch));
    if (QFileInfo::exists(destination))
        return fail(ErrorCode::AlreadyExists, tr("%1 already exists.").arg(destination));

    // Anything that fails from here on leaves no half-made clone behind.
    auto cleanUp = [&destination](const QString &message) {
        QDir(destination).removeRecursively();
        return fail(ErrorCode::Io, message);
    };
    git_repository *created = nullptr;
    if (git_repository_init(&created, QFile::encodeName(destination).constData(), 0) != 0)
        return cleanUp(tr("Could not create the clone in %1: %2").arg(destination, lastError()));
    const Repository clone(created);
    git_remote *remote = nullptr;
    if (git_remote_create(&remote, clone.get(), "origin", QFile::encodeName(sourcePath).constData()) != 0)
        return cleanUp(tr("Could not set up the clone's origin: %1").arg(lastError()));
    const Remote ownedRemote(remote);
    // The user's branches for reference, and HEAD (even a detached one) as the sandbox's branch.
    const QByteArray headSpec = "+HEAD:" + branchRef;
    char *specs[] = {const_cast<char *>("+refs/heads/*:refs/remotes/origin/*"),
                     const_cast<char *>(headSpec.constData())};
    const git_strarray refspecs{specs, 2};
    git_fetch_options fetchOptions = GIT_FETCH_OPTIONS_INIT;
    fetchOptions.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
    if (git_remote_fetch(remote, &refspecs, &fetchOptions, "paddock: clone for the sandbox") != 0)
        return cleanUp(tr("Could not fetch from %1: %2").arg(sourcePath, lastError()));
    if (git_repository_set_head(clone.get(), branchRef.constData()) != 0)
        return cleanUp(tr("Could not switch the clone to %1: %2").arg(branch, lastError()));
    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    checkout.checkout_strategy = GIT_CHECKOUT_FORCE;
    if (git_checkout_head(clone.get(), &checkout) != 0)
        return cleanUp(tr("Could not check out %1: %2").arg(branch, lastError()));
    return {};
}

Result<> WorkspaceClone::checkOutHead(const QString &clonePath, const QString &snapshotRef)
{
    ensureInitialised(); // e.g. in `paddock serve`, where nothing else used libgit2 before a stop
    git_repository *opened = nullptr;
    if (git_repository_open_ext(&opened, QFile::encodeName(clonePath).constData(),
                                GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
        return fail(ErrorCode::NotFound, tr("%1 is not a repository: %2").arg(clonePath, lastError()));
    const Repository clone(opened);
    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    checkout.checkout_strategy =
        GIT_CHECKOUT_FORCE | GIT_CHECKOUT_REMOVE_UNTRACKED | GIT_CHECKOUT_REMOVE_IGNORED;
    if (git_checkout_head(clone.get(), &checkout) != 0)
        return fail(ErrorCode::Io,
                    tr("Could not check out the branch in %1: %2").arg(clonePath, lastError()));
    if (snapshotRef.isEmpty())
        return {};
    git_object *rawSnapshot = nullptr;
    if (git_revparse_single(&rawSnapshot, clone.get(),
                            QString(snapshotRef + u"^{commit}"_s).toUtf8().constData()) != 0)
        return {}; // none: nothing uncommitted
    const Object snapshot(rawSnapshot);
    checkout.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX;
    if (git_checkout_tree(clone.get(), snapshot.get(), &checkout) != 0)
        return fail(ErrorCode::Io,
                    tr("Could not check out the uncommitted files in %1: %2").arg(clonePath, lastError()));
    return {};
}

} // namespace Paddock::Core
