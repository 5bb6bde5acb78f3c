// BranchReview: the sandbox's uncommitted work, read as plain files, compared with its branch's tree.
#include "core/branchreview.h"

#include "core/gitsupport_p.h"

#include <QFile>
#include <QSet>

#include <algorithm>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

using namespace Git;

namespace {

constexpr qint64 maxComparedFileBytes = qint64(16) << 20;
constexpr int maxListedFiles = 5000;
constexpr int maxVisitedEntries = 200'000;
// What all compared files together may be read for (security.md 16); later files are compared by size only.
constexpr qint64 maxReadBytes = qint64(512) << 20;

struct Tracked
{
    unsigned int mode = 0;
    git_oid oid{};
};

// The working file's bytes, within the per-file limit and what is left of the read budget.
std::optional<QByteArray> readPlainFileAt(int folder, const char *name, qint64 &size, qint64 &budget)
{
    auto bytes = readFileAt(folder, name, std::min(maxComparedFileBytes, budget), &size);
    if (bytes)
        budget -= bytes->size();
    return bytes;
}

class WorkTreeComparison
{
public:
    WorkTreeComparison(const QByteArray &root, git_odb *odb, bool withPatches)
        : m_root(root)
        , m_odb(odb)
        , m_withPatches(withPatches)
    {}

    Result<> readTree(const git_oid &tree, const QByteArray &prefix, int depth)
    {
        if (depth > 256)
            return fail(ErrorCode::Corrupt,
                        BranchReview::tr("The sandbox's branch nests folders too deeply."));
        git_odb_object *raw = nullptr;
        if (git_odb_read(&raw, m_odb, &tree) != 0 || git_odb_object_type(raw) != GIT_OBJECT_TREE) {
            git_odb_object_free(raw);
            return fail(ErrorCode::Corrupt,
                        BranchReview::tr("The sandbox's branch is incomplete: %1").arg(lastError()));
        }
        const OdbObject object(raw);
        std::vector<TreeEntry> subtrees;
        auto parsed = parseTree(static_cast<const char *>(git_odb_object_data(raw)), git_odb_object_size(raw),
                                [&](const TreeEntry &entry) {
                                    if (entry.mode == 040000) {
                                        subtrees.push_back(entry);
                                        m_trackedFolders.insert(prefix + entry.name);
                                    } else {
                                        m_tracked[prefix + entry.name] = Tracked{entry.mode, entry.oid};
                                    }
                                });
        if (!parsed)
            return parsed;
        for (const TreeEntry &entry : subtrees) {
            if (auto read = readTree(entry.oid, prefix + entry.name + '/', depth + 1); !read)
                return read;
        }
        return {};
    }

    // Walks the working files under relative (empty: the top), never into .git or through links.
    void walk() { walk(Descriptor(::open(m_root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)), {}); }

    void finish()
    {
        for (const auto &[path, tracked] : m_tracked) {
            if (!m_seen.contains(path))
                addChange(FileChange::Status::Deleted, path, &tracked, std::nullopt, 0);
        }
    }

