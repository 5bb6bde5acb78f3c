#include "vm/kernelbuilder.h"

#include "vm/guestimage.h"
#include "vm/imagetools_p.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

using Run = ImageTools::Run;

constexpr qint64 neededBytes = 3LL << 30;  // the unpacked source and its build: about 2 GB
constexpr int lockWaitMs = 30 * 60 * 1000; // another Paddock building the same kernel
constexpr int compileLimitMs = 90 * 60 * 1000;
constexpr int filesPerProgress = 300;
constexpr int cancelGraceMs = 30'000; // make waits for the compilers it runs to end

std::unexpected<Core::Error> cancelledBuild()
{
    return Core::fail(Core::ErrorCode::Cancelled,
                      KernelBuilder::tr("The kernel build was stopped; its files were removed."));
}

// The trees of a build in the work directory, removed after it.
const QStringList trees{u"source"_s, u"source-package"_s, u"build"_s};

// The variables that keep this machine out of the kernel (its build time, user and host name), so the same
// source and config give the same kernel; and messages in English, which the progress parses.
QStringList buildEnvironment(const QString &version)
{
    return {u"KBUILD_BUILD_TIMESTAMP=Debian "_s + version, u"KBUILD_BUILD_USER=paddock"_s,
            u"KBUILD_BUILD_HOST=paddock"_s, u"KBUILD_BUILD_VERSION=1"_s, u"LC_ALL=C"_s};
}

// The option lines of a config: CONFIG_X=value and "# CONFIG_X is not set"; not its comments or blank lines.
QList<QByteArray> optionLines(const QByteArray &config)
{
    QList<QByteArray> lines;
    for (const QByteArray &line : config.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith("CONFIG_") ||
            (trimmed.startsWith("# CONFIG_") && trimmed.endsWith(" is not set")))
            lines.append(trimmed);
    }
    return lines;
}

// Removes a build's trees whatever happens: 2 GB a user has no use for.
struct TreeRemover
{
    QString workDirectory;
    ~TreeRemover() { KernelBuilder::removeTrees(workDirectory); }
};

bool isBootableKernel(const QByteArray &vmlinux)
{
    return GuestImageBuilder::hasPvhEntry(vmlinux) && GuestImageBuilder::kernelRelease(vmlinux).has_value();
}

} // namespace

