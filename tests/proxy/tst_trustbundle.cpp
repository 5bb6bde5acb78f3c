// What sandboxes get to trust Paddock's CA: the host's roots plus Paddock's CA certificate, certificates only
// (never the CA key, never a key or a trust-annotated block from the host's bundle), the CA alone for Node,
// and the variables that point TLS clients at them. The bundle is checked with OpenSSL's verifier.
#include "proxy/certificateauthority.h"
#include "proxy/trustbundle.h"

#include "testsupport.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <QSslCertificate>
#include <QtTest>

#include <sys/stat.h>

using namespace Paddock;
using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;
using Core::ErrorCode;

namespace {

// Whether leaf verifies as a TLS server for host against the roots in bundleFile.
bool verifiesWith(const QString &bundleFile, X509 *leaf, const QByteArray &host)
{
    X509_STORE *store = X509_STORE_new();
    bool verified = X509_STORE_load_file(store, QFile::encodeName(bundleFile).constData()) == 1;
    X509_STORE_CTX *context = X509_STORE_CTX_new();
    X509_STORE_CTX_init(context, store, leaf, nullptr);
    X509_STORE_CTX_set_purpose(context, X509_PURPOSE_SSL_SERVER);
    X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(context), host.constData(), size_t(host.size()));
    verified = verified && X509_verify_cert(context) == 1;
    X509_STORE_CTX_free(context);
    X509_STORE_free(store);
    ERR_clear_error();
    return verified;
}

} // namespace

class TestTrustBundle : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_temp;
    std::optional<CertificateAuthority> m_ca;
    QString m_system;

    QString path(const QString &name) const { return m_temp.path() + u'/' + name; }