    UncommittedChanges take() { return std::move(m_result); }

private:
    // SECURITY: each folder through its parent's descriptor, never following a link: an agent that swaps a
    // folder for a link to a host folder during the walk only makes the walk skip it.
    void walk(const Descriptor &folder, const QByteArray &relative)
    {
        if (!folder.isValid())
            return;
        // One more than the room left tells a folder that does not fit; the top folder's .git is read, not
        // counted.
        const std::size_t room = std::size_t(std::max(0, maxVisitedEntries - m_visited));
        std::vector<QByteArray> names = namesIn(folder.get(), room + (relative.isEmpty() ? 2 : 1));
        if (relative.isEmpty())
            std::erase(names, QByteArray(".git"));
        if (names.size() > room) {
            names.resize(room);
            m_result.truncated = true;
        }
        m_visited += int(names.size());
        std::sort(names.begin(), names.end());
        for (const QByteArray &name : names) {
            const QByteArray path = relative + name;
            struct stat info
            {
            };
            if (::fstatat(folder.get(), name.constData(), &info, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            if (S_ISDIR(info.st_mode)) {
                // An untracked folder is one entry, as `git status` shows it: its contents are the agent's
                // business (node_modules, build output) until they are committed.
                if (m_trackedFolders.contains(path))
                    walk(openFolderAt(folder.get(), name.constData()), path + '/');
                else // a tracked file that became a folder shows as deleted, plus the folder
                    addUntrackedFolder(path);
                continue;
            }
            m_seen.insert(path);
            compare(folder.get(), name, path, info);
        }
    }

    void compare(int folder, const QByteArray &name, const QByteArray &path, const struct stat &info)
    {
        const auto it = m_tracked.find(path);
        const Tracked *tracked = it == m_tracked.end() ? nullptr : &it->second;
        unsigned int mode = 0;
        std::optional<QByteArray> content;
        qint64 size = 0;
        if (S_ISLNK(info.st_mode)) {
            // A link is compared by its target text, never followed.
            QByteArray target(4096, Qt::Uninitialized);
            const ssize_t length = ::readlinkat(folder, name.constData(), target.data(), 4096);
            if (length < 0)
                return;
            target.truncate(length);
            content = target;
            mode = 0120000;
        } else if (S_ISREG(info.st_mode)) {
            content = readPlainFileAt(folder, name.constData(), size, m_budget);
            mode = (info.st_mode & S_IXUSR) ? 0100755 : 0100644;
        } else {
            return; // fifos, sockets, devices: not git content
        }
        if (!tracked) {
            addChange(FileChange::Status::Added, path, nullptr, content, size);
            return;
        }
        if (content) {
            git_oid oid;
            git_odb_hash(&oid, content->constData(), std::size_t(content->size()), GIT_OBJECT_BLOB);
            if (git_oid_equal(&oid, &tracked->oid) && mode == tracked->mode)
                return;
        } else {
            std::size_t blobSize = 0;
            git_object_t type = GIT_OBJECT_INVALID;
            if (git_odb_read_header(&blobSize, &type, m_odb, &tracked->oid) == 0 && qint64(blobSize) == size)
                return; // too large to compare by content: same size counts as unchanged
        }
        const bool typeChanged = (mode == 0120000) != (tracked->mode == 0120000);
        addChange(typeChanged ? FileChange::Status::TypeChanged : FileChange::Status::Modified, path, tracked,
                  content, size);
    }

    void addUntrackedFolder(const QByteArray &path)
    {
        if (!room())
            return;
        FileChange change;
        change.status = FileChange::Status::Added;
        change.path = change.oldPath = QString::fromUtf8(path + '/');
        ++m_result.stats.files;
        m_result.files.append(change);
    }

    bool room()
    {
        if (m_result.files.size() < maxListedFiles)
            return true;
        m_result.truncated = true;
        return false;
    }

    void addChange(FileChange::Status status, const QByteArray &path, const Tracked *tracked,
                   const std::optional<QByteArray> &content, qint64 size)
    {
        if (!room())
            return;
        QByteArray old;
        bool tooLarge = status != FileChange::Status::Deleted && !content;
        if (tracked) {
            std::size_t blobSize = 0;
            git_object_t type = GIT_OBJECT_INVALID;
            git_odb_object *raw = nullptr;
            if (git_odb_read_header(&blobSize, &type, m_odb, &tracked->oid) == 0 &&
                qint64(blobSize) <= maxComparedFileBytes && qint64(blobSize) <= m_budget &&
                git_odb_read(&raw, m_odb, &tracked->oid) == 0) {
                m_budget -= qint64(blobSize);
                old = QByteArray(static_cast<const char *>(git_odb_object_data(raw)),
                                 qsizetype(git_odb_object_size(raw)));
                git_odb_object_free(raw);
            } else {
                tooLarge = true;
            }
        }
        Q_UNUSED(size);
        FileChange change;
        if (!tooLarge) {
            git_diff_options options = GIT_DIFF_OPTIONS_INIT;
            git_patch *raw = nullptr;
            const QByteArray current = content.value_or(QByteArray());
            const bool existsNow = status != FileChange::Status::Deleted;
            // Plain buffers: no repository, so no attributes, filters or drivers of any kind.
            if (git_patch_from_buffers(&raw, tracked ? old.constData() : nullptr, std::size_t(old.size()),
                                       tracked ? path.constData() : nullptr,
                                       existsNow ? current.constData() : nullptr, std::size_t(current.size()),
                                       existsNow ? path.constData() : nullptr, &options) == 0) {
                const Patch patch(raw);
                if (auto made = fileChangeOf(raw, m_withPatches))
                    change = std::move(*made);
            }
        } else {
            change.binary = true;
        }
        change.status = status;
        change.path = change.oldPath = QString::fromUtf8(path);
        if (tracked)
            change.symlink = tracked->mode == 0120000;
        addTo(m_result.stats, change);
        m_result.files.append(std::move(change));
    }

    QByteArray m_root;
    git_odb *m_odb;
    bool m_withPatches;
    std::map<QByteArray, Tracked> m_tracked;
    QSet<QByteArray> m_trackedFolders;
    QSet<QByteArray> m_seen;
    int m_visited = 0;
    qint64 m_budget = maxReadBytes;
    UncommittedChanges m_result;
};

} // namespace

Result<UncommittedChanges> BranchReview::uncommittedChanges(const QString &clone, const QString &name,
                                                            bool withPatches)
{
    // For a microVM the clone is the host's copy, whose files are the machine's as last brought back.
    auto source = openHostileClone(clone, name);
    if (!source)
        return std::unexpected(source.error());
    git_odb_object *raw = nullptr;
    if (git_odb_read(&raw, source->odb.get(), &source->tip) != 0 ||
        git_odb_object_type(raw) != GIT_OBJECT_COMMIT) {
        git_odb_object_free(raw);
        return fail(ErrorCode::Corrupt, tr("The sandbox's branch paddock/%1 is incomplete.").arg(name));
    }
    const OdbObject commit(raw);
    const QByteArrayView text(static_cast<const char *>(git_odb_object_data(raw)),
                              qsizetype(git_odb_object_size(raw)));
    git_oid tree;
    if (!text.startsWith("tree ") || text.size() < 5 + GIT_OID_HEXSZ ||
        git_oid_fromstrn(&tree, text.data() + 5, GIT_OID_HEXSZ) != 0)
        return fail(ErrorCode::Corrupt, tr("The sandbox's branch paddock/%1 is incomplete.").arg(name));

    // SECURITY: the working files are read as bytes and compared with the branch's blobs here; no git runs in
    // the agent's tree and nothing of it (config, .gitattributes, filters, fsmonitor, index extensions) is
    // interpreted. The price: CRLF or filter conversions the agent configured are not applied.
    WorkTreeComparison comparison(QFile::encodeName(clone), source->odb.get(), withPatches);
    if (auto read = comparison.readTree(tree, {}, 0); !read)
        return std::unexpected(read.error());
    comparison.walk();
    comparison.finish();
    return comparison.take();
}

} // namespace Paddock::Core
