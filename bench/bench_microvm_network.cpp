// MicroVM networking (issue 9, item 4): the two ways a machine can reach its proxy, measured in one machine.
// - the agent channel, which Paddock uses: the machine has no network device; the guest's forwarder on
//   127.0.0.1:3128 hands each connection over the virtio-serial agent channel to the sandbox's proxy socket;
// - user-mode networking (restrict=on, ipv6=off) with one guestfwd, 10.0.2.100:3128, whose cmd: is Paddock's
//   own bridge (`paddock-guest connect PORT`, one per connection) to the same proxy on a loopback port.
// Per path and round: requests in a row through the proxy to a local origin, each on a new connection
// (p50/p95 of all rounds), and one 32 MiB download (MB/s, median of rounds). KVM where it works, else TCG.
// Usage: bench_microvm_network [ROUNDS] [DIR]   (DIR keeps the guest image's downloads)
#include "core/paths.h"
#include "core/policy.h"
#include "core/policyrule.h"
#include "proxy/addressvetter.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/guestagent.h"
#include "vm/guestimage.h"
#include "vm/guestsession.h"
#include "vm/microvmcommand.h"
#include "vm/qemumachine.h"
#include "vm/sandboxmanager.h"
#include "vm/systemdisk.h"

#include "microvmbenchsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTemporaryFile>

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

constexpr int requestsPerRound = 40;
constexpr qint64 smallBytes = 1024;
constexpr qint64 largeBytes = 32LL * 1024 * 1024;

// GET /small or /large: that many bytes, then the connection closes.
void serveOrigin(QTcpServer &origin)
{
    QObject::connect(&origin, &QTcpServer::newConnection, &origin, [&origin] {
        while (QTcpSocket *socket = origin.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->peek(65536).contains("\r\n\r\n"))
                    return;
                const qint64 size = socket->readAll().contains(" /large ") ? largeBytes : smallBytes;
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(size) +
                              "\r\nConnection: close\r\n\r\n");
                socket->write(QByteArray(size, 'x'));
                socket->disconnectFromHost();
            });
        }
    });
}

// Node in the guest: requests through the proxy at host:port, each on a new connection, then the large one.
constexpr char client[] = R"JS(
const http = require('http');
const [host, port, origin, count] = process.argv.slice(1);
const get = (path) => new Promise((done, failed) => {
  const started = process.hrtime.bigint();
  const request = http.request({host, port: +port, path: origin + path, agent: false,
                                 headers: {host: new URL(origin).host}}, (response) => {
    let bytes = 0;
    response.on('data', (chunk) => bytes += chunk.length);
    response.on('end', () => done([Number(process.hrtime.bigint() - started) / 1e6, bytes, response.statusCode]));
    response.on('aborted', () => failed(new Error('the answer ended after ' + bytes + ' bytes')));
  });
  request.on('error', failed);
  request.end();
});
(async () => {
  const times = [];
  for (let i = 0; i < +count; ++i) {
    const [ms, , status] = await get('/small');
    if (status !== 200) throw new Error('status ' + status);
    times.push(ms);
  }
  const [ms, bytes] = await get('/large');
  console.log(JSON.stringify({times, ms, bytes}));
})().catch((error) => { console.error(String(error)); process.exit(1); });
)JS";

