#include "proxy/addressvetter.h"

#include <QNetworkInterface>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {

bool inSubnet(const QHostAddress &address, const char *subnet)
{
    const auto parsed = QHostAddress::parseSubnet(QString::fromLatin1(subnet));
    return address.isInSubnet(parsed.first, parsed.second);
}

AddressVetter::Category classifyIPv4(const QHostAddress &address)
{
    using C = AddressVetter::Category;
    const struct
    {
        const char *subnet;
        C category;
    } table[] = {
        {"0.0.0.0/8", C::Unspecified},    {"127.0.0.0/8", C::Loopback},    {"10.0.0.0/8", C::Private},
        {"172.16.0.0/12", C::Private},    {"192.168.0.0/16", C::Private},  {"100.64.0.0/10", C::SharedCgnat},
        {"169.254.0.0/16", C::LinkLocal}, {"224.0.0.0/4", C::Multicast},   {"240.0.0.0/4", C::Reserved},
        {"192.0.0.0/24", C::Reserved},    {"192.0.2.0/24", C::Reserved},   {"198.18.0.0/15", C::Reserved},
        {"198.51.100.0/24", C::Reserved}, {"203.0.113.0/24", C::Reserved},
    };
    for (const auto &entry : table) {
        if (inSubnet(address, entry.subnet))
            return entry.category;
    }
    return C::Public;
}

} // namespace

AddressVetter::AddressVetter()
    : m_hostAddresses(QNetworkInterface::allAddresses())
{}

void AddressVetter::addProxyListener(const QHostAddress &address, quint16 port)
{
    QMutexLocker lock(&m_mutex);
    m_listeners.append({address, port});
}

QHostAddress AddressVetter::embeddedIPv4(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    const auto v4At = [&](int offset) {
        return QHostAddress((quint32(bytes[offset]) << 24) | (quint32(bytes[offset + 1]) << 16) |
                            (quint32(bytes[offset + 2]) << 8) | quint32(bytes[offset + 3]));
    };
    bool ok = false;
    const QHostAddress mapped(address.toIPv4Address(&ok)); // ::ffff:a.b.c.d
    if (ok)
        return mapped;
    if (inSubnet(address, "64:ff9b::/96") ||
        inSubnet(address, "::/96")) { // NAT64 well-known, IPv4-compatible
        const bool allZero = !inSubnet(address, "64:ff9b::/96") && v4At(12).toIPv4Address() <= 1;
        if (!allZero) // :: and ::1 are IPv6's own unspecified and loopback
            return v4At(12);
    }
    if (inSubnet(address, "2002::/16")) // 6to4
        return v4At(2);
    return {};
}

AddressVetter::Category AddressVetter::classify(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        if (address.toIPv4Address() == 0xffffffffu)
            return Category::Reserved;
        return classifyIPv4(address);
    }
    const QHostAddress v4 = embeddedIPv4(address);
    if (!v4.isNull())
        return classifyIPv4(v4);
    if (address.isNull() || address == QHostAddress(QHostAddress::AnyIPv6))
        return Category::Unspecified;
    if (address == QHostAddress(QHostAddress::LocalHostIPv6))
        return Category::Loopback;
    if (inSubnet(address, "fe80::/10"))
        return Category::LinkLocal;
    if (inSubnet(address, "fc00::/7") || inSubnet(address, "fec0::/10"))
        return Category::UniqueLocal;
    if (inSubnet(address, "ff00::/8"))
        return Category::Multicast;
    if (inSubnet(address, "64:ff9b:1::/48") || inSubnet(address, "2001:db8::/32") ||
        inSubnet(address, "100::/64") ||
        inSubnet(address, "2001::/32")) // local NAT64, documentation, discard, Teredo
        return Category::Reserved;
    return Category::Public;
}

QString AddressVetter::categoryName(Category category)
{
    switch (category) {
    case Category::Public:
        return tr("a public address");
    case Category::Unspecified:
        return tr("an unspecified address");
    case Category::Loopback:
        return tr("a loopback address");
    case Category::Private:
        return tr("a private network address");
    case Category::SharedCgnat:
        return tr("a carrier-grade NAT address");
    case Category::LinkLocal:
        return tr("a link-local address (such as cloud metadata)");
    case Category::UniqueLocal:
        return tr("a unique-local IPv6 address");
    case Category::Multicast:
        return tr("a multicast address");
    case Category::Reserved:
        return tr("a reserved address");
    case Category::HostInterface:
        return tr("this machine's own address");
    case Category::ProxyListener:
        return tr("Paddock's own proxy");
    }
    return {};
}

AddressVetter::Verdict AddressVetter::vet(const QHostAddress &address, quint16 port,
                                          const ExplicitAllow &explicitAllow) const
{
    const QHostAddress v4 = embeddedIPv4(address);
    const QHostAddress effective = v4.isNull() ? address : v4;
    Category category = classify(address);
    // SECURITY: the proxy's own listeners would let one sandbox reach another sandbox's proxy (and identity).
    QMutexLocker lock(&m_mutex);
    for (const auto &listener : std::as_const(m_listeners)) {
        const bool anyAddress = listener.first == QHostAddress(QHostAddress::Any) ||
                                listener.first == QHostAddress(QHostAddress::AnyIPv4) ||
                                listener.first == QHostAddress(QHostAddress::AnyIPv6);
        if (listener.second == port &&
            (anyAddress || listener.first.isEqual(effective, QHostAddress::TolerantConversion)))
            return {false, Category::ProxyListener,
                    tr("%1 is %2; it is never reachable from a sandbox.")
                        .arg(address.toString(), categoryName(Category::ProxyListener))};
    }
    if (category == Category::Public) {
        for (const QHostAddress &own : m_hostAddresses) {
            if (own.isEqual(effective, QHostAddress::TolerantConversion)) {
                category = Category::HostInterface;
                break;
            }
        }
    }
    if (category == Category::Public)
        return {true, category, {}};
    // SECURITY: lateral movement to the host, the LAN or cloud metadata needs an explicit CIDR rule.
    if (explicitAllow && (explicitAllow(effective, port) || explicitAllow(address, port)))
        return {true, category,
                tr("%1 is %2, allowed by an explicit rule.").arg(address.toString(), categoryName(category))};
    return {false, category,
            tr("%1 is %2, which sandboxes may not reach unless a rule names it, e.g. 'allow %3/32:%4'.")
                .arg(address.toString(), categoryName(category), effective.toString())
                .arg(port)};
}

} // namespace Paddock::Proxy
