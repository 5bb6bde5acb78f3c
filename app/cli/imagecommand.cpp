#include "app/cli/imagecommand.h"

#include "core/sandboxstore.h"

#include "vm/guestimage.h"
#include "vm/kernelbuilder.h"
#include "vm/sandboxmanager.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <csignal>
#include <optional>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

// While it lives, SIGINT, SIGTERM and SIGHUP stop a kernel build instead of ending Paddock at once, so that
// the build removes its 2 GB of trees. (Ctrl+C reaches make and the compilers too: one process group.) Only
// for the kernel's part: the image's would not stop, so there the signals end Paddock as usual.
class BuildInterruption
{
public:
    BuildInterruption()
    {
        s_raised = 0;
        struct sigaction action
        {
        };
        action.sa_handler = [](int) { s_raised = 1; };
        for (int i = 0; i < 3; ++i)
            ::sigaction(signals[i], &action, &m_previous[i]);
    }
    ~BuildInterruption()
    {
        for (int i = 0; i < 3; ++i)
            ::sigaction(signals[i], &m_previous[i], nullptr);
    }
    BuildInterruption(const BuildInterruption &) = delete;
    BuildInterruption &operator=(const BuildInterruption &) = delete;

    static bool raised() { return s_raised != 0; }
    // What a command ends with once it was interrupted: the shell's code for Ctrl+C.
    static constexpr int exitCode = 130;

private:
    static constexpr int signals[3] = {SIGINT, SIGTERM, SIGHUP};
    static inline volatile std::sig_atomic_t s_raised = 0;
    struct sigaction m_previous[3] = {};
};

} // namespace

QString ImageCommand::imageDirectory(const Core::Paths &paths)
{
    return Vm::SandboxManager::guestImageDirectory(paths);
}

QString ImageCommand::downloadDirectory(const Core::Paths &paths)
{
    return paths.cacheDir() + u"/guest-image"_s;
}

QString ImageCommand::kernelDirectory(const Core::Paths &paths)
{
    return paths.cacheDir() + u"/guest-kernel"_s;
}

Vm::GuestImageOptions ImageCommand::defaultOptions(const Core::Paths &paths)
{
    Vm::GuestImageOptions options;
    options.outputDirectory = imageDirectory(paths);
    options.workDirectory = downloadDirectory(paths);
    options.guestBinary = Vm::defaultGuestBinary();
    return options;
}

Vm::GuestImageOptions ImageCommand::rebuildOptions(const Core::Paths &paths)
{
    Vm::GuestImageOptions options = defaultOptions(paths);
    options.kernelFile = Vm::GuestImage::kernelFileIn(options.outputDirectory);
    return options;
}

ImageCommand::Kernel ImageCommand::imageKernel(const Core::Paths &paths)
{
    const QJsonObject manifest = Vm::GuestImage::manifestIn(imageDirectory(paths));
    if (manifest.isEmpty())
        return {};
    Kernel kernel;
    kernel.release = manifest.value(u"kernelRelease"_s).toString();
    kernel.file = manifest.value(u"kernelFile"_s).toString();
    if (kernel.file.isEmpty())
        kernel.kind = Kernel::Kind::Debians;
    else if (kernel.file.startsWith(kernelDirectory(paths) + u'/'))
        kernel.kind = Kernel::Kind::PaddocksOwn;
    else
        kernel.kind = Kernel::Kind::OnesOwn;
    return kernel;
}

bool ImageCommand::rebuildsPaddocksKernel(const Core::Paths &paths)
{
    return imageKernel(paths).kind == Kernel::Kind::PaddocksOwn;
}

