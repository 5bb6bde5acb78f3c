#pragma once

#include "core/policymatcher.h"
#include "proxy/addressvetter.h"
#include "proxy/httprequestparser.h"
#include "proxy/inspection.h"

#include <QList>
#include <QMutex>
#include <QString>

#include <atomic>
#include <memory>

namespace Paddock::Proxy {

class ProxyServer;
class Resolver;

// Every bound the proxy enforces per connection and per listener (security.md item 4).
struct ProxyConfig
{
    // A plain-HTTP request to this host is answered by the proxy itself: sandboxes' start-up self-test.
    static constexpr QLatin1StringView selfTestHost{"selftest.paddock.invalid"};

    HttpLimits limits;
    int headerTimeoutMs = 30'000; // a request head must arrive within this (slowloris)
    int idleTimeoutMs = 300'000;  // no byte in either direction for this long closes the connection
    int connectTimeoutMs = 15'000;
    int clientHelloTimeoutMs = 10'000;
    int maxConnectionsPerListener = 2048;
    qint64 maxBufferedBytes = 1024 * 1024; // per direction, before reading from the other side pauses
    int workerThreads = 2;
    // Tunnels to these ports must start with a TLS ClientHello naming the CONNECT host (security.md item 5).
    QList<quint16> tlsOnlyPorts{443};
};

// What every connection of one listener shares: its sandbox, its current policy and the services it uses.
// The policy can be replaced while connections run; each request reads the current one.
class ListenerContext
{
public:
    ListenerContext(QString sandbox, std::shared_ptr<const Core::PolicyMatcher> policy, bool failOpen)
        : m_sandbox(std::move(sandbox))
        , m_policy(std::move(policy))
        , m_failOpen(failOpen)
    {}

    const QString &sandbox() const { return m_sandbox; }
    std::shared_ptr<const Core::PolicyMatcher> policy() const
    {
        QMutexLocker lock(&m_mutex);
        return m_policy;
    }
    void setPolicy(std::shared_ptr<const Core::PolicyMatcher> policy)
    {
        QMutexLocker lock(&m_mutex);
        m_policy = std::move(policy);
    }
    bool failOpen() const { return m_failOpen; }
    std::shared_ptr<const Inspection> inspection() const
    {
        QMutexLocker lock(&m_mutex);
        return m_inspection;
    }
    void setInspection(std::shared_ptr<const Inspection> inspection)
    {
        QMutexLocker lock(&m_mutex);
        m_inspection = std::move(inspection);
    }

    ProxyServer *server = nullptr;
    Resolver *resolver = nullptr;
    const AddressVetter *vetter = nullptr;
    ProxyConfig config;
    std::atomic<int> connections{0};
    std::atomic<bool> revoked{false};    // the sandbox is gone: no new connection, open ones are cut
    std::atomic<bool> startingUp{false}; // its sandbox has not passed its self-test yet

private:
    QString m_sandbox;
    mutable QMutex m_mutex;
    std::shared_ptr<const Core::PolicyMatcher>
        m_policy; // null: no policy could be loaded, so everything is denied
    bool m_failOpen = false;
    std::shared_ptr<const Inspection> m_inspection; // never null once listening
};

} // namespace Paddock::Proxy
