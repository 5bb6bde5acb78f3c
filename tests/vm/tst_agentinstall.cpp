// A template's agent CLI installed on first use: the real npm in a real namespace sandbox fetches it through
// the proxy from a registry on loopback into the agent's home, which the sandbox keeps between starts and
// loses with its removal.
#include "core/agentlaunch.h"
#include "core/paths.h"
#include "core/sandboxstore.h"
#include "proxy/proxyserver.h"
#include "proxy/resolver.h"
#include "vm/sandboxmanager.h"

#include "sandboxtestsupport.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Paddock;
using namespace Paddock::Vm;
using namespace Qt::StringLiterals;

namespace {

// Just enough of the npm registry for `npm install paddock-hello`: its packument and its tarball.
class NpmRegistry : public QTcpServer
{
public:
    QByteArray tarball;
    int tarballRequests = 0;

    QByteArray packument() const
    {
        const QString tarballUrl =
            u"http://origin.test:%1/paddock-hello/-/paddock-hello-1.0.0.tgz"_s.arg(serverPort());
        const QString shasum =
            QString::fromLatin1(QCryptographicHash::hash(tarball, QCryptographicHash::Sha1).toHex());
        const QString integrity = QString(
            u"sha512-"_s +
            QString::fromLatin1(QCryptographicHash::hash(tarball, QCryptographicHash::Sha512).toBase64()));
        const QJsonObject version{
            {u"name"_s, u"paddock-hello"_s},
            {u"version"_s, u"1.0.0"_s},
            {u"bin"_s, QJsonObject{{u"paddock-hello"_s, u"cli.js"_s}}},
            {u"dist"_s,
             QJsonObject{{u"tarball"_s, tarballUrl}, {u"shasum"_s, shasum}, {u"integrity"_s, integrity}}}};
        return QJsonDocument(QJsonObject{{u"name"_s, u"paddock-hello"_s},
                                         {u"dist-tags"_s, QJsonObject{{u"latest"_s, u"1.0.0"_s}}},
                                         {u"versions"_s, QJsonObject{{u"1.0.0"_s, version}}}})
            .toJson(QJsonDocument::Compact);
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            QByteArray &request = m_requests[socket];
            request += socket->readAll();
            while (request.contains("\r\n\r\n")) { // npm keeps the connection open between requests
                const QByteArray head = request.left(request.indexOf("\r\n\r\n"));
                request.remove(0, head.size() + 4);
                const QByteArray target = head.split(' ').value(1);
                QByteArray body, type = "application/json";
                if (target.endsWith("/paddock-hello"))
                    body = packument();
                else if (target.endsWith("/paddock-hello-1.0.0.tgz"))
                    body = tarball, type = "application/octet-stream", ++tarballRequests;
                const QByteArray status = body.isEmpty() ? "404 Not Found" : "200 OK";
                socket->write("HTTP/1.1 " + status + "\r\nContent-Type: " + type +
                              "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
            m_requests.remove(socket);
            socket->deleteLater();
        });
    }

private:
    QHash<QTcpSocket *, QByteArray> m_requests;
};

} // namespace

