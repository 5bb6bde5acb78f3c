// Namespace sandboxes with real bubblewrap: isolation, the proxy as the only way out, exit codes, privileges,
// and that no process outlives its sandbox. Runs as the CI's root and, where possible, as an unprivileged
// user.
#include "core/policy.h"
#include "proxy/certificateauthority.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "proxy/trustbundle.h"
#include "vm/bwrapcommand.h"
#include "vm/bwrapprocess.h"
#include "vm/seccompfilter.h"

#include "httpsorigin.h"
#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Paddock;
using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

void makeWorldReadable(const QString &path, bool writable = false)
{
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                    QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                    QFileDevice::ExeGroup |
                                    (writable ? QFileDevice::WriteOther : QFileDevice::Permissions()));
}

} // namespace

class TestNamespaceSandbox : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_root;
    QString m_workspace;
    QString m_etc;
    QString m_proxySocket;
    Test::LoopbackOrigin m_origin;
    Proxy::FakeResolver m_resolver;
    std::unique_ptr<Proxy::ProxyServer> m_proxy;

    QString m_proxySocketOverride; // a test's own proxy socket instead of the working one
    std::function<void(NamespaceSandboxSpec &)> m_adjustSpec; // a test's additions to every spec

    NamespaceSandboxSpec specFor(const QStringList &command, bool withProxy = true) const
    {
        NamespaceSandboxSpec spec;
        spec.workspace = m_workspace;
        spec.etcDirectory = m_etc;
        spec.proxySocket = !withProxy                        ? QString()
                           : m_proxySocketOverride.isEmpty() ? m_proxySocket
                                                             : m_proxySocketOverride;
        spec.guestBinary = qEnvironmentVariable("PADDOCK_GUEST");
        spec.command = command;
        if (m_adjustSpec)
            m_adjustSpec(spec);
        return spec;
    }

    // Runs a shell script in a fresh sandbox; asUser: through setpriv as nobody (only when we are root).
    Outcome run(const QString &script, bool withProxy = true, const QString &asUser = {})
    {
        const auto seccomp = SeccompFilter::compileToFd();
        if (!seccomp) {
            qWarning("%s", qPrintable(seccomp.error().message));
            return {};
        }
        NamespaceSandboxSpec spec = specFor({u"/bin/bash"_s, u"-c"_s, script}, withProxy);
        spec.seccompFd = *seccomp;
        QProcess process;
        const int fd = *seccomp;
        BwrapProcess::inheritDescriptor(process, fd);
        QStringList arguments = BwrapCommand::arguments(spec);
        if (asUser.isEmpty()) {
            process.start(u"bwrap"_s, arguments);
        } else {
            arguments.prepend(u"bwrap"_s);
            arguments = QStringList{u"--reuid="_s + asUser, u"--regid="_s + asUser, u"--clear-groups"_s,
                                    u"--inh-caps=-all"_s} +
                        arguments;
            process.start(u"setpriv"_s, arguments);
        }
        QSignalSpy finished(&process, &QProcess::finished);
        const bool done = finished.wait(60000); // the event loop runs: the origin and proxy keep serving
        ::close(fd);
        if (!done)
            process.kill(), process.waitForFinished();
        Outcome outcome{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                        process.readAllStandardOutput(), process.readAllStandardError()};
        if (!outcome.err.isEmpty())
            qInfo("sandbox stderr: %s", outcome.err.constData());
        return outcome;
    }

    QString httpThroughProxy(const QString &host, quint16 port) const
    {
        const QString authority = host + u':' + QString::number(port);
        return uR"SH(exec 3<>/dev/tcp/127.0.0.1/3128 && printf 'GET http://%1/x HTTP/1.1\r\nHost: %1\r\nConnection: close\r\n\r\n' >&3 && cat <&3)SH"_s
            .arg(authority);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"bwrap"_s).isEmpty())
            QFAIL("bwrap is missing: scripts/setup-deps.sh installs bubblewrap");
        QVERIFY(QFile::exists(qEnvironmentVariable("PADDOCK_GUEST")));
        makeWorldReadable(m_root.path());
        m_workspace = m_root.filePath(u"workspace"_s);
        m_etc = m_root.filePath(u"etc"_s);
        QVERIFY(QDir().mkpath(m_workspace) && QDir().mkpath(m_etc));
        makeWorldReadable(m_workspace, true);
        makeWorldReadable(m_etc);
        QVERIFY(BwrapProcess::writeEtcFiles(m_etc).has_value());
        QVERIFY(m_origin.listen(QHostAddress::LocalHost, 0));
        m_resolver.setAnswers(u"origin.test"_s, {{QHostAddress::LocalHost}});
        m_proxy = std::make_unique<Proxy::ProxyServer>(m_resolver);
        m_proxy->vetter().setHostAddresses({});
        m_proxySocket = m_root.filePath(u"proxy.sock"_s);
        QVERIFY(m_proxy->listenUnix(u"test"_s, m_proxySocket, Test::originPolicy(m_origin.serverPort()))
                    .has_value());
    }

    void onlyTheWorkspaceIsVisibleAndWritable()
    {
        // A canary in the host's home must not be visible, whatever path the sandbox tries.
        const QString canary =
            QDir::home().filePath(u".paddock-canary-%1"_s.arg(QCoreApplication::applicationPid()));
        QFile file(canary);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("secret");
        file.close();
        const Outcome outcome = run(uR"SH(
            set -u
            test ! -e '%1' || echo "canary visible"
            cat '%1' 2>/dev/null && echo "canary readable"
            ls -A /home
            echo written > /workspace/from-sandbox.txt && echo "workspace writable"
            touch /usr/x 2>/dev/null && echo "usr writable"
            echo x > /etc/paddock-probe 2>/dev/null # the sandbox's own root: writable, private, gone at exit
            test -e /var/run/docker.sock && echo "docker socket visible"
            test -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${SSH_AUTH_SOCK:-}" && echo "host session leaked"
            echo "user $(id -un) in $(pwd)"
        )SH"_s.arg(canary));
        QFile::remove(canary);
        QVERIFY(!QFile::exists(u"/etc/paddock-probe"_s));
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, QByteArray("agent\nworkspace writable\nuser agent in /workspace\n"));
        QFile written(QDir(m_workspace).filePath(u"from-sandbox.txt"_s));
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), QByteArray("written\n"));
    }

    void exitCodesPropagate()
    {
        QCOMPARE(run(u"exit 42"_s).exitCode, 42);
        QCOMPARE(run(u"kill -TERM $$"_s).exitCode, 128 + 15);
        QCOMPARE(run(u"/no/such/program"_s).exitCode, 127);
    }

    void theProxyIsTheOnlyWayOut()
    {
        const quint16 port = m_origin.serverPort();
        // Allowed through the proxy...
        Outcome allowed = run(httpThroughProxy(u"origin.test"_s, port));
        QVERIFY2(allowed.out.startsWith("HTTP/1.1 200 OK"), allowed.out.constData());
        QVERIFY(allowed.out.endsWith("hello-from-origin"));
        // ...denied by policy through the proxy...
        Outcome denied = run(httpThroughProxy(u"other.test"_s, port));
        QVERIFY2(denied.out.startsWith("HTTP/1.1 403"), denied.out.constData());
        // ...and never directly: not the host's loopback, not any other address, no DNS, no UDP, no IPv6.
        Outcome direct = run(uR"SH(
            (exec 3<>/dev/tcp/127.0.0.1/%1) 2>/dev/null && echo "loopback reachable"
            (exec 3<>/dev/tcp/192.0.2.1/80) 2>/dev/null && echo "network reachable"
            (exec 3<>/dev/udp/192.0.2.1/53) 2>/dev/null && echo "udp route"
            (exec 3<>/dev/tcp/::1/%1) 2>/dev/null && echo "ipv6 loopback reachable"
            getent hosts example.com && echo "dns works"
            ip -o link 2>/dev/null | grep -v ' lo:' | grep . && echo "extra interface"
            echo checked
        )SH"_s.arg(port));
        QCOMPARE(direct.out, QByteArray("checked\n"));
    }

    void programsTrustPaddocksCaAndGetTheirCredentialInjected()
    {
        // curl in the sandbox, through the proxy, to an HTTPS origin: Paddock intercepts with its CA (which
        // the sandbox trusts through the variables and in place of its system bundle) and adds the key.
        if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
            QFAIL("curl is missing: scripts/setup-deps.sh installs it");
        const QString dir = m_root.filePath(u"tls"_s);
        const auto makeCa = [&dir](const QString &name) {
            const auto keys = Proxy::CaKeyStore::inFile(dir + u'/' + name + u"/ca-key.pem"_s);
            Proxy::CertificateAuthorityOptions options;
            options.commonName = name;
            return Proxy::CertificateAuthority::loadOrCreate(dir + u'/' + name, *keys, options);
        };
        auto paddockCa = makeCa(u"paddock"_s);
        auto webCa = makeCa(u"web"_s);
        QVERIFY(paddockCa && webCa);
        const auto leaf = webCa->leafFor(u"api.origin.test"_s);
        QVERIFY(leaf);
        Test::HttpsOrigin origin(*leaf);
        QVERIFY(origin.listen(QHostAddress::LocalHost, 0));
        m_resolver.setAnswers(u"api.origin.test"_s, {{QHostAddress::LocalHost}});

        Core::Policy policy;
        policy.setLayer(Core::PolicyLayer::Sandbox,
                        {*Core::PolicyRule::parse(u"allow api.origin.test"_s),
                         *Core::PolicyRule::parse(u"allow 127.0.0.1/32:%1"_s.arg(origin.serverPort()))});
        const QString socket = m_root.filePath(u"intercepting.sock"_s);
        QVERIFY(m_proxy->listenUnix(u"intercepting"_s, socket, policy.matcher()).has_value());
        const QByteArray realKey = "sk-origin-" + QUuid::createUuid().toByteArray(QUuid::Id128);
        auto inspection = std::make_shared<Proxy::Inspection>();
        inspection->scanner = m_proxy->defaultScanner();
        inspection->authority = std::make_shared<const Proxy::CertificateAuthority>(std::move(*paddockCa));
        inspection->upstreamTrust = {webCa->caCertificate()};
        inspection->credentials = {{u"api.origin.test"_s, "x-api-key", realKey, u"origin-key"_s}};
        m_proxy->setInspection(u"intercepting"_s, inspection);

        const auto system = Proxy::TrustBundle::findSystemBundle();
        QVERIFY(system);
        const auto bundle = Proxy::TrustBundle::make(inspection->authority->caCertificatePem(), *system);
        QVERIFY(bundle);
        QVERIFY(bundle->writeBundle(dir + u"/bundle.pem"_s));
        m_proxySocketOverride = socket;
        m_adjustSpec = [&](NamespaceSandboxSpec &spec) {
            spec.trustBundle = dir + u"/bundle.pem"_s;
            spec.systemBundle = *system;
            spec.caCertificate = inspection->authority->certificateFile();
            for (const auto &variable :
                 Proxy::TrustBundle::environment(QString::fromLatin1(BwrapCommand::trustBundleInSandbox),
                                                 QString::fromLatin1(BwrapCommand::caCertificateInSandbox)))
                spec.environment.insert(variable.name, variable.value);
            spec.environment.insert(u"API_KEY"_s, u"paddock-placeholder"_s);
        };
        const auto reset = qScopeGuard([this] {
            m_proxySocketOverride.clear();
            m_adjustSpec = nullptr;
        });
        const Outcome outcome = run(uR"SH(
            curl -sS --fail https://api.origin.test:%1/v1/messages -H "x-api-key: $API_KEY"; echo
            env -u SSL_CERT_FILE -u CURL_CA_BUNDLE curl -sS --fail https://api.origin.test:%1/system-bundle; echo
            grep -c 'BEGIN CERTIFICATE' /run/paddock/paddock-ca.pem
            cat /run/paddock/*.pem | grep -c 'PRIVATE KEY'
        )SH"_s.arg(origin.serverPort()));
        QCOMPARE(outcome.out, QByteArray("ok GET /v1/messages\nok GET /system-bundle\n1\n0\n"));
        QVERIFY(origin.lastRequest().contains(realKey));
        QVERIFY(!outcome.out.contains(realKey) && !outcome.err.contains(realKey));
        // Twin: without the bundle, the same curl refuses Paddock's certificate.
        m_adjustSpec = nullptr;
        const Outcome untrusted =
            run(u"curl -sS --fail https://api.origin.test:%1/ || echo refused"_s.arg(origin.serverPort()));
        QCOMPARE(untrusted.out, QByteArray("refused\n"));
    }

    void selfTestKeepsTheCommandFromStartingWhenTheProxyIsDown()
    {
        // A socket file nobody listens on: the proxy of this sandbox is "down".
        const QString dead = m_root.filePath(u"dead.sock"_s);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        qstrncpy(address.sun_path, QFile::encodeName(dead).constData(), sizeof address.sun_path);
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
        ::close(fd);
        m_proxySocketOverride = dead;
        const Outcome outcome = run(u"touch /workspace/should-not-exist"_s);
        m_proxySocketOverride.clear();
        QCOMPARE(outcome.exitCode, 125);
        QVERIFY2(outcome.err.contains("self-test failed: the Paddock proxy does not answer"),
                 outcome.err.constData());
        QVERIFY(!QFile::exists(QDir(m_workspace).filePath(u"should-not-exist"_s)));
        // Twin: with the working proxy the self-test passes and the command runs.
        QCOMPARE(run(u"touch /workspace/should-exist"_s).exitCode, 0);
        QVERIFY(QFile::exists(QDir(m_workspace).filePath(u"should-exist"_s)));
    }

    void selfTestCatchesAMissingNetworkNamespace()
    {
        // The same sandbox with the host's network, as a broken bwrap or a wrong command line would give it.
        QFile routes(u"/proc/net/route"_s);
        if (!routes.open(QIODevice::ReadOnly) || !routes.readAll().contains("\t00000000\t"))
            QSKIP("this host has no default route, so there is no way out for the self-test to find");
        QTcpServer probe; // the guest's forwarder will listen on the host's 127.0.0.1:3128
        if (!probe.listen(QHostAddress::LocalHost, BwrapCommand::proxyPort))
            QSKIP("127.0.0.1:3128 is taken on this host");
        probe.close();
        const auto seccomp = SeccompFilter::compileToFd();
        QVERIFY(seccomp.has_value());
        NamespaceSandboxSpec spec = specFor({u"touch"_s, u"/workspace/escaped"_s});
        spec.seccompFd = *seccomp;
        QStringList arguments = BwrapCommand::arguments(spec);
        QVERIFY(arguments.removeAll(u"--unshare-net"_s) == 1);
        QProcess process;
        const int fd = *seccomp;
        BwrapProcess::inheritDescriptor(process, fd);
        process.start(u"bwrap"_s, arguments);
        QVERIFY(process.waitForFinished(30000));
        ::close(fd);
        QCOMPARE(process.exitCode(), 125);
        QVERIFY2(
            process.readAllStandardError().contains("a direct connection out of the sandbox is possible"),
            "the self-test did not name the direct route");
        QVERIFY(!QFile::exists(QDir(m_workspace).filePath(u"escaped"_s)));
    }

    void sandboxHasNoPrivileges()
    {
        const Outcome outcome = run(uR"SH(
            grep -E '^(CapEff|CapPrm|NoNewPrivs|Seccomp):' /proc/self/status | tr -s '\t ' ' '
            unshare -U true 2>/dev/null && echo "nested user namespace"
            unshare -r true 2>/dev/null && echo "nested root"
            mount -t tmpfs none /tmp 2>/dev/null && echo "mount allowed"
            # A setuid-root binary runs without its privilege: NoNewPrivs.
            if test -u /usr/bin/su; then su -c true root </dev/null >/dev/null 2>&1 && echo "su worked"; fi
            echo checked
        )SH"_s);
        QCOMPARE(
            outcome.out,
            QByteArray(
                "CapPrm: 0000000000000000\nCapEff: 0000000000000000\nNoNewPrivs: 1\nSeccomp: 2\nchecked\n"));
    }

    void noProcessOutlivesTheSandbox()
    {
        const QString marker = u"317.%1"_s.arg(QCoreApplication::applicationPid());
        const auto seccomp = SeccompFilter::compileToFd();
        QVERIFY(seccomp.has_value());
        // A background process that tries to escape: a new session and an ignored SIGHUP.
        NamespaceSandboxSpec spec =
            specFor({u"/bin/bash"_s, u"-c"_s,
                     u"setsid nohup sleep %1 >/dev/null 2>&1 & sleep %1 & echo up; wait"_s.arg(marker)},
                    false);
        spec.seccompFd = *seccomp;
        QProcess process;
        const int fd = *seccomp;
        BwrapProcess::inheritDescriptor(process, fd);
        process.start(u"bwrap"_s, BwrapCommand::arguments(spec));
        QVERIFY(process.waitForReadyRead(20000));
        ::close(fd);
        QTRY_COMPARE(Test::sleepersOf(marker), 2);
        process.kill(); // bwrap dies without a chance to clean up
        process.waitForFinished();
        QTRY_COMPARE_WITH_TIMEOUT(Test::sleepersOf(marker), 0, 10000);
    }

    void sameIsolationAsAnUnprivilegedUser()
    {
        if (geteuid() != 0)
            QSKIP("already unprivileged: every other test ran as this user");
        if (QStandardPaths::findExecutable(u"setpriv"_s).isEmpty())
            QSKIP("setpriv (util-linux) is missing");
        const Outcome outcome = run(uR"SH(
            echo ok > /workspace/as-nobody.txt && echo "workspace writable"
            grep -E '^CapEff:' /proc/self/status | tr -s '\t ' ' '
            test -e /root/.bashrc && echo "root home visible"
            exit 7
        )SH"_s,
                                    false, u"65534"_s);
        QCOMPARE(outcome.exitCode, 7);
        QCOMPARE(outcome.out, QByteArray("workspace writable\nCapEff: 0000000000000000\n"));
    }
};

QTEST_GUILESS_MAIN(TestNamespaceSandbox)
#include "tst_namespacesandbox.moc"
