#pragma once

#include "app/cli/clicommand.h"
#include "core/paths.h"
#include "core/result.h"
#include "vm/guestimage.h"

namespace Paddock::App {

// `paddock image [show] | build | kernel`: the microVM guest image (a kernel and an initramfs made from
// Debian packages, docs/sandbox.md): where it is and what it holds, building it, and building Paddock's own
// kernel for it.
class ImageCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ImageCommand)

public:
    explicit ImageCommand(const Core::Paths &paths)
        : m_paths(paths)
    {}
    QString name() const override { return QStringLiteral("image"); }
    QString summary() const override { return tr("Show or build the microVM guest image."); }
    int run(const QStringList &args, CliIo &io) override;

    // Where the image is built to, and where its downloads are kept.
    static QString imageDirectory(const Core::Paths &paths);
    static QString downloadDirectory(const Core::Paths &paths);
    // Where Paddock's own kernel is built and kept (Vm::KernelBuilder).
    static QString kernelDirectory(const Core::Paths &paths);
    // What `paddock image build` builds, where, with which paddock-guest: for the CLI and the desktop alike.
    static Vm::GuestImageOptions defaultOptions(const Core::Paths &paths);
    // What an image built again by itself (on first use, after an upgrade) is built with: the defaults,
    // around the kernel of one's own the image there had, if that file is still there (see also
    // rebuildsPaddocksKernel).
    static Vm::GuestImageOptions rebuildOptions(const Core::Paths &paths);
    // The kernel the image there boots (of any format, as it is kept when built again), and its release.
    struct Kernel
    {
        enum class Kind { NoImage, Debians, PaddocksOwn, OnesOwn } kind = Kind::NoImage;
        QString release; // e.g. "6.1.0-57-amd64"
        QString file;    // the kernel file it was built around, for the last two
        // Debian's kernel, now or (with no image yet) when the image is built.
        bool isDebians() const { return kind == Kind::NoImage || kind == Kind::Debians; }
    };
    static Kernel imageKernel(const Core::Paths &paths);
    // Whether an image built again by itself boots Paddock's own kernel: the image there did. (Found again,
    // or built anew for this Paddock's config or a new Debian version.)
    static bool rebuildsPaddocksKernel(const Core::Paths &paths);
    // Builds the image with options; with paddocksKernel, Paddock's own kernel first (found, or built into
    // kernelDirectory), which becomes the image's. kernelReady is called once that kernel is there; while
    // it is built, cancelled is asked whether to stop (Vm::KernelBuildOptions::cancelled).
    static Core::Result<Vm::GuestImage> buildImage(const Core::Paths &paths, Vm::GuestImageOptions options,
                                                   bool paddocksKernel,
                                                   const std::function<void(const QString &)> &progress,
                                                   const std::function<void()> &kernelReady = {},
                                                   const std::function<bool()> &cancelled = {});
    // Whether an image of this Paddock's format is there.
    static bool hasImage(const Core::Paths &paths);
    // Before a microVM sandbox starts: builds the image when there is none of this version yet, telling
    // its progress on io.err (the package leaves the image to its first use).
    static Core::Result<> buildOnFirstUse(const Core::Paths &paths, const QString &sandbox, CliIo &io);

private:
    int show(CliIo &io);
    int build(const QStringList &args, CliIo &io);
    int kernel(const QStringList &args, CliIo &io);

    const Core::Paths &m_paths;
};

} // namespace Paddock::App
