#include "app/host/sandboxhost.h"

#include "app/cli/policycommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QPointer>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

constexpr qsizetype maxRequestBytes = 64 * 1024;

QJsonObject refusal(const QString &message)
{
    return {{u"ok"_s, false}, {u"error"_s, message}};
}

} // namespace

SandboxHost::SandboxHost(Paths paths)
    : m_paths(std::move(paths))
    , m_proxy(m_resolver)
    , m_audit(m_paths.auditLogDir() + u"/audit.jsonl"_s)
    , m_network(m_paths)
    , m_manager(m_paths, &m_proxy)
{
    m_manager.setNetworkProvider(
        [this](const SandboxRecord &record, const QString &workspace, const PolicyMatcher *policy) {
            return m_network.networkFor(record, workspace, policy);
        });
    connect(
        &m_proxy, &Proxy::ProxyServer::decided, this,
        [this](const Proxy::DecisionEvent &event) {
            QMutexLocker lock(&m_auditMutex);
            m_audit.append(event);
        },
        Qt::DirectConnection);
    // The start-up self-test's probes (the metadata address it expects refused) are logged, not reported:
    // they are Paddock's, made before the sandbox counts as started, and never the agent's. The proxy marks
    // them as it decides, since a clock cannot tell them apart: both can fall in the same millisecond.
    connect(
        &m_proxy, &Proxy::ProxyServer::decided, this,
        [this](const Proxy::DecisionEvent &event) {
            if (!event.startingUp)
                Q_EMIT decided(event);
        },
        Qt::QueuedConnection);
    connect(&m_manager, &Vm::SandboxManager::sandboxStopped, this, [this] {
        if (m_manager.runningSandboxes().isEmpty())
            Q_EMIT idle();
    });
    connect(&m_control, &QLocalServer::newConnection, this, &SandboxHost::onConnection);
}

SandboxHost::~SandboxHost()
{
    m_manager.stopAll();
    m_control.close();
}

QString SandboxHost::controlSocketPath(const Paths &paths)
{
    return paths.runtimeDir() + u"/control.sock"_s;
}

QString SandboxHost::roleName(Role role)
{
    switch (role) {
    case Role::Service:
        return u"service"_s;
    case Role::Window:
        return u"window"_s;
    case Role::Command:
        break;
    }
    return u"command"_s;
}

SandboxHost::Role SandboxHost::roleFromName(const QString &name)
{
    for (const Role role : {Role::Service, Role::Window}) {
        if (name == roleName(role))
            return role;
    }
    return Role::Command;
}

Result<> SandboxHost::open()
{
    if (auto opened = m_audit.open(); !opened)
        return opened;
    const QString path = controlSocketPath(m_paths);
    // Only this user may talk to it (the runtime folder is private as well).
    m_control.setSocketOptions(QLocalServer::UserAccessOption);
    // Asked first: with an access option, Qt binds elsewhere and renames over the path, so listen() would
    // take a live host's socket away instead of failing.
    QLocalSocket probe;
    probe.connectToServer(path);
    if (probe.waitForConnected(1000))
        return fail(ErrorCode::AlreadyExists, tr("Another Paddock process hosts the sandboxes already."));
    QLocalServer::removeServer(path); // left by a host that was killed
    if (!m_control.listen(path))
        return fail(ErrorCode::Io, tr("Cannot listen on %1: %2").arg(path, m_control.errorString()));
    return {};
}

Result<QString> SandboxHost::start(const QString &name)
{
    if (m_manager.isRunning(name))
        return m_manager.controlSocketOf(name);
    const auto policy = PolicyCommand::effectivePolicy(m_paths, name, {});
    if (!policy)
        return std::unexpected(policy.error());
    return m_manager.start(name, policy->matcher());
}

Result<> SandboxHost::addRule(const PolicyRule &rule, const QString &sandbox)
{
    if (auto saved = PolicyCommand::saveRule(m_paths, rule, sandbox); !saved)
        return std::unexpected(saved.error());
    // The rule is saved either way; a sandbox whose policy cannot be recomputed keeps its old one.
    if (auto reloaded = reloadPolicies(sandbox); !reloaded)
        return std::unexpected(reloaded.error());
    return {};
}

Result<QStringList> SandboxHost::reloadPolicies(const QString &sandbox)
{
    const QStringList affected = sandbox.isEmpty()              ? m_manager.runningSandboxes()
                                 : m_manager.isRunning(sandbox) ? QStringList{sandbox}
                                                                : QStringList{};
    Result<QStringList> outcome = QStringList();
    for (const QString &name : affected) {
        auto reloaded = reloadPolicy(name);
        if (!reloaded && outcome)
            outcome = std::unexpected(reloaded.error());
        else if (reloaded && outcome)
            outcome->append(name);
    }
    return outcome;
}

