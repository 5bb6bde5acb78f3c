#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Paddock::Vm {

// paddock-guest, next to the paddock binaries (build tree and installation alike) unless PADDOCK_GUEST names
// it.
QString defaultGuestBinary();

// What a microVM boots: an uncompressed kernel (it boots in half the time of a compressed one under
// emulation) and an initramfs with busybox, the kernel modules the guest needs and paddock-guest.
struct GuestImage
{
    QString kernel;
    QString initrd;
    QString kernelVersion; // e.g. "6.1.0-57-amd64"
    QString root; // the root file system (git, Node.js, npm), every machine's system disk's base; empty: none

    // What this Paddock's init and modules expect; an image of another format is built again. 8: /init is
    // paddock-guest itself (vm/guest/guestinit.h), no longer a busybox script.
    static constexpr int currentFormat = 8;
    // The image built into folder (see GuestImageBuilder), if it is there and of the current format.
    static std::optional<GuestImage> findIn(const QString &folder);
    // The manifest.json an image build wrote into folder (of any format); empty when there is none.
    static QJsonObject manifestIn(const QString &folder);
    // The kernel file the image in folder was built around (GuestImageOptions::kernelFile), of any format, if
    // that file is still there: an image built again by itself keeps it. Empty for Debian's kernel.
    static QString kernelFileIn(const QString &folder);
};

struct GuestImageOptions
{
    QString outputDirectory; // the kernel, initrd and manifest.json are written here
    QString workDirectory;   // downloads and unpacked packages; kept, so a second build downloads nothing
    QString guestBinary;     // paddock-guest, statically linked
    QString kernelPackage = QStringLiteral("linux-image-amd64"); // resolved to its versioned package
    // Instead of kernelPackage: an uncompressed vmlinux with PVH and the guest's drivers built in (virtio
    // over MMIO, console, block, ext4, 9p, virtiofs); the initramfs then carries no modules.
    QString kernelFile;
    bool withRoot = true; // also the root file system (RootImageBuilder); without: busybox only
};

// Builds a GuestImage from Debian packages (apt-get download, dpkg-deb: no root needed). Pure pieces are
// public for tests.
class GuestImageBuilder
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::GuestImageBuilder)

public:
    using Progress = std::function<void(const QString &)>;
    // How many messages a build with its root file system gives progress, "Done: …" the last.
    static constexpr int progressSteps = 8;

    static Core::Result<GuestImage> build(const GuestImageOptions &options, const Progress &progress = {});

    // The release a vmlinux names in its banner ("6.1.0-57-amd64"), if it is a plain file-name part.
    static std::optional<QString> kernelRelease(const QByteArray &vmlinux);
    // True for a 64-bit ELF with a PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY), which QEMU boots directly.
    static bool hasPvhEntry(const QByteArray &vmlinux);
    // The ELF kernel inside a Debian bzImage (xz-compressed), or nothing.
    static std::optional<QByteArray> vmlinuxFromBzImage(const QByteArray &bzImage);
    // The module files to load for wanted, dependencies first: pathOf maps a module's name (with '_') to its
    // file, dependsOf gives the names a module file depends on. (A kernel package has no modules.dep: depmod
    // makes it when the package is installed.)
    static Core::Result<QStringList>
    moduleLoadOrder(const QHash<QString, QString> &pathOf,
                    const std::function<QStringList(const QString &)> &dependsOf, const QStringList &wanted);
    // The "depends=" names in a module's .modinfo section.
    static QStringList modinfoDepends(const QByteArray &module);
    // The module without the signature appended to it (module_signature in the kernel's module.h), or as
    // it is when it has none or the trailer does not add up.
    static QByteArray withoutSignature(const QByteArray &module);
    // The modules a microVM guest needs (virtio over MMIO, the agent's serial port, the power button, its
    // disks), each group with the boot option that wants it ("always", or paddock.NAME for NAME).
    static QList<std::pair<QString, QStringList>> guestModules();
};

} // namespace Paddock::Vm
