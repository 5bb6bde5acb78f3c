#include "vm/rootimage.h"

#include "vm/guestimage.h"
#include "vm/imagetools_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

using Run = ImageTools::Run;

constexpr int downloadTimeoutMs = 300'000;
constexpr int systemRoomMiB = 8 * 1024; // free room on a machine's system disk

// The highest version of package that the archive offers (not one only installed here).
Core::Result<QString> archiveVersion(const QString &package)
{
    const Run madison = ImageTools::run(u"apt-cache"_s, {u"madison"_s, package});
    for (const QByteArray &line : madison.out.split('\n')) {
        const QList<QByteArray> fields = line.split('|');
        if (fields.size() >= 3 && fields[0].trimmed() == package.toUtf8())
            return QString::fromUtf8(fields[1].trimmed());
    }
    return Core::fail(
        Core::ErrorCode::Unavailable,
        RootImageBuilder::tr("The Debian archive offers no %1 (run 'apt-get update' first).").arg(package));
}

// apt as if nothing were installed, so that it fetches every package the wanted ones need; no root needed.
QStringList aptArguments(const QString &work, const QString &archives)
{
    return {u"-q"_s, u"-y"_s,
            u"-o"_s, u"Debug::NoLocking=1"_s,
            u"-o"_s, u"Dir::State::status="_s + work + u"/empty-status"_s,
            u"-o"_s, u"Dir::Cache::archives="_s + archives,
            u"-o"_s, u"Dir::Cache::pkgcache="_s,
            u"-o"_s, u"Dir::Cache::srcpkgcache="_s,
            u"-o"_s, u"APT::Install-Recommends=false"_s};
}

// Moves what packages put in /bin, /sbin and /lib* under /usr and links the old names (Debian 12's merged
// /usr), so that both kinds of paths work.
Core::Result<> mergeUsr(const QString &tree)
{
    for (const QString &name : {u"bin"_s, u"sbin"_s, u"lib"_s, u"lib64"_s}) {
        const QString top = tree + u'/' + name, under = tree + u"/usr/"_s + name;
        QDir().mkpath(under);
        if (QFileInfo(top).isDir() && !QFileInfo(top).isSymLink()) {
            for (QDirIterator it(top, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
                 it.hasNext();) {
                const QString from = it.next();
                const QString to = under + u'/' + it.fileName();
                if (QFileInfo(to).exists() || QFileInfo(to).isSymLink()) {
                    const Run merged = ImageTools::run(u"cp"_s, {u"-a"_s, u"-T"_s, from, to});
                    if (merged.exitCode != 0)
                        return Core::fail(Core::ErrorCode::Io, ImageTools::errorText(merged));
                } else if (!QDir().rename(from, to)) {
                    return Core::fail(Core::ErrorCode::Io, RootImageBuilder::tr("Cannot move %1.").arg(from));
                }
            }
            QDir(top).removeRecursively();
        }
        if (!QFileInfo(top).isSymLink() && !QFile::link(u"usr/"_s + name, top))
            return Core::fail(Core::ErrorCode::Io, RootImageBuilder::tr("Cannot link %1.").arg(top));
    }
    return {};
}

Core::Result<QByteArray> fetch(const QUrl &url)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(downloadTimeoutMs);
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error() != QNetworkReply::NoError)
        return Core::fail(
            Core::ErrorCode::Unavailable,
            RootImageBuilder::tr("Could not download %1: %2").arg(url.toString(), reply->errorString()));
    return reply->readAll();
}

// npm from the registry: one tarball with its own dependencies, checked against the pinned integrity.
Core::Result<> installNpm(const QString &tree, const QString &work)
{
    const QString tarball = work + u"/npm-"_s + QLatin1StringView(RootImageBuilder::npmVersion) + u".tgz"_s;
    const QByteArray expected = QByteArray(RootImageBuilder::npmIntegrity).mid(7);
    auto bytes = ImageTools::readAll(tarball);
    if (!bytes || QCryptographicHash::hash(*bytes, QCryptographicHash::Sha512).toBase64() != expected) {
        bytes = fetch(QUrl(u"https://registry.npmjs.org/npm/-/npm-%1.tgz"_s.arg(
            QLatin1StringView(RootImageBuilder::npmVersion))));
        if (!bytes)
            return std::unexpected(bytes.error());
        if (QCryptographicHash::hash(*bytes, QCryptographicHash::Sha512).toBase64() != expected)
            return Core::fail(Core::ErrorCode::Corrupt,
                              RootImageBuilder::tr("The npm tarball from the registry does not match its "
                                                   "checksum; nothing was installed."));
        if (auto written = ImageTools::writeAll(tarball, *bytes); !written)
            return written;
    }
    const QString target = tree + u"/usr/lib/node_modules/npm"_s;
    QDir().mkpath(target);
    const Run unpacked = ImageTools::run(
        u"tar"_s, {u"-xzf"_s, tarball, u"-C"_s, target, u"--strip-components=1"_s, u"--no-same-owner"_s});
    if (unpacked.exitCode != 0)
        return Core::fail(Core::ErrorCode::Io, ImageTools::errorText(unpacked));
    for (const auto &[name, script] : {std::pair{u"npm"_s, u"npm-cli.js"_s}, {u"npx"_s, u"npx-cli.js"_s}}) {
        const QString link = tree + u"/usr/bin/"_s + name;
        QFile::remove(link);
        if (!QFile::link(u"../lib/node_modules/npm/bin/"_s + script, link))
            return Core::fail(Core::ErrorCode::Io, RootImageBuilder::tr("Cannot link %1.").arg(link));
    }
    return {};
}