Core::Result<Vm::GuestImage> ImageCommand::buildImage(const Core::Paths &paths, Vm::GuestImageOptions options,
                                                      bool paddocksKernel,
                                                      const std::function<void(const QString &)> &progress,
                                                      const std::function<void()> &kernelReady,
                                                      const std::function<bool()> &cancelled)
{
    if (paddocksKernel) {
        Vm::KernelBuildOptions kernelOptions;
        kernelOptions.workDirectory = kernelDirectory(paths);
        kernelOptions.cancelled = cancelled;
        const auto kernel = Vm::KernelBuilder::build(kernelOptions, progress);
        if (!kernel)
            return std::unexpected(kernel.error());
        options.kernelFile = *kernel;
        if (kernelReady)
            kernelReady();
    }
    return Vm::GuestImageBuilder::build(options, progress);
}

bool ImageCommand::hasImage(const Core::Paths &paths)
{
    return Vm::GuestImage::findIn(imageDirectory(paths)).has_value();
}

Core::Result<> ImageCommand::buildOnFirstUse(const Core::Paths &paths, const QString &sandbox, CliIo &io)
{
    const auto record = Core::SandboxStore(paths.sandboxesDir()).find(sandbox);
    if (!record || record->backend != Core::SandboxRecord::Backend::MicroVm || hasImage(paths))
        return {};
    io.err << tr("Building the microVM guest image, once (a few minutes; 'paddock image' shows it later):")
           << u'\n';
    io.err.flush();
    const bool paddocksKernel = rebuildsPaddocksKernel(paths);
    std::optional<BuildInterruption> interruption;
    if (paddocksKernel)
        interruption.emplace();
    const auto image = buildImage(
        paths, rebuildOptions(paths), paddocksKernel,
        [&io](const QString &step) {
            io.err << u"  "_s << step << u'\n';
            io.err.flush();
        },
        [&interruption] { interruption.reset(); }, &BuildInterruption::raised);
    if (!image)
        return std::unexpected(image.error());
    return {};
}

int ImageCommand::run(const QStringList &args, CliIo &io)
{
    const QString sub = args.value(0);
    if (sub.isEmpty() || sub == "show"_L1)
        return show(io);
    if (sub == "build"_L1)
        return build(args.mid(1), io);
    if (sub == "kernel"_L1)
        return kernel(args.mid(1), io);
    if (sub == "--help"_L1 || sub == "-h"_L1) {
        io.out << tr("Usage: paddock image [show | build [--own-kernel | --kernel-package PACKAGE | --kernel "
                     "FILE] | kernel]")
               << u"\n\n"_s << u"  show    "_s
               << tr("Where the microVM guest image is and what it was built from.") << u'\n'
               << u"  build   "_s
               << tr("Download a Debian kernel and busybox with apt and build the image (no root needed).")
               << u'\n' << u"  kernel  "_s
               << tr("Build Paddock's own guest kernel from Debian's Linux source, or find the one built "
                     "before, and print its file.")
               << u'\n';
        io.out.flush();
        return ExitOk;
    }
    return usageError(io, tr("unknown image command '%1'.").arg(sub));
}

int ImageCommand::show(CliIo &io)
{
    const QString folder = imageDirectory(m_paths);
    const QJsonObject built = Vm::GuestImage::manifestIn(folder);
    if (built.isEmpty()) {
        io.out << tr("There is no guest image yet; build it with 'paddock image build'.") << u'\n';
        io.out.flush();
        return ExitOk;
    }
    io.out << tr("Folder:  %1").arg(folder) << u'\n';
    if (const Kernel kernel = imageKernel(m_paths); kernel.kind == Kernel::Kind::PaddocksOwn)
        io.out << tr("Kernel:  Paddock's own, %1 (%2)").arg(kernel.release, kernel.file) << u'\n';
    else if (kernel.kind == Kernel::Kind::OnesOwn)
        io.out << tr("Kernel:  %1 from %2, drivers built in").arg(kernel.release, kernel.file) << u'\n';
    else
        io.out << tr("Kernel:  %1 %2")
                      .arg(built.value(u"kernelPackage"_s).toString(),
                           built.value(u"kernelPackageVersion"_s).toString())
               << u'\n';
    io.out << tr("Busybox: %1").arg(built.value(u"busyboxVersion"_s).toString()) << u'\n';
    const QStringList packages = built.value(u"rootPackages"_s).toVariant().toStringList();
    if (!built.value(u"root"_s).toString().isEmpty()) {
        QStringList main; // the ones asked for; the rest are what they need
        for (const QString &package : packages)
            if (package.startsWith(u"git "_s) || package.startsWith(u"nodejs "_s))
                main.append(package);
        io.out << tr("Root:    %1: %2, npm %3 (%4 packages)")
                      .arg(built.value(u"root"_s).toString(), main.join(u", "_s),
                           built.value(u"npm"_s).toString())
                      .arg(packages.size())
               << u'\n';
    }
    if (Vm::GuestImage::findIn(folder) == std::nullopt)
        io.out << tr("This image was made by another version of Paddock; build it again with 'paddock image "
                     "build'.")
               << u'\n';
    io.out.flush();
    return ExitOk;
}

