// MicroVM start-up (issue 9): QEMU started (KVM where /dev/kvm opens, else emulation) with Paddock's guest
// image until the guest reports in on its console ("start to first command": the report is a command the
// guest's init runs), and until it has powered off again; then the resident memory of an idle machine.
// Builds the guest image first (kept in DIR, default ~/.cache/paddock/bench-guest-image).
// Usage: bench_microvm [RUNS] [DIR]   (default 20 runs)
#include "vm/guestimage.h"
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Paddock::Vm;

namespace {

double percentile(std::vector<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    return values.empty()
               ? 0
               : values[std::min(values.size() - 1, std::size_t(fraction * double(values.size())))];
}

long residentKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::atoi(argv[1]) : 20;
    const QString cache = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                   : QDir::homePath() + u"/.cache/paddock/bench-guest-image"_s;
    GuestImageOptions options;
    options.workDirectory = cache + u"/downloads"_s;
    options.outputDirectory = cache + u"/image"_s;
    options.guestBinary = defaultGuestBinary();
    const auto image = GuestImageBuilder::build(options);
    if (!image) {
        std::fprintf(stderr, "%s\n", qPrintable(image.error().message));
        return 1;
    }
    const Accelerator accelerator = chooseAccelerator();
    std::printf("accelerator: %s, %d runs\n", accelerator == Accelerator::Kvm ? "kvm" : "tcg (emulated)",
                runs);
    std::vector<double> toReport;
    std::vector<double> toExit;
    QTemporaryDir runtime;
    const auto boot = [&](const QString &mode, QemuMachine &machine, const QByteArray &marker) -> double {
        MicroVmSpec spec;
        spec.kernel = image->kernel;
        spec.initrd = image->initrd;
        spec.kernelArguments = mode;
        spec.runtimeDirectory = runtime.path();
        QemuMachine::Options machineOptions;
        machineOptions.arguments = microVmArguments(spec, accelerator, hostTscKhz());
        machineOptions.runtimeDirectory = runtime.path();
        QFile::remove(runtime.filePath(u"console.log"_s));
        QElapsedTimer timer;
        timer.start();
        if (!machine.start(machineOptions))
            return -1;
        QFile console(runtime.filePath(u"console.log"_s));
        while (timer.elapsed() < 60'000) {
            if (console.open(QIODevice::ReadOnly)) {
                if (console.readAll().contains(marker))
                    return double(timer.nsecsElapsed()) / 1e6;
                console.close();
            }
            QThread::msleep(2);
        }
        return -1;
    };
    for (int i = 0; i < runs; ++i) {
        QemuMachine machine;
        QElapsedTimer timer;
        timer.start();
        const double reported = boot(u"paddock.smoke"_s, machine, "PADDOCK-GUEST-BOOTED");
        if (reported < 0) {
            std::fprintf(stderr, "run %d: the guest did not report in\n%s\n", i, qPrintable(machine.log()));
            return 1;
        }
        while (machine.isRunning() && timer.elapsed() < 60'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        toReport.push_back(reported);
        toExit.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("start to guest report: p50 %.0f ms, p95 %.0f ms (min %.0f)\n", percentile(toReport, 0.5),
                percentile(toReport, 0.95), *std::min_element(toReport.begin(), toReport.end()));
    std::printf("start to powered off:  p50 %.0f ms, p95 %.0f ms\n", percentile(toExit, 0.5),
                percentile(toExit, 0.95));
    QemuMachine idle;
    if (boot(u"paddock.idle"_s, idle, "PADDOCK-GUEST-IDLE") < 0)
        return 1;
    QThread::sleep(3);
    std::printf("idle machine: QEMU resident %ld MiB (guest memory %d MiB)\n",
                residentKiB(idle.processId()) / 1024, MicroVmSpec().memoryMiB);
    idle.stop(0, 3'000);
    return 0;
}