// What programs expect in /etc, and the CA bundle that ca-certificates' maintainer script would make.
// The files Paddock writes into /etc; returns what they say, for the root's identity.
Core::Result<QByteArray> writeEtc(const QString &tree)
{
    const QDir etc(tree + u"/etc"_s);
    QDir().mkpath(etc.filePath(u"ssl/certs"_s));
    QByteArray bundle;
    QStringList certificates;
    for (QDirIterator it(tree + u"/usr/share/ca-certificates"_s, {u"*.crt"_s}, QDir::Files,
                         QDirIterator::Subdirectories);
         it.hasNext();)
        certificates.append(it.next());
    certificates.sort();
    for (const QString &certificate : certificates) {
        const auto pem = ImageTools::readAll(certificate);
        if (!pem)
            return std::unexpected(pem.error());
        bundle += pem->trimmed() + '\n';
    }
    const QList<std::pair<QString, QByteArray>> files = {
        {u"passwd"_s, "root:x:0:0:root:/root:/bin/sh\nagent:x:1000:1000:Paddock agent:/home/agent:/bin/sh\n"},
        {u"group"_s, "root:x:0:\nagent:x:1000:\n"},
        {u"hostname"_s, "paddock\n"},
        {u"hosts"_s, "127.0.0.1 localhost paddock\n::1 localhost\n"},
        {u"nsswitch.conf"_s, "passwd: files\ngroup: files\nhosts: files\n"},
        {u"ssl/certs/ca-certificates.crt"_s, bundle},
    };
    QByteArray written;
    for (const auto &[name, content] : files) {
        QFile::remove(etc.filePath(name));
        if (auto done = ImageTools::writeAll(etc.filePath(name), content); !done)
            return std::unexpected(done.error());
        written += name.toUtf8() + '\0' + content + '\0';
    }
    return written;
}

// What the image is made from, the same whichever file system holds the tree (du counts a folder as that
// file system stores it): every path ("/" first, sorted) and the room it takes in 4 KiB blocks.
struct TreeListing
{
    QStringList paths{QStringLiteral("/")};
    qint64 bytes = 4096;
};

TreeListing listTree(const QString &tree)
{
    constexpr qint64 block = 4096;
    TreeListing listing;
    for (QDirIterator it(tree, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                         QDirIterator::Subdirectories);
         it.hasNext();) {
        listing.paths.append(it.next().mid(tree.size()));
        const QFileInfo entry = it.fileInfo();
        const qint64 size = !entry.isSymLink() && entry.isFile() ? entry.size() : 0; // a link: not followed
        listing.bytes += std::max(block, (size + block - 1) / block * block);
    }
    listing.paths.sort();
    return listing;
}

// mke2fs copies each file's change time, which only the kernel sets (to now), and its access time, which
// reading a symbolic link sets: the image's both are set to the epoch afterwards with debugfs, so that the
// same packages give the same bytes.
Core::Result<> pinInodeTimes(const QString &image, const QStringList &paths, qint64 epoch)
{
    const QByteArray time = "0x" + QByteArray::number(epoch, 16);
    QByteArray commands;
    for (const QString &path : std::as_const(paths)) {
        if (path.contains(u'\n'))
            return Core::fail(Core::ErrorCode::Corrupt,
                              RootImageBuilder::tr("A package holds a file whose name has a line break: %1")
                                  .arg(path.simplified()));
        // debugfs reads a doubled quote inside quotes as one.
        const QByteArray quoted = '"' + QString(path).replace(u'"', u"\"\""_s).toUtf8() + '"';
        for (const char *field : {"ctime", "atime"})
            commands += "sif " + quoted + ' ' + field + ' ' + time + '\n';
    }
    const Run edited = ImageTools::run(u"debugfs"_s, {u"-w"_s, u"-f"_s, u"-"_s, image}, {}, commands, 600'000,
                                       {u"E2FSPROGS_FAKE_TIME="_s + QString::number(epoch)});
    // It exits 0 whatever its commands did; anything it says beyond its banner is a failed command.
    const QByteArray said = edited.err.trimmed();
    if (edited.exitCode != 0 || said.contains('\n') || !said.startsWith("debugfs "))
        return Core::fail(Core::ErrorCode::Io,
                          RootImageBuilder::tr("debugfs failed: %1").arg(ImageTools::errorText(edited)));
    return {};
}

} // namespace