int ImageCommand::build(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    const QCommandLineOption kernel(
        u"kernel-package"_s,
        tr("The Debian kernel package (default: linux-image-amd64, as apt resolves it)."), u"PACKAGE"_s);
    const QCommandLineOption kernelFile(
        u"kernel"_s,
        tr("An uncompressed kernel (vmlinux) with PVH and the guest's drivers built in, to boot instead of "
           "Debian's."),
        u"FILE"_s);
    const QCommandLineOption ownKernel(
        u"own-kernel"_s, tr("Boot Paddock's own kernel, built from Debian's Linux source once (5 to 12 "
                            "minutes; needs make, gcc, "
                            "flex, bison, bc and libelf-dev): machines start in half the time."));
    parser.addOption(kernel);
    parser.addOption(kernelFile);
    parser.addOption(ownKernel);
    if (auto exit = parseOrExit(parser, u"image build"_s, args, io))
        return *exit;
    if (int(parser.isSet(kernel)) + int(parser.isSet(kernelFile)) + int(parser.isSet(ownKernel)) > 1)
        return usageError(io, tr("Give only one of --own-kernel, --kernel-package and --kernel."));
    const auto say = [&io](const QString &step) {
        io.out << step << u'\n';
        io.out.flush();
    };
    Vm::GuestImageOptions options = defaultOptions(m_paths);
    if (parser.isSet(kernel))
        options.kernelPackage = parser.value(kernel);
    if (parser.isSet(kernelFile))
        options.kernelFile = QFileInfo(parser.value(kernelFile)).absoluteFilePath();
    std::optional<BuildInterruption> interruption;
    if (parser.isSet(ownKernel))
        interruption.emplace();
    const auto image = buildImage(
        m_paths, options, parser.isSet(ownKernel), say, [&interruption] { interruption.reset(); },
        &BuildInterruption::raised);
    if (!image) {
        const int code = failure(io, image.error().message);
        return BuildInterruption::raised() ? BuildInterruption::exitCode : code;
    }
    return ExitOk;
}

int ImageCommand::kernel(const QStringList &args, CliIo &io)
{
    QCommandLineParser parser;
    if (auto exit = parseOrExit(parser, u"image kernel"_s, args, io))
        return *exit;
    // Progress on stderr, the file alone on stdout: for scripts (bench/guest-kernel.sh).
    const BuildInterruption interruption;
    Vm::KernelBuildOptions options;
    options.workDirectory = kernelDirectory(m_paths);
    options.cancelled = &BuildInterruption::raised;
    const auto built = Vm::KernelBuilder::build(options, [&io](const QString &step) {
        io.err << step << u'\n';
        io.err.flush();
    });
    if (!built) {
        const int code = failure(io, built.error().message);
        return BuildInterruption::raised() ? BuildInterruption::exitCode : code;
    }
    io.out << *built << u'\n';
    io.out.flush();
    return ExitOk;
}

} // namespace Paddock::App
