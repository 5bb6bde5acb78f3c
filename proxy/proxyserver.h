#pragma once

#include "core/policymatcher.h"
#include "core/result.h"
#include "proxy/addressvetter.h"
#include "proxy/decisionevent.h"
#include "proxy/proxyconfig.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QMap>
#include <QObject>

#include <memory>
#include <vector>

class QThread;

namespace Paddock::Proxy {

class Resolver;

// The egress proxy: one listener per sandbox (a loopback port or a Unix socket), so a request's sandbox is
// where it arrived and cannot be forged. Connections run on worker threads; decisions are published as
// signals.
class ProxyServer : public QObject
{
    Q_OBJECT

public:
    ProxyServer(Resolver &resolver, ProxyConfig config = {}, QObject *parent = nullptr);
    ~ProxyServer() override;

    // Port 0 picks a free port; returns the port listened on.
    Core::Result<quint16> listenTcp(const QString &sandbox, const QHostAddress &address, quint16 port,
                                    std::shared_ptr<const Core::PolicyMatcher> policy, bool failOpen = false);
    // The socket file is created readable and writable by this user only.
    Core::Result<> listenUnix(const QString &sandbox, const QString &path,
                              std::shared_ptr<const Core::PolicyMatcher> policy, bool failOpen = false);
    // Takes effect for the next request of every connection of that sandbox.
    void setPolicy(const QString &sandbox, std::shared_ptr<const Core::PolicyMatcher> policy);
    // What is intercepted, injected and scanned for a listening sandbox; also takes effect for the next
    // request. Until it is called a sandbox gets the default: scanning with the provider rules only, no
    // interception.
    void setInspection(const QString &sandbox, std::shared_ptr<const Inspection> inspection);
    // While true, the sandbox's decisions are marked DecisionEvent::startingUp (its self-test runs).
    void setStartingUp(const QString &sandbox, bool startingUp);
    // The scanner with the provider rules only (null if it could not be built): shared by the sandboxes that
    // have no known secrets of their own.
    std::shared_ptr<const SecretScanner> defaultScanner() const;
    // Stops the sandbox's listeners and cuts its open connections, tunnels included.
    void removeSandbox(const QString &sandbox);
    int connectionCount(const QString &sandbox) const;

    AddressVetter &vetter() { return m_vetter; }
    // Called from worker threads.
    void publish(const DecisionEvent &event);

Q_SIGNALS:
    void decided(const Paddock::Proxy::DecisionEvent &event);

private:
    friend class TcpListener;
    friend class UnixListener;
    void dispatch(qintptr descriptor, bool local, const std::shared_ptr<ListenerContext> &context);
    std::shared_ptr<ListenerContext>
    makeContext(const QString &sandbox, std::shared_ptr<const Core::PolicyMatcher> policy, bool failOpen);

    Resolver &m_resolver;
    ProxyConfig m_config;
    std::shared_ptr<const Inspection> m_defaultInspection;
    AddressVetter m_vetter;
    std::vector<QThread *> m_threads;
    std::vector<QObject *> m_anchors; // one per thread: parent of that thread's connections
    size_t m_nextWorker = 0;
    QMap<QString, std::shared_ptr<ListenerContext>> m_contexts;
    QMultiMap<QString, QObject *> m_listeners;
};

} // namespace Paddock::Proxy