QStringList RootImageBuilder::debsFromPrintUris(const QByteArray &output)
{
    static const QRegularExpression line(u"^'[^']+' (\\S+\\.deb) \\d+ "_s);
    QStringList debs;
    for (const QByteArray &text : output.split('\n')) {
        const auto match = line.match(QString::fromUtf8(text));
        if (match.hasMatch() && !match.captured(1).contains(u'/'))
            debs.append(match.captured(1));
    }
    return debs;
}

QStringList RootImageBuilder::busyboxLinks(const QByteArray &listFull)
{
    QStringList links;
    for (const QByteArray &line : listFull.split('\n')) {
        const QString path = QString::fromUtf8(line.trimmed());
        if (path.isEmpty() || path.contains(u".."_s) || path.startsWith(u'/'))
            continue;
        links.append(path.startsWith(u"usr/"_s) ? path : u"usr/"_s + path);
    }
    links.removeDuplicates();
    return links;
}

Core::Result<RootImage> RootImageBuilder::build(const RootImageOptions &options, const Progress &progress)
{
    const auto say = [&progress](const QString &text) {
        if (progress)
            progress(text);
    };
    const QString work = QDir(options.workDirectory).absolutePath();
    const QString archives = work + u"/root-debs"_s;
    if (!QDir().mkpath(archives + u"/partial"_s) || !QDir().mkpath(options.outputDirectory))
        return Core::fail(Core::ErrorCode::Io,
                          tr("Cannot create the folders %1 and %2.").arg(archives, options.outputDirectory));
    if (auto written = ImageTools::writeAll(work + u"/empty-status"_s, {}); !written)
        return std::unexpected(written.error());

    QStringList wanted;
    for (const QString &package : options.packages) {
        const auto version = archiveVersion(package);
        if (!version)
            return std::unexpected(version.error());
        wanted.append(package + u'=' + *version);
    }
    // What the wanted packages need, every file named (as if none were downloaded yet), then fetched.
    const Run listed =
        ImageTools::run(u"apt-get"_s, aptArguments(work, work + u"/nothing"_s) +
                                          QStringList{u"--print-uris"_s, u"install"_s} + wanted);
    const QStringList debs = debsFromPrintUris(listed.out);
    if (listed.exitCode != 0 || debs.isEmpty())
        return Core::fail(
            Core::ErrorCode::Unavailable,
            tr("apt cannot install %1: %2").arg(wanted.join(u' '), ImageTools::errorText(listed)));
    say(tr("Downloading %n package(s) for the root file system…", nullptr, int(debs.size())));
    const Run fetched =
        ImageTools::run(u"apt-get"_s, aptArguments(work, archives) +
                                          QStringList{u"--download-only"_s, u"install"_s} + wanted);
    if (fetched.exitCode != 0)
        return Core::fail(Core::ErrorCode::Unavailable,
                          tr("apt could not download: %1").arg(ImageTools::errorText(fetched)));

    say(tr("Unpacking the root file system…"));
    const QString tree = work + u"/root-tree"_s;
    QDir(tree).removeRecursively();
    QDir().mkpath(tree);
    RootImage image;
    for (const QString &deb : debs) {
        const QString path = archives + u'/' + deb;
        const Run unpacked = ImageTools::run(u"dpkg-deb"_s, {u"-x"_s, path, tree});
        if (unpacked.exitCode != 0)
            return Core::fail(Core::ErrorCode::Io,
                              tr("Could not unpack %1: %2").arg(deb, ImageTools::errorText(unpacked)));
        image.packages.append(deb.section(u'_', 0, 0) + u' ' +
                              deb.section(u'_', 1, 1).replace(u"%3a"_s, u":"_s));
    }
    if (auto merged = mergeUsr(tree); !merged)
        return std::unexpected(merged.error());
    // busybox for the shell and every command no package brought.
    const QString busybox = tree + u"/usr/bin/busybox"_s;
    if (!QFile::copy(options.busybox, busybox) ||
        !QFile::setPermissions(busybox, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther))
        return Core::fail(Core::ErrorCode::Io, tr("Cannot copy busybox into the root file system."));
    const Run applets = ImageTools::run(options.busybox, {u"--list-full"_s});
    for (const QString &link : busyboxLinks(applets.out)) {
        const QString path = tree + u'/' + link;
        if (QFileInfo::exists(path) || QFileInfo(path).isSymLink())
            continue; // the package's own program is the better one
        QDir().mkpath(QFileInfo(path).path());
        QFile::link(u"/usr/bin/busybox"_s, path);
    }
    if (auto npm = installNpm(tree, work); !npm)
        return std::unexpected(npm.error());
    image.npmVersion = QLatin1StringView(npmVersion);
    const auto etc = writeEtc(tree);
    if (!etc)
        return std::unexpected(etc.error());
    const auto busyboxBytes = ImageTools::readAll(busybox);
    if (!busyboxBytes)
        return std::unexpected(busyboxBytes.error());
    for (const QString &folder : {u"proc"_s, u"sys"_s, u"dev"_s, u"run"_s, u"tmp"_s, u"workspace"_s,
                                  u"home/agent"_s, u"root"_s, u"mnt"_s, u"var/tmp"_s})
        QDir().mkpath(tree + u'/' + folder);

    say(tr("Making the root file system image…"));
    // Every time stamp the same: the same packages give the same image.
    const QString epoch = u"@"_s + QString::number(options.sourceDateEpoch);
    const Run touched =
        ImageTools::run(u"find"_s, {tree, u"-exec"_s, u"touch"_s, u"-h"_s, u"-d"_s, epoch, u"{}"_s, u"+"_s});
    if (touched.exitCode != 0)
        return Core::fail(Core::ErrorCode::Io, ImageTools::errorText(touched));
    const TreeListing listing = listTree(tree);
    const qint64 usedMiB = (listing.bytes + (1 << 20) - 1) >> 20;
    // Everything that goes into it: packages, npm, busybox, Paddock's /etc files and the image format.
    QCryptographicHash contents(QCryptographicHash::Sha256);
    contents.addData(
        (image.packages.join(u'\n') + image.npmVersion + QString::number(GuestImage::currentFormat))
            .toUtf8());
    contents.addData(QCryptographicHash::hash(*busyboxBytes, QCryptographicHash::Sha256));
    contents.addData(*etc);
    const QString identity = QString::fromLatin1(contents.result().toHex().left(12));
    image.path = QDir(options.outputDirectory).filePath(u"root-"_s + identity + u".ext4"_s);
    // Machines' system disks are layered on it (SystemDisk), so a root of this name is never rewritten.
    if (QFileInfo(image.path).isFile()) {
        QDir(tree).removeRecursively();
        return image;
    }
    const QString partial = image.path + u".partial"_s;
    QFile::remove(partial);
    // Room for what agents install (sparse: only what is written takes space). The journal keeps a system
    // disk whole when its machine is killed; the kernel never zeroes the inode tables (noinit_itable).
    const QString sizeMiB = QString::number(usedMiB + systemRoomMiB) + u'M';
    const Run made = ImageTools::run(
        u"mke2fs"_s,
        {u"-q"_s, u"-F"_s, u"-t"_s, u"ext4"_s, u"-m"_s, u"0"_s, u"-L"_s, u"paddock-root"_s, u"-U"_s,
         u"5a8a9d0c-7d0c-4b5e-9a43-70616464636b"_s, u"-E"_s,
         u"root_owner=0:0,hash_seed=5a8a9d0c-7d0c-4b5e-9a43-70616464636b,lazy_itable_init=1,lazy_journal_init=1"_s,
         u"-d"_s, tree, partial, sizeMiB},
        {}, {}, 600'000,
        // LC_ALL=C: mke2fs adds each folder's entries in the order of strcoll, which is the locale's.
        {u"E2FSPROGS_FAKE_TIME="_s + QString::number(options.sourceDateEpoch),
         u"SOURCE_DATE_EPOCH="_s + QString::number(options.sourceDateEpoch), u"LC_ALL=C"_s});
    if (made.exitCode != 0)
        return Core::fail(Core::ErrorCode::Io, tr("mke2fs failed: %1").arg(ImageTools::errorText(made)));
    if (auto timed = pinInodeTimes(partial, listing.paths, options.sourceDateEpoch); !timed)
        return std::unexpected(timed.error());
    QFile::remove(image.path);
    if (!QFile::rename(partial, image.path))
        return Core::fail(Core::ErrorCode::Io, tr("Cannot write %1.").arg(image.path));
    QDir(tree).removeRecursively();
    return image;
}

} // namespace Paddock::Vm
