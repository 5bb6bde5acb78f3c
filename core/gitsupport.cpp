#include "core/gitsupport_p.h"

#include "core/branchreview.h"

#include <QFile>

#include <dirent.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace Paddock::Core::Git {

namespace {

constexpr qint64 maxRefFileBytes = 4096;
constexpr qint64 maxPackedRefsBytes = qint64(64) << 20;

enum class Kind { Missing, Directory, File, Other };

Kind kindOf(const QByteArray &path)
{
    struct stat info
    {
    };
    if (::lstat(path.constData(), &info) != 0)
        return Kind::Missing;
    if (S_ISDIR(info.st_mode))
        return Kind::Directory;
    if (S_ISREG(info.st_mode))
        return Kind::File;
    return Kind::Other; // symbolic links, devices, fifos, sockets
}

// SECURITY: a symbolic link (or fifo, device) planted in the clone's object store would make the host read
// its own files (or block) as if they were the sandbox's objects. Only real directories and regular files.
bool containsOnlyPlainEntries(const QByteArray &directory, int depth)
{
    DIR *dir = ::opendir(directory.constData());
    if (!dir)
        return false;
    bool plain = true;
    while (const dirent *entry = ::readdir(dir)) {
        const char *name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        const QByteArray path = directory + '/' + name;
        const Kind kind = kindOf(path);
        if (kind == Kind::Other || kind == Kind::Missing) {
            plain = false;
            break;
        }
        if (kind == Kind::Directory && (depth == 0 || !containsOnlyPlainEntries(path, depth - 1))) {
            plain = false;
            break;
        }
    }
    ::closedir(dir);
    return plain;
}

Result<QByteArray> readSmallFile(const QByteArray &path, qint64 limit)
{
    QFile file(QFile::decodeName(path));
    if (file.size() > limit || !file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Corrupt, BranchReview::tr("Could not read %1.").arg(file.fileName()));
    return file.read(limit);
}

bool parseHex(QByteArrayView text, git_oid &oid)
{
    if (text.size() != GIT_OID_HEXSZ)
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return git_oid_fromstrn(&oid, text.data(), text.size()) == 0;
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
    return Repository(repository);
}

Result<HostileClone> openHostileClone(const QString &clone, const QString &name)
{
    ensureInitialised();
    const auto refName = BranchReview::importedRef(name); // validates the name
    if (!refName)
        return std::unexpected(refName.error());
    const QByteArray gitDir = QFile::encodeName(clone) + "/.git";
    const QByteArray objects = gitDir + "/objects";
    const auto unusable = [&clone](const QString &why) {
        return fail(
            ErrorCode::Corrupt,
            BranchReview::tr("The sandbox's clone %1 cannot be read safely (%2); nothing was imported. "
                             "Check the clone, or discard the sandbox.")
                .arg(clone, why));
    };
    // SECURITY: a ".git" file ("gitdir: /elsewhere") or a symbolic link would point the read at any host
    // repository or folder; the clone's own git directory must be a real directory.
    if (kindOf(gitDir) != Kind::Directory || kindOf(objects) != Kind::Directory)
        return unusable(BranchReview::tr("its .git or .git/objects is not a plain folder"));
    // Loose objects live one level down (objects/ab/…), packs in objects/pack, info files in objects/info.
    if (!containsOnlyPlainEntries(objects, 1))
        return unusable(BranchReview::tr("its object store contains links or special files"));

    // SECURITY: the branch tip is read from the ref files by hand. Opening the clone as a repository would
    // read its config (include.path, core.worktree, extensions) — agent-written data used as configuration.
    HostileClone result;
    const QByteArray branch = "refs/heads/paddock/" + name.toUtf8();
    const QByteArray loose = gitDir + '/' + branch;
    bool found = false;
    for (const QByteArray &folder : {QByteArray(gitDir + "/refs"), QByteArray(gitDir + "/refs/heads"),
                                     QByteArray(gitDir + "/refs/heads/paddock")}) {
        const Kind kind = kindOf(folder);
        if (kind != Kind::Directory && kind != Kind::Missing)
            return unusable(BranchReview::tr("its refs folder is a link"));
    }
    if (const Kind kind = kindOf(loose); kind == Kind::File) {
        const auto text = readSmallFile(loose, maxRefFileBytes);
        if (!text)
            return std::unexpected(text.error());
        if (!parseHex(QByteArrayView(*text).trimmed(), result.tip))
            return unusable(
                BranchReview::tr("its branch %1 is not a plain commit id").arg(QString::fromUtf8(branch)));
        found = true;
    } else if (kind != Kind::Missing) {
        return unusable(BranchReview::tr("its branch %1 is not a plain file").arg(QString::fromUtf8(branch)));
    }
    const QByteArray packed = gitDir + "/packed-refs";
    if (!found && kindOf(packed) == Kind::File) {
        const auto text = readSmallFile(packed, maxPackedRefsBytes);
        if (!text)
            return std::unexpected(text.error());
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
    } else if (!found && kindOf(packed) != Kind::Missing) {
        return unusable(BranchReview::tr("its packed-refs is not a plain file"));
    }
    if (!found)
        return fail(ErrorCode::NotFound,
                    BranchReview::tr("The sandbox's clone %1 has no branch paddock/%2.").arg(clone, name));

    // SECURITY: only the loose and pack backends over this folder; git_odb_open() would also follow
    // objects/info/alternates, which an agent can point at any repository on the host.
    git_odb *odb = nullptr;
    if (git_odb_new(&odb) != 0)
        return fail(ErrorCode::Internal, lastError());
    result.odb.reset(odb);
    git_odb_backend *backend = nullptr;
    if (git_odb_backend_pack(&backend, objects.constData()) != 0 || git_odb_add_backend(odb, backend, 2) != 0)
        return unusable(lastError());
    backend = nullptr;
    if (git_odb_backend_loose(&backend, objects.constData(), -1, 0, 0, 0) != 0 ||
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
