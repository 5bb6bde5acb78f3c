// MicroVM sandboxes end to end with real QEMU (emulated here: no KVM), the guest image built from Debian
// packages and SandboxManager: the guest runs its own kernel, sessions (pipes and PTY) go through the agent
// link, the proxy is the only way out, the workspace is shared, stop and a crash are cleaned up.
#include "core/branchreview.h"
#include "core/paths.h"
#include "core/policy.h"
#include "core/policyrule.h"
#include "core/sandboxstore.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "proxy/trustbundle.h"
#include "vm/guest/hostpty.h"
#include "vm/guestimage.h"
#include "vm/guestsession.h"
#include "vm/microvmbackend.h"
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"
#include "vm/qmpclient.h"
#include "vm/rootimage.h"
#include "vm/sandboxmanager.h"
#include "vm/systemdisk.h"
#include "vm/virtiofsdaemon.h"

#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace Paddock;
using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

class TestMicroVmSandbox : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_workspace;
    QTemporaryDir m_trust;
    Test::LoopbackOrigin m_origin;
    Proxy::FakeResolver m_resolver;
    std::unique_ptr<Proxy::ProxyServer> m_proxy;
    std::unique_ptr<SandboxManager> m_manager;
    QString m_kernelVersion;
    QString m_control;
    QString m_home; // the direct-mode machine's home disk

    std::shared_ptr<const Core::PolicyMatcher> policy() const
    {
        return Test::originPolicy(m_origin.serverPort());
    }

    Test::Captured run(const QString &script)
    {
        return Test::runCaptured(m_control, {u"sh"_s, u"-c"_s, script});
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"qemu-system-x86_64"_s).isEmpty())
            QFAIL("qemu-system-x86_64 is needed (scripts/setup-deps.sh installs qemu-system-x86)");
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        // The image, as 'paddock image build' makes it; downloads are kept in the source tree's .deps.
        GuestImageOptions options;
        options.workDirectory = qEnvironmentVariable("PADDOCK_SOURCE_DIR") + u"/.deps/guest-image"_s;
        options.outputDirectory = SandboxManager::guestImageDirectory(paths);
        options.guestBinary = qEnvironmentVariable("PADDOCK_GUEST");
        const auto image = GuestImageBuilder::build(options);
        QVERIFY2(image.has_value(), image ? "" : qPrintable(image.error().message));
        m_kernelVersion = image->kernelVersion;

        QVERIFY(m_origin.listen(QHostAddress::LocalHost, 0));
        m_resolver.setAnswers(u"origin.test"_s, {{QHostAddress::LocalHost}});
        m_proxy = std::make_unique<Proxy::ProxyServer>(m_resolver);
        m_proxy->vetter().setHostAddresses({});
        m_manager = std::make_unique<SandboxManager>(paths, m_proxy.get());
        // What TLS interception gives a sandbox: a bundle with Paddock's CA over the system's, and the CA.
        Test::writeFile(m_trust.filePath(u"bundle.pem"_s), "BUNDLE-WITH-PADDOCK-CA\n");
        Test::writeFile(m_trust.filePath(u"ca.pem"_s), "PADDOCK-CA\n");
        m_manager->setNetworkProvider(
            [this](const Core::SandboxRecord &record, const QString &, const Core::PolicyMatcher *) {
                SandboxNetwork network;
                if (record.name != u"vm"_s) // no interception: the host's own roots
                    return Core::Result<SandboxNetwork>(network);
                network.trustBundle = m_trust.filePath(u"bundle.pem"_s);
                network.systemBundle = u"/etc/ssl/certs/ca-certificates.crt"_s;
                network.caCertificate = m_trust.filePath(u"ca.pem"_s);
                network.environment.insert(u"SSL_CERT_FILE"_s, u"/run/paddock/ca-bundle.pem"_s);
                return Core::Result<SandboxNetwork>(network);
            });
        CreateOptions create;
        create.name = u"vm"_s;
        create.workspace = m_workspace.path();
        create.mode = Core::SandboxRecord::Mode::Direct;
        create.backend = Core::SandboxRecord::Backend::MicroVm;
        QVERIFY(m_manager->create(create));
        // Named, a virtiofsd serves the folder under emulation too (where 9p is the default).
        qputenv("PADDOCK_VIRTIOFSD", VirtioFsDaemon::findProgram().toLocal8Bit());
        QElapsedTimer timer;
        timer.start();
        const auto control = m_manager->start(u"vm"_s, policy());
        qunsetenv("PADDOCK_VIRTIOFSD");
        QVERIFY2(control, control ? "" : qPrintable(control.error().message));
        qInfo("started (self-test passed) in %lld ms", timer.elapsed());
        m_control = *control;
        m_home = m_manager->homeOf(*Core::SandboxStore(paths.sandboxesDir()).find(u"vm"_s));
    }

    void runsItsOwnKernelWithExitCodes()
    {
        // PID 1 is paddock-guest, started by the kernel as /init: no boot script, no second program.
        const Test::Captured kernel = run(u"uname -r; cat /proc/1/comm; tr '\\0' ' ' < /proc/1/cmdline"_s);
        QCOMPARE(kernel.exitCode, 0);
        QCOMPARE(kernel.out, QByteArray(m_kernelVersion.toUtf8() + "\npaddock-guest\n/init "));
        QCOMPARE(run(u"exit 42"_s).exitCode, 42);
        const Test::Captured env = run(u"echo $HTTPS_PROXY $PWD"_s);
        QCOMPARE(env.out, QByteArray("http://127.0.0.1:3128 /workspace\n"));
    }

    void theRootHasGitNodeAndNpm()
    {
        const Test::Captured tools = run(u"git --version && node --version && npm --version && "
                                         "test -s /etc/ssl/certs/ca-certificates.crt && echo bundle"_s);
        QVERIFY2(tools.exitCode == 0, tools.out.constData());
        const QList<QByteArray> lines = tools.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].startsWith("git version 2."), tools.out.constData());
        QVERIFY2(lines[1].startsWith("v18."), tools.out.constData());
        QCOMPARE(lines[2], QByteArray(RootImageBuilder::npmVersion));
        QCOMPARE(lines[3], QByteArray("bundle"));
        // Paddock's trust, as a namespace sandbox gets it: over the system bundle, and where the variables
        // say.
        QCOMPARE(
            run(u"cat /etc/ssl/certs/ca-certificates.crt $SSL_CERT_FILE /run/paddock/paddock-ca.pem"_s).out,
            QByteArray("BUNDLE-WITH-PADDOCK-CA\nBUNDLE-WITH-PADDOCK-CA\nPADDOCK-CA\n"));
        const Test::Captured git =
            run(u"cd /tmp && git init -q r && cd r && git -c user.name=a -c user.email=a@b "
                "commit -q --allow-empty -m first && git log --format=%s"_s);
        QCOMPARE(git.out, QByteArray("first\n"));
        QCOMPARE(git.exitCode, 0);
        // The root is the machine's own system disk, writable, over the image's shared root.
        QCOMPARE(
            run(u"grep -o '^/dev/vda / ext4 rw' /proc/mounts && mkdir -p /usr/local/bin && echo installed > /usr/local/bin/kept"_s)
                .out,
            QByteArray("/dev/vda / ext4 rw\n"));
        const QString systemDisk = m_manager->systemDiskOf(u"vm"_s);
        const auto image = GuestImage::findIn(SandboxManager::guestImageDirectory(Core::Paths::fromSystem()));
        QVERIFY(image.has_value());
        QCOMPARE(SystemDisk::backingFileOf(systemDisk), image->root);
        QCOMPARE(QFileInfo(systemDisk).permissions() & 0x0077, QFileDevice::Permissions()); // the user's only
    }

    void theWorkspaceIsSharedBothWays()
    {
        // Over virtiofs, served by QEMU's virtiofsd on the host (9p only where there is none).
        QCOMPARE(run(u"grep -o '^workspace /workspace [a-z0-9]*' /proc/mounts"_s).out,
                 QByteArray("workspace /workspace virtiofs\n"));
        Test::writeFile(m_workspace.filePath(u"from-host.txt"_s), "host wrote this\n");
        QCOMPARE(run(u"cat from-host.txt && echo guest wrote this > from-guest.txt"_s).out,
                 QByteArray("host wrote this\n"));
        QCOMPARE(Test::readFile(m_workspace.filePath(u"from-guest.txt"_s)), QByteArray("guest wrote this\n"));
        // Files the guest makes belong to the user on the host.
        QCOMPARE(QFileInfo(m_workspace.filePath(u"from-guest.txt"_s)).ownerId(), ::getuid());
    }

    // The agent's home is a disk of the machine's own (its second here), kept until the sandbox is removed.
    void theHomeIsADiskOfItsOwn()
    {
        QCOMPARE(
            run(u"grep -o '^/dev/vdb /home/agent ext4' /proc/mounts && echo kept > /home/agent/kept"_s).out,
            QByteArray("/dev/vdb /home/agent ext4\n"));
        QVERIFY(QFileInfo(m_home).size() >= 16LL * 1024 * 1024 * 1024); // sparse: its size, not its use
    }

    void theProxyIsTheOnlyWayOut()
    {
        // busybox wget goes through $http_proxy, as the agents' tools do.
        const Test::Captured allowed =
            run(u"wget -q -O - http://origin.test:%1/ 2>&1"_s.arg(m_origin.serverPort()));
        QVERIFY2(allowed.out == "hello-from-origin" && allowed.exitCode == 0, allowed.out.constData());
        const Test::Captured denied = run(u"wget -q -O - http://blocked.test/ 2>&1"_s);
        QVERIFY2(denied.out.contains("403") && denied.exitCode != 0, denied.out.constData());
        // No device but loopback: nothing reaches the host's origin directly.
        const Test::Captured direct = run(
            u"ls /sys/class/net; nc -w 2 10.0.2.2 %1 </dev/null; echo rc=$?"_s.arg(m_origin.serverPort()));
        QVERIFY2(direct.out.startsWith("lo\n") && direct.out.contains("rc=1"), direct.out.constData());
    }

    // The guest reports what begins and stops listening inside it (its forwarder excepted).
    void listeningPortsInsideAreReported()
    {
        QCOMPARE(m_manager->listeningPorts(u"vm"_s), QList<int>());
        SessionOptions options;
        options.command = {
            u"node"_s, u"-e"_s,
            u"require('net').createServer().listen(4568, '127.0.0.1'); setTimeout(() => {}, 600000)"_s};
        options.workingDirectory = u"/"_s;
        auto session = Test::openQuietly(m_control, options);
        QVERIFY(session);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->listeningPorts(u"vm"_s), QList<int>{4568}, 30'000);
        QVERIFY((*session)->sendSignal(SIGTERM));
        QVERIFY((*session)->waitForExit());
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->listeningPorts(u"vm"_s), QList<int>(), 10'000);
    }

    // A published port reaches a server inside the machine from this computer's loopback, through the
    // session bridge and the agent's channel.
    void aPublishedPortReachesAServerInside()
    {
        SessionOptions options;
        options.command = {
            u"node"_s, u"-e"_s,
            u"require('net').createServer(c => { let n = 0, first = ''; c.on('data', d => { "
            "first += d.toString().slice(0, 5 - first.length); n += d.length; }); "
            "c.on('end', () => c.end('got ' + n + ' ' + first)); }).listen(4572, '127.0.0.1')"_s};
        options.workingDirectory = u"/"_s;
        auto server = Test::openQuietly(m_control, options);
        QVERIFY(server);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->listeningPorts(u"vm"_s), QList<int>{4572}, 30'000);
        const auto published = m_manager->publishPort(u"vm"_s, 4572);
        QVERIFY2(published, published ? "" : qPrintable(published.error().message));
        QCOMPARE(Test::exchangeThroughPort(*published, QByteArray(1 << 20, 'y'), 60'000),
                 QByteArray("got 1048576 yyyyy"));
        QCOMPARE(Test::exchangeThroughPort(*published, "hello", 60'000), QByteArray("got 5 hello"));
        QVERIFY(m_manager->unpublishPort(u"vm"_s, 4572));
        QVERIFY((*server)->sendSignal(SIGTERM));
        QVERIFY((*server)->waitForExit());
    }

    void terminalSessions()
    {
        Guest::HostPty pty;
        std::string error;
        QVERIFY(pty.open(30, 90, error));
        SessionOptions options;
        options.command = {u"sh"_s};
        options.terminal = true;
        options.descriptors = {pty.slave(), pty.slave(), pty.slave()};
        auto session = GuestSession::open(m_control, options);
        QVERIFY2(session.has_value(), qPrintable(session ? QString() : session.error().message));
        pty.closeSlave();
        const QByteArray keys = "tty; stty size; exit 3\n";
        QCOMPARE(::write(pty.master(), keys.constData(), std::size_t(keys.size())), keys.size());
        const auto exitCode = (*session)->waitForExit();
        QVERIFY(exitCode.has_value());
        QCOMPARE(*exitCode, 3);
        const QByteArray seen = Test::readAvailable(pty.master(), 1000);
        QVERIFY2(seen.contains("/dev/pts/") && seen.contains("30 90"), seen.constData());
    }

    // Clone mode: the clone lives on the machine's own disk; stopping brings its branches back for review.
    void aCloneLivesOnTheMachinesDiskAndComesBack()
    {
        QTemporaryDir projects;
        const QString project = projects.filePath(u"project"_s);
        Test::makeRepository(project);
        CreateOptions create;
        create.name = u"vmclone"_s;
        create.workspace = project;
        create.backend = Core::SandboxRecord::Backend::MicroVm;
        create.diskMiB = 8 * 1024; // `paddock create --disk 8G`
        QVERIFY(m_manager->create(create));
        const auto control = m_manager->start(u"vmclone"_s, policy());
        QVERIFY2(control, control ? "" : qPrintable(control.error().message));
        QCOMPARE(QFileInfo(m_manager->workspaceDiskOf(u"vmclone"_s)).size(), 8LL * 1024 * 1024 * 1024);
        const QString cloneHome = m_manager->homeOf(
            *Core::SandboxStore(Core::Paths(QProcessEnvironment::systemEnvironment()).sandboxesDir())
                 .find(u"vmclone"_s));
        const Test::Captured committed = Test::runCaptured(
            *control,
            {u"sh"_s, u"-c"_s,
             u"git branch --show-current && cat README.md && df -T /workspace | tail -1 | "
             "tr -s ' ' | cut -d' ' -f2 && echo from-the-vm > new.txt && echo 'new.txt filter=canary' > "
             ".gitattributes && git add new.txt .gitattributes && "
             "git -c user.name=a -c user.email=a@b commit -qm 'from the vm' && echo uncommitted > wip.txt && "
             "echo changed >> README.md && "
             "grep -oE '^/dev/vd. /(workspace|home/agent) ' /proc/mounts && echo clone-home > /home/agent/kept"_s});
        QCOMPARE(committed.exitCode, 0);
        QCOMPARE(committed.out,
                 QByteArray("paddock/vmclone\nhello\next4\n/dev/vdb /workspace \n/dev/vdc /home/agent \n"));
        // Without interception the machine trusts what the host trusts (as a namespace sandbox does).
        const auto hostBundle = Proxy::TrustBundle::findSystemBundle();
        QVERIFY(hostBundle.has_value());
        const QByteArray hostDigest =
            QCryptographicHash::hash(Test::readFile(*hostBundle), QCryptographicHash::Sha256).toHex();
        QCOMPARE(Test::runCaptured(*control, {u"sha256sum"_s, u"/etc/ssl/certs/ca-certificates.crt"_s})
                     .out.left(64),
                 hostDigest);
        const QString hostClone = m_manager->cloneDirectory(u"vmclone"_s);
        QVERIFY(!QFileInfo::exists(hostClone + u"/new.txt"_s)); // the machine's disk, not the host's folder
        // The agent's .gitattributes names a filter that the user's git configuration defines: bringing the
        // work back must not run it (nothing the agent wrote makes the host run a program).
        QTemporaryDir gitHome;
        const QString canary = gitHome.filePath(u"filter-ran"_s);
        Test::writeFile(gitHome.filePath(u"gitconfig"_s),
                        "[filter \"canary\"]\n\tsmudge = \"sh -c 'touch " + canary.toUtf8() + "; cat'\"\n");
        qputenv("GIT_CONFIG_GLOBAL", QFile::encodeName(gitHome.filePath(u"gitconfig"_s)));
        const auto logOf = [&hostClone] {
            QProcess log;
            log.start(u"git"_s, {u"-C"_s, hostClone, u"log"_s, u"--format=%s"_s, u"paddock/vmclone"_s});
            log.waitForFinished();
            return log.readAllStandardOutput();
        };
        // A review of the running machine brings its branches back as they are now.
        const auto brought = m_manager->bringBranchesBack(u"vmclone"_s);
        QVERIFY2(brought.has_value(), brought ? "" : qPrintable(brought.error().message));
        QVERIFY(m_manager->isRunning(u"vmclone"_s));
        QCOMPARE(Test::readFile(hostClone + u"/new.txt"_s), QByteArray("from-the-vm\n"));
        QCOMPARE(logOf(), QByteArray("from the vm\nfirst\n"));
        // The uncommitted files come too, as the host clone's files, where the review reads them; the agent's
        // index and refs are as they were.
        const auto uncommitted = Core::BranchReview::uncommittedChanges(hostClone, u"vmclone"_s, true);
        QVERIFY(uncommitted.has_value());
        QStringList listed;
        for (const Core::FileChange &file : uncommitted->files)
            listed << file.path;
        QCOMPARE(listed, (QStringList{u"README.md"_s, u"wip.txt"_s}));
        QCOMPARE(Test::readFile(hostClone + u"/wip.txt"_s), QByteArray("uncommitted\n"));
        QCOMPARE(Test::runCaptured(*control, {u"sh"_s, u"-c"_s,
                                              u"git status --porcelain; git for-each-ref refs/uncommitted"_s})
                     .out,
                 QByteArray(" M README.md\n?? wip.txt\n"));
        // Nothing new: nothing is fetched, and the host clone's files are left as they are.
        Test::writeFile(hostClone + u"/new.txt"_s, "untouched\n");
        QVERIFY(m_manager->bringBranchesBack(u"vmclone"_s).has_value());
        QCOMPARE(Test::readFile(hostClone + u"/new.txt"_s), QByteArray("untouched\n"));
        // Only the new commit comes, on top of what the host has.
        QCOMPARE(
            Test::runCaptured(*control, {u"sh"_s, u"-c"_s,
                                         u"echo second > new.txt && git -c user.name=a -c user.email=a@b "
                                         "commit -qam second"_s})
                .exitCode,
            0);
        QVERIFY(m_manager->bringBranchesBack(u"vmclone"_s).has_value());
        QCOMPARE(logOf(), QByteArray("second\nfrom the vm\nfirst\n"));
        QCOMPARE(Test::readFile(hostClone + u"/new.txt"_s), QByteArray("second\n"));
        // The agent moves its branch back to a commit the host has: stopping brings that back too.
        QCOMPARE(
            Test::runCaptured(*control, {u"git"_s, u"reset"_s, u"-q"_s, u"--hard"_s, u"HEAD~1"_s}).exitCode,
            0);
        const auto stopped = m_manager->stop(u"vmclone"_s);
        qunsetenv("GIT_CONFIG_GLOBAL");
        QVERIFY2(stopped.has_value(), stopped ? "" : qPrintable(stopped.error().message));
        QVERIFY(!QFileInfo::exists(canary));
        QCOMPARE(Test::readFile(hostClone + u"/new.txt"_s), QByteArray("from-the-vm\n"));
        QCOMPARE(Test::readFile(hostClone + u"/wip.txt"_s), QByteArray("uncommitted\n")); // still uncommitted
        QCOMPARE(logOf(), QByteArray("from the vm\nfirst\n"));
        // Not merged yet: removing it would lose the commit.
        QCOMPARE(m_manager->remove(u"vmclone"_s, false).error().code, Core::ErrorCode::Conflict);

        // A machine that crashed could not bring its work back: its disk is not thrown away without --force.
        const auto again = m_manager->start(u"vmclone"_s, policy());
        QVERIFY(again.has_value());
        QCOMPARE(Test::runCaptured(*again, {u"cat"_s, u"/home/agent/kept"_s}).out,
                 QByteArray("clone-home\n"));
        const qint64 qemu = qemuPid(u"vmclone"_s);
        QVERIFY(qemu > 1); // never kill(-1)
        QVERIFY(::kill(pid_t(qemu), SIGKILL) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_manager->isRunning(u"vmclone"_s), 10'000);
        const auto refused = m_manager->remove(u"vmclone"_s, false);
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(u"microVM disk"_s), qPrintable(refused.error().message));
        QVERIFY(m_manager->remove(u"vmclone"_s, true).has_value());
        QVERIFY(!QFileInfo::exists(m_manager->workspaceDiskOf(u"vmclone"_s)));
        QVERIFY(!QFileInfo::exists(cloneHome));
    }

    void stopEndsTheMachine()
    {
        const qint64 qemu = qemuPid();
        QVERIFY(qemu > 0);
        QVERIFY(m_manager->stop(u"vm"_s).has_value());
        QVERIFY(!m_manager->isRunning(u"vm"_s));
        QVERIFY(!QFile::exists(m_control));
        QVERIFY(!QFile::exists(u"/proc/%1"_s.arg(qemu))); // gone, not a zombie either
        QTRY_VERIFY_WITH_TIMEOUT(virtioFsDaemons().isEmpty(), 5'000);
    }

    // Where virtiofsd cannot run, the folder is shared over 9p, and the sandbox's state says why.
    void aSharedFolderFallsBackTo9p()
    {
        qputenv("PADDOCK_VIRTIOFSD", QFile::encodeName(m_workspace.filePath(u"no-virtiofsd-here"_s)));
        const auto unset = qScopeGuard([] { qunsetenv("PADDOCK_VIRTIOFSD"); });
        // While the machine boots, the thread's events go on (a window repaints, other terminals run), and
        // the same sandbox cannot be started a second time meanwhile.
        int ticks = 0;
        std::optional<Core::Result<QString>> secondStart;
        QTimer ticker;
        ticker.setInterval(50);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (++ticks == 5)
                secondStart = m_manager->start(u"vm"_s, policy());
        });
        ticker.start();
        QElapsedTimer starting;
        starting.start();
        const auto control = m_manager->start(u"vm"_s, policy());
        const qint64 startMs = starting.elapsed();
        ticker.stop();
        QVERIFY2(control, control ? "" : qPrintable(control.error().message));
        // Ticks missed while the thread is blocked are not made up: a start that blocks gets few of them.
        QVERIFY2(ticks * ticker.interval() >= startMs / 2,
                 qPrintable(u"%1 ticks in %2 ms"_s.arg(ticks).arg(startMs)));
        QVERIFY(secondStart.has_value() && !secondStart->has_value());
        QCOMPARE(secondStart->error().code, Core::ErrorCode::Conflict);
        const Test::Captured mounted = Test::runCaptured(
            *control, {u"sh"_s, u"-c"_s,
                       u"grep -o '^workspace /workspace [a-z0-9]*' /proc/mounts; cat from-host.txt"_s});
        QCOMPARE(mounted.out, QByteArray("workspace /workspace 9p\nhost wrote this\n"));
        const auto record =
            Core::SandboxStore(Core::Paths(QProcessEnvironment::systemEnvironment()).sandboxesDir())
                .find(u"vm"_s);
        QVERIFY(record.has_value());
        QVERIFY2(record->stateDetail.contains(u"shared over 9p"_s), qPrintable(record->stateDetail));
        QVERIFY(m_manager->stop(u"vm"_s).has_value());
    }

    void aCrashedMachineIsShownAsStopped()
    {
        qputenv("PADDOCK_VIRTIOFSD", VirtioFsDaemon::findProgram().toLocal8Bit()); // its daemon must end too
        const auto control = m_manager->start(u"vm"_s, policy());
        qunsetenv("PADDOCK_VIRTIOFSD");
        QVERIFY2(control, control ? "" : qPrintable(control.error().message));
        QCOMPARE(Test::runCaptured(*control, {u"cat"_s, u"/home/agent/kept"_s, u"/usr/local/bin/kept"_s}).out,
                 QByteArray("kept\ninstalled\n"));
        // The last stop unmounted its disks: none needed its journal replayed.
        QCOMPARE(
            Test::runCaptured(*control, {u"sh"_s, u"-c"_s, u"dmesg | grep -c 'recovery complete'"_s}).out,
            QByteArray("0\n"));
        const auto usage = m_manager->usage(u"vm"_s);
        QVERIFY(usage.has_value());
        QVERIFY(usage->residentBytes > 32 * 1024 * 1024); // QEMU and its guest's memory
        QSignalSpy stopped(m_manager.get(), &SandboxManager::sandboxStopped);
        // QEMU dies: what a crash looks like from here.
        const qint64 qemu = qemuPid();
        QVERIFY(qemu > 1); // never kill(-1)
        // Under emulation its memory is kept out of huge pages (slow to touch first on a VM host).
        QFile status(u"/proc/%1/status"_s.arg(qemu));
        QVERIFY(status.open(QIODevice::ReadOnly));
        QVERIFY(status.readAll().contains(wantsHugePages(chooseAccelerator()) ? "\nTHP_enabled:\t1\n"
                                                                              : "\nTHP_enabled:\t0\n"));
        QVERIFY(::kill(pid_t(qemu), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10'000);
        QVERIFY(!stopped.first().at(1).toString().isEmpty());
        QVERIFY(!m_manager->isRunning(u"vm"_s));
        QTRY_VERIFY_WITH_TIMEOUT(virtioFsDaemons().isEmpty(), 5'000); // it ends with its machine
        // Its system disk was written to when it died; the journal keeps it whole for the next start.
        const auto again = m_manager->start(u"vm"_s, policy());
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(
            Test::runCaptured(*again, {u"sh"_s, u"-c"_s, u"grep -c '^/dev/vda / ext4 rw' /proc/mounts"_s})
                .out,
            QByteArray("1\n"));
        // Without PADDOCK_VIRTIOFSD, an emulated machine's folder is shared over 9p
        // (VirtioFsDaemon::findProgram).
        const QByteArray share =
            Test::runCaptured(*again,
                              {u"sh"_s, u"-c"_s, u"grep -o '^workspace /workspace [a-z0-9]*' /proc/mounts"_s})
                .out;
        QCOMPARE(share, chooseAccelerator() == Accelerator::Tcg
                            ? QByteArray("workspace /workspace 9p\n")
                            : QByteArray("workspace /workspace virtiofs\n"));
        QVERIFY(m_manager->stop(u"vm"_s).has_value());
    }

    // The host's file system fills up under a machine's disk: QEMU pauses the machine rather than failing the
    // guest's writes, says so, and the machine goes on where it was once it is resumed. (blkdebug makes the
    // disk's first write fail with ENOSPC, as a full file system does.)
    void aFullHostDiskPausesTheMachineUntilResumed()
    {
        const auto image = GuestImage::findIn(SandboxManager::guestImageDirectory(Core::Paths::fromSystem()));
        QVERIFY(image.has_value());
        QTemporaryDir folder;
        const QString disk = folder.filePath(u"home.ext4"_s);
        QCOMPARE(QProcess::execute(u"mke2fs"_s, {u"-q"_s, u"-t"_s, u"ext4"_s, disk, u"64M"_s}), 0);
        const QString rules = folder.filePath(u"full.conf"_s);
        Test::writeFile(rules, "[inject-error]\nevent = \"write_aio\"\nerrno = \"28\"\nonce = \"on\"\n");
        MicroVmSpec spec;
        spec.kernel = image->kernel;
        spec.initrd = image->initrd;
        spec.systemDisk = folder.filePath(u"system.qcow2"_s);
        QVERIFY(SystemDisk::prepare(spec.systemDisk, image->root).has_value());
        spec.runtimeDirectory = folder.path();
        spec.homeDisk = u"blkdebug:%1:%2"_s.arg(rules, disk);
        QemuMachine machine;
        QSignalSpy paused(&machine, &QemuMachine::pausedForSpace);
        QSignalSpy resumed(&machine, &QemuMachine::resumed);
        QemuMachine::Options options;
        options.arguments = microVmArguments(spec, chooseAccelerator(), hostTscKhz());
        options.runtimeDirectory = folder.path();
        const auto started = machine.start(options);
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        // The init mounts the home disk, which writes to it.
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 1, 90'000);
        QCOMPARE(paused.first().first().toString(), u"home"_s);
        QVERIFY(machine.isPausedForSpace());
        const auto status = machine.qmp()->executeAndWait(u"query-status"_s);
        QVERIFY(status.has_value());
        QCOMPARE(status->value(u"status"_s).toString(), u"io-error"_s);
        machine.resume(); // the failed write is tried again, and succeeds now
        QTRY_COMPARE_WITH_TIMEOUT(resumed.size(), 1, 10'000);
        QVERIFY(!machine.isPausedForSpace());
        QTRY_VERIFY_WITH_TIMEOUT(
            Test::readFile(folder.filePath(u"console.log"_s)).contains("paddock-init: file systems mounted"),
            60'000);
        QVERIFY(
            !Test::readFile(folder.filePath(u"console.log"_s)).contains("home disk could not be mounted"));
        QCOMPARE(paused.size(), 1);
        machine.stop(0, 2'000);
        // A file system without room is refused before a start, rather than pausing the boot.
        QVERIFY(MicroVmBackend::hasRoomFor(disk));
        QVERIFY(!MicroVmBackend::hasRoomFor(u"/proc/self/status"_s)); // procfs: nothing is free there
    }

private:
    // The virtiofsd processes (the daemon and its sandboxed child) serving the direct-mode workspace.
    QList<qint64> virtioFsDaemons() const
    {
        return Test::processesWhoseCommandLineHas(
            {"virtiofsd", QString(u"source="_s + m_workspace.path()).toUtf8()});
    }

    // The QEMU process of the running sandbox: the one whose command line names its runtime folder.
    qint64 qemuPid(const QString &sandbox = QStringLiteral("vm")) const
    {
        const QString runtime = QFileInfo(m_manager->controlSocketOf(sandbox)).path();
        const QList<qint64> found =
            Test::processesWhoseCommandLineHas({"qemu-system-x86_64", runtime.toUtf8()});
        return found.isEmpty() ? -1 : found.first();
    }
};

QTEST_GUILESS_MAIN(TestMicroVmSandbox)
#include "tst_microvmsandbox.moc"