class TestAgentInstall : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QTemporaryDir m_workspace;
    QTemporaryDir m_package;
    NpmRegistry m_registry;
    Proxy::FakeResolver m_resolver;
    std::unique_ptr<Proxy::ProxyServer> m_proxy;
    std::unique_ptr<SandboxManager> m_manager;

    Core::AgentTemplate helloTemplate() const
    {
        Core::AgentTemplate agent;
        agent.id = u"hello"_s;
        agent.name = u"Hello"_s;
        agent.installNpm = u"paddock-hello"_s;
        agent.command = {u"paddock-hello"_s};
        agent.yoloFlags = {u"--yolo"_s};
        agent.environment.insert(u"npm_config_registry"_s,
                                 u"http://origin.test:%1/"_s.arg(m_registry.serverPort()));
        return agent;
    }

    Test::Captured runAgent(const QString &control)
    {
        const Core::AgentTemplate agent = helloTemplate();
        return Test::runCaptured(control, Core::agentSessionArguments(agent), u"/workspace"_s,
                                 agent.environment);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"npm"_s).isEmpty())
            QFAIL("npm is missing: scripts/setup-deps.sh installs it");
        // The package: package/package.json and package/cli.js, packed by the real tar.
        QDir package(m_package.filePath(u"package"_s));
        QVERIFY(package.mkpath(u"."_s));
        QFile json(package.filePath(u"package.json"_s)), cli(package.filePath(u"cli.js"_s));
        QVERIFY(json.open(QIODevice::WriteOnly) && cli.open(QIODevice::WriteOnly));
        json.write(R"({"name":"paddock-hello","version":"1.0.0","bin":{"paddock-hello":"cli.js"}})");
        cli.write("#!/usr/bin/env node\nconsole.log('hello from the registry ' + "
                  "process.argv.slice(2).join(' '));\n");
        json.close(), cli.close();
        QProcess tar;
        tar.start(u"tar"_s,
                  {u"-czf"_s, m_package.filePath(u"hello.tgz"_s), u"-C"_s, m_package.path(), u"package"_s});
        QVERIFY(tar.waitForFinished() && tar.exitCode() == 0);
        QFile tgz(m_package.filePath(u"hello.tgz"_s));
        QVERIFY(tgz.open(QIODevice::ReadOnly));
        m_registry.tarball = tgz.readAll();
        QVERIFY(m_registry.listen(QHostAddress::LocalHost, 0));

        m_resolver.setAnswers(u"origin.test"_s, {{QHostAddress::LocalHost}});
        m_proxy = std::make_unique<Proxy::ProxyServer>(m_resolver);
        m_proxy->vetter().setHostAddresses({});
        m_manager = std::make_unique<SandboxManager>(Core::Paths(QProcessEnvironment::systemEnvironment()),
                                                     m_proxy.get());
        CreateOptions options;
        options.name = u"agent"_s;
        options.workspace = m_workspace.path();
        QVERIFY(m_manager->create(options));
    }

    void installsOnFirstUseThroughTheProxyAndKeepsItAcrossStarts()
    {
        auto control = m_manager->start(u"agent"_s, Test::originPolicy(m_registry.serverPort()));
        QVERIFY2(control, control ? "" : qPrintable(control.error().message));
        const Test::Captured first = runAgent(*control);
        QVERIFY2(first.exitCode == 0, first.out.constData());
        QVERIFY2(first.out.contains("installing paddock-hello in this sandbox (first use)"),
                 first.out.constData());
        QVERIFY2(first.out.contains("hello from the registry --yolo"), first.out.constData());
        QCOMPARE(m_registry.tarballRequests, 1);
        // Others find it on the PATH too, such as `paddock exec NAME paddock-hello`.
        QCOMPARE(Test::runCaptured(*control, {u"paddock-hello"_s, u"again"_s}).out,
                 QByteArray("hello from the registry again\n"));
        QVERIFY(m_manager->stop(u"agent"_s));

        // The next start finds it in the home: no install, no download.
        control = m_manager->start(u"agent"_s, Test::originPolicy(m_registry.serverPort()));
        QVERIFY(control);
        const Test::Captured second = runAgent(*control);
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(!second.out.contains("installing"), second.out.constData());
        QVERIFY(second.out.contains("hello from the registry --yolo"));
        QCOMPARE(m_registry.tarballRequests, 1);
        QVERIFY(m_manager->stop(u"agent"_s));
    }

    void aRefusedRegistryIsExplainedAndRunsNothing()
    {
        CreateOptions options;
        options.name = u"refused"_s;
        options.workspace = m_workspace.path();
        QVERIFY(m_manager->create(options));
        Core::Policy nothing; // the registry is not allowed
        const auto control = m_manager->start(u"refused"_s, nothing.matcher());
        QVERIFY(control);
        const Test::Captured refused = runAgent(*control);
        QCOMPARE(refused.exitCode, 127);
        QVERIFY2(refused.out.contains("installing paddock-hello failed") &&
                     refused.out.contains("allow that host in the sandbox's policy"),
                 refused.out.constData());
        QVERIFY(!refused.out.contains("hello from the registry"));
        QVERIFY(m_manager->stop(u"refused"_s));
    }

    void removingTheSandboxRemovesItsHome()
    {
        const auto record =
            Core::SandboxStore(Core::Paths(QProcessEnvironment::systemEnvironment()).sandboxesDir())
                .find(u"agent"_s);
        QVERIFY(record);
        const QString home = m_manager->homeOf(*record);
        QVERIFY(QFileInfo::exists(home + u"/.local/bin/paddock-hello"_s));
        QVERIFY(m_manager->remove(u"agent"_s, true));
        QVERIFY(!QFileInfo::exists(home));
    }
};

QTEST_GUILESS_MAIN(TestAgentInstall)
#include "tst_agentinstall.moc"
