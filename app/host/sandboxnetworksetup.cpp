#include "app/host/sandboxnetworksetup.h"

#include "core/secretstore.h"
#include "core/templatecatalog.h"
#include "core/workspacesecrets.h"
#include "proxy/inspection.h"
#include "proxy/trustbundle.h"
#include "vm/bwrapcommand.h"

#include <QDir>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

SandboxNetworkSetup::SandboxNetworkSetup(Paths paths)
    : m_paths(std::move(paths))
{}

Result<std::shared_ptr<const Proxy::CertificateAuthority>> SandboxNetworkSetup::authority()
{
    if (m_authority)
        return m_authority;
    const QString directory = Proxy::CertificateAuthority::defaultDirectory(m_paths);
    const auto keys = Proxy::CertificateAuthority::keyStoreFor(directory);
    auto loaded = Proxy::CertificateAuthority::loadOrCreate(directory, *keys);
    if (!loaded)
        return std::unexpected(loaded.error());
    m_authority = std::make_shared<const Proxy::CertificateAuthority>(std::move(*loaded));
    return m_authority;
}

Result<> SandboxNetworkSetup::writeTrustFiles(const QString &caCertificateFile)
{
    if (!m_bundleFile.isEmpty())
        return {};
    QFile certificate(caCertificateFile);
    if (!certificate.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, certificate.errorString());
    const auto system = Proxy::TrustBundle::findSystemBundle();
    if (!system)
        return std::unexpected(system.error());
    const auto bundle = Proxy::TrustBundle::make(certificate.readAll(), *system);
    if (!bundle)
        return std::unexpected(bundle.error());
    const QString file = QFileInfo(caCertificateFile).dir().filePath(u"sandbox-bundle.pem"_s);
    if (auto written = bundle->writeBundle(file); !written)
        return written;
    m_bundleFile = file;
    m_systemBundle = *system;
    return {};
}

Result<> SandboxNetworkSetup::trust(Vm::SandboxNetwork &network, const QString &caCertificateFile)
{
    if (auto written = writeTrustFiles(caCertificateFile); !written)
        return fail(
            written.error().code,
            tr("The sandbox's certificate bundle could not be made: %1").arg(written.error().message));
    network.trustBundle = m_bundleFile;
    network.systemBundle = m_systemBundle;
    network.caCertificate = caCertificateFile;
    for (const auto &variable :
         Proxy::TrustBundle::environment(QString::fromLatin1(Vm::BwrapCommand::trustBundleInSandbox),
                                         QString::fromLatin1(Vm::BwrapCommand::caCertificateInSandbox)))
        network.environment.insert(variable.name, variable.value);
    return {};
}

Result<Vm::SandboxNetwork> SandboxNetworkSetup::networkFor(const SandboxRecord &record,
                                                           const QString &workspace,
                                                           const PolicyMatcher *policy)
{
    Vm::SandboxNetwork network;
    auto inspection = std::make_shared<Proxy::Inspection>();
    const TemplateCatalog templates(m_paths.templatesDir());
    const QList<CredentialBinding> bindings =
        templates.find(record.templateId).value_or(AgentTemplate{}).credentials;
    const QList<WorkspaceSecret> workspaceSecrets = WorkspaceSecrets::find(workspace);
    const bool intercepting = !bindings.isEmpty() || (policy && !policy->interceptTargets().isEmpty());
    // Every sandbox trusts Paddock's CA once there is one (its certificate is public; its key is not loaded
    // for a sandbox that needs no interception, which might ask to unlock the keychain).
    const QString caFile =
        Proxy::CertificateAuthority::certificateFile(Proxy::CertificateAuthority::defaultDirectory(m_paths));
    if (!intercepting && QFileInfo::exists(caFile)) {
        if (auto trusted = trust(network, caFile); !trusted)
            return std::unexpected(trusted.error());
    }
    if (!intercepting && workspaceSecrets.isEmpty())
        return network; // the proxy's defaults: scanning with the provider rules, tunnels end to end

    auto scanner = Proxy::SecretScanner::create();
    if (!scanner)
        return std::unexpected(scanner.error());
    // SECURITY: the sandbox can read these; the scanner is what keeps them from leaving.
    for (const WorkspaceSecret &secret : workspaceSecrets) {
        if (auto known = scanner->addKnownSecret(secret.name, secret.value); !known)
            return std::unexpected(known.error());
    }
    if (intercepting) {
        // The CA is loaded only when a sandbox needs it: loading may ask the user to unlock the keychain.
        const auto ca = authority();
        if (!ca)
            return fail(ca.error().code, tr("Paddock's CA, which it needs to intercept this sandbox's TLS, "
                                            "could not be loaded: %1")
                                             .arg(ca.error().message));
        if (auto trusted = trust(network, (*ca)->certificateFile()); !trusted)
            return std::unexpected(trusted.error());
        inspection->authority = *ca;
    }

    SecretStore secrets(m_paths.secretsIndexFile());
    QStringList missing;
    for (const CredentialBinding &binding : bindings) {
        if (!binding.placeholderEnv.isEmpty())
            network.environment.insert(binding.placeholderEnv, QString::fromLatin1(placeholder));
        const auto value = secrets.readNow(binding.secret);
        if (!value) {
            missing.append(binding.secret);
            // Still intercepted, so that nothing else reaches the host in its place.
            inspection->credentials.append({binding.host, {}, {}, binding.secret});
            continue;
        }
        // SECURITY: the value goes to the proxy only; the scanner blocks it anywhere the sandbox sends it.
        if (auto known = scanner->addKnownSecret(binding.secret, value->toUtf8()); !known)
            return std::unexpected(known.error());
        QString headerValue = binding.format;
        inspection->credentials.append({binding.host, binding.header.toLatin1(),
                                        headerValue.replace(u"{secret}"_s, *value).toUtf8(), binding.secret});
    }
    inspection->scanner = std::make_shared<const Proxy::SecretScanner>(std::move(*scanner));
    network.inspection = std::move(inspection);
    if (!missing.isEmpty())
        //: %1 is a list of secret names; the command sets one of them.
        network.note = tr("not set: %1 (paddock secret set %2)").arg(missing.join(u", "_s), missing.first());
    return network;
}

} // namespace Paddock::App
