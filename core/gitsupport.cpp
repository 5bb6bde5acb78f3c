#include "core/gitsupport_p.h"

#include "core/branchreview.h"
#include "core/packcache_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace Paddock::Core::Git {

namespace {

constexpr qint64 maxRefFileBytes = 4096;
constexpr qint64 maxPackedRefsBytes = qint64(64) << 20;

enum class Kind { Missing, Directory, File, Other };

Kind kindAt(int folder, const char *name)
{
    struct stat info
    {
    };
    if (::fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) != 0)
        return Kind::Missing;
    if (S_ISDIR(info.st_mode))
        return Kind::Directory;
    if (S_ISREG(info.st_mode))
        return Kind::File;
    return Kind::Other; // symbolic links, devices, fifos, sockets
}

bool isHex(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool parseHex(QByteArrayView text, git_oid &oid)
{
    return text.size() == GIT_OID_HEXSZ && isHex(text) &&
           git_oid_fromstrn(&oid, text.data(), text.size()) == 0;
}

std::unexpected<Error> unusableClone(const QString &clone, const QString &why)
{
    return fail(ErrorCode::Corrupt,
                BranchReview::tr("The sandbox's clone %1 cannot be read safely (%2); nothing was imported. "
                                 "Check the clone, or discard the sandbox.")
                    .arg(clone, why));
}

// Copies a regular file from one folder to another, for when a hard link cannot be made (another file
// system).
bool copyFileAt(int fromFolder, const char *name, int toFolder)
{
    const Descriptor from(::openat(fromFolder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    struct stat info
    {
    };
    if (!from.isValid() || ::fstat(from.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return false;
    const Descriptor to(::openat(toFolder, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!to.isValid())
        return false;
    for (off_t left = info.st_size; left > 0;) {
        const ssize_t sent = ::sendfile(to.get(), from.get(), nullptr, std::size_t(left));
        if (sent <= 0)
            return false;
        left -= sent;
    }
    return true;
}

// Puts the clone's file into the private folder: a hard link to the very entry the descriptor's folder holds,
// checked in the private folder (which the agent cannot touch) to be a regular file.
bool stageFileAt(int fromFolder, const char *name, int toFolder)
{
    if (::linkat(fromFolder, name, toFolder, name, 0) != 0) {
        if (errno == ENOENT)
            return true; // gone meanwhile (git gc): the rest of the snapshot has what it held
        if (errno != EXDEV && errno != EPERM && errno != EMLINK)
            return false;
        return copyFileAt(fromFolder, name, toFolder);
    }
    if (kindAt(toFolder, name) != Kind::File) {
        ::unlinkat(toFolder, name, 0);
        return false;
    }
    return true;
}

} // namespace

std::optional<QByteArray> readFileAt(int folder, const char *name, qint64 limit, qint64 *size)
{
    const Descriptor fd(::openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    struct stat info
    {
    };
    if (!fd.isValid() || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return std::nullopt;
    if (size)
        *size = info.st_size;
    if (info.st_size > limit)
        return std::nullopt;
    QByteArray bytes(qsizetype(info.st_size), Qt::Uninitialized);
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t got = ::read(fd.get(), bytes.data() + done, std::size_t(bytes.size() - done));
        if (got <= 0)
            break;
        done += got;
    }
    bytes.truncate(done);
    return bytes;
}

std::vector<QByteArray> namesIn(int folder, std::size_t max)
{
    std::vector<QByteArray> names;
    const int copy = ::dup(folder); // fdopendir takes the descriptor over
    DIR *dir = copy >= 0 ? ::fdopendir(copy) : nullptr;
    if (!dir) {
        if (copy >= 0)
            ::close(copy);
        return names;
    }
    while (names.size() < max) {
        const dirent *entry = ::readdir(dir);
        if (!entry)
            break;
        if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
            names.emplace_back(entry->d_name);
    }
    ::closedir(dir);
    return names;
}

Descriptor openFolderAt(int parent, const char *name)
{
    return Descriptor(::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

StagedObjects::~StagedObjects()
{
    if (!path.isEmpty())
        QDir(QFile::decodeName(path)).removeRecursively(); // only our own folders and links: follows none
}

namespace {

// SECURITY: libgit2 opens files by path, and the agent's sandbox may be running during a review: a check
// before libgit2 reads would race with an agent swapping a folder for a link to the host's files. So the
// object store is read through hard links in a private folder beside the clone (no sandbox sees it), made
// from descriptors of folders opened without following links; each link is checked once made. Loose objects
// first, then packs: git gc writes its new pack before it deletes what the pack replaces.
Result<std::unique_ptr<StagedObjects>> stageObjects(int objects, const QString &clone)
{
    const auto unusable = [&clone](const QString &why) { return unusableClone(clone, why); };
    auto staged = std::make_unique<StagedObjects>();
    QByteArray folder = QFile::encodeName(QFileInfo(clone).absolutePath()) + "/.paddock-objects-XXXXXX";
    if (!::mkdtemp(folder.data())) {
        folder = QFile::encodeName(QDir::tempPath()) + "/paddock-objects-XXXXXX";
        if (!::mkdtemp(folder.data()))
            return fail(
                ErrorCode::Io,
                BranchReview::tr("Could not make a private folder to read the clone %1 from.").arg(clone));
    }
    staged->path = folder;
    const Descriptor target(::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!target.isValid())
        return fail(ErrorCode::Io,
                    BranchReview::tr("Could not open the private folder %1.").arg(QFile::decodeName(folder)));
    for (const QByteArray &name : namesIn(objects)) {
        if (name.size() != 2 || !isHex(name))
            continue; // pack, info, temporary files
        const Descriptor from = openFolderAt(objects, name.constData());
        if (!from.isValid())
            return unusable(BranchReview::tr("its object store contains links or special files"));
        if (::mkdirat(target.get(), name.constData(), 0700) != 0)
            return fail(
                ErrorCode::Io,
                BranchReview::tr("Could not write to the private folder %1.").arg(QFile::decodeName(folder)));
        const Descriptor to = openFolderAt(target.get(), name.constData());
        for (const QByteArray &object : namesIn(from.get())) {
            if (object.size() != GIT_OID_HEXSZ - 2 || !isHex(object))
                continue; // git's tmp_obj_* files being written
            if (!to.isValid() || !stageFileAt(from.get(), object.constData(), to.get()))
                return unusable(BranchReview::tr("its object store contains links or special files"));
        }
    }
    const Descriptor packs = openFolderAt(objects, "pack");
    if (!packs.isValid() && kindAt(objects, "pack") != Kind::Missing)
        return unusable(BranchReview::tr("its object store contains links or special files"));
    if (packs.isValid()) {
        if (::mkdirat(target.get(), "pack", 0700) != 0)
            return fail(
                ErrorCode::Io,
                BranchReview::tr("Could not write to the private folder %1.").arg(QFile::decodeName(folder)));
        const Descriptor to = openFolderAt(target.get(), "pack");
        std::vector<QByteArray> names = namesIn(packs.get());
        // The pack before its index: git writes the index last, and libgit2 skips an index without a pack.
        std::sort(names.begin(), names.end(), [](const QByteArray &a, const QByteArray &b) {
            return a.endsWith(".pack") > b.endsWith(".pack");
        });
        for (const QByteArray &name : names) {
            if (!name.startsWith("pack-") || !(name.endsWith(".pack") || name.endsWith(".idx")))
                continue; // .keep, .rev, multi-pack-index: not needed to read objects
            if (!to.isValid() || !stageFileAt(packs.get(), name.constData(), to.get()))
                return unusable(BranchReview::tr("its object store contains links or special files"));
        }
    }
    return staged;
}

} // namespace

void ensureInitialised()
{
    static const int initialised = git_libgit2_init();
    Q_UNUSED(initialised);
}

QString lastError()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message)
                                   : BranchReview::tr("git gave no reason");
}

QString hex(const git_oid &oid)
{
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof text, &oid);
    return QString::fromLatin1(text);
}

Result<Repository> openUserRepository(const QString &path)
{
    ensureInitialised();
    git_repository *repository = nullptr;
    if (git_repository_open_ext(&repository, QFile::encodeName(path).constData(),
                                GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
        return fail(ErrorCode::NotFound,
                    BranchReview::tr("%1 is not a git repository: %2").arg(path, lastError()));
    addPackCache(repository);
    return Repository(repository);
}

Result<HostileClone> openHostileClone(const QString &clone, const QString &name)
{
    ensureInitialised();
    const auto refName = BranchReview::importedRef(name); // validates the name
    if (!refName)
        return std::unexpected(refName.error());
    const auto unusable = [&clone](const QString &why) { return unusableClone(clone, why); };
    // The clone's own folder is the host's (Paddock made it; the sandbox only sees inside it).
    const Descriptor root(::open(QFile::encodeName(clone).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid())
        return fail(ErrorCode::NotFound, BranchReview::tr("The sandbox's clone %1 is not there.").arg(clone));
    // SECURITY: a ".git" file ("gitdir: /elsewhere") or a symbolic link would point the read at any host
    // repository or folder; the clone's own git directory must be a real directory.
    const Descriptor gitDir = openFolderAt(root.get(), ".git");
    const Descriptor objects = gitDir.isValid() ? openFolderAt(gitDir.get(), "objects") : Descriptor();
    if (!objects.isValid())
        return unusable(BranchReview::tr("its .git or .git/objects is not a plain folder"));

    // SECURITY: the branch tip is read from the ref files by hand. Opening the clone as a repository would
    // read its config (include.path, core.worktree, extensions) — agent-written data used as configuration.
    HostileClone result;
    const QByteArray branch = "refs/heads/paddock/" + name.toUtf8();
    bool found = false;
    Descriptor refs = openFolderAt(gitDir.get(), "refs");
    Descriptor heads = refs.isValid() ? openFolderAt(refs.get(), "heads") : Descriptor();
    Descriptor paddock = heads.isValid() ? openFolderAt(heads.get(), "paddock") : Descriptor();
    if ((!refs.isValid() && kindAt(gitDir.get(), "refs") != Kind::Missing) ||
        (refs.isValid() && !heads.isValid() && kindAt(refs.get(), "heads") != Kind::Missing) ||
        (heads.isValid() && !paddock.isValid() && kindAt(heads.get(), "paddock") != Kind::Missing))
        return unusable(BranchReview::tr("its refs folder is a link"));
    const QByteArray leaf = name.toUtf8();
    if (paddock.isValid() && kindAt(paddock.get(), leaf.constData()) != Kind::Missing) {
        const auto text = readFileAt(paddock.get(), leaf.constData(), maxRefFileBytes);
        if (!text)
            return unusable(
                BranchReview::tr("its branch %1 is not a plain file").arg(QString::fromUtf8(branch)));
        if (!parseHex(QByteArrayView(*text).trimmed(), result.tip))
            return unusable(
                BranchReview::tr("its branch %1 is not a plain commit id").arg(QString::fromUtf8(branch)));
        found = true;
    }
    if (!found && kindAt(gitDir.get(), "packed-refs") != Kind::Missing) {
        const auto text = readFileAt(gitDir.get(), "packed-refs", maxPackedRefsBytes);
        if (!text)
            return unusable(BranchReview::tr("its packed-refs is not a plain file"));
        QByteArrayView rest(*text);
        while (!rest.isEmpty()) {
            const qsizetype newline = rest.indexOf('\n');
            const QByteArrayView line = newline < 0 ? rest : rest.first(newline);
            rest = newline < 0 ? QByteArrayView() : rest.sliced(newline + 1);
            // "<hex> <refname>"; '#' starts the header and '^' a peeled tag.
            if (line.size() == GIT_OID_HEXSZ + 1 + branch.size() && line.endsWith(branch) &&
                line.at(GIT_OID_HEXSZ) == ' ' && parseHex(line.first(GIT_OID_HEXSZ), result.tip)) {
                found = true;
                break;
            }
        }
    }
    if (!found)
        return fail(ErrorCode::NotFound,
                    BranchReview::tr("The sandbox's clone %1 has no branch paddock/%2.").arg(clone, name));

    // After the tip: git writes a commit's objects before the ref that names it.
    auto staged = stageObjects(objects.get(), clone);
    if (!staged)
        return std::unexpected(staged.error());
    result.staged = std::move(*staged);
    const QByteArray stagedObjects = result.staged->path;
    // SECURITY: only the loose and pack backends over this folder; git_odb_open() would also follow
    // objects/info/alternates, which an agent can point at any repository on the host.
    git_odb *odb = nullptr;
    if (git_odb_new(&odb) != 0)
        return fail(ErrorCode::Internal, lastError());
    result.odb.reset(odb);
    git_odb_backend *backend = nullptr;
    if (git_odb_backend_pack(&backend, stagedObjects.constData()) != 0 ||
        git_odb_add_backend(odb, backend, 2) != 0)
        return unusable(lastError());
    backend = nullptr;
    if (git_odb_backend_loose(&backend, stagedObjects.constData(), -1, 0, 0, 0) != 0 ||
        git_odb_add_backend(odb, backend, 1) != 0)
        return unusable(lastError());
    return result;
}

Result<> parseTree(const char *data, std::size_t size, const std::function<void(const TreeEntry &)> &visit)
{
    const auto malformed = [](const QString &why) {
        return fail(
            ErrorCode::Corrupt,
            BranchReview::tr("The branch contains a malformed or dangerous tree (%1); it was not imported.")
                .arg(why));
    };
    const char *at = data;
    const char *end = data + size;
    while (at < end) {
        TreeEntry entry;
        const char *space = static_cast<const char *>(std::memchr(at, ' ', std::size_t(end - at)));
        if (!space || space == at || space - at > 6)
            return malformed(BranchReview::tr("bad mode"));
        for (const char *c = at; c < space; ++c) {
            if (*c < '0' || *c > '7')
                return malformed(BranchReview::tr("bad mode"));
            entry.mode = entry.mode * 8 + unsigned(*c - '0');
        }
        const char *nameStart = space + 1;
        const char *nul =
            static_cast<const char *>(std::memchr(nameStart, '\0', std::size_t(end - nameStart)));
        if (!nul || end - (nul + 1) < GIT_OID_RAWSZ)
            return malformed(BranchReview::tr("truncated entry"));
        entry.name = QByteArray(nameStart, nul - nameStart);
        git_oid_fromraw(&entry.oid, reinterpret_cast<const unsigned char *>(nul + 1));
        at = nul + 1 + GIT_OID_RAWSZ;

        // SECURITY: names that git's fsck refuses (and that libgit2's checkout would refuse later, half way):
        // "..", "/", ".git" in any case or with Windows' trailing dots and spaces or 8.3 short name, which
        // could write outside the work tree or into the user's .git (hooks, config) on merge.
        const QByteArray lower = entry.name.toLower();
        QByteArray stripped = lower;
        while (stripped.endsWith('.') || stripped.endsWith(' '))
            stripped.chop(1);
        if (entry.name.isEmpty() || entry.name == "." || entry.name == ".." || entry.name.contains('/') ||
            stripped == ".git" || stripped == "git~1")
            return malformed(
                BranchReview::tr("an entry named \"%1\"").arg(QString::fromUtf8(entry.name.left(100))));
        const bool link = entry.mode == 0120000;
        // SECURITY: git itself refuses these as links (CVE-2018-11235 and kin): they are read from the tree.
        if (link && (lower == ".gitmodules" || lower == ".gitattributes" || lower == ".gitignore" ||
                     lower == ".mailmap"))
            return malformed(BranchReview::tr("%1 as a symbolic link").arg(QString::fromUtf8(entry.name)));
        if (entry.mode != 040000 && entry.mode != 0100644 && entry.mode != 0100755 && !link &&
            entry.mode != 0160000 && entry.mode != 0100664)
            return malformed(BranchReview::tr("unknown file mode %1").arg(entry.mode, 0, 8));
        visit(entry);
    }
    return {};
}

} // namespace Paddock::Core::Git
