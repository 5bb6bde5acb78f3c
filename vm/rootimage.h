#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

namespace Paddock::Vm {

struct RootImageOptions
{
    QString outputDirectory; // the image goes here
    QString workDirectory;   // downloads (kept) and the tree the image is made from
    QString busybox;         // the static busybox: the image's shell and basic commands
    QStringList packages = {QStringLiteral("git"), QStringLiteral("nodejs"),
                            QStringLiteral("ca-certificates")};
    qint64 sourceDateEpoch =
        1700000000; // every time stamp in the image: the same packages make the same image
};

struct RootImage
{
    QString path;         // an ext4 file system image, attached read-only
    QStringList packages; // "name version" of everything in it, as installed
    QString npmVersion;
};

// The microVM's read-only root file system: the packages (git, Node.js, CA certificates) and everything they
// need, from the Debian archive through apt without root, unpacked as dpkg would (no maintainer scripts),
// busybox for the rest, npm from the npm registry (pinned, its checksum checked), made into an ext4 image by
// mke2fs without mounting anything.
class RootImageBuilder
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::RootImageBuilder)

public:
    using Progress = std::function<void(const QString &)>;
    static Core::Result<RootImage> build(const RootImageOptions &options, const Progress &progress = {});

    // npm as the image gets it: its version and the registry's sha512 integrity of its tarball.
    static constexpr char npmVersion[] = "10.9.2";
    static constexpr char npmIntegrity[] =
        "sha512-iriPEPIkoMYUy3F6f3wwSZAU93E0Eg6cHwIR6jzzOXWSy+SD/rOODEs74cVONHKSx2obXtuUoyidVEhISrisgQ==";

    // The files of apt's --print-uris output: "'URL' FILE SIZE HASH" per line.
    static QStringList debsFromPrintUris(const QByteArray &output);
    // What `busybox --list-full` names, mapped to a merged-/usr tree ("bin/sh" → "usr/bin/sh").
    static QStringList busyboxLinks(const QByteArray &listFull);
};

} // namespace Paddock::Vm