// A command's stdout in the running machine; empty when it failed.
QByteArray runIn(const QString &control, const QStringList &command)
{
    QTemporaryFile output;
    if (!output.open())
        return {};
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    SessionOptions options;
    options.command = command;
    options.descriptors = {devNull, int(output.handle()), STDERR_FILENO};
    auto session = GuestSession::open(control, options);
    ::close(devNull);
    const auto code = session ? (*session)->waitForExit() : Core::Result<int>(-1);
    if (!code || *code != 0) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(command.join(u' ').left(60)),
                     !session ? qPrintable(session.error().message)
                     : code   ? qPrintable(u"exit code %1"_s.arg(*code))
                              : qPrintable(code.error().message));
        return {};
    }
    output.seek(0);
    return output.readAll();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const QString cache = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                   : QDir::homePath() + u"/.cache/paddock/bench-guest-image"_s;
    QTemporaryDir home;
    const auto image = Bench::buildGuestImage(home, cache);
    if (!image)
        return 1;
    const Accelerator accelerator = chooseAccelerator();

    QTcpServer origin;
    origin.listen(QHostAddress::LocalHost, 0);
    serveOrigin(origin);
    Proxy::FakeResolver resolver;
    resolver.setAnswers(u"origin.test"_s, {{QHostAddress::LocalHost}});
    Proxy::ProxyServer proxy(resolver);
    proxy.vetter().setHostAddresses({});
    Core::Policy policy; // as tests/sandboxtestsupport.h allows its origin
    policy.setLayer(Core::PolicyLayer::Sandbox,
                    {*Core::PolicyRule::parse(u"allow origin.test"_s),
                     *Core::PolicyRule::parse(u"allow 127.0.0.1/32:%1"_s.arg(origin.serverPort()))});
    QTemporaryDir runtime;
    QFile::setPermissions(runtime.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString proxySocket = runtime.filePath(u"proxy.sock"_s);
    const auto tcpPort = proxy.listenTcp(u"vm"_s, QHostAddress::LocalHost, 0, policy.matcher());
    if (!proxy.listenUnix(u"vm"_s, proxySocket, policy.matcher()) || !tcpPort) {
        std::fprintf(stderr, "the proxy could not listen\n");
        return 1;
    }

    MicroVmSpec spec;
    spec.kernel = image->kernel;
    spec.initrd = image->initrd;
    spec.memoryMiB = 1024;
    spec.runtimeDirectory = runtime.path();
    spec.systemDisk = runtime.filePath(u"system.qcow2"_s);
    spec.kernelArguments = u"paddock.net"_s;
    if (!SystemDisk::prepare(spec.systemDisk, image->root)) {
        std::fprintf(stderr, "no system disk\n");
        return 1;
    }
    QemuMachine machine;
    QemuMachine::Options options;
    options.arguments = microVmArguments(spec, accelerator, hostTscKhz());
    options.arguments << u"-netdev"_s
                      << u"user,id=net,restrict=on,ipv6=off,guestfwd=tcp:10.0.2.100:3128-cmd:%1 connect %2"_s
                             .arg(defaultGuestBinary())
                             .arg(*tcpPort)
                      << u"-device"_s << u"virtio-net-device,netdev=net"_s;
    options.runtimeDirectory = runtime.path();
    options.hugePages = wantsHugePages(accelerator);
    if (auto started = machine.start(options); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 1;
    }
    const QString control = runtime.filePath(u"control.sock"_s);
    GuestAgent agent(
        {proxySocket, control, {{u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"_s}}});
    if (auto ready = agent.connectAndWait(runtime.filePath(u"agent.sock"_s), 90'000); !ready) {
        std::fprintf(stderr, "%s\n", qPrintable(ready.error().message));
        return 1;
    }
    if (runIn(control,
              {u"sh"_s, u"-c"_s, u"ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && echo up"_s}) !=
        "up\n") {
        std::fprintf(stderr, "the guest's network device did not come up\n");
        return 1;
    }
    std::printf("accelerator: %s, %d rounds of %d requests and one %lld MiB download per path\n",
                accelerator == Accelerator::Kvm ? "kvm" : "tcg (emulated)", rounds, requestsPerRound,
                largeBytes >> 20);
    const QString originUrl = u"http://origin.test:%1"_s.arg(origin.serverPort());
    struct Path
    {
        const char *name;
        QString host;
        std::vector<double> requests, megabytesPerSecond;
    };
    std::vector<Path> pathsOut{{"agent channel (no network device)", u"127.0.0.1"_s, {}, {}},
                               {"user-mode network, guestfwd bridge", u"10.0.2.100"_s, {}, {}}};
    for (int round = 0; round < rounds; ++round) {
        for (Path &path : pathsOut) {
            const QByteArray out = runIn(control, {u"node"_s, u"-e"_s, QString::fromLatin1(client), path.host,
                                                   u"3128"_s, originUrl, QString::number(requestsPerRound)});
            const QJsonObject result = QJsonDocument::fromJson(out).object();
            if (result.value(u"bytes"_s).toDouble() != double(largeBytes)) {
                std::fprintf(stderr, "%s failed: %s\n", path.name, out.constData());
                return 1;
            }
            for (const QJsonValue &ms : result.value(u"times"_s).toArray())
                path.requests.push_back(ms.toDouble());
            path.megabytesPerSecond.push_back(double(largeBytes) / 1e6 /
                                              (result.value(u"ms"_s).toDouble() / 1e3));
        }
    }
    for (const Path &path : pathsOut)
        std::printf("%s: request on a new connection p50 %.1f ms, p95 %.1f ms; download %.1f MB/s\n",
                    path.name, percentile(path.requests, 0.5), percentile(path.requests, 0.95),
                    percentile(path.megabytesPerSecond, 0.5));
    std::printf("guestfwd / agent channel: request p50 %.2fx, download %.2fx\n",
                percentile(pathsOut[1].requests, 0.5) / percentile(pathsOut[0].requests, 0.5),
                percentile(pathsOut[1].megabytesPerSecond, 0.5) /
                    percentile(pathsOut[0].megabytesPerSecond, 0.5));
    agent.shutdown(5'000);
    machine.stop(0, 5'000);
    return 0;
}
