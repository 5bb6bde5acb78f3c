#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QMutex>

#include <functional>

namespace Paddock::Proxy {

// Decides whether the proxy may dial an address (security.md item 2: no lateral movement). Loopback, private,
// CGNAT, link-local (cloud metadata), ULA, NAT64, multicast, reserved ranges, the host's own interface
// addresses and the proxy's own listeners are refused unless the policy names the address in an explicit CIDR
// rule.
class AddressVetter
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::AddressVetter)

public:
    enum class Category {
        Public,
        Unspecified, // 0.0.0.0/8, ::
        Loopback,
        Private,     // RFC 1918
        SharedCgnat, // 100.64.0.0/10
        LinkLocal,   // 169.254.0.0/16 (cloud metadata), fe80::/10
        UniqueLocal, // fc00::/7
        Multicast,
        Reserved,      // 240.0.0.0/4, broadcast, documentation and benchmarking ranges
        HostInterface, // one of this machine's own addresses
        ProxyListener, // one of Paddock's own listening sockets
    };
    struct Verdict
    {
        bool allowed = false;
        Category category = Category::Public;
        QString reason;
    };
    // "Does an explicit CIDR rule allow this address and port?" — provided by the policy.
    using ExplicitAllow = std::function<bool(const QHostAddress &, quint16)>;

    AddressVetter();

    void setHostAddresses(QList<QHostAddress> addresses) { m_hostAddresses = std::move(addresses); }
    // Thread-safe: listeners are added while connections are being vetted.
    void addProxyListener(const QHostAddress &address, quint16 port);

    Verdict vet(const QHostAddress &address, quint16 port, const ExplicitAllow &explicitAllow = {}) const;
    static Category classify(const QHostAddress &address);
    // IPv4-mapped, IPv4-compatible, NAT64 and 6to4 addresses carry an IPv4 address: the one really dialled.
    static QHostAddress embeddedIPv4(const QHostAddress &address);
    static QString categoryName(Category category);

private:
    QList<QHostAddress> m_hostAddresses;
    mutable QMutex m_mutex;
    QList<QPair<QHostAddress, quint16>> m_listeners;
};

} // namespace Paddock::Proxy
