#include "vm/systemdisk.h"

#include "vm/imagetools_p.h"

#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

constexpr char qcowMagic[] = "QFI\xfb";
constexpr int qcowHeaderBytes = 20;          // magic, version, backing file offset (64 bits) and size (32)
constexpr quint32 maximumBackingName = 1023; // QEMU's own limit

} // namespace

QString SystemDisk::backingFileOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray header = file.read(qcowHeaderBytes);
    if (header.size() != qcowHeaderBytes || !header.startsWith(qcowMagic))
        return {};
    const auto offset = qFromBigEndian<quint64>(header.constData() + 8);
    const auto size = qFromBigEndian<quint32>(header.constData() + 16);
    if (offset == 0 || size == 0 || size > maximumBackingName || !file.seek(qint64(offset)))
        return {};
    return QFile::decodeName(file.read(size));
}

QString SystemDisk::findQemuImg()
{
    return QStandardPaths::findExecutable(u"qemu-img"_s);
}

Core::Result<SystemDisk::Prepared> SystemDisk::prepare(const QString &path, const QString &root)
{
    const QString base = QFileInfo(root).absoluteFilePath();
    const bool exists = QFileInfo::exists(path);
    if (exists && backingFileOf(path) == base)
        return Prepared::Kept;
    const QString qemuImg = findQemuImg();
    if (qemuImg.isEmpty())
        return Core::fail(
            Core::ErrorCode::Unavailable,
            tr("qemu-img is not installed, and a microVM's system disk is made with it. Install "
               "the 'qemu-utils' package."));
    // Made beside it and renamed: a disk cut short by a crash is never taken for a whole one.
    const QString partial = path + u".partial"_s;
    QFile::remove(partial);
    const auto made = ImageTools::run(
        qemuImg, {u"create"_s, u"-q"_s, u"-f"_s, u"qcow2"_s, u"-F"_s, u"raw"_s, u"-b"_s, base, partial}, {},
        {}, 60'000);
    if (made.exitCode != 0) {
        QFile::remove(partial);
        return Core::fail(Core::ErrorCode::Io,
                          tr("Cannot make the system disk %1: %2").arg(path, ImageTools::errorText(made)));
    }
    QFile::setPermissions(partial, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile::remove(path);
    if (!QFile::rename(partial, path))
        return Core::fail(Core::ErrorCode::Io, tr("Cannot write %1.").arg(path));
    return exists ? Prepared::Remade : Prepared::Made;
}

} // namespace Paddock::Vm
