#include "proxy/inspection.h"

namespace Paddock::Proxy {

bool Inspection::intercepts(const Core::CanonicalHost &host, quint16 port) const
{
    if (!authority)
        return false;
    for (const InjectedCredential &credential : credentials) {
        if (credential.host == host.host)
            return true;
    }
    for (const Core::RuleTarget &target : interceptTargets) {
        const bool hostMatches = host.isIpLiteral() ? target.host.matchesAddress(host.address)
                                                    : target.host.matchesName(host.host);
        if (hostMatches && target.ports.contains(port))
            return true;
    }
    return false;
}

QList<HttpHeader> Inspection::credentialHeaders(const Core::CanonicalHost &host) const
{
    QList<HttpHeader> headers;
    for (const InjectedCredential &credential : credentials) {
        if (credential.host == host.host)
            headers.append({credential.header, credential.value});
    }
    return headers;
}

} // namespace Paddock::Proxy