Result<> SandboxHost::reloadPolicy(const QString &name)
{
    if (!m_manager.isRunning(name))
        return fail(ErrorCode::NotFound, tr("The sandbox \"%1\" is not running.").arg(name));
    const auto policy = PolicyCommand::effectivePolicy(m_paths, name, {});
    if (!policy)
        return std::unexpected(policy.error());
    m_proxy.setPolicy(name, policy->matcher());
    return {};
}

void SandboxHost::onConnection()
{
    while (QLocalSocket *socket = m_control.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine() && socket->bytesAvailable() > maxRequestBytes)
                socket->abort();
            // The socket may be deleted while a start runs its nested event loop.
            QPointer<QLocalSocket> guard(socket);
            while (guard && guard->canReadLine()) {
                const QByteArray line = guard->readLine(maxRequestBytes);
                const QJsonDocument request = QJsonDocument::fromJson(line);
                const QJsonObject reply =
                    request.isObject() ? answer(request.object()) : refusal(tr("The request is not JSON."));
                // answer() may run a nested event loop (a start); the client may be gone by now.
                if (guard && guard->state() == QLocalSocket::ConnectedState) {
                    guard->write(QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n');
                    guard->flush();
                }
            }
        });
    }
}

QJsonObject SandboxHost::answer(const QJsonObject &request)
{
    const QString op = request.value(u"op"_s).toString();
    const QString name = request.value(u"name"_s).toString();
    if (op == "status"_L1) {
        QJsonArray running;
        for (const QString &sandbox : m_manager.runningSandboxes()) {
            QJsonObject published; // the sandbox's port → the host's
            const QMap<int, int> ports = m_manager.publishedPorts(sandbox);
            for (auto it = ports.cbegin(); it != ports.cend(); ++it)
                published.insert(QString::number(it.key()), it.value());
            running.append(QJsonObject{{u"name"_s, sandbox},
                                       {u"control"_s, m_manager.controlSocketOf(sandbox)},
                                       {u"published"_s, published}});
        }
        return {{u"ok"_s, true},
                {u"pid"_s, QCoreApplication::applicationPid()},
                {u"host"_s, roleName(m_role)},
                {u"running"_s, running}};
    }
    if (op == "start"_L1) {
        const auto control = start(name);
        if (!control)
            return refusal(control.error().message);
        return {{u"ok"_s, true}, {u"control"_s, *control}};
    }
    if (op == "stop"_L1) {
        if (auto stopped = m_manager.stop(name); !stopped)
            return refusal(stopped.error().message);
        return {{u"ok"_s, true}};
    }
    if (op == "bring-back"_L1) { // a review of a running microVM: its branches, as they are now
        if (auto brought = m_manager.bringBranchesBack(name); !brought)
            return refusal(brought.error().message);
        return {{u"ok"_s, true}};
    }
    if (op == "publish"_L1) {
        const auto hostPort = m_manager.publishPort(name, request.value(u"port"_s).toInt(),
                                                    request.value(u"hostPort"_s).toInt());
        if (!hostPort)
            return refusal(hostPort.error().message);
        return {{u"ok"_s, true}, {u"hostPort"_s, *hostPort}};
    }
    if (op == "unpublish"_L1) {
        if (auto unpublished = m_manager.unpublishPort(name, request.value(u"port"_s).toInt()); !unpublished)
            return refusal(unpublished.error().message);
        return {{u"ok"_s, true}};
    }
    if (op == "hand-over"_L1) {
        // Only a background `paddock serve` gives way: a window or a command is what the user is looking at.
        if (m_role != Role::Service)
            return refusal(tr("This Paddock process (%1) does not hand its sandboxes over.")
                               .arg(QCoreApplication::applicationPid()));
        const QStringList stopped = m_manager.runningSandboxes();
        m_manager.stopAll();
        m_control.close(); // the socket is free for the one that asked before it hears the answer
        QMetaObject::invokeMethod(this, &SandboxHost::handedOver, Qt::QueuedConnection);
        return {{u"ok"_s, true}, {u"stopped"_s, QJsonArray::fromStringList(stopped)}};
    }
    if (op == "show"_L1) {
        if (m_role != Role::Window)
            return refusal(tr("This Paddock process has no window."));
        Q_EMIT showRequested();
        return {{u"ok"_s, true}};
    }
    if (op == "reload-policy"_L1) {
        // The CLI changed a policy file: the sandboxes it applies to (all of them for the global file)
        // enforce the new rules from their next request on.
        const auto reloaded = reloadPolicies(name);
        if (!reloaded)
            return refusal(reloaded.error().message);
        return {{u"ok"_s, true}, {u"reloaded"_s, QJsonArray::fromStringList(*reloaded)}};
    }
    return refusal(tr("Unknown request \"%1\".").arg(op));
}

} // namespace Paddock::App
