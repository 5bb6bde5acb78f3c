#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

namespace Paddock::Vm {

struct KernelBuildOptions
{
    // The source package, the trees while building (about 2 GB, removed after) and the built kernels.
    QString workDirectory;
    // The source is Debian's linux-source at the version of the kernel this package stands for.
    QString imagePackage = QStringLiteral("linux-image-amd64");
    QByteArray config; // over Linux's tinyconfig; empty: Paddock's (KernelBuilder::defaultConfig)
    int jobs = 0;      // make -j; 0: one per CPU
    // Asked between steps and about once a second while compiling: true stops the build (Ctrl+C, a Cancel
    // button), which then removes its trees like any failed build.
    std::function<bool()> cancelled;
};

// Where a kernel is built: the unpacked source, the build tree (make O=) and Debian's package version.
struct KernelSource
{
    QString sourceTree;
    QString buildTree;
    QString version; // e.g. "6.1.192-3"
};

// Paddock's own guest kernel: Linux from Debian's linux-source package, configured with tinyconfig plus the
// guest's drivers built in (resources/guest-kernel.config), so a microVM loads no modules and skips the
// drivers of a PC it does not have. It starts in less than half the time of Debian's kernel under emulation.
// Built once per source version and config, and kept in the work directory.
class KernelBuilder
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::KernelBuilder)

public:
    using Progress = std::function<void(const QString &)>;

    // The kernel file in options.workDirectory, built now unless it was built before.
    static Core::Result<QString> build(const KernelBuildOptions &options, const Progress &progress = {});

    // The steps of build, public for tests.
    // linux-source-SERIES and the version of the kernel imagePackage stands for.
    static Core::Result<std::pair<QString, QString>> sourcePackage(const QString &imagePackage);
    // The source package (sourcePackage) downloaded into workDirectory, unless it is there, and unpacked.
    static Core::Result<KernelSource> unpackSource(const QString &workDirectory,
                                                   const std::pair<QString, QString> &package,
                                                   const Progress &progress);
    // tinyconfig, then config over it; fails naming each option Kconfig did not take.
    static Core::Result<> configure(const KernelSource &source, const QByteArray &config);
    // make vmlinux; the built file. A cancelled compile ends make and what it runs.
    static Core::Result<QString> compile(const KernelSource &source, int jobs, const Progress &progress,
                                         const std::function<bool()> &cancelled = {});
    static void removeTrees(const QString &workDirectory);

    // Pure pieces, public for tests.
    static QByteArray defaultConfig();
    // The Debian packages whose tools a kernel build needs and this machine lacks (programs looked up in
    // searchPath, the PATH when empty; libelf-dev by its header under includeRoot).
    static QStringList missingPackages(const QStringList &searchPath = {},
                                       const QString &includeRoot = QStringLiteral("/usr/include"));
    // The config's lines (CONFIG_X=value, "# CONFIG_X is not set") that the .config Kconfig made lacks.
    static QStringList optionsNotTaken(const QByteArray &config, const QByteArray &dotConfig);
    // vmlinux-VERSION-DIGEST: the digest of the config's options, so a changed comment builds nothing.
    static QString kernelFileName(const QString &version, const QByteArray &config);
};

} // namespace Paddock::Vm
