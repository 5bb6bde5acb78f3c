#include "core/workspacefile.h"

#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

struct Descriptor
{
    int fd = -1;
    explicit Descriptor(int value)
        : fd(value)
    {}
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

bool isSingleName(const QString &name)
{
    return !name.isEmpty() && name != "."_L1 && name != ".."_L1 && !name.contains(u'/') &&
           !name.contains(QChar());
}

} // namespace

Result<> WorkspaceFile::write(const QString &root, const QString &folder, const QString &name,
                              const QByteArray &bytes)
{
    if (!isSingleName(folder) || !isSingleName(name))
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1/%2\" is not a file name Paddock writes.").arg(folder, name));
    const auto failed = [&](const QString &what) {
        return fail(ErrorCode::Io,
                    tr("Could not write %1/%2 in %3 (%4): %5")
                        .arg(folder, name, root, what, QString::fromLocal8Bit(std::strerror(errno))));
    };
    // SECURITY: O_NOFOLLOW at every step: the agent may have made the workspace's folders links to host
    // paths.
    const Descriptor top(
        ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (top.fd < 0)
        return failed(tr("the workspace"));
    const QByteArray folderName = QFile::encodeName(folder);
    if (::mkdirat(top.fd, folderName.constData(), 0755) != 0 && errno != EEXIST)
        return failed(tr("the folder"));
    const Descriptor dir(
        ::openat(top.fd, folderName.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (dir.fd < 0)
        return failed(tr("the folder is not a plain folder"));
    // A fresh name, created exclusively: an existing link of the agent's under that name is never opened.
    const QByteArray temporary = QFile::encodeName(
        u".%1.%2.tmp"_s.arg(name).arg(uint(QRandomGenerator::global()->generate()), 8, 16, QChar(u'0')));
    const Descriptor file(
        ::openat(dir.fd, temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (file.fd < 0)
        return failed(tr("a new file"));
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::write(file.fd, bytes.constData() + done, std::size_t(bytes.size() - done));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            const auto error = failed(tr("writing"));
            ::unlinkat(dir.fd, temporary.constData(), 0);
            return error;
        }
        done += written;
    }
    // rename replaces whatever entry has the final name (a link included) and never writes through it.
    if (::renameat(dir.fd, temporary.constData(), dir.fd, QFile::encodeName(name).constData()) != 0) {
        const auto error = failed(tr("renaming"));
        ::unlinkat(dir.fd, temporary.constData(), 0);
        return error;
    }
    return {};
}

} // namespace Paddock::Core
