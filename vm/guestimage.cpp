#include "vm/guestimage.h"

#include "vm/cpioarchive.h"
#include "vm/imagetools_p.h"
#include "vm/rootimage.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtEndian>

#include <functional>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

using Run = ImageTools::Run;

constexpr int buildLockWaitMs = 15 * 60 * 1000;

} // namespace

QString defaultGuestBinary()
{
    const QString override = qEnvironmentVariable("PADDOCK_GUEST");
    if (!override.isEmpty())
        return override;
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"paddock-guest"_s);
}

std::optional<QByteArray> GuestImageBuilder::vmlinuxFromBzImage(const QByteArray &bzImage)
{
    static const QByteArray xzMagic("\xfd"
                                    "7zXZ\x00",
                                    6);
    for (qsizetype at = bzImage.indexOf(xzMagic); at >= 0; at = bzImage.indexOf(xzMagic, at + 1)) {
        // xz complains about the bytes after the stream; what it decompressed before is the whole kernel.
        const Run decompressed = ImageTools::run(u"xz"_s, {u"-dc"_s}, {}, bzImage.mid(at), 120'000);
        if (decompressed.out.startsWith("\x7f"
                                        "ELF"))
            return decompressed.out;
    }
    return std::nullopt;
}

Core::Result<QStringList>
GuestImageBuilder::moduleLoadOrder(const QHash<QString, QString> &pathOf,
                                   const std::function<QStringList(const QString &)> &dependsOf,
                                   const QStringList &wanted)
{
    QStringList order;
    QSet<QString> visiting;
    std::function<bool(const QString &)> visit = [&](const QString &path) {
        if (order.contains(path))
            return true;
        if (visiting.contains(path))
            return false; // a dependency cycle: the modules are broken
        visiting.insert(path);
        for (const QString &dependency : dependsOf(path)) {
            const QString dependencyPath = pathOf.value(QString(dependency).replace(u'-', u'_'));
            if (dependencyPath.isEmpty() || !visit(dependencyPath))
                return false;
        }
        order.append(path);
        return true;
    };
    for (const QString &module : wanted) {
        const QString path = pathOf.value(QString(module).replace(u'-', u'_'));
        if (path.isEmpty())
            return Core::fail(Core::ErrorCode::NotFound, tr("The kernel has no module %1.").arg(module));
        if (!visit(path))
            return Core::fail(Core::ErrorCode::Corrupt,
                              tr("The kernel's module %1 has a missing or circular dependency.").arg(module));
    }
    return order;
}

QStringList GuestImageBuilder::modinfoDepends(const QByteArray &module)
{
    const qsizetype at = module.indexOf(QByteArrayView("\0depends=", 9));
    if (at < 0)
        return {};
    const qsizetype start = at + 9;
    const qsizetype end = module.indexOf('\0', start);
    QStringList names;
    for (const QByteArray &name : module.mid(start, end < 0 ? -1 : end - start).split(','))
        if (!name.isEmpty())
            names.append(QString::fromUtf8(name));
    return names;
}

QJsonObject GuestImage::manifestIn(const QString &folder)
{
    QFile file(QDir(folder).filePath(u"manifest.json"_s));
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.read(1 << 20)).object()
                                          : QJsonObject();
}

QString GuestImage::kernelFileIn(const QString &folder)
{
    const QString kernel = manifestIn(folder).value(u"kernelFile"_s).toString();
    return QFileInfo(kernel).isAbsolute() && QFileInfo(kernel).isFile() ? kernel : QString();
}

std::optional<GuestImage> GuestImage::findIn(const QString &folder)
{
    const QJsonObject manifest = manifestIn(folder);
    const QDir dir(folder);
    const QStringList kernels = dir.entryList({u"vmlinux-*"_s}, QDir::Files);
    if (manifest.value(u"format"_s).toInt() != currentFormat || kernels.size() != 1)
        return std::nullopt;
    GuestImage image;
    image.kernelVersion = kernels.first().mid(8);
    image.kernel = dir.filePath(kernels.first());
    image.initrd = dir.filePath(u"initrd-"_s + image.kernelVersion + u".cpio"_s);
    if (const QString root = manifest.value(u"root"_s).toString(); !root.isEmpty())
        image.root = dir.filePath(root);
    if (!QFileInfo(image.initrd).isFile() || (!image.root.isEmpty() && !QFileInfo(image.root).isFile()))
        return std::nullopt;
    return image;
}

