#include "proxy/inspection.h"

namespace Paddock::Proxy {

bool Inspection::intercepts(const Core::CanonicalHost &host, quint16 port,
                            const Core::PolicyMatcher *policy) const
{
    if (!authority)
        return false;
    for (const InjectedCredential &credential : credentials) {
        if (credential.host == host.host)
            return true;
    }
    return policy && policy->intercepts(host, port);
}

QList<HttpHeader> Inspection::credentialHeaders(const Core::CanonicalHost &host) const
{
    QList<HttpHeader> headers;
    for (const InjectedCredential &credential : credentials) {
        if (credential.host == host.host && !credential.header.isEmpty()) // empty: its secret is not set
            headers.append({credential.header, credential.value});
    }
    return headers;
}

} // namespace Paddock::Proxy
