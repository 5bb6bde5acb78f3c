#include "proxy/proxyserver.h"

#include "proxy/proxyconnection.h"
#include "proxy/resolver.h"

#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {
constexpr int listenBacklog = 1024; // connections the kernel queues for a listener before it accepts them
} // namespace

// Accepts on a loopback port and hands each descriptor to a worker thread.
class TcpListener : public QTcpServer
{
public:
    TcpListener(ProxyServer *server, std::shared_ptr<ListenerContext> context)
        : m_server(server)
        , m_context(std::move(context))
    {}

protected:
    void incomingConnection(qintptr descriptor) override { m_server->dispatch(descriptor, false, m_context); }

private:
    ProxyServer *m_server;
    std::shared_ptr<ListenerContext> m_context;
};

// Accepts on a Unix socket (how sandboxes reach the proxy) and hands each descriptor to a worker thread.
class UnixListener : public QLocalServer
{
public:
    UnixListener(ProxyServer *server, std::shared_ptr<ListenerContext> context)
        : m_server(server)
        , m_context(std::move(context))
    {}

protected:
    void incomingConnection(quintptr descriptor) override
    {
        m_server->dispatch(qintptr(descriptor), true, m_context);
    }

private:
    ProxyServer *m_server;
    std::shared_ptr<ListenerContext> m_context;
};

ProxyServer::ProxyServer(Resolver &resolver, ProxyConfig config, QObject *parent)
    : QObject(parent)
    , m_resolver(resolver)
    , m_config(config)
{
    qRegisterMetaType<DecisionEvent>();
    // Every sandbox's visible requests are scanned; without a scanner they are denied (Inspection::scanner).
    auto inspection = std::make_shared<Inspection>();
    if (auto scanner = SecretScanner::create())
        inspection->scanner = std::make_shared<const SecretScanner>(std::move(*scanner));
    else
        qWarning("paddock proxy: the secret scanner could not be built: %s",
                 qPrintable(scanner.error().message));
    m_defaultInspection = std::move(inspection);
    // The workers run Qt's own event dispatcher rather than GLib's: GLib wakes its loop with a write to an
    // eventfd whenever a socket notifier is switched, which Qt does around every socket write, so several
    // times per request. Qt picks the dispatcher when a thread starts, from QT_NO_GLIB; the main thread keeps
    // GLib (the keychain needs it).
    const bool hadNoGlib = qEnvironmentVariableIsSet("QT_NO_GLIB");
    const QByteArray noGlib = qgetenv("QT_NO_GLIB");
    qputenv("QT_NO_GLIB", "1");
    for (int i = 0; i < std::max(1, m_config.workerThreads); ++i) {
        auto *thread = new QThread;
        thread->setObjectName(u"paddock-proxy-%1"_s.arg(i));
        auto *anchor = new QObject;
        anchor->moveToThread(thread);
        thread->start();
        // Returns once the thread runs its event loop, so its dispatcher exists.
        QMetaObject::invokeMethod(
            anchor, [] {}, Qt::BlockingQueuedConnection);
        m_threads.push_back(thread);
        m_anchors.push_back(anchor);
    }
    if (hadNoGlib)
        qputenv("QT_NO_GLIB", noGlib);
    else
        qunsetenv("QT_NO_GLIB");
}

ProxyServer::~ProxyServer()
{
    // Listeners and connections live in the workers and must die there. Listeners first: a connection
    // accepted in between would be dispatched to a deleted anchor.
    for (QObject *listener : std::as_const(m_listeners))
        QMetaObject::invokeMethod(
            listener, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
    for (QObject *anchor : std::as_const(m_anchors))
        QMetaObject::invokeMethod(
            anchor, [anchor] { delete anchor; }, Qt::BlockingQueuedConnection);
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
        delete thread;
    }
}

std::shared_ptr<ListenerContext> ProxyServer::makeContext(const QString &sandbox,
                                                          std::shared_ptr<const Core::PolicyMatcher> policy,
                                                          bool failOpen)
{
    if (auto existing = m_contexts.value(sandbox)) {
        existing->setPolicy(std::move(policy));
        return existing;
    }
    auto context = std::make_shared<ListenerContext>(sandbox, std::move(policy), failOpen);
    context->server = this;
    context->resolver = &m_resolver;
    context->vetter = &m_vetter;
    context->config = m_config;
    context->setInspection(m_defaultInspection);
    m_contexts.insert(sandbox, context);
    return context;
}

