#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace Paddock::Core {

// A host in its one canonical form: used alike for matching, resolving, dialling, SNI, Host and certificate
// SANs.
struct CanonicalHost
{
    enum class Kind { DnsName, IPv4, IPv6 };
    QString host; // lower-case DNS name without trailing dot, or the address text (IPv6 without brackets)
    Kind kind = Kind::DnsName;
    QHostAddress address; // set for IP literals

    bool isIpLiteral() const { return kind != Kind::DnsName; }
    // The form used in an authority: IPv6 gets brackets.
    QString authorityHost() const;
    bool operator==(const CanonicalHost &other) const { return host == other.host && kind == other.kind; }
};

struct CanonicalAuthority
{
    CanonicalHost host;
    std::optional<quint16> port;
    QString toString() const;
};

// Turns untrusted host and authority text into canonical form, or refuses it with a reason.
// Strict: ASCII only (IDN as checked punycode), one trailing dot stripped, IPv4 only as a.b.c.d in decimal,
// IPv6 only in brackets and without zone ids. Legacy IPv4 spellings (2130706433, 0x7f.1, 0177.0.0.1, 127.1)
// are recognised and refused, so they can never pass for a host name or a different address.
class HostCanonicalizer
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::HostCanonicalizer)

public:
    // A host as it appears in an authority: `example.com`, `1.2.3.4`, `[::1]`.
    static Result<CanonicalHost> canonicalizeHost(QStringView text);
    // `host[:port]`; the port, when present, must be decimal 1-65535.
    static Result<CanonicalAuthority> canonicalizeAuthority(QStringView text);
    // A decimal port 1-65535 with no sign, spaces or leading zeros.
    static std::optional<quint16> parsePort(QStringView text);
    // Strict dotted-quad: exactly four decimal parts 0-255 without leading zeros.
    static std::optional<QHostAddress> parseStrictIPv4(QStringView text);
    // IPv6 text without brackets; zone ids are refused.
    static std::optional<QHostAddress> parseStrictIPv6(QStringView text);
};

} // namespace Paddock::Core
