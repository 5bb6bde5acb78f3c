#pragma once

#include <QByteArray>
#include <QString>

namespace Paddock::Vm {

// A cpio archive in the "newc" format the Linux kernel unpacks as an initramfs. Built in memory, entry by
// entry, with fixed owners (root) and times (0), so the same inputs give the same bytes.
class CpioArchive
{
public:
    void addDirectory(const QString &path, unsigned int mode = 0755);
    void addFile(const QString &path, const QByteArray &content, unsigned int mode = 0644);
    void addSymlink(const QString &path, const QString &target);
    // The archive with its trailer; no more entries after this.
    QByteArray finish();

private:
    void add(const QString &path, unsigned int mode, const QByteArray &content);

    QByteArray m_data;
    unsigned int m_inode = 1;
};

} // namespace Paddock::Vm
