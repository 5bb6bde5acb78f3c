#pragma once

#include "core/hostcanonicalizer.h"
#include "core/policymatcher.h"
#include "proxy/certificateauthority.h"
#include "proxy/httprequestparser.h"
#include "proxy/secretscanner.h"

#include <QList>
#include <QSslCertificate>

#include <memory>

namespace Paddock::Proxy {

// A credential the proxy adds to the requests for one host; the sandbox holds only a placeholder.
struct InjectedCredential
{
    QString host;       // canonical
    QByteArray header;  // "x-api-key"
    QByteArray value;   // the whole header value, the secret in it
    QString secretName; // the keychain entry it came from, for messages
};

// What the proxy does with the content it can see, for one sandbox: the scanner every visible request passes,
// which CONNECT hosts are intercepted, and the credentials added after a clean scan.
struct Inspection
{
    // Null: scanning is unavailable, so every request whose content is visible is denied (fail closed).
    std::shared_ptr<const SecretScanner> scanner;
    // Null: nothing is intercepted; every CONNECT stays an end-to-end tunnel.
    std::shared_ptr<const CertificateAuthority> authority;
    // Whom upstream certificates must chain to; empty: the system's trust store.
    QList<QSslCertificate> upstreamTrust;
    QList<InjectedCredential> credentials;
    // A request body is held and scanned whole before anything of the request goes upstream, up to this size;
    // a larger plain body is then streamed with a scanned tail held back, a larger compressed one is refused.
    qint64 maxHeldBodyBytes = 8 * 1024 * 1024;

    // Hosts with a credential or an `intercept` rule in the policy, when there is a CA to mint with.
    bool intercepts(const Core::CanonicalHost &host, quint16 port, const Core::PolicyMatcher *policy) const;
    QList<HttpHeader> credentialHeaders(const Core::CanonicalHost &host) const;
};

} // namespace Paddock::Proxy
