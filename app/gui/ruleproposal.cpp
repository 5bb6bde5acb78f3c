#include "app/gui/ruleproposal.h"

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

// The log keeps IPv6 hosts without brackets, as the proxy's canonical form does.
std::optional<CanonicalHost> hostOf(const Proxy::DecisionEvent &event)
{
    const QString text = event.host.contains(u':') ? QString(u'[' + event.host + u']') : event.host;
    auto host = HostCanonicalizer::canonicalizeHost(text);
    if (!host)
        return std::nullopt;
    return *host;
}

bool isPlainMethod(const QString &method)
{
    if (method.isEmpty() || method == "CONNECT"_L1)
        return false;
    for (const QChar c : method) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

// A path the rule grammar can state literally: a glob character or a comma would widen or split the rule.
bool isLiteralPath(const QString &path)
{
    if (!path.startsWith(u'/'))
        return false;
    for (const QChar c : path) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e || c == u'?' || c == u'#' || c == u'*' || c == u',')
            return false;
    }
    return true;
}

} // namespace

std::optional<PolicyRequest> RuleProposal::requestOf(const Proxy::DecisionEvent &event)
{
    const auto host = hostOf(event);
    if (!host || event.port == 0)
        return std::nullopt;
    // As the proxy asks: a tunnel is method CONNECT with no path.
    return PolicyRequest{event.method, *host, event.port, event.path, true};
}

bool RuleProposal::matches(const PolicyRule &rule, const Proxy::DecisionEvent &event)
{
    const auto request = requestOf(event);
    if (!request)
        return false;
    const PolicyMatcher matcher({LayeredRule{rule, PolicyLayer::Sandbox}});
    return matcher.decide(*request).winner.has_value();
}

QList<RuleProposal::Candidate> RuleProposal::candidates(const Proxy::DecisionEvent &event,
                                                        PolicyRule::Action action)
{
    const auto host = hostOf(event);
    if (!host || event.port == 0)
        return {};
    const QString verb = action == PolicyRule::Action::Allow ? u"allow"_s : u"deny"_s;
    const QString authority = host->authorityHost() + u':' + QString::number(event.port);
    QList<Candidate> proposed;
    // Methods and paths are only seen in plain HTTP (a tunnel hides them), and only then narrow a rule.
    if (isPlainMethod(event.method) && isLiteralPath(event.path))
        proposed.append({QString(verb + u' ' + event.method + u' ' + authority + event.path),
                         tr("Only %1 requests to this path.").arg(event.method)});
    proposed.append({QString(verb + u' ' + authority), host->isIpLiteral()
                                                           ? tr("This address on port %1.").arg(event.port)
                                                           : tr("This host on port %1.").arg(event.port)});
    QList<Candidate> valid;
    for (const Candidate &candidate : std::as_const(proposed)) {
        const auto rule = PolicyRule::parse(candidate.rule);
        if (rule && rule->toString() == candidate.rule && matches(*rule, event))
            valid.append(candidate);
    }
    return valid;
}

} // namespace Paddock::App
