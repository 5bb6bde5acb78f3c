#include "core/hostcanonicalizer.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isHexDigit(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// WHATWG URL "ends in a number": such a host is parsed as IPv4 by browsers and libcs, so it must never be
// treated as a DNS name.
bool looksNumeric(QStringView label)
{
    if (label.isEmpty())
        return false;
    if (label.size() >= 2 && label[0] == u'0' && (label[1] == u'x' || label[1] == u'X')) {
        for (QChar c : label.mid(2)) {
            if (!isHexDigit(c))
                return false;
        }
        return true;
    }
    for (QChar c : label) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

bool isLabelChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || isDigit(c) || c == u'-' || c == u'_';
}

} // namespace

QString CanonicalHost::authorityHost() const
{
    return kind == Kind::IPv6 ? u'[' + host + u']' : host;
}

QString CanonicalAuthority::toString() const
{
    return port ? host.authorityHost() + u':' + QString::number(*port) : host.authorityHost();
}

std::optional<quint16> HostCanonicalizer::parsePort(QStringView text)
{
    if (text.isEmpty() || text.size() > 5 || (text.size() > 1 && text[0] == u'0'))
        return std::nullopt;
    int value = 0;
    for (QChar c : text) {
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    if (value < 1 || value > 65535)
        return std::nullopt;
    return quint16(value);
}

std::optional<QHostAddress> HostCanonicalizer::parseStrictIPv4(QStringView text)
{
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    quint32 value = 0;
    for (QStringView part : parts) {
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part[0] == u'0'))
            return std::nullopt;
        int octet = 0;
        for (QChar c : part) {
            if (!isDigit(c))
                return std::nullopt;
            octet = octet * 10 + (c.unicode() - u'0');
        }
        if (octet > 255)
            return std::nullopt;
        value = (value << 8) | quint32(octet);
    }
    return QHostAddress(value);
}

std::optional<QHostAddress> HostCanonicalizer::parseStrictIPv6(QStringView text)
{
    // SECURITY: zone ids (`%eth0`) would let a literal name a different interface than the one vetted.
    if (text.isEmpty() || text.size() > 45)
        return std::nullopt;
    for (QChar c : text) {
        if (!isHexDigit(c) && c != u':' && c != u'.')
            return std::nullopt;
    }
    QHostAddress address;
    if (!address.setAddress(text.toString()) || address.protocol() != QAbstractSocket::IPv6Protocol)
        return std::nullopt;
    return address;
}

Result<CanonicalHost> HostCanonicalizer::canonicalizeHost(QStringView text)
{
    const QString quoted = u'"' + text.toString().left(80) + u'"';
    if (text.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("The host is empty."));
    if (text.startsWith(u'[')) {
        if (!text.endsWith(u']'))
            return fail(ErrorCode::InvalidArgument,
                        tr("The IPv6 address %1 has no closing bracket.").arg(quoted));
        const QStringView inner = text.mid(1, text.size() - 2);
        if (inner.contains(u'%'))
            return fail(ErrorCode::InvalidArgument,
                        tr("The IPv6 address %1 has a zone id, which is not accepted.").arg(quoted));
        const auto address = parseStrictIPv6(inner);
        if (!address)
            return fail(ErrorCode::InvalidArgument, tr("%1 is not a valid IPv6 address.").arg(quoted));
        return CanonicalHost{address->toString().toLower(), CanonicalHost::Kind::IPv6, *address};
    }

    QString host;
    host.reserve(text.size());
    for (QChar c : text) {
        // SECURITY: NUL, backslash, percent, at-sign, spaces and non-ASCII are how parsers are made to
        // disagree about which host is meant (CVE-style authority confusion), so none of them is ever
        // accepted.
        if (c.unicode() > 0x7e || c.unicode() < 0x21)
            return fail(ErrorCode::InvalidArgument,
                        tr("The host %1 contains a space, a control character or a non-ASCII character; "
                           "write international names in punycode (xn--).")
                            .arg(quoted));
        const QChar lower = c.toLower();
        if (!isLabelChar(lower) && lower != u'.')
            return fail(ErrorCode::InvalidArgument,
                        tr("The host %1 contains the character '%2', which is not allowed in a host name.")
                            .arg(quoted, QString(c)));
        host.append(lower);
    }
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host.isEmpty())
        return fail(ErrorCode::InvalidArgument, tr("The host %1 is empty.").arg(quoted));
    if (host.size() > 253)
        return fail(ErrorCode::InvalidArgument, tr("The host %1 is longer than 253 characters.").arg(quoted));

    const QList<QStringView> labels = QStringView(host).split(u'.');
    if (looksNumeric(labels.last())) {
        if (auto address = parseStrictIPv4(host))
            return CanonicalHost{host, CanonicalHost::Kind::IPv4, *address};
        return fail(ErrorCode::InvalidArgument,
                    tr("%1 is not a valid IPv4 address; write it as four decimal numbers such as 192.0.2.1 "
                       "(numeric, octal and hexadecimal forms are refused).")
                        .arg(quoted));
    }
    for (QStringView label : labels) {
        if (label.isEmpty())
            return fail(ErrorCode::InvalidArgument, tr("The host %1 has an empty label.").arg(quoted));
        if (label.size() > 63)
            return fail(ErrorCode::InvalidArgument,
                        tr("The host %1 has a label longer than 63 characters.").arg(quoted));
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return fail(ErrorCode::InvalidArgument,
                        tr("The host %1 has a label that starts or ends with a hyphen.").arg(quoted));
        if (label.startsWith("xn--"_L1)) {
            // Punycode must decode and re-encode to itself, so two spellings can never name one host.
            const QString decoded = QUrl::fromAce(label.toLatin1(), QUrl::IgnoreIDNWhitelist);
            if (decoded == label ||
                QString::fromLatin1(QUrl::toAce(decoded, QUrl::IgnoreIDNWhitelist)) != label)
                return fail(ErrorCode::InvalidArgument,
                            tr("The host %1 has an invalid punycode label.").arg(quoted));
        }
    }
    return CanonicalHost{host, CanonicalHost::Kind::DnsName, {}};
}

Result<CanonicalAuthority> HostCanonicalizer::canonicalizeAuthority(QStringView text)
{
    QStringView hostPart = text;
    QStringView portPart;
    bool hasPort = false;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return fail(
                ErrorCode::InvalidArgument,
                tr("The IPv6 address in \"%1\" has no closing bracket.").arg(text.toString().left(80)));
        hostPart = text.left(close + 1);
        const QStringView rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return fail(
                    ErrorCode::InvalidArgument,
                    tr("Unexpected text after the IPv6 address in \"%1\".").arg(text.toString().left(80)));
            portPart = rest.mid(1);
            hasPort = true;
        }
    } else if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        hostPart = text.left(colon);
        portPart = text.mid(colon + 1);
        hasPort = true;
    }
    auto host = canonicalizeHost(hostPart);
    if (!host)
        return std::unexpected(host.error());
    CanonicalAuthority authority{*host, std::nullopt};
    if (hasPort) {
        authority.port = parsePort(portPart);
        if (!authority.port)
            return fail(ErrorCode::InvalidArgument,
                        tr("\"%1\" is not a valid port; use a number from 1 to 65535.")
                            .arg(portPart.toString().left(20)));
    }
    return authority;
}

} // namespace Paddock::Core
