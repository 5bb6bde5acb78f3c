// MicroVM sandboxes (issue 9), through SandboxManager as `paddock exec` uses it, side by side with a
// namespace sandbox: start to the first command's exit (start, the guest's network self-test, one `true`),
// p50/p95; file work in the machine's own disk against the shared workspace; the resident memory of an idle
// machine. KVM where /dev/kvm works, else QEMU's emulation. Builds the guest image first (kept in DIR).
// Usage: bench_microvm [RUNS] [DIR] [starts]   (default 20 runs; "starts": the start figures only)
#include "core/paths.h"
#include "core/policy.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/guestimage.h"
#include "vm/guestsession.h"
#include "vm/microvmcommand.h"
#include "vm/sandboxmanager.h"
#include "vm/virtiofsdaemon.h"

#include "microvmbenchsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Paddock;
using namespace Paddock::Vm;
using Paddock::Bench::percentile;

namespace {

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// Runs a shell script in the running sandbox; its exit code (-1 when it could not run).
int runIn(const QString &control, const QString &script)
{
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    SessionOptions options;
    options.command = {u"sh"_s, u"-c"_s, script};
    options.descriptors = {devNull, devNull, devNull};
    auto session = GuestSession::open(control, options);
    ::close(devNull);
    if (!session)
        return -1;
    const auto code = (*session)->waitForExit();
    return code ? *code : -1;
}

// The running machine's uptime when its agent's self-test passed, from its console (-1: not found).
double selfTestPassedMs(const QString &runtimeRoot)
{
    static const QRegularExpression passed(u"self-test passed at ([0-9.]+)s"_s);
    for (QDirIterator it(runtimeRoot, {u"console.log"_s}, QDir::Files, QDirIterator::Subdirectories);
         it.hasNext();) {
        QFile console(it.next());
        if (!console.open(QIODevice::ReadOnly))
            continue;
        const auto match = passed.match(QString::fromUtf8(console.readAll()));
        if (match.hasMatch())
            return match.captured(1).toDouble() * 1000;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::atoi(argv[1]) : 20;
    const QString cache = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                   : QDir::homePath() + u"/.cache/paddock/bench-guest-image"_s;
    QTemporaryDir home;
    if (!Bench::buildGuestImage(home, cache))
        return 1;
    const Core::Paths paths(QProcessEnvironment::systemEnvironment());
    const Accelerator accelerator = chooseAccelerator();
    std::printf("accelerator: %s, %d runs\n", accelerator == Accelerator::Kvm ? "kvm" : "tcg (emulated)",
                runs);

    Proxy::FakeResolver resolver;
    Proxy::ProxyServer proxy(resolver);
    SandboxManager manager(paths, &proxy);
    const auto policy = Core::Policy().matcher();
    QTemporaryDir workspace;
    for (const auto &[name, backend] : {std::pair{u"vm"_s, Core::SandboxRecord::Backend::MicroVm},
                                        std::pair{u"ns"_s, Core::SandboxRecord::Backend::Namespace}}) {
        CreateOptions create;
        create.name = name;
        create.workspace = workspace.path();
        create.mode = Core::SandboxRecord::Mode::Direct;
        create.backend = backend;
        if (auto created = manager.create(create); !created) {
            std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
            return 1;
        }
    }

    // Start to first command, the two backends taking turns so that the machine's load hits both alike.
    // PADDOCK_BENCH_PAUSE_MS waits before each start, as a user's starts are apart: on a host that is a VM
    // itself, memory freed a while ago may have gone back to its hypervisor and is slow to touch again.
    const int pauseMs = qEnvironmentVariableIntValue("PADDOCK_BENCH_PAUSE_MS");
    std::vector<double> vm, ns, guestReady, started;
    for (int i = 0; i < runs; ++i) {
        for (const QString &name : {u"vm"_s, u"ns"_s}) {
            QThread::msleep(pauseMs);
            QElapsedTimer timer;
            timer.start();
            const auto control = manager.start(name, policy);
            if (name == u"vm"_s)
                started.push_back(elapsedMs(timer));
            if (!control || runIn(*control, u"true"_s) != 0) {
                std::fprintf(stderr, "run %d (%s): %s\n", i, qPrintable(name),
                             control ? "the command failed" : qPrintable(control.error().message));
                return 1;
            }
            (name == u"vm"_s ? vm : ns).push_back(elapsedMs(timer));
            if (name == u"vm"_s)
                guestReady.push_back(selfTestPassedMs(paths.runtimeDir()));
            manager.stop(name);
        }
    }
    std::printf(
        "start to first command: microVM p50 %.0f ms, p95 %.0f ms; namespace p50 %.0f ms, p95 %.0f ms; "
        "ratio %.1fx\n",
        percentile(vm, 0.5), percentile(vm, 0.95), percentile(ns, 0.5), percentile(ns, 0.95),
        percentile(vm, 0.5) / std::max(0.001, percentile(ns, 0.5)));
    if (argc > 3 &&
        QByteArrayView(argv[3]) == "starts") { // each start too, in order: where the tail comes from
        // and when start() returned, and the guest's own uptime at its self-test
        for (std::size_t i = 0; i < vm.size(); ++i)
            std::printf("%.0f (started %.0f, guest %.0f)  ", vm[i], started[i], guestReady[i]);
        std::printf("\n");
        return 0;
    }

    // File work: 1,000 small files written and committed with git in /workspace, for a clone on the machine's
    // own disk (clone mode) and for the host's folder shared over virtiofs and over virtio 9p (direct mode).
    QTemporaryDir project;
    for (const QStringList &arguments :
         {QStringList{u"init"_s, u"-q"_s},
          QStringList{u"-c"_s, u"user.name=b"_s, u"-c"_s, u"user.email=b@b"_s, u"commit"_s, u"-q"_s,
                      u"--allow-empty"_s, u"-m"_s, u"start"_s}})
        QProcess::execute(u"git"_s, QStringList{u"-C"_s, project.path()} + arguments);
    CreateOptions clone;
    clone.name = u"vmclone"_s;
    clone.workspace = project.path();
    clone.mode = Core::SandboxRecord::Mode::Clone;
    clone.backend = Core::SandboxRecord::Backend::MicroVm;
    if (auto created = manager.create(clone); !created) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
        return 1;
    }
    const QString work =
        u"rm -rf bench && mkdir bench && cd bench && git init -q && "
        "for i in $(seq 1000); do echo \"line $i\" > f$i.txt; done && git add . && "
        "git -c user.name=b -c user.email=b@b commit -qm files && git status --short | wc -l"_s;
    // Then reading it all back: what git status, a build or a test run mostly does.
    const QString reading =
        u"cd bench && git status --short | wc -l && cat f*.txt | wc -l && ls -l | wc -l"_s;
    struct FileWork
    {
        const char *label;
        QString sandbox;
        QByteArray virtioFsd; // PADDOCK_VIRTIOFSD for its start: "off" shares over 9p
        std::vector<double> writeMs, readMs;
    };
    std::vector<FileWork> kinds{{"clone on the machine's disk", u"vmclone"_s, {}, {}, {}},
                                {"shared folder, virtiofs",
                                 u"vm"_s,
                                 VirtioFsDaemon::findProgram().toLocal8Bit(),
                                 {},
                                 {}}, // emulated too
                                {"shared folder, 9p", u"vm"_s, "off", {}, {}}};
    for (int round = 0; round < 3; ++round) {
        for (FileWork &kind : kinds) { // taking turns, so the machine's load hits each alike
            if (!kind.virtioFsd.isEmpty())
                qputenv("PADDOCK_VIRTIOFSD", kind.virtioFsd);
            const auto control = manager.start(kind.sandbox, policy);
            qunsetenv("PADDOCK_VIRTIOFSD");
            if (!control)
                return 1;
            for (auto [script, into] : {std::pair{&work, &kind.writeMs}, std::pair{&reading, &kind.readMs}}) {
                QElapsedTimer timer;
                timer.start();
                if (runIn(*control, *script) != 0)
                    return 1;
                into->push_back(elapsedMs(timer));
            }
            manager.stop(kind.sandbox);
        }
    }
    for (const FileWork &kind : kinds)
        std::printf("in /workspace, %s: 1,000 files written and committed p50 %.0f ms (%.1fx the disk), read "
                    "back p50 %.0f ms (%.1fx)\n",
                    kind.label, percentile(kind.writeMs, 0.5),
                    percentile(kind.writeMs, 0.5) / std::max(0.001, percentile(kinds[0].writeMs, 0.5)),
                    percentile(kind.readMs, 0.5),
                    percentile(kind.readMs, 0.5) / std::max(0.001, percentile(kinds[0].readMs, 0.5)));
    // A freshly started machine, left alone.
    if (!manager.start(u"vm"_s, policy))
        return 1;
    QThread::sleep(3);
    const auto usage = manager.usage(u"vm"_s);
    std::printf("idle machine: QEMU resident %lld MiB (guest memory 1024 MiB)\n",
                usage ? usage->residentBytes / (1024 * 1024) : -1LL);
    manager.stop(u"vm"_s);
    return 0;
}