private Q_SLOTS:
    void initTestCase()
    {
        const auto keys = CaKeyStore::inFile(path(u"ca/ca-key.pem"_s));
        auto ca = CertificateAuthority::loadOrCreate(path(u"ca"_s), *keys);
        QVERIFY2(ca, ca ? "" : qPrintable(ca.error().message));
        m_ca.emplace(std::move(*ca));
        const auto system = TrustBundle::findSystemBundle();
        QVERIFY2(system, system ? "" : qPrintable(system.error().message));
        m_system = *system;
    }

    void candidatesStartWithSslCertFile()
    {
        QProcessEnvironment environment;
        environment.insert(u"SSL_CERT_FILE"_s, u"/opt/company/roots.pem"_s);
        const QStringList candidates = TrustBundle::systemBundleCandidates(environment);
        QCOMPARE(candidates.value(0), u"/opt/company/roots.pem"_s);
        QVERIFY(candidates.contains(QString::fromLatin1(X509_get_default_cert_file())));
        QVERIFY(candidates.contains(u"/etc/ssl/certs/ca-certificates.crt"_s));
        QVERIFY(candidates.contains(u"/etc/pki/tls/certs/ca-bundle.crt"_s));
        // A relative path is no choice anyone made for this process.
        environment.insert(u"SSL_CERT_FILE"_s, u"roots.pem"_s);
        QVERIFY(!TrustBundle::systemBundleCandidates(environment).contains(u"roots.pem"_s));
    }

    void findsTheSystemBundle()
    {
        QVERIFY(QFileInfo(m_system).isFile());
        QVERIFY(QSslCertificate::fromPath(m_system).size() > 10);
        // A file named by SSL_CERT_FILE wins; one without a certificate is passed over.
        const QString mine = path(u"mine.pem"_s);
        Test::writeFile(mine, m_ca->caCertificatePem());
        QProcessEnvironment environment;
        environment.insert(u"SSL_CERT_FILE"_s, mine);
        QCOMPARE(TrustBundle::findSystemBundle(environment).value_or(QString()), mine);
        const QString empty = path(u"empty.pem"_s);
        Test::writeFile(empty, "# nothing\n");
        environment.insert(u"SSL_CERT_FILE"_s, empty);
        QVERIFY(TrustBundle::findSystemBundle(environment).value_or(empty) != empty);
    }

    void bundleIsSystemRootsThenPaddock()
    {
        const auto bundle = TrustBundle::make(m_ca->caCertificatePem(), m_system);
        QVERIFY2(bundle, bundle ? "" : qPrintable(bundle.error().message));
        const QList<QSslCertificate> system = QSslCertificate::fromPath(m_system);
        const QList<QSslCertificate> merged = QSslCertificate::fromData(bundle->bundlePem());
        QCOMPARE(merged.size(), system.size() + 1);
        QCOMPARE(bundle->certificateCount(), merged.size());
        QCOMPARE(merged.mid(0, system.size()), system);
        QCOMPARE(merged.last(), m_ca->caCertificate());
        QCOMPARE(bundle->caPem(), m_ca->caCertificatePem());
    }

    void neverHoldsAKey()
    {
        const QByteArray caKey = Test::readFile(path(u"ca/ca-key.pem"_s));
        QVERIFY(caKey.startsWith("-----BEGIN PRIVATE KEY-----"));
        // A system bundle with a key and a trust-annotated certificate in it: only the plain certificates go.
        const QByteArray someRoot = QSslCertificate::fromPath(m_system).value(0).toPem();
        QByteArray trusted = someRoot;
        trusted.replace("BEGIN CERTIFICATE", "BEGIN TRUSTED CERTIFICATE");
        trusted.replace("END CERTIFICATE", "END TRUSTED CERTIFICATE");
        const QString system = path(u"odd-system.pem"_s);
        Test::writeFile(system, "# comment\n" + someRoot + caKey + trusted + "junk\n");
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"2 PEM block"_s));
        const auto bundle = TrustBundle::make(m_ca->caCertificatePem(), system);
        QVERIFY2(bundle, bundle ? "" : qPrintable(bundle.error().message));
        QCOMPARE(bundle->certificateCount(), 2);
        QVERIFY(!bundle->bundlePem().contains("PRIVATE KEY"));
        QVERIFY(!bundle->bundlePem().contains("TRUSTED"));
        for (const QByteArray &line : caKey.split('\n')) {
            if (line.size() > 16 && !line.startsWith("-----"))
                QVERIFY(!bundle->bundlePem().contains(line));
        }
        QCOMPARE(QSslCertificate::fromData(bundle->bundlePem()),
                 (QList<QSslCertificate>{QSslCertificate(someRoot), m_ca->caCertificate()}));
    }

    void refusesAnythingButOneCaCertificate_data()
    {
        QTest::addColumn<QByteArray>("caPem");
        const QByteArray ca = m_ca ? m_ca->caCertificatePem() : QByteArray();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("hello");
        QTest::newRow("with the key") << QByteArray(ca + Test::readFile(path(u"ca/ca-key.pem"_s)));
        QTest::newRow("two certificates") << QByteArray(ca + ca);
        QTest::newRow("a leaf") << (m_ca ? m_ca->leafFor(u"example.org"_s)->certificatePem() : QByteArray());
    }

    void refusesAnythingButOneCaCertificate()
    {
        QFETCH(QByteArray, caPem);
        const auto bundle = TrustBundle::make(caPem, m_system);
        QVERIFY(!bundle);
        QCOMPARE(bundle.error().code, ErrorCode::InvalidArgument);
        // The twin: the CA certificate alone is taken.
        QVERIFY(TrustBundle::make(m_ca->caCertificatePem(), m_system));
    }

    void refusesASystemBundleWithoutCertificates()
    {
        const QString empty = path(u"no-roots.pem"_s);
        Test::writeFile(empty, "# nothing here\n");
        const auto bundle = TrustBundle::make(m_ca->caCertificatePem(), empty);
        QVERIFY(!bundle);
        QCOMPARE(bundle.error().code, ErrorCode::Corrupt);
        const auto missing = TrustBundle::make(m_ca->caCertificatePem(), path(u"missing.pem"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::Io);
    }

    void writesFilesThatOpenSslTrusts()
    {
        const auto bundle = TrustBundle::make(m_ca->caCertificatePem(), m_system);
        QVERIFY(bundle);
        const QString bundleFile = path(u"sandbox/etc/paddock/ca-bundle.pem"_s);
        const QString caFile = path(u"sandbox/etc/paddock/paddock-ca.pem"_s);
        Test::writeFile(bundleFile, "old contents");
        QVERIFY(bundle->writeBundle(bundleFile));
        QVERIFY(bundle->writeCaCertificate(caFile));
        QCOMPARE(Test::readFile(bundleFile), bundle->bundlePem());
        QCOMPARE(Test::readFile(caFile), m_ca->caCertificatePem());
        for (const QString &file : {bundleFile, caFile}) {
            struct stat info;
            QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
            QCOMPARE(info.st_mode & 0777, mode_t(0644));
        }
        QCOMPARE(QDir(path(u"sandbox/etc/paddock"_s)).entryList(QDir::Files | QDir::Hidden),
                 QStringList({u"ca-bundle.pem"_s, u"paddock-ca.pem"_s}));

        // A leaf minted by Paddock verifies against both files; against the system roots alone it does not.
        const auto leaf = m_ca->leafFor(u"api.example.com"_s);
        QVERIFY(leaf);
        QVERIFY(verifiesWith(bundleFile, leaf->x509().get(), "api.example.com"));
        QVERIFY(verifiesWith(caFile, leaf->x509().get(), "api.example.com"));
        QVERIFY(!verifiesWith(m_system, leaf->x509().get(), "api.example.com"));
    }

    void environmentPointsClientsAtTheFiles()
    {
        const QString bundle = u"/etc/paddock/ca-bundle.pem"_s;
        const QString ca = u"/etc/paddock/paddock-ca.pem"_s;
        const QList<TrustBundle::Variable> expected{
            {u"SSL_CERT_FILE"_s, bundle},   {u"REQUESTS_CA_BUNDLE"_s, bundle}, {u"CURL_CA_BUNDLE"_s, bundle},
            {u"NODE_EXTRA_CA_CERTS"_s, ca}, {u"GIT_SSL_CAINFO"_s, bundle},     {u"PIP_CERT"_s, bundle},
            {u"AWS_CA_BUNDLE"_s, bundle},   {u"DENO_CERT"_s, bundle},
        };
        QVERIFY(TrustBundle::environment(bundle, ca) == expected);
    }
};

QTEST_GUILESS_MAIN(TestTrustBundle)
#include "tst_trustbundle.moc"
