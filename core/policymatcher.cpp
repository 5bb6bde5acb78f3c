#include "core/policymatcher.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

// Deny wins ties: a candidate beats the current best when it is more specific, or as specific and a deny.
template<class E>
bool beats(const E &candidate, const E *best)
{
    if (!best)
        return true;
    if (candidate.specificity != best->specificity)
        return candidate.specificity > best->specificity;
    return candidate.deny && !best->deny;
}

} // namespace

QString PolicyDecision::ruleText() const
{
    return winner ? winner->rule.rule.toString() : u"default-deny"_s;
}

QString PolicyMatcher::layerName(PolicyLayer layer)
{
    switch (layer) {
    case PolicyLayer::Preset:
        return tr("preset");
    case PolicyLayer::Global:
        return tr("global");
    case PolicyLayer::Project:
        return tr("project");
    case PolicyLayer::Sandbox:
        return tr("sandbox");
    }
    return {};
}

PolicyMatcher::PolicyMatcher(QList<LayeredRule> rules)
    : m_rules(std::move(rules))
{
    for (int r = 0; r < m_rules.size(); ++r) {
        const PolicyRule &rule = m_rules[r].rule;
        if (rule.isIntercept()) {
            m_interceptTargets.append(rule.targets());
            continue;
        }
        for (int t = 0; t < rule.targets().size(); ++t) {
            const HostPattern &host = rule.targets()[t].host;
            const Entry entry{r, t, rule.specificity(t), !rule.isAllow()};
            switch (host.kind) {
            case HostPattern::Kind::Exact:
                m_exact[host.name.toStdString()].push_back(entry);
                break;
            case HostPattern::Kind::OneLabel:
                m_oneLabel[host.name.toStdString()].push_back(entry);
                break;
            case HostPattern::Kind::AnyDepth:
                m_anyDepth[host.name.toStdString()].push_back(entry);
                break;
            case HostPattern::Kind::Everything:
                m_everything.push_back(entry);
                break;
            case HostPattern::Kind::Cidr:
                m_cidr.push_back(entry);
                break;
            }
        }
    }
}

bool PolicyMatcher::entryMatches(const Entry &entry, const PolicyRequest &request) const
{
    const PolicyRule &rule = m_rules[entry.rule].rule;
    const RuleTarget &target = rule.targets()[entry.target];
    if (!target.ports.contains(request.port))
        return false;
    if (!request.contentVisible && (!rule.methods().isEmpty() || !target.pathGlob.isEmpty()))
        return false;
    if (!rule.methods().isEmpty() && !rule.methods().contains(request.method))
        return false;
    if (!target.pathGlob.isEmpty() && !PolicyRule::globMatches(target.pathGlob, request.path))
        return false;
    return true;
}

template<class Visit>
void PolicyMatcher::visitCandidates(const PolicyRequest &request, Visit &&visit) const
{
    const auto visitBucket = [&](const Buckets &buckets, std::string_view key) {
        if (const auto it = buckets.find(key); it != buckets.end()) {
            for (const Entry &entry : it->second)
                visit(entry);
        }
    };
    if (request.host.isIpLiteral()) {
        for (const Entry &entry : m_cidr) {
            if (m_rules[entry.rule].rule.targets()[entry.target].host.matchesAddress(request.host.address))
                visit(entry);
        }
    } else {
        // Canonical names are ASCII and at most 253 characters: narrow them on the stack, no allocation.
        std::array<char, 256> buffer;
        const QString &name = request.host.host;
        const qsizetype length = std::min<qsizetype>(name.size(), qsizetype(buffer.size()));
        for (qsizetype i = 0; i < length; ++i)
            buffer[size_t(i)] = char(name[i].unicode());
        const std::string_view view(buffer.data(), size_t(length));
        visitBucket(m_exact, view);
        bool first = true;
        for (size_t dot = view.find('.'); dot != std::string_view::npos; dot = view.find('.', dot + 1)) {
            const std::string_view suffix = view.substr(dot + 1);
            if (first)
                visitBucket(m_oneLabel, suffix);
            first = false;
            visitBucket(m_anyDepth, suffix);
        }
    }
    for (const Entry &entry : m_everything)
        visit(entry);
}

PolicyMatch PolicyMatcher::toMatch(const Entry &entry) const
{
    return PolicyMatch{m_rules[entry.rule], entry.target, entry.specificity};
}

PolicyDecision PolicyMatcher::makeDecision(const Entry *best, const PolicyRequest &request) const
{
    PolicyDecision decision;
    const QString what = request.host.authorityHost() + u':' + QString::number(request.port);
    if (!best) {
        decision.reason = tr("No rule allows %1, so it is denied.").arg(what);
        return decision;
    }
    decision.winner = toMatch(*best);
    decision.allowed = !best->deny;
    const QString rule = decision.winner->rule.rule.toString();
    const QString layer = layerName(decision.winner->rule.layer);
    decision.reason = decision.allowed ? tr("%1 is allowed by the %2 rule \"%3\".").arg(what, layer, rule)
                                       : tr("%1 is denied by the %2 rule \"%3\".").arg(what, layer, rule);
    return decision;
}

PolicyDecision PolicyMatcher::decide(const PolicyRequest &request) const
{
    const Entry *best = nullptr;
    visitCandidates(request, [&](const Entry &entry) {
        if (beats(entry, best) && entryMatches(entry, request))
            best = &entry;
    });
    return makeDecision(best, request);
}

PolicyDecision PolicyMatcher::explain(const PolicyRequest &request) const
{
    std::vector<const Entry *> matches;
    visitCandidates(request, [&](const Entry &entry) {
        if (entryMatches(entry, request))
            matches.push_back(&entry);
    });
    std::stable_sort(matches.begin(), matches.end(),
                     [](const Entry *a, const Entry *b) { return beats(*a, b) && !beats(*b, a); });
    PolicyDecision decision = makeDecision(matches.empty() ? nullptr : matches.front(), request);
    for (size_t i = 1; i < matches.size(); ++i)
        decision.losers.append(toMatch(*matches[i]));
    return decision;
}

std::optional<PolicyMatch> PolicyMatcher::cidrMatch(const QHostAddress &address,
                                                    const PolicyRequest &request) const
{
    const Entry *best = nullptr;
    for (const Entry &entry : m_cidr) {
        const RuleTarget &target = m_rules[entry.rule].rule.targets()[entry.target];
        if (target.host.matchesAddress(address) && beats(entry, best) && entryMatches(entry, request))
            best = &entry;
    }
    if (!best)
        return std::nullopt;
    return toMatch(*best);
}

bool PolicyMatcher::intercepts(const CanonicalHost &host, quint16 port) const
{
    for (const RuleTarget &target : m_interceptTargets) {
        const bool hostMatches = host.isIpLiteral() ? target.host.matchesAddress(host.address)
                                                    : target.host.matchesName(host.host);
        if (hostMatches && target.ports.contains(port))
            return true;
    }
    return false;
}

bool PolicyMatcher::cidrExplicitlyAllows(const QHostAddress &address, const PolicyRequest &request) const
{
    const auto match = cidrMatch(address, request);
    return match && match->rule.rule.isAllow();
}

} // namespace Paddock::Core