Core::Result<quint16> ProxyServer::listenTcp(const QString &sandbox, const QHostAddress &address,
                                             quint16 port, std::shared_ptr<const Core::PolicyMatcher> policy,
                                             bool failOpen)
{
    auto *listener = new TcpListener(this, makeContext(sandbox, std::move(policy), failOpen));
    listener->moveToThread(m_threads.front());
    bool ok = false;
    QString error;
    QMetaObject::invokeMethod(
        listener,
        [&] {
            listener->setMaxPendingConnections(1024);
            // The kernel's queue too (Qt asks for 50): an agent opening many connections at once would
            // otherwise see SYNs dropped and retried after one second, then two, then four...
            listener->setListenBacklogSize(listenBacklog);
            ok = listener->listen(address, port);
            error = listener->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        QMetaObject::invokeMethod(
            listener, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
        return Core::fail(
            Core::ErrorCode::Io,
            tr("Cannot listen on %1 port %2: %3.").arg(address.toString()).arg(port).arg(error));
    }
    const quint16 actual = listener->serverPort();
    m_vetter.addProxyListener(address, actual);
    m_listeners.insert(sandbox, listener);
    return actual;
}

Core::Result<> ProxyServer::listenUnix(const QString &sandbox, const QString &path,
                                       std::shared_ptr<const Core::PolicyMatcher> policy, bool failOpen)
{
    auto *listener = new UnixListener(this, makeContext(sandbox, std::move(policy), failOpen));
    listener->moveToThread(m_threads.front());
    bool ok = false;
    QString error;
    QMetaObject::invokeMethod(
        listener,
        [&] {
            listener->setSocketOptions(QLocalServer::UserAccessOption);
            listener->setListenBacklogSize(listenBacklog);
            QLocalServer::removeServer(path);
            ok = listener->listen(path);
            error = listener->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        QMetaObject::invokeMethod(
            listener, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
        return Core::fail(Core::ErrorCode::Io, tr("Cannot listen on the socket %1: %2.").arg(path, error));
    }
    m_listeners.insert(sandbox, listener);
    return {};
}

std::shared_ptr<const SecretScanner> ProxyServer::defaultScanner() const
{
    return m_defaultInspection->scanner;
}

void ProxyServer::setInspection(const QString &sandbox, std::shared_ptr<const Inspection> inspection)
{
    if (auto context = m_contexts.value(sandbox))
        context->setInspection(std::move(inspection));
}

void ProxyServer::setStartingUp(const QString &sandbox, bool startingUp)
{
    if (auto context = m_contexts.value(sandbox))
        context->startingUp = startingUp;
}

void ProxyServer::setPolicy(const QString &sandbox, std::shared_ptr<const Core::PolicyMatcher> policy)
{
    if (auto context = m_contexts.value(sandbox))
        context->setPolicy(std::move(policy));
}

void ProxyServer::removeSandbox(const QString &sandbox)
{
    for (QObject *listener : m_listeners.values(sandbox))
        QMetaObject::invokeMethod(
            listener, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
    m_listeners.remove(sandbox);
    const std::shared_ptr<ListenerContext> context = m_contexts.take(sandbox);
    if (!context)
        return;
    // SECURITY: a removed sandbox keeps nothing open: its tunnels and kept connections are cut in every
    // worker.
    context->revoked = true;
    for (QObject *anchor : std::as_const(m_anchors))
        QMetaObject::invokeMethod(
            anchor,
            [anchor, raw = context.get()] {
                for (ProxyConnection *connection :
                     anchor->findChildren<ProxyConnection *>(Qt::FindDirectChildrenOnly))
                    if (connection->context() == raw)
                        connection->terminate();
            },
            Qt::BlockingQueuedConnection);
}

int ProxyServer::connectionCount(const QString &sandbox) const
{
    const auto context = m_contexts.value(sandbox);
    return context ? context->connections.load() : 0;
}

void ProxyServer::publish(const DecisionEvent &event)
{
    Q_EMIT decided(event);
}

void ProxyServer::dispatch(qintptr descriptor, bool local, const std::shared_ptr<ListenerContext> &context)
{
    // SECURITY: bounded connections per sandbox, so one sandbox cannot exhaust the host (HostDoS).
    if (context->revoked || context->connections.load() >= context->config.maxConnectionsPerListener) {
        ::close(int(descriptor));
        return;
    }
    QObject *anchor = m_anchors[m_nextWorker++ % m_anchors.size()];
    QMetaObject::invokeMethod(anchor, [anchor, descriptor, local, context] {
        QIODevice *socket = nullptr;
        if (local) {
            auto *localSocket = new QLocalSocket;
            if (!localSocket->setSocketDescriptor(quintptr(descriptor))) {
                delete localSocket;
                return;
            }
            socket = localSocket;
        } else {
            auto *tcpSocket = new QTcpSocket;
            if (!tcpSocket->setSocketDescriptor(descriptor)) {
                delete tcpSocket;
                return;
            }
            tcpSocket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            socket = tcpSocket;
        }
        if (context->revoked) { // removed while this connection was on its way to the worker
            delete socket;
            return;
        }
        auto *connection = new ProxyConnection(context, socket, anchor);
        QObject::connect(connection, &ProxyConnection::finished, connection, &QObject::deleteLater);
    });
}

} // namespace Paddock::Proxy
