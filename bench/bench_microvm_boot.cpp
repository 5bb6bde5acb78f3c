// Boot to init, kernels side by side: each named Debian kernel package built into its own initramfs image
// (no root file system), then smoke boots (kernel, modules, the agent's port, power off) taking turns.
// Reports QEMU start to power-off and the kernel's own "modules loaded" time, p50/p95.
// Usage: bench_microvm_boot RUNS DIR PACKAGE [PACKAGE...] [-- KERNEL-ARGUMENTS]
#include "vm/guestimage.h"
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"

#include "microvmbenchsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Paddock;
using namespace Paddock::Vm;
using Paddock::Bench::percentile;

namespace {

struct Kernel
{
    QString package;
    QString arguments;
    GuestImage image;
    std::vector<double> totalMs, modulesMs;
};

// One smoke boot: milliseconds from QEMU's start to its exit, and the guest's uptime when its modules were
// loaded (-1 when the console does not say).
std::optional<std::pair<double, double>> smokeBoot(const Kernel &kernel, const QString &runtime)
{
    QDir(runtime).removeRecursively();
    QDir().mkpath(runtime);
    MicroVmSpec spec;
    spec.kernel = kernel.image.kernel;
    spec.initrd = kernel.image.initrd;
    spec.kernelArguments = QString(u"paddock.smoke "_s + kernel.arguments).trimmed();
    spec.runtimeDirectory = runtime;
    QemuMachine machine;
    QemuMachine::Options options;
    options.arguments = microVmArguments(spec, chooseAccelerator(), hostTscKhz());
    options.hugePages = wantsHugePages(chooseAccelerator());
    options.runtimeDirectory = runtime;
    QSignalSpy ended(&machine, &QemuMachine::ended);
    QElapsedTimer timer;
    timer.start();
    if (!machine.start(options))
        return std::nullopt;
    if (!ended.wait(60'000))
        return std::nullopt;
    const double total = double(timer.nsecsElapsed()) / 1e6;
    QFile console(runtime + u"/console.log"_s);
    if (!console.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = console.readAll();
    if (!text.contains("PADDOCK-GUEST-BOOTED")) {
        std::fprintf(stderr, "%s: no boot marker\n%s\n", qPrintable(kernel.package),
                     text.right(2000).constData());
        return std::nullopt;
    }
    const auto match = QRegularExpression(u"modules loaded at ([0-9.]+)s"_s).match(QString::fromUtf8(text));
    return std::pair{total, match.hasMatch() ? match.captured(1).toDouble() * 1000 : -1.0};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: bench_microvm_boot RUNS DIR PACKAGE [PACKAGE...] [-- KERNEL-ARGUMENTS]\n");
        return 2;
    }
    const int runs = std::atoi(argv[1]);
    const QString cache = QString::fromLocal8Bit(argv[2]);
    std::vector<Kernel> kernels;
    QString arguments;
    for (int i = 3; i < argc; ++i) {
        if (QByteArrayView(argv[i]) == "--") {
            for (++i; i < argc; ++i)
                arguments += QString::fromLocal8Bit(argv[i]) + u' ';
            break;
        }
        kernels.push_back({QString::fromLocal8Bit(argv[i]), {}, {}, {}, {}});
    }
    // The same package twice with the arguments on the second: the arguments' effect alone.
    if (!arguments.isEmpty())
        for (std::size_t i = 0, n = kernels.size(); i < n; ++i)
            kernels.push_back({kernels[i].package, arguments.trimmed(), {}, {}, {}});
    QTemporaryDir work;
    for (Kernel &kernel : kernels) {
        GuestImageOptions options;
        options.workDirectory = cache + u"/downloads"_s;
        options.outputDirectory = work.filePath(u"image-"_s + kernel.package);
        options.guestBinary = defaultGuestBinary();
        options.kernelPackage = kernel.package;
        options.withRoot = false;
        const auto image = GuestImageBuilder::build(options);
        if (!image) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(kernel.package), qPrintable(image.error().message));
            return 1;
        }
        kernel.image = *image;
    }
    std::printf("accelerator: %s, %d runs\n", chooseAccelerator() == Accelerator::Kvm ? "kvm" : "tcg", runs);
    for (int run = 0; run < runs; ++run) {
        for (Kernel &kernel : kernels) { // taking turns, so the machine's load hits each alike
            const auto boot = smokeBoot(kernel, work.filePath(u"run"_s));
            if (!boot)
                return 1;
            kernel.totalMs.push_back(boot->first);
            kernel.modulesMs.push_back(boot->second);
        }
    }
    for (const Kernel &kernel : kernels)
        std::printf("%s %s(%s): start to power-off p50 %.0f ms, p95 %.0f ms; modules loaded at p50 %.0f ms, "
                    "p95 %.0f ms\n",
                    qPrintable(kernel.package),
                    kernel.arguments.isEmpty() ? "" : qPrintable(u"with "_s + kernel.arguments + u' '),
                    qPrintable(kernel.image.kernelVersion), percentile(kernel.totalMs, 0.5),
                    percentile(kernel.totalMs, 0.95), percentile(kernel.modulesMs, 0.5),
                    percentile(kernel.modulesMs, 0.95));
    return 0;
}
