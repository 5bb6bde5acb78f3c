#pragma once

#include "core/policyrule.h"

#include <QList>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Paddock::Core {

// Where a rule comes from; later layers are listed later but do not override: specificity decides.
enum class PolicyLayer { Preset, Global, Project, Sandbox };

struct LayeredRule
{
    PolicyRule rule;
    PolicyLayer layer = PolicyLayer::Global;
};

// What the proxy knows about a request when it decides.
struct PolicyRequest
{
    QString method; // empty for a tunnel whose content is not visible
    CanonicalHost host;
    quint16 port = 0;
    QString path; // without the query; empty for a tunnel
    // False for a CONNECT tunnel that is not intercepted: rules with methods or paths cannot apply then.
    bool contentVisible = true;
};

struct PolicyMatch
{
    LayeredRule rule;
    int targetIndex = 0;
    Specificity specificity;
};

struct PolicyDecision
{
    bool allowed = false;
    std::optional<PolicyMatch> winner; // empty: no rule matched, so the default (deny) applies
    QString reason;                    // a sentence for logs and the 403 body
    QList<PolicyMatch> losers; // filled by explain(): matching rules that did not win, most specific first

    // The winning rule's text, or "default-deny".
    QString ruleText() const;
};

// The compiled, immutable form of a rule set: hash lookups per host label instead of a scan of every rule.
// Safe for concurrent use from several threads; build a new one to change the rules.
class PolicyMatcher
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::PolicyMatcher)

public:
    explicit PolicyMatcher(QList<LayeredRule> rules);

    // The most specific matching rule wins; at equal specificity deny wins; no match denies.
    PolicyDecision decide(const PolicyRequest &request) const;
    // decide() plus every other matching rule, for `paddock policy explain`.
    PolicyDecision explain(const PolicyRequest &request) const;
    // True when the most specific CIDR rule naming this address (not `**`) and matching the request's port,
    // method and path allows it: how a user opts a private or loopback address out of address vetting.
    bool cidrExplicitlyAllows(const QHostAddress &address, const PolicyRequest &request) const;
    // The most specific CIDR rule that names this address and matches the request's port, method and path,
    // if any (deny CIDRs also apply after DNS). The request's host is not looked at.
    std::optional<PolicyMatch> cidrMatch(const QHostAddress &address, const PolicyRequest &request) const;

    // The targets of the `intercept` rules, which decide() never looks at.
    const QList<RuleTarget> &interceptTargets() const { return m_interceptTargets; }
    bool intercepts(const CanonicalHost &host, quint16 port) const;

    const QList<LayeredRule> &rules() const { return m_rules; }
    static QString layerName(PolicyLayer layer);

private:
    struct Entry
    {
        int rule;
        int target;
        Specificity specificity;
        bool deny;
    };
    struct StringHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    using Buckets = std::unordered_map<std::string, std::vector<Entry>, StringHash, std::equal_to<>>;

    bool entryMatches(const Entry &entry, const PolicyRequest &request) const;
    template<class Visit>
    void visitCandidates(const PolicyRequest &request, Visit &&visit) const;
    PolicyDecision makeDecision(const Entry *best, const PolicyRequest &request) const;
    PolicyMatch toMatch(const Entry &entry) const;

    QList<LayeredRule> m_rules;
    Buckets m_exact;
    Buckets m_oneLabel; // by suffix
    Buckets m_anyDepth; // by suffix
    std::vector<Entry> m_everything;
    std::vector<Entry> m_cidr;
    QList<RuleTarget> m_interceptTargets;
};

} // namespace Paddock::Core
