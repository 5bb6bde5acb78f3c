#pragma once

#include "core/hostcanonicalizer.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <compare>

namespace Paddock::Core {

// The host part of a rule target.
struct HostPattern
{
    enum class Kind {
        Exact,      // example.com
        OneLabel,   // *.example.com: exactly one more label
        AnyDepth,   // **.example.com: one or more labels, not example.com itself
        Everything, // **
        Cidr,       // 10.0.0.0/8, [fd00::]/8; a bare IP literal is a /32 or /128
    };
    Kind kind = Kind::Exact;
    QString name;         // the host for Exact, the suffix for OneLabel and AnyDepth
    QHostAddress network; // for Cidr
    int prefixLength = 0; // for Cidr

    bool matchesName(QStringView host) const;
    bool matchesAddress(const QHostAddress &address) const;
    QString toString() const;
    bool operator==(const HostPattern &other) const = default;
};

// An inclusive port range; {0, 0} means any port.
struct PortRange
{
    quint16 first = 0;
    quint16 last = 0;
    bool isAny() const { return first == 0; }
    bool contains(quint16 port) const { return isAny() || (port >= first && port <= last); }
    bool operator==(const PortRange &other) const = default;
};

// One `host[:port][/path-glob]` of a rule.
struct RuleTarget
{
    HostPattern host;
    PortRange ports;
    QString pathGlob; // empty: any path

    QString toString() const;
    bool operator==(const RuleTarget &other) const = default;
};

// How specific a matching target is; larger is more specific. Compared field by field in this order:
// host tier (exact name or CIDR > *.x > **.x > **), host detail (suffix labels or prefix length),
// port (single > range > any), path (a glob with a longer literal prefix > a shorter one > none),
// methods (listed > any).
struct Specificity
{
    int hostTier = 0;
    int hostDetail = 0;
    int port = 0;
    int path = 0;
    int methods = 0;
    auto operator<=>(const Specificity &) const = default;
};

// `allow|deny [METHODS] target[,target...]`, e.g. `allow GET,HEAD **.github.com:443/repos/**`, or
// `intercept host[:port][,...]`.
class PolicyRule
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::PolicyRule)

public:
    // Intercept neither allows nor denies: it has Paddock's proxy open the TLS of allowed tunnels to those
    // hosts, so that their requests are scanned and method and path rules apply (security.md item 6).
    enum class Action { Allow, Deny, Intercept };

    static Result<PolicyRule> parse(QStringView text);

    Action action() const { return m_action; }
    const QStringList &methods() const { return m_methods; }
    const QList<RuleTarget> &targets() const { return m_targets; }
    bool isAllow() const { return m_action == Action::Allow; }
    bool isIntercept() const { return m_action == Action::Intercept; }
    // True when the rule looks inside requests (methods or paths), which a plain tunnel cannot show.
    bool needsContent() const;
    Specificity specificity(int targetIndex) const;
    // The canonical text; parse(toString()) gives an equal rule.
    QString toString() const;
    bool operator==(const PolicyRule &other) const = default;

    static bool globMatches(QStringView glob, QStringView path);

private:
    Action m_action = Action::Deny;
    QStringList m_methods;
    QList<RuleTarget> m_targets;
};

} // namespace Paddock::Core