QByteArray KernelBuilder::defaultConfig()
{
    QFile file(u":/guest-kernel.config"_s);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList KernelBuilder::missingPackages(const QStringList &searchPath, const QString &includeRoot)
{
    QStringList missing;
    for (const QString &tool : {u"make"_s, u"gcc"_s, u"flex"_s, u"bison"_s, u"bc"_s})
        if (QStandardPaths::findExecutable(tool, searchPath).isEmpty())
            missing.append(tool); // each named as its Debian package
    if (!QFileInfo::exists(includeRoot + u"/gelf.h"_s))
        missing.append(u"libelf-dev"_s); // objtool, which checks the kernel's code as it is built
    return missing;
}

QStringList KernelBuilder::optionsNotTaken(const QByteArray &config, const QByteArray &dotConfig)
{
    const QList<QByteArray> taken = optionLines(dotConfig);
    QStringList missing;
    for (const QByteArray &line : optionLines(config)) {
        if (line.startsWith('#')) {
            // Off: Kconfig may also leave the option out altogether (a dependency that is off).
            const QByteArray name = line.mid(2, line.indexOf(' ', 2) - 2);
            const bool on = std::any_of(taken.cbegin(), taken.cend(), [&name](const QByteArray &set) {
                return set.startsWith(QByteArray(name + '=')) && set != QByteArray(name + "=n");
            });
            if (on)
                missing.append(QString::fromUtf8(line));
        } else if (!taken.contains(line)) {
            missing.append(QString::fromUtf8(line));
        }
    }
    return missing;
}

QString KernelBuilder::kernelFileName(const QString &version, const QByteArray &config)
{
    const QByteArray digest =
        QCryptographicHash::hash(optionLines(config).join('\n'), QCryptographicHash::Sha256).toHex();
    QString plainVersion = version;
    plainVersion.replace(QRegularExpression(u"[^A-Za-z0-9.+~-]"_s), u"_"_s); // an epoch's ':', say
    return u"vmlinux-"_s + plainVersion + u'-' + QString::fromLatin1(digest.left(12));
}

Core::Result<std::pair<QString, QString>> KernelBuilder::sourcePackage(const QString &imagePackage)
{
    const auto image = ImageTools::resolvePackage(imagePackage);
    if (!image)
        return std::unexpected(image.error());
    static const QRegularExpression series(u"^linux-image-(\\d+\\.\\d+)"_s);
    const auto found = series.match(image->first);
    if (!found.hasMatch())
        return Core::fail(Core::ErrorCode::InvalidArgument,
                          tr("%1 is not a Debian kernel package (linux-image-…).").arg(image->first));
    return std::pair{u"linux-source-"_s + found.captured(1), image->second};
}

void KernelBuilder::removeTrees(const QString &workDirectory)
{
    for (const QString &tree : trees)
        QDir(QDir(workDirectory).filePath(tree)).removeRecursively();
}

Core::Result<KernelSource> KernelBuilder::unpackSource(const QString &workDirectory,
                                                       const std::pair<QString, QString> &package,
                                                       const Progress &progress)
{
    const auto &[name, version] = package;
    const QDir work(workDirectory);
    if (!work.mkpath(u"."_s))
        return Core::fail(Core::ErrorCode::Io, tr("Cannot create the folder %1.").arg(work.path()));
    if (progress)
        progress(tr("Downloading %1 %2 (about 140 MB)…").arg(name, version));
    const auto deb = ImageTools::download(name, version, work.path());
    if (!deb)
        return std::unexpected(deb.error());
    if (progress)
        progress(tr("Unpacking Linux's source…"));
    const Run packageUnpacked =
        ImageTools::run(u"dpkg-deb"_s, {u"-x"_s, *deb, work.filePath(u"source-package"_s)});
    // linux-source-6.1 holds the source as one archive.
    const QString archive = work.filePath(u"source-package/usr/src/"_s + name + u".tar.xz"_s);
    if (packageUnpacked.exitCode != 0 || !QFileInfo::exists(archive))
        return Core::fail(Core::ErrorCode::Corrupt,
                          tr("Could not unpack %1: %2").arg(*deb, ImageTools::errorText(packageUnpacked)));
    if (!work.mkpath(u"source"_s) || !work.mkpath(u"build"_s))
        return Core::fail(Core::ErrorCode::Io, tr("Cannot create the folder %1.").arg(work.path()));
    const Run sourceUnpacked = ImageTools::run(
        u"tar"_s, {u"-C"_s, work.filePath(u"source"_s), u"-xJf"_s, archive}, {}, {}, 30 * 60 * 1000);
    QDir(work.filePath(u"source-package"_s)).removeRecursively();
    const QString tree = work.filePath(u"source/"_s + name);
    if (sourceUnpacked.exitCode != 0 || !QFileInfo::exists(tree + u"/Makefile"_s))
        return Core::fail(
            Core::ErrorCode::Io,
            tr("Could not unpack Linux's source: %1").arg(ImageTools::errorText(sourceUnpacked)));
    return KernelSource{tree, work.filePath(u"build"_s), version};
}

Core::Result<> KernelBuilder::configure(const KernelSource &source, const QByteArray &config)
{
    const QStringList environment = buildEnvironment(source.version);
    const auto make = [&](const QStringList &arguments) {
        return ImageTools::run(
            u"make"_s, QStringList{u"-C"_s, source.sourceTree, u"O="_s + source.buildTree} + arguments, {},
            {}, 10 * 60 * 1000, environment);
    };
    const QString fragment = source.buildTree + u"/paddock.config"_s;
    if (auto written = ImageTools::writeAll(fragment, config); !written)
        return std::unexpected(written.error());
    const QString dotConfig = source.buildTree + u"/.config"_s;
    for (const auto &step : std::initializer_list<std::function<Run()>>{
             [&] { return make({u"tinyconfig"_s}); },
             [&] {
                 return ImageTools::run(source.sourceTree + u"/scripts/kconfig/merge_config.sh"_s,
                                        {u"-m"_s, u"-O"_s, source.buildTree, dotConfig, fragment},
                                        source.buildTree, {}, 60'000, environment);
             },
             [&] { return make({u"olddefconfig"_s}); }}) {
        if (const Run done = step(); done.exitCode != 0)
            return Core::fail(Core::ErrorCode::Io,
                              tr("Configuring the kernel failed: %1").arg(ImageTools::errorText(done)));
    }
    const auto made = ImageTools::readAll(dotConfig);
    if (!made)
        return std::unexpected(made.error());
    if (const QStringList missing = optionsNotTaken(config, *made); !missing.isEmpty())
        return Core::fail(Core::ErrorCode::InvalidArgument,
                          tr("Linux %1 does not take these options of the kernel's config (another option "
                             "they depend on is missing or off): %2")
                              .arg(source.version, missing.join(u", "_s)));
    return {};
}

Core::Result<QString> KernelBuilder::compile(const KernelSource &source, int jobs, const Progress &progress,
                                             const std::function<bool()> &cancelled)
{
    QProcess make;
    make.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &variable : buildEnvironment(source.version))
        environment.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
    make.setProcessEnvironment(environment);
    make.start(u"make"_s,
               {u"-C"_s, source.sourceTree, u"O="_s + source.buildTree,
                u"-j"_s + QString::number(jobs > 0 ? jobs : QThread::idealThreadCount()), u"vmlinux"_s});
    if (!make.waitForStarted())
        return Core::fail(Core::ErrorCode::Unavailable, tr("Could not run make: %1").arg(make.errorString()));
    QStringList lastLines; // what a failure shows
    int compiled = 0;
    const QDeadlineTimer deadline(compileLimitMs);
    while (make.state() != QProcess::NotRunning && !deadline.hasExpired()) {
        if (cancelled && cancelled()) {
            make.terminate(); // GNU make passes SIGTERM on to the compilers it runs, and waits for them
            if (!make.waitForFinished(cancelGraceMs)) {
                make.kill();
                make.waitForFinished();
            }
            return cancelledBuild();
        }
        make.waitForReadyRead(1000);
        while (make.canReadLine()) {
            const QString line = QString::fromUtf8(make.readLine()).trimmed();
            if (line.startsWith(u"CC "_s) && ++compiled % filesPerProgress == 0 && progress)
                progress(tr("Compiled %1 files…").arg(compiled));
            lastLines.append(line);
            if (lastLines.size() > 20)
                lastLines.removeFirst();
        }
    }
    if (make.state() != QProcess::NotRunning) {
        make.kill();
        make.waitForFinished();
        return Core::fail(Core::ErrorCode::Io, tr("Compiling the kernel took more than 90 minutes."));
    }
    lastLines += QString::fromUtf8(make.readAll()).trimmed().split(u'\n');
    if (make.exitStatus() != QProcess::NormalExit || make.exitCode() != 0)
        return Core::fail(Core::ErrorCode::Io,
                          tr("Compiling the kernel failed:\n%1")
                              .arg(lastLines.mid(qMax(0, lastLines.size() - 20)).join(u'\n')));
    return source.buildTree + u"/vmlinux"_s;
}

Core::Result<QString> KernelBuilder::build(const KernelBuildOptions &options, const Progress &progress)
{
    const auto say = [&progress](const QString &text) {
        if (progress)
            progress(text);
    };
    const QByteArray config = options.config.isEmpty() ? defaultConfig() : options.config;
    const auto package = sourcePackage(options.imagePackage);
    if (!package)
        return std::unexpected(package.error());
    const QString kernel = QDir(options.workDirectory).filePath(kernelFileName(package->second, config));
    const auto builtBefore = [&kernel] {
        const auto file = ImageTools::readAll(kernel);
        return file && isBootableKernel(*file);
    };
    if (builtBefore()) {
        say(tr("Paddock's kernel for Linux %1 is there: %2").arg(package->second, kernel));
        return kernel;
    }
    if (const QStringList missing = missingPackages(); !missing.isEmpty())
        return Core::fail(Core::ErrorCode::Unavailable,
                          tr("Building the kernel needs these Debian packages: %1. Install them with: sudo "
                             "apt-get install %1")
                              .arg(missing.join(u' ')));
    if (!QDir().mkpath(options.workDirectory))
        return Core::fail(Core::ErrorCode::Io, tr("Cannot create the folder %1.").arg(options.workDirectory));
    QLockFile lock(QDir(options.workDirectory).filePath(u"build.lock"_s));
    lock.setStaleLockTime(0); // a build takes minutes; only a dead owner's lock is stale
    if (!lock.tryLock(lockWaitMs))
        return Core::fail(
            Core::ErrorCode::Conflict,
            tr("Another kernel build uses %1; try again when it has finished.").arg(options.workDirectory));
    if (builtBefore()) { // by whoever held the lock
        say(tr("Paddock's kernel for Linux %1 is there: %2").arg(package->second, kernel));
        return kernel;
    }
    removeTrees(options.workDirectory); // a build that was killed
    if (const qint64 free = QStorageInfo(options.workDirectory).bytesAvailable(); free < neededBytes)
        return Core::fail(Core::ErrorCode::Io,
                          tr("Building the kernel needs about 3 GB free in %1; there are %2 MB.")
                              .arg(options.workDirectory)
                              .arg(free >> 20));
    const TreeRemover cleanUp{options.workDirectory};
    QElapsedTimer timer;
    timer.start();
    const auto stopped = [&options] { return options.cancelled && options.cancelled(); };
    const auto source = unpackSource(options.workDirectory, *package, progress);
    if (stopped())
        return cancelledBuild();
    if (!source)
        return std::unexpected(source.error());
    say(tr("Configuring Linux %1…").arg(source->version));
    const auto configured = configure(*source, config);
    if (stopped())
        return cancelledBuild();
    if (!configured)
        return std::unexpected(configured.error());
    const int jobs = options.jobs > 0 ? options.jobs : QThread::idealThreadCount();
    say(tr("Compiling the kernel on %n CPU(s) (5 to 12 minutes on two)…", nullptr, jobs));
    const auto built = compile(*source, jobs, progress, options.cancelled);
    if (!built)
        return std::unexpected(built.error());
    const auto file = ImageTools::readAll(*built);
    if (!file)
        return std::unexpected(file.error());
    if (!isBootableKernel(*file))
        return Core::fail(Core::ErrorCode::Corrupt,
                          tr("The kernel built has no PVH entry point; a microVM cannot boot it."));
    if (auto written = ImageTools::writeAll(kernel, *file); !written)
        return std::unexpected(written.error());
    // Earlier versions' kernels and source packages: the new one replaces them.
    const QDir work(options.workDirectory);
    for (const QString &old : work.entryList({u"vmlinux-*"_s, u"linux-source-*.deb"_s}, QDir::Files))
        if (work.filePath(old) != kernel &&
            !old.contains(u'_' + ImageTools::versionInFileName(package->second) + u'_'))
            QFile::remove(work.filePath(old));
    say(tr("Built %1 in %2 minutes.").arg(kernel).arg(double(timer.elapsed()) / 60'000, 0, 'f', 1));
    return kernel;
}

} // namespace Paddock::Vm
