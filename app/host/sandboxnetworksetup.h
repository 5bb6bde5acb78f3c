#pragma once

#include "core/agenttemplate.h"
#include "core/paths.h"
#include "core/policymatcher.h"
#include "core/result.h"
#include "core/sandboxrecord.h"
#include "proxy/certificateauthority.h"
#include "vm/sandboxmanager.h"

#include <QCoreApplication>

#include <memory>

namespace Paddock::App {

// Makes what each starting sandbox's traffic needs for interception (security.md items 6-9): Paddock's CA,
// loaded or created once; the trust files the sandbox is given; the template's credentials read from the
// keychain, bound to their hosts; placeholders for them in the sandbox; a scanner that knows their values.
class SandboxNetworkSetup
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::SandboxNetworkSetup)

public:
    // What the sandbox's process sees in place of a credential: low entropy, so no scanner mistakes it.
    static constexpr auto placeholder = "paddock-injects-this-credential";

    explicit SandboxNetworkSetup(Core::Paths paths);

    // Never fails for a missing secret or keychain: the sandbox then starts without that credential, and
    // the note says which and how to set it. Fails when the template needs interception and there is no CA.
    // The secrets in the workspace's .env and similar files become known secrets of its scanner.
    Core::Result<Vm::SandboxNetwork> networkFor(const Core::SandboxRecord &record, const QString &workspace,
                                                const Core::PolicyMatcher *policy);

private:
    Core::Result<std::shared_ptr<const Proxy::CertificateAuthority>> authority();
    // Writes the bundle of the host's roots and this CA certificate, once per process.
    Core::Result<> writeTrustFiles(const QString &caCertificateFile);
    // Gives network the trust files and the variables that point at them.
    Core::Result<> trust(Vm::SandboxNetwork &network, const QString &caCertificateFile);

    Core::Paths m_paths;
    std::shared_ptr<const Proxy::CertificateAuthority> m_authority;
    QString m_bundleFile;   // the host's roots and Paddock's CA
    QString m_systemBundle; // the host's own bundle, which the sandbox sees replaced by m_bundleFile
};

} // namespace Paddock::App
