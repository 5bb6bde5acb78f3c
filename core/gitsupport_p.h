#pragma once

// Internal to core: libgit2 helpers shared by BranchReview's parts and WorkspaceClone. Never include outside
// core/.

#include "core/result.h"

#include <git2.h>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <unistd.h>
#include <utility>
#include <vector>

namespace Paddock::Core {
struct FileChange;
struct DiffStats;
struct CommitSigning;
} // namespace Paddock::Core

namespace Paddock::Core::Git {

void ensureInitialised();

template<auto Free>
struct Deleter
{
    template<class T>
    void operator()(T *object) const
    {
        Free(object);
    }
};
using Repository = std::unique_ptr<git_repository, Deleter<git_repository_free>>;
using Odb = std::unique_ptr<git_odb, Deleter<git_odb_free>>;
using OdbObject = std::unique_ptr<git_odb_object, Deleter<git_odb_object_free>>;
using Reference = std::unique_ptr<git_reference, Deleter<git_reference_free>>;
using ReferenceIterator = std::unique_ptr<git_reference_iterator, Deleter<git_reference_iterator_free>>;
using Commit = std::unique_ptr<git_commit, Deleter<git_commit_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree_free>>;
using Diff = std::unique_ptr<git_diff, Deleter<git_diff_free>>;
using Patch = std::unique_ptr<git_patch, Deleter<git_patch_free>>;
using Index = std::unique_ptr<git_index, Deleter<git_index_free>>;
using StatusList = std::unique_ptr<git_status_list, Deleter<git_status_list_free>>;
using Signature = std::unique_ptr<git_signature, Deleter<git_signature_free>>;
using Object = std::unique_ptr<git_object, Deleter<git_object_free>>;
using Remote = std::unique_ptr<git_remote, Deleter<git_remote_free>>;

struct Buffer
{
    git_buf buf = GIT_BUF_INIT;
    Buffer() = default;
    Buffer(const Buffer &) = delete;
    Buffer &operator=(const Buffer &) = delete;
    ~Buffer() { git_buf_dispose(&buf); }
};

struct OidHash
{
    std::size_t operator()(const git_oid &oid) const noexcept
    {
        std::size_t value = 0;
        std::memcpy(&value, oid.id, sizeof value); // object ids are uniformly distributed already
        return value;
    }
};
struct OidEqual
{
    bool operator()(const git_oid &a, const git_oid &b) const noexcept { return git_oid_equal(&a, &b); }
};

QString lastError();
QString hex(const git_oid &oid);

// The user's repository (trusted: its own config applies), at exactly path (no search upwards).
Result<Repository> openUserRepository(const QString &path);

// How the user's repository signs commits (BranchReview::signing), and a commit's text signed that way: the
// signature for its gpgsig header.
Result<CommitSigning> readSigning(git_repository *repository);
Result<QByteArray> signPayload(const CommitSigning &signing, const QByteArray &payload,
                               const git_signature &committer);

// A file descriptor, closed when it goes.
class Descriptor
{
public:
    explicit Descriptor(int fd = -1)
        : m_fd(fd)
    {}
    Descriptor(Descriptor &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {}
    Descriptor &operator=(Descriptor &&other) noexcept
    {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }

private:
    int m_fd;
};

// SECURITY: a folder of the clone opened relative to its parent's descriptor and without following a link,
// so the folder read is the one checked, whatever the agent renames meanwhile. Invalid when it is not a
// folder.
Descriptor openFolderAt(int parent, const char *name);

// The names in a folder (without "." and ".."), at most max of them, in the order the folder lists them.
std::vector<QByteArray> namesIn(int folder, std::size_t max = SIZE_MAX);

// SECURITY: a regular file's bytes, never through a link, never blocking on a fifo (the agent may swap a file
// for either at any time). Nothing when it is no regular file or larger than limit; size is set either way
// for a regular file.
std::optional<QByteArray> readFileAt(int folder, const char *name, qint64 limit, qint64 *size = nullptr);

// A private folder of hard links to a clone's objects (see openHostileClone); removed with it.
struct StagedObjects
{
    QByteArray path;
    StagedObjects() = default;
    StagedObjects(const StagedObjects &) = delete;
    StagedObjects &operator=(const StagedObjects &) = delete;
    ~StagedObjects();
};

// A sandbox clone, read as data only: an object database over a private snapshot of <clone>/.git/objects
// (loose objects and packs, never alternates) and the tip of refs/heads/paddock/<name> read from the ref
// files by hand. The clone's config, hooks, attributes and info/ are never opened.
struct HostileClone
{
    std::unique_ptr<StagedObjects> staged; // outlives odb, which reads from it
    Odb odb;
    git_oid tip{};
};
Result<HostileClone> openHostileClone(const QString &clone, const QString &name);

// One entry of a raw tree object.
struct TreeEntry
{
    QByteArray name;
    unsigned int mode = 0;
    git_oid oid{};
};
// Parses a raw tree, rejecting names that could escape or alter a repository on checkout; calls visit for
// each entry. An error message on malformed or dangerous data.
Result<> parseTree(const char *data, std::size_t size, const std::function<void(const TreeEntry &)> &visit);

// A FileChange from one patch (line counts always, the text when withPatch); addTo sums it up.
Result<FileChange> fileChangeOf(git_patch *patch, bool withPatch);
void addTo(DiffStats &stats, const FileChange &change);

} // namespace Paddock::Core::Git
