#include "vm/cpioarchive.h"

#include <sys/stat.h>

namespace Paddock::Vm {

namespace {

QByteArray hex8(unsigned int value)
{
    return QByteArray::number(value, 16).rightJustified(8, '0');
}

void padTo4(QByteArray &data)
{
    while (data.size() % 4)
        data.append('\0');
}

} // namespace

void CpioArchive::addDirectory(const QString &path, unsigned int mode)
{
    add(path, S_IFDIR | (mode & 07777), {});
}

void CpioArchive::addFile(const QString &path, const QByteArray &content, unsigned int mode)
{
    add(path, S_IFREG | (mode & 07777), content);
}

void CpioArchive::addSymlink(const QString &path, const QString &target)
{
    add(path, S_IFLNK | 0777, target.toUtf8());
}

void CpioArchive::add(const QString &path, unsigned int mode, const QByteArray &content)
{
    const QByteArray name = path.toUtf8();
    // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize,
    // check: thirteen 8-digit hex fields.
    m_data += "070701" + hex8(m_inode++) + hex8(mode) + hex8(0) + hex8(0) + hex8(S_ISDIR(mode) ? 2 : 1) +
              hex8(0) + hex8(unsigned(content.size())) + hex8(0) + hex8(0) + hex8(0) + hex8(0) +
              hex8(unsigned(name.size() + 1)) + hex8(0);
    m_data += name;
    m_data += '\0';
    padTo4(m_data);
    m_data += content;
    padTo4(m_data);
}

QByteArray CpioArchive::finish()
{
    add(QStringLiteral("TRAILER!!!"), 0, {});
    return std::exchange(m_data, {});
}

} // namespace Paddock::Vm