std::optional<QString> GuestImageBuilder::kernelRelease(const QByteArray &vmlinux)
{
    // The linux_banner string: "Linux version RELEASE (builder@host) ...".
    static constexpr QByteArrayView banner("Linux version ");
    const qsizetype at = vmlinux.indexOf(banner);
    if (at < 0)
        return std::nullopt;
    const qsizetype begin = at + banner.size();
    const qsizetype end = vmlinux.indexOf(' ', begin);
    if (end < 0 || end - begin > 64)
        return std::nullopt;
    const QString release = QString::fromLatin1(vmlinux.mid(begin, end - begin));
    // It names files: nothing but what uname's releases are made of.
    static const QRegularExpression plain(u"^[A-Za-z0-9][A-Za-z0-9._+~-]*$"_s);
    return plain.match(release).hasMatch() ? std::optional(release) : std::nullopt;
}

bool GuestImageBuilder::hasPvhEntry(const QByteArray &vmlinux)
{
    // A 64-bit little-endian ELF whose PT_NOTE segments hold a "Xen" note of type 18
    // (XEN_ELFNOTE_PHYS32_ENTRY): what QEMU needs to boot it directly.
    constexpr quint32 ptNote = 4, phys32Entry = 18;
    const auto read = [&vmlinux](qint64 offset, int bytes) -> std::optional<quint64> {
        if (offset < 0 || offset + bytes > vmlinux.size())
            return std::nullopt;
        const char *at = vmlinux.constData() + offset;
        return bytes == 8   ? qFromLittleEndian<quint64>(at)
               : bytes == 4 ? quint64(qFromLittleEndian<quint32>(at))
                            : qFromLittleEndian<quint16>(at);
    };
    if (!vmlinux.startsWith("\x7f"
                            "ELF\x02\x01"))
        return false;
    const auto phoff = read(0x20, 8), phentsize = read(0x36, 2), phnum = read(0x38, 2);
    if (!phoff || !phentsize || !phnum || *phentsize < 56)
        return false;
    for (quint64 i = 0; i < *phnum; ++i) {
        const qint64 header = qint64(*phoff + i * *phentsize);
        const auto type = read(header, 4), offset = read(header + 8, 8), size = read(header + 32, 8);
        if (!type || !offset || !size || *type != ptNote || *offset > quint64(vmlinux.size()) ||
            *size > quint64(vmlinux.size()) - *offset) // a segment past the file's end: malformed
            continue;
        const qint64 end = qint64(*offset + *size);
        for (qint64 note = qint64(*offset); note + 12 <= end;) {
            const quint64 nameSize = *read(note, 4), descSize = *read(note + 4, 4),
                          noteType = *read(note + 8, 4);
            const qint64 name = note + 12;
            if (nameSize > quint64(end - name))
                break;
            if (noteType == phys32Entry && nameSize == 4 &&
                vmlinux.mid(name, 4) == QByteArrayView("Xen\0", 4))
                return true;
            const quint64 next = 12 + ((nameSize + 3) & ~quint64(3)) + ((descSize + 3) & ~quint64(3));
            if (next > quint64(end - note))
                break;
            note += qint64(next);
        }
    }
    return false;
}

QByteArray GuestImageBuilder::withoutSignature(const QByteArray &module)
{
    // ... signature, then 12 bytes of module_signature (its last 4: the signature's length, big-endian),
    // then the marker.
    static constexpr QByteArrayView marker("~Module signature appended~\n");
    constexpr qsizetype infoBytes = 12;
    if (!module.endsWith(marker) || module.size() < marker.size() + infoBytes)
        return module;
    const char *info = module.constData() + module.size() - marker.size() - infoBytes;
    const qint64 signed_ = qint64(qFromBigEndian<quint32>(info + 8)) + quint8(info[3]) + quint8(info[4]);
    const qint64 trailer = marker.size() + infoBytes + signed_;
    return trailer <= module.size() ? module.first(module.size() - trailer) : module;
}

