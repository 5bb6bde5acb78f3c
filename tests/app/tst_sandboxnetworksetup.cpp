// paddock-test-launcher: scripts/run-with-keyring.sh
// What a starting sandbox is given for interception, from its template and the keychain (GNOME Keyring in the
// launcher's private D-Bus session): the credential for the proxy only, a placeholder for the sandbox, the
// trust bundle and variables, and a scanner that knows the credential. Sandboxes that need none get nothing.
#include "app/host/sandboxnetworksetup.h"
#include "core/policy.h"
#include "core/secretstore.h"
#include "proxy/inspection.h"

#include "secrettestsupport.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Paddock;

namespace {

Core::SandboxRecord recordFor(const QString &templateId)
{
    Core::SandboxRecord record;
    record.name = u"sb"_s;
    record.templateId = templateId;
    return record;
}

QByteArray fileContents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSandboxNetworkSetup : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    Core::Paths m_paths = Core::Paths::fromSystem();
    QTemporaryDir m_workspace;

private Q_SLOTS:
    // First: no test before it has made the CA.
    void aSandboxThatNeedsNoInterceptionGetsNothing()
    {
        App::SandboxNetworkSetup setup(m_paths);
        const auto network = setup.networkFor(recordFor(u"shell"_s), m_workspace.path(), nullptr);
        QVERIFY(network);
        QVERIFY(!network->inspection);
        QVERIFY(network->trustBundle.isEmpty() && network->environment.isEmpty());
        // Twin: an intercept rule in its policy makes it need the CA and the trust files.
        Core::Policy policy;
        policy.setLayer(Core::PolicyLayer::Sandbox,
                        {*Core::PolicyRule::parse(u"intercept **.example.com"_s)});
        const auto intercepted =
            setup.networkFor(recordFor(u"shell"_s), m_workspace.path(), policy.matcher().get());
        QVERIFY2(intercepted, qPrintable(intercepted ? QString() : intercepted.error().message));
        QVERIFY(intercepted->inspection && intercepted->inspection->authority);
        QVERIFY(QFile::exists(intercepted->trustBundle));
        // Once the CA exists, every sandbox trusts it, though one that needs no interception has no
        // inspection.
        App::SandboxNetworkSetup later(m_paths);
        const auto trusting = later.networkFor(recordFor(u"shell"_s), m_workspace.path(), nullptr);
        QVERIFY(trusting && !trusting->inspection);
        QCOMPARE(fileContents(trusting->trustBundle), fileContents(intercepted->trustBundle));
        QCOMPARE(trusting->environment.value(u"SSL_CERT_FILE"_s), u"/run/paddock/ca-bundle.pem"_s);
    }

    void aTemplateWithACredentialGetsItInjectedAndAPlaceholder()
    {
        REQUIRE_TEST_KEYRING();
        const QString key = Test::randomToken(u"sk-ant-api03-"_s);
        Core::SecretStore secrets(m_paths.secretsIndexFile());
        QVERIFY(secrets.writeNow(u"anthropic-api-key"_s, key));
        App::SandboxNetworkSetup setup(m_paths);
        const auto network = setup.networkFor(recordFor(u"claude"_s), m_workspace.path(), nullptr);
        QVERIFY2(network, qPrintable(network ? QString() : network.error().message));
        QVERIFY(network->note.isEmpty());
        // The proxy gets the real key, bound to the template's host...
        QVERIFY(network->inspection && network->inspection->authority && network->inspection->scanner);
        QCOMPARE(network->inspection->credentials.size(), 1);
        const Proxy::InjectedCredential &credential = network->inspection->credentials.first();
        QCOMPARE(credential.host, u"api.anthropic.com"_s);
        QCOMPARE(credential.header, QByteArray("x-api-key"));
        QCOMPARE(credential.value, key.toUtf8());
        // ...the sandbox only a placeholder, which the scanner lets pass, while the key itself is blocked.
        QCOMPARE(network->environment.value(u"ANTHROPIC_API_KEY"_s),
                 QString::fromLatin1(App::SandboxNetworkSetup::placeholder));
        for (auto it = network->environment.cbegin(); it != network->environment.cend(); ++it)
            QVERIFY(!it.value().contains(key));
        const auto &scanner = *network->inspection->scanner;
        QVERIFY(scanner.scan(App::SandboxNetworkSetup::placeholder, u"header"_s)->isEmpty());
        QCOMPARE(scanner.scan(QByteArray("x=" + key.toUtf8().toBase64()), u"body"_s)->size(), 1);
        // The trust bundle: the host's roots and Paddock's CA, certificates only.
        const QByteArray bundle = fileContents(network->trustBundle);
        QVERIFY(bundle.contains(network->inspection->authority->caCertificatePem().trimmed()));
        QVERIFY(bundle.count("BEGIN CERTIFICATE") > 1);
        QVERIFY(!bundle.contains("PRIVATE KEY"));
        QVERIFY(!fileContents(network->caCertificate).contains("PRIVATE KEY"));
        QVERIFY(QFile::exists(network->systemBundle));
        QCOMPARE(network->environment.value(u"SSL_CERT_FILE"_s), u"/run/paddock/ca-bundle.pem"_s);
        QCOMPARE(network->environment.value(u"NODE_EXTRA_CA_CERTS"_s), u"/run/paddock/paddock-ca.pem"_s);
        QVERIFY(secrets.removeNow(u"anthropic-api-key"_s));
    }

    void aMissingSecretIsNamedAndItsHostStillIntercepted()
    {
        REQUIRE_TEST_KEYRING();
        App::SandboxNetworkSetup setup(m_paths);
        const auto network = setup.networkFor(recordFor(u"codex"_s), m_workspace.path(), nullptr);
        QVERIFY2(network, qPrintable(network ? QString() : network.error().message));
        QVERIFY2(network->note.contains(u"paddock secret set openai-api-key"_s), qPrintable(network->note));
        QCOMPARE(network->environment.value(u"OPENAI_API_KEY"_s),
                 QString::fromLatin1(App::SandboxNetworkSetup::placeholder));
        const auto api = *Core::HostCanonicalizer::canonicalizeHost(u"api.openai.com"_s);
        QVERIFY(network->inspection->intercepts(api, 443, nullptr));
        QVERIFY(network->inspection->credentialHeaders(api).isEmpty());
    }

    void secretsInTheWorkspaceBecomeKnownSecrets()
    {
        const QByteArray password = Test::randomToken(u"db-"_s).toUtf8();
        Test::writeFile(m_workspace.filePath(u".env"_s), "DATABASE_PASSWORD=\"" + password + "\"\nDEBUG=1\n");
        App::SandboxNetworkSetup setup(m_paths);
        const auto network = setup.networkFor(recordFor(u"shell"_s), m_workspace.path(), nullptr);
        QVERIFY(network && network->inspection && network->inspection->scanner);
        QVERIFY(!network->inspection->authority); // scanning needs no interception
        const auto hits = network->inspection->scanner->scan(QByteArray("q=" + password), u"URL"_s);
        QCOMPARE(hits->size(), 1);
        QVERIFY(hits->first().description.contains(u".env: DATABASE_PASSWORD"_s));
        QVERIFY(QFile::remove(m_workspace.filePath(u".env"_s)));
    }
};

QTEST_GUILESS_MAIN(TestSandboxNetworkSetup)
#include "tst_sandboxnetworksetup.moc"
