#pragma once
// Helpers of the guest image builders (GuestImageBuilder, RootImageBuilder): programs, files, packages.

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Paddock::Vm {

class ImageTools
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::ImageTools)

public:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    // A program run to its end (no shell); exitCode -1 when it could not start or crashed.
    static Run run(const QString &program, const QStringList &arguments, const QString &directory = {},
                   const QByteArray &input = {}, int timeoutMs = 600'000,
                   const QStringList &environment = {});
    // What a failed program said (its stderr, else its stdout; the end of it), for an error message.
    static QString errorText(const Run &run);
    static Core::Result<QByteArray> readAll(const QString &path);
    static Core::Result<> writeAll(const QString &path, const QByteArray &bytes);
    // A .deb unpacked into a folder of its own name under parent (kept: a second call finds it there).
    static Core::Result<QString> unpack(const QString &deb, const QString &parent);
    // The package a kernel metapackage (linux-image-amd64) stands for today, and its version; another package
    // as it is, with its version.
    static Core::Result<std::pair<QString, QString>> resolvePackage(const QString &package);
    // A version as apt writes it in a package file's name: an epoch's ':' becomes "%3a".
    static QString versionInFileName(const QString &version);
    // package_version_arch.deb in folder, that version exactly, downloaded unless it is there already.
    static Core::Result<QString> download(const QString &package, const QString &version,
                                          const QString &folder);
};

} // namespace Paddock::Vm