QList<std::pair<QString, QStringList>> GuestImageBuilder::guestModules()
{
    // By what a boot needs: a module loads in tenths of a second under emulation, so a clone on its own
    // disk loads no shared-folder modules.
    return {{u"always"_s,
             {u"virtio_mmio"_s, u"virtio_console"_s, u"button"_s, u"virtio_blk"_s, u"ext4"_s,
              u"crc32c_generic"_s}},
            {u"virtiofs"_s, {u"virtiofs"_s}},
            {u"workspace"_s, {u"9p"_s, u"9pnet_virtio"_s}}, // paddock.workspace: the 9p share
            {u"net"_s, {u"virtio_net"_s}}}; // paddock.net: only bench_microvm_network's user-mode network
}

namespace {

// The modules of a Debian kernel's tree that a guest loads, each group's with their dependencies, less what
// the modules loaded always bring: pairs of the boot option that wants it (or "always") and the module's
// path under modulesRoot.
Core::Result<QList<std::pair<QString, QString>>> moduleOrder(const QString &modulesRoot)
{
    QHash<QString, QString> moduleFiles;
    for (QDirIterator it(modulesRoot + u"/kernel"_s, {u"*.ko"_s}, QDir::Files, QDirIterator::Subdirectories);
         it.hasNext();) {
        const QString path = it.next();
        moduleFiles.insert(it.fileName().chopped(3).replace(u'-', u'_'), path.mid(modulesRoot.size() + 1));
    }
    const auto dependsOf = [&modulesRoot](const QString &path) {
        return GuestImageBuilder::modinfoDepends(
            ImageTools::readAll(modulesRoot + u'/' + path).value_or(QByteArray()));
    };
    QList<std::pair<QString, QString>> order;
    QStringList always;
    for (const auto &[wanted, modules] : GuestImageBuilder::guestModules()) {
        const auto group = GuestImageBuilder::moduleLoadOrder(moduleFiles, dependsOf, modules);
        if (!group)
            return std::unexpected(group.error());
        for (const QString &path : *group) {
            if (!always.contains(path))
                order.append({wanted, path});
            if (wanted == "always"_L1)
                always.append(path);
        }
    }
    return order;
}

} // namespace

