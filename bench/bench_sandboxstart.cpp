// Start-to-first-command of a namespace sandbox against bare `bwrap ... true`, interleaved, p50/p95 in
// milliseconds: Paddock's whole bwrap invocation as a one-shot command (seccomp filter, generated /etc,
// `paddock-guest run` with its proxy forwarder and the network self-test against a real proxy, then `true`),
// and a sandbox as Paddock runs one (NamespaceBackend: the same, with the agent on its link and the session
// bridge; start, `true` as a session, stop). Usage: bench_sandboxstart [RUNS] (PADDOCK_GUEST: the guest
// binary) bench_sandboxstart --in-sandbox WORKSPACE COMMAND... runs one command in such a sandbox (for
// sandbox-bench.sh).
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/bwrapcommand.h"
#include "vm/bwrapprocess.h"
#include "vm/guestsession.h"
#include "vm/namespacebackend.h"
#include "vm/seccompfilter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

extern char **environ;

namespace {

// Runs argv to completion; returns wall milliseconds, or -1 when it failed.
double timeRun(const QStringList &arguments)
{
    std::vector<QByteArray> storage;
    std::vector<char *> argv;
    for (const QString &argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    for (QByteArray &argument : storage)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? ms : -1;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool inSandbox = argc > 3 && qstrcmp(argv[1], "--in-sandbox") == 0;
    const int runs = !inSandbox && argc > 1 ? std::atoi(argv[1]) : 100;
    QTemporaryDir root;
    const QString workspace = inSandbox ? QString::fromLocal8Bit(argv[2]) : root.filePath(u"workspace"_s);
    const QString etc = root.filePath(u"etc"_s);
    QDir().mkpath(workspace);
    QDir().mkpath(etc);
    if (!BwrapProcess::writeEtcFiles(etc))
        return 1;
    // A real proxy listener: the sandbox's self-test talks to it before the command starts.
    Paddock::Proxy::SystemResolver resolver;
    Paddock::Proxy::ProxyServer proxy(resolver);
    const QString proxySocket = root.filePath(u"proxy.sock"_s);
    if (!proxy.listenUnix(u"bench"_s, proxySocket, nullptr)) // no policy: everything denied
        return 1;

    // Paddock's whole start, as the timing covers it: the filter, the spec, then bwrap; -1 when it failed.
    auto runInSandbox = [&](const QStringList &command) {
        const auto seccomp = SeccompFilter::compileToFd();
        if (!seccomp) {
            std::fprintf(stderr, "%s\n", qPrintable(seccomp.error().message));
            return -1.0;
        }
        fcntl(*seccomp, F_SETFD, 0); // inherited by bwrap
        NamespaceSandboxSpec spec;
        spec.workspace = workspace;
        spec.etcDirectory = etc;
        spec.proxySocket = proxySocket;
        spec.guestBinary = qEnvironmentVariable("PADDOCK_GUEST");
        spec.seccompFd = *seccomp;
        spec.command = command;
        const double ms = timeRun(QStringList{u"bwrap"_s} + BwrapCommand::arguments(spec));
        close(*seccomp);
        return ms;
    };
    if (inSandbox) {
        QStringList command;
        for (int i = 3; i < argc; ++i)
            command.append(QString::fromLocal8Bit(argv[i]));
        std::fflush(stdout);
        return runInSandbox(command) < 0 ? 1 : 0;
    }
    const QStringList bare{u"bwrap"_s,     u"--unshare-all"_s, u"--die-with-parent"_s,
                           u"--ro-bind"_s, u"/usr"_s,          u"/usr"_s,
                           u"--symlink"_s, u"usr/bin"_s,       u"/bin"_s,
                           u"--symlink"_s, u"usr/lib"_s,       u"/lib"_s,
                           u"--symlink"_s, u"usr/lib64"_s,     u"/lib64"_s,
                           u"--proc"_s,    u"/proc"_s,         u"--dev"_s,
                           u"/dev"_s,      u"true"_s};
    // The backend's start, a session running `true`, and its stop; -1 when something failed.
    NamespaceBackend backend;
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    auto runAsBackend = [&](int run) {
        BackendStart request;
        request.sandbox = u"bench-%1"_s.arg(run);
        request.workspace = workspace;
        request.runtimeDirectory = root.filePath(u"run-%1"_s.arg(run));
        request.proxySocket = proxySocket;
        QDir().mkpath(request.runtimeDirectory);
        const auto started = backend.start(request);
        if (!started) {
            std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
            return -1.0;
        }
        SessionOptions options;
        options.command = {u"true"_s};
        options.descriptors = {devNull, devNull, devNull};
        bool ran = false;
        if (auto session = GuestSession::open(started->controlSocket, options)) {
            const auto exitCode = (*session)->waitForExit();
            ran = exitCode && *exitCode == 0;
        }
        backend.stop(request.sandbox);
        return ran ? 0.0 : -1.0;
    };
    std::vector<double> bareTimes, paddockTimes, backendTimes;
    for (int i = 0; i < runs; ++i) {
        bareTimes.push_back(timeRun(bare));
        QElapsedTimer timer;
        timer.start();
        const double runMs = runInSandbox({u"true"_s});
        paddockTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        const double backendMs = runAsBackend(i);
        backendTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (bareTimes.back() < 0 || runMs < 0 || backendMs < 0) {
            std::fprintf(stderr, "bench_sandboxstart: a run failed\n");
            return 1;
        }
    }
    std::printf("bare bwrap true:    p50 %.1f ms  p95 %.1f ms\n", percentile(bareTimes, 0.5),
                percentile(bareTimes, 0.95));
    std::printf("Paddock one-shot:   p50 %.1f ms  p95 %.1f ms  (%.2fx)\n", percentile(paddockTimes, 0.5),
                percentile(paddockTimes, 0.95), percentile(paddockTimes, 0.5) / percentile(bareTimes, 0.5));
    std::printf("Paddock sandbox:    p50 %.1f ms  p95 %.1f ms  (%.2fx: start, session, stop)\n",
                percentile(backendTimes, 0.5), percentile(backendTimes, 0.95),
                percentile(backendTimes, 0.5) / percentile(bareTimes, 0.5));
    return 0;
}