Core::Result<GuestImage> GuestImageBuilder::build(const GuestImageOptions &options, const Progress &progress)
{
    const auto say = [&progress](const QString &text) {
        if (progress)
            progress(text);
    };
    for (const QString &folder : {options.workDirectory, options.outputDirectory})
        if (!QDir().mkpath(folder))
            return Core::fail(Core::ErrorCode::Io, tr("Cannot create the folder %1.").arg(folder));
    // One build at a time per download folder (two Paddocks, or tests in parallel): they share its files.
    QLockFile lock(QDir(options.workDirectory).filePath(u"build.lock"_s));
    lock.setStaleLockTime(0); // a build takes minutes; only a dead owner's lock is stale
    if (!lock.tryLock(buildLockWaitMs))
        return Core::fail(Core::ErrorCode::Conflict,
                          lock.error() == QLockFile::LockFailedError
                              ? tr("Another guest image build uses %1; try again when it has finished.")
                                    .arg(options.workDirectory)
                              : tr("Cannot write the lock file in %1.").arg(options.workDirectory));
    const bool ownKernel = !options.kernelFile.isEmpty();
    const auto kernelPackage = ownKernel ? Core::Result<std::pair<QString, QString>>()
                                         : ImageTools::resolvePackage(options.kernelPackage);
    if (!kernelPackage)
        return std::unexpected(kernelPackage.error());
    const auto busyboxPackage = ImageTools::resolvePackage(u"busybox-static"_s);
    if (!busyboxPackage)
        return std::unexpected(busyboxPackage.error());
    if (ownKernel)
        say(tr("Downloading busybox-static %1…").arg(busyboxPackage->second));
    else
        say(tr("Downloading %1 %2 and busybox-static %3…")
                .arg(kernelPackage->first, kernelPackage->second, busyboxPackage->second));
    const auto kernelDeb =
        ownKernel ? Core::Result<QString>()
                  : ImageTools::download(kernelPackage->first, kernelPackage->second, options.workDirectory);
    if (!kernelDeb)
        return std::unexpected(kernelDeb.error());
    const auto busyboxDeb =
        ImageTools::download(busyboxPackage->first, busyboxPackage->second, options.workDirectory);
    if (!busyboxDeb)
        return std::unexpected(busyboxDeb.error());
    say(tr("Unpacking…"));
    const QString unpacked = QDir(options.workDirectory).filePath(u"unpacked"_s);
    const auto kernelTree = ownKernel ? Core::Result<QString>() : ImageTools::unpack(*kernelDeb, unpacked);
    if (!kernelTree)
        return std::unexpected(kernelTree.error());
    const auto busyboxTree = ImageTools::unpack(*busyboxDeb, unpacked);
    if (!busyboxTree)
        return std::unexpected(busyboxTree.error());
    // Older packages' trees (a kernel's is 400 MB), and the single "kernel" and "busybox" trees of earlier
    // Paddocks, are no longer used. (With a kernel file, Debian's kernel tree stays for the next build.)
    for (const QString &stale : QDir(unpacked).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (!QStringList{*kernelTree, *busyboxTree}.contains(QDir(unpacked).filePath(stale)) &&
            !(ownKernel && stale.startsWith(u"linux-image-"_s)))
            QDir(QDir(unpacked).filePath(stale)).removeRecursively();
    for (const QString &legacy : {u"kernel"_s, u"busybox"_s})
        QDir(QDir(options.workDirectory).filePath(legacy)).removeRecursively();

    GuestImage image;
    QByteArray vmlinux;
    // Pairs of the boot option that wants a module (or "always") and the module's path under modulesRoot.
    QList<std::pair<QString, QString>> order;
    QString modulesRoot;
    if (ownKernel) {
        say(tr("Checking the kernel %1…").arg(options.kernelFile));
        auto file = ImageTools::readAll(options.kernelFile);
        if (!file)
            return std::unexpected(file.error());
        const auto release = kernelRelease(*file);
        if (!hasPvhEntry(*file) || !release)
            return Core::fail(Core::ErrorCode::InvalidArgument,
                              tr("%1 is not a kernel a microVM can boot: it must be an uncompressed vmlinux "
                                 "(ELF) with a PVH entry point (CONFIG_PVH).")
                                  .arg(options.kernelFile));
        image.kernelVersion = *release;
        vmlinux = std::move(*file);
    } else {
        const QStringList versions =
            QDir(*kernelTree + u"/lib/modules"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (versions.size() != 1)
            return Core::fail(Core::ErrorCode::Corrupt, tr("%1 holds no single kernel.").arg(*kernelDeb));
        image.kernelVersion = versions.first();
        say(tr("Extracting the kernel %1…").arg(image.kernelVersion));
        const auto bzImage = ImageTools::readAll(*kernelTree + u"/boot/vmlinuz-"_s + image.kernelVersion);
        if (!bzImage)
            return std::unexpected(bzImage.error());
        auto extracted = vmlinuxFromBzImage(*bzImage);
        if (!extracted)
            return Core::fail(Core::ErrorCode::Corrupt,
                              tr("No xz-compressed kernel found in vmlinuz-%1.").arg(image.kernelVersion));
        vmlinux = std::move(*extracted);
        modulesRoot = *kernelTree + u"/lib/modules/"_s + image.kernelVersion;
        auto modules = moduleOrder(modulesRoot);
        if (!modules)
            return std::unexpected(modules.error());
        order = std::move(*modules);
    }
    image.kernel = QDir(options.outputDirectory).filePath(u"vmlinux-"_s + image.kernelVersion);
    if (auto written = ImageTools::writeAll(image.kernel, vmlinux); !written)
        return std::unexpected(written.error());

    say(tr("Building the initramfs…"));
    const auto busybox = ImageTools::readAll(*busyboxTree + u"/bin/busybox"_s);
    if (!busybox)
        return std::unexpected(busybox.error());
    const auto guest = ImageTools::readAll(options.guestBinary);
    if (!guest)
        return std::unexpected(guest.error());
    CpioArchive archive;
    for (const QString &folder : {u"bin"_s, u"dev"_s, u"etc"_s, u"lib"_s, u"lib/modules"_s, u"proc"_s,
                                  u"sys"_s, u"tmp"_s, u"workspace"_s, u"run"_s})
        archive.addDirectory(folder);
    archive.addFile(u"bin/busybox"_s, *busybox, 0755);
    archive.addSymlink(u"bin/sh"_s, u"busybox"_s);
    archive.addFile(u"bin/paddock-guest"_s, *guest, 0755);
    // The kernel runs /init as PID 1: paddock-guest boots the machine itself (guestinit.h), and busybox is
    // the shell only of a machine without a system disk.
    archive.addSymlink(u"init"_s, u"bin/paddock-guest"_s);
    QStringList loadList;
    QByteArray loadLines;
    for (const auto &[wanted, module] : order) {
        const auto content = ImageTools::readAll(modulesRoot + u'/' + module);
        if (!content)
            return std::unexpected(content.error());
        const QString name = module.section(u'/', -1);
        // The kernel checks a signature against its built-in keys at each load, a tenth of a second per boot
        // under emulation; it enforces none (Debian's kernel), and the image is built from verified packages.
        if (!loadList.contains(name))
            archive.addFile(u"lib/modules/"_s + name, withoutSignature(*content));
        loadList.append(name);
        loadLines += QString(wanted + u' ' + name).toUtf8() + '\n';
    }
    archive.addFile(u"etc/paddock-modules"_s, loadLines);
    image.initrd = QDir(options.outputDirectory).filePath(u"initrd-"_s + image.kernelVersion + u".cpio"_s);
    if (auto written = ImageTools::writeAll(image.initrd, archive.finish()); !written)
        return std::unexpected(written.error());
    QStringList rootPackages;
    QString npm;
    if (options.withRoot) {
        const auto root = RootImageBuilder::build(
            {options.outputDirectory, options.workDirectory, *busyboxTree + u"/bin/busybox"_s}, progress);
        if (!root)
            return std::unexpected(root.error());
        image.root = root->path;
        rootPackages = root->packages;
        npm = root->npmVersion;
    }
    const QJsonObject manifest{{u"format"_s, GuestImage::currentFormat},
                               {u"root"_s, QFileInfo(image.root).fileName()},
                               {u"rootPackages"_s, QJsonArray::fromStringList(rootPackages)},
                               {u"npm"_s, npm},
                               {u"kernelPackage"_s, ownKernel ? QString() : kernelPackage->first},
                               {u"kernelPackageVersion"_s, ownKernel ? QString() : kernelPackage->second},
                               {u"kernelFile"_s, options.kernelFile},
                               {u"kernelRelease"_s, image.kernelVersion},
                               {u"busyboxVersion"_s, busyboxPackage->second},
                               {u"modules"_s, QJsonArray::fromStringList(loadList)}};
    if (auto written = ImageTools::writeAll(QDir(options.outputDirectory).filePath(u"manifest.json"_s),
                                            QJsonDocument(manifest).toJson());
        !written)
        return std::unexpected(written.error());
    // An earlier build's kernel and initramfs (another kernel version) go: only this image is used.
    const QDir output(options.outputDirectory);
    for (const QString &old : output.entryList({u"vmlinux-*"_s, u"initrd-*"_s, u"root-*"_s}, QDir::Files)) {
        if (output.filePath(old) != image.kernel && output.filePath(old) != image.initrd &&
            output.filePath(old) != image.root)
            QFile::remove(output.filePath(old));
    }
    say(tr("Done: %1 and %2.").arg(image.kernel, image.initrd));
    return image;
}

} // namespace Paddock::Vm
