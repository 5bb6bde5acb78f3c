// Paddock's certificate authority with its key in a file (a temporary folder): what it stores and refuses to
// overwrite, the X.509 fields of the CA and of every leaf (checked with OpenSSL's verifier, as
// `openssl verify -x509_strict -purpose sslserver` would), real TLS handshakes with Qt and with OpenSSL, the
// per-host cache and its use from many threads.
#include "proxy/certificateauthority.h"

#include "testsupport.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QThread>
#include <QtTest>

#include <optional>
#include <sys/stat.h>

using namespace Paddock;
using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;
using Core::ErrorCode;

namespace {

constexpr char leafHost[] = "paddock-test.example";

QString keyPath(const QString &directory)
{
    return directory + u"/ca-key.pem"_s;
}

Core::Result<CertificateAuthority> fileCa(const QString &directory, CertificateAuthorityOptions options = {})
{
    const auto keys = CaKeyStore::inFile(keyPath(directory));
    return CertificateAuthority::loadOrCreate(directory, *keys, std::move(options));
}

mode_t modeOf(const QString &path)
{
    struct stat info;
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode & 07777 : 0;
}

struct Extension
{
    bool present = false;
    bool critical = false;
    int count = 0;
};

Extension extensionOf(X509 *certificate, int nid)
{
    Extension result;
    for (int i = X509_get_ext_by_NID(certificate, nid, -1); i >= 0;
         i = X509_get_ext_by_NID(certificate, nid, i)) {
        result.present = true;
        result.critical = X509_EXTENSION_get_critical(X509_get_ext(certificate, i)) == 1;
        ++result.count;
    }
    return result;
}

// What `openssl verify -x509_strict -purpose sslserver -CAfile ca.pem [-verify_hostname|-verify_ip] leaf.pem`
// answers: X509_V_OK or the error.
int verifyLeaf(X509 *anchor, X509 *leaf, const QByteArray &host, std::optional<QDateTime> at = std::nullopt,
               X509 *untrustedIntermediate = nullptr)
{
    X509_STORE *store = X509_STORE_new();
    X509_STORE_add_cert(store, anchor);
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    if (untrustedIntermediate)
        sk_X509_push(untrusted, untrustedIntermediate);
    X509_STORE_CTX *context = X509_STORE_CTX_new();
    X509_STORE_CTX_init(context, store, leaf, untrusted);
    X509_STORE_CTX_set_purpose(context, X509_PURPOSE_SSL_SERVER);
    X509_VERIFY_PARAM *parameters = X509_STORE_CTX_get0_param(context);
    X509_VERIFY_PARAM_set_flags(parameters, X509_V_FLAG_X509_STRICT);
    if (!host.isEmpty() && X509_VERIFY_PARAM_set1_ip_asc(parameters, host.constData()) != 1) {
        ERR_clear_error();
        X509_VERIFY_PARAM_set1_host(parameters, host.constData(), size_t(host.size()));
    }
    if (at)
        X509_VERIFY_PARAM_set_time(parameters, time_t(at->toSecsSinceEpoch()));
    const int verified = X509_verify_cert(context);
    const int error = X509_STORE_CTX_get_error(context);
    X509_STORE_CTX_free(context);
    sk_X509_free(untrusted);
    X509_STORE_free(store);
    ERR_clear_error();
    return verified == 1 ? X509_V_OK : (error == X509_V_OK ? -1 : error);
}

QByteArray serialOf(X509 *certificate)
{
    const ASN1_INTEGER *serial = X509_get0_serialNumber(certificate);
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(serial)),
                      ASN1_STRING_length(serial));
}

qint64 secondsBetween(const ASN1_TIME *from, const ASN1_TIME *to)
{
    int days = 0;
    int seconds = 0;
    ASN1_TIME_diff(&days, &seconds, from, to);
    return qint64(days) * 86400 + seconds;
}

// A TLS server on 127.0.0.1 that presents one leaf through QSslSocket, as a future interception would.
class LeafServer : public QTcpServer
{
public:
    explicit LeafServer(LeafCertificate leaf)
        : m_leaf(std::move(leaf))
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        QSslConfiguration configuration = socket->sslConfiguration();
        configuration.setLocalCertificateChain(m_leaf.sslCertificateChain());
        configuration.setPrivateKey(m_leaf.sslPrivateKey());
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket->setSslConfiguration(configuration);
        connect(socket, &QSslSocket::encrypted, socket, [socket] { socket->write("hello"); });
        socket->startServerEncryption();
    }

private:
    LeafCertificate m_leaf;
};

struct HandshakeOutcome
{
    bool finished = false; // answered or failed, rather than timed out
    bool encrypted = false;
    QList<QSslError::SslError> errors;
    QByteArray received;
};

// A client that verifies the peer against exactly the given roots (no system store unless passed).
HandshakeOutcome handshake(quint16 port, const QString &peerName, const QList<QSslCertificate> &roots,
                           bool systemRootsOnly = false)
{
    QSslSocket client;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!systemRootsOnly)
        configuration.setCaCertificates(roots);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    client.setSslConfiguration(configuration);
    HandshakeOutcome outcome;
    QObject::connect(&client, &QSslSocket::sslErrors, &client, [&outcome](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            outcome.errors.append(error.error());
    });
    bool done = false;
    QObject::connect(&client, &QSslSocket::encrypted, &client, [&] { outcome.encrypted = true; });
    QObject::connect(&client, &QSslSocket::readyRead, &client, [&] {
        outcome.received += client.readAll();
        done = outcome.received.size() >= 5;
    });
    QObject::connect(&client, &QSslSocket::errorOccurred, &client, [&] { done = true; });
    QObject::connect(&client, &QSslSocket::disconnected, &client, [&] { done = true; });
    client.connectToHostEncrypted(u"127.0.0.1"_s, port, peerName);
    outcome.finished = QTest::qWaitFor([&] { return done; }, 20000);
    return outcome;
}

} // namespace

class TestCertificateAuthority : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_temp;
    int m_dirs = 0;
    QString freshDirectory() { return m_temp.path() + u"/data%1/paddock/ca"_s.arg(++m_dirs); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(QSslSocket::supportsSsl()); }

    void createsCaWithRequiredExtensions()
    {
        const QString directory = freshDirectory();
        const auto ca = fileCa(directory);
        QVERIFY2(ca, ca ? "" : qPrintable(ca.error().message));
        const X509Ptr x = ca->caX509();
        QVERIFY(x);

        const Extension basic = extensionOf(x.get(), NID_basic_constraints);
        QVERIFY(basic.present && basic.critical && basic.count == 1);
        QVERIFY(X509_get_extension_flags(x.get()) & EXFLAG_CA);
        QCOMPARE(X509_get_pathlen(x.get()), 0L);
        const Extension usage = extensionOf(x.get(), NID_key_usage);
        QVERIFY(usage.present && usage.critical);
        QCOMPARE(X509_get_key_usage(x.get()), quint32(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
        QVERIFY(extensionOf(x.get(), NID_subject_key_identifier).present);
        QVERIFY(!extensionOf(x.get(), NID_name_constraints).present);
        QCOMPARE(X509_get_version(x.get()), long(X509_VERSION_3));

        // Self-signed by an EC P-256 key, with a random serial and about ten years of validity.
        EVP_PKEY *publicKey = X509_get0_pubkey(x.get());
        QCOMPARE(EVP_PKEY_get_base_id(publicKey), EVP_PKEY_EC);
        char curve[64] = {};
        QVERIFY(EVP_PKEY_get_group_name(publicKey, curve, sizeof curve, nullptr));
        QCOMPARE(QByteArray(curve), QByteArray("prime256v1"));
        QCOMPARE(X509_verify(x.get(), publicKey), 1);
        QCOMPARE(X509_check_issued(x.get(), x.get()), X509_V_OK);
        QVERIFY(serialOf(x.get()).size() >= 12);
        const qint64 validity = secondsBetween(X509_get0_notBefore(x.get()), X509_get0_notAfter(x.get()));
        QVERIFY(validity > 3649LL * 86400 && validity <= 3651LL * 86400);
        QVERIFY(ca->caCertificate()
                    .subjectInfo(QSslCertificate::CommonName)
                    .value(0)
                    .startsWith(u"Paddock Local CA ("_s));
        QVERIFY(ca->caCertificate().subjectInfo(QSslCertificate::CommonName).value(0).size() <= 64);

        // The certificate is the public PEM beside the key.
        QCOMPARE(ca->certificateFile(), directory + u"/ca.pem"_s);
        QCOMPARE(Test::readFile(ca->certificateFile()), ca->caCertificatePem());
        QCOMPARE(ca->caCertificate().toPem(), ca->caCertificatePem());
    }

    void keyFileIsPrivate()
    {
        const QString directory = freshDirectory();
        const auto ca = fileCa(directory);
        QVERIFY(ca);
        QCOMPARE(modeOf(directory), mode_t(0700));
        QCOMPARE(modeOf(keyPath(directory)), mode_t(0600));
        QVERIFY(Test::readFile(keyPath(directory)).startsWith("-----BEGIN PRIVATE KEY-----"));
        QVERIFY(!Test::readFile(ca->certificateFile()).contains("PRIVATE KEY"));
        QVERIFY(!ca->caCertificatePem().contains("PRIVATE KEY"));
        QCOMPARE(QDir(directory).entryList(QDir::Files), QStringList({u"ca-key.pem"_s, u"ca.pem"_s}));
    }

    void tightensLooseModesOnLoad()
    {
        const QString directory = freshDirectory();
        QVERIFY(fileCa(directory));
        QVERIFY(::chmod(QFile::encodeName(directory).constData(), 0755) == 0);
        QVERIFY(::chmod(QFile::encodeName(keyPath(directory)).constData(), 0644) == 0);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"readable by others"_s));
        QVERIFY(fileCa(directory));
        QCOMPARE(modeOf(directory), mode_t(0700));
        QCOMPARE(modeOf(keyPath(directory)), mode_t(0600));
    }

    void persistsAcrossLoads()
    {
        const QString directory = freshDirectory();
        auto first = fileCa(directory);
        QVERIFY(first);
        const QByteArray key = Test::readFile(keyPath(directory));
        auto second = fileCa(directory);
        QVERIFY2(second, second ? "" : qPrintable(second.error().message));
        QCOMPARE(second->caCertificatePem(), first->caCertificatePem());
        QCOMPARE(Test::readFile(keyPath(directory)), key);
        // Same key: a leaf the second signs verifies under the first's certificate.
        const auto leaf = second->leafFor(u"example.org"_s);
        QVERIFY(leaf);
        QCOMPARE(verifyLeaf(first->caX509().get(), leaf->x509().get(), "example.org"), X509_V_OK);
        // The key store for that folder stays the file.
        QCOMPARE(CertificateAuthority::keyStoreFor(directory)->kind(), CaKeyStore::Kind::File);
    }

    void damagedKeyIsAnErrorAndLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("garbage") << QByteArray("not a key at all\n");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("bad base64") << QByteArray(
            "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");
        QTest::newRow("not a key inside")
            << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        // A valid key of another CA: the files no longer belong together.
        EVP_PKEY *other = EVP_EC_gen("P-256");
        BIO *bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PrivateKey(bio, other, nullptr, nullptr, 0, nullptr, nullptr);
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        QTest::newRow("another key") << QByteArray(data, size);
        BIO_free(bio);
        EVP_PKEY_free(other);
    }

    void damagedKeyIsAnErrorAndLeftAlone()
    {
        QFETCH(QByteArray, key);
        const QString directory = freshDirectory();
        QVERIFY(fileCa(directory));
        const QByteArray certificate = Test::readFile(directory + u"/ca.pem"_s);
        Test::writeFile(keyPath(directory), key);
        const auto again = fileCa(directory);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Corrupt);
        QVERIFY2(again.error().message.contains(directory), qPrintable(again.error().message));
        QVERIFY(again.error().message.contains(u"reset the certificate authority"_s));
        QCOMPARE(Test::readFile(keyPath(directory)), key);
        QCOMPARE(Test::readFile(directory + u"/ca.pem"_s), certificate);
    }

    void damagedOrMissingCertificateIsAnErrorAndLeftAlone_data()
    {
        QTest::addColumn<std::optional<QByteArray>>("certificate");
        QTest::newRow("garbage") << std::optional<QByteArray>("-----BEGIN CERTIFICATE-----\nAAAA\n");
        QTest::newRow("missing") << std::optional<QByteArray>();
    }

    void damagedOrMissingCertificateIsAnErrorAndLeftAlone()
    {
        QFETCH(std::optional<QByteArray>, certificate);
        const QString directory = freshDirectory();
        QVERIFY(fileCa(directory));
        const QByteArray key = Test::readFile(keyPath(directory));
        if (certificate)
            Test::writeFile(directory + u"/ca.pem"_s, *certificate);
        else
            QVERIFY(QFile::remove(directory + u"/ca.pem"_s));
        const auto again = fileCa(directory);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Corrupt);
        QCOMPARE(Test::readFile(keyPath(directory)), key);
        QCOMPARE(Test::readFile(directory + u"/ca.pem"_s), certificate.value_or("<missing>"));
    }

    void missingKeyIsAnErrorAndCertificateLeftAlone()
    {
        const QString directory = freshDirectory();
        QVERIFY(fileCa(directory));
        const QByteArray certificate = Test::readFile(directory + u"/ca.pem"_s);
        QVERIFY(QFile::remove(keyPath(directory)));
        const auto again = fileCa(directory);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Corrupt);
        QVERIFY(again.error().message.contains(u"missing"_s));
        QCOMPARE(Test::readFile(directory + u"/ca.pem"_s), certificate);
        QVERIFY(!QFile::exists(keyPath(directory)));
    }

    void regenerateReplacesTheCa()
    {
        const QString directory = freshDirectory();
        const auto old = fileCa(directory);
        QVERIFY(old);
        Test::writeFile(keyPath(directory), "damaged");
        QVERIFY(!fileCa(directory));
        const auto keys = CaKeyStore::inFile(keyPath(directory));
        const auto renewed = CertificateAuthority::regenerate(directory, *keys);
        QVERIFY2(renewed, renewed ? "" : qPrintable(renewed.error().message));
        QVERIFY(renewed->caCertificatePem() != old->caCertificatePem());
        const auto loaded = fileCa(directory);
        QVERIFY(loaded);
        QCOMPARE(loaded->caCertificatePem(), renewed->caCertificatePem());
        QCOMPARE(modeOf(keyPath(directory)), mode_t(0600));
        // Leaves of the old CA are not trusted under the new one.
        const auto leaf = loaded->leafFor(u"example.org"_s);
        QVERIFY(leaf);
        QVERIFY(verifyLeaf(old->caX509().get(), leaf->x509().get(), "example.org") != X509_V_OK);
    }

    void leafHasRequiredExtensions_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("sanType");
        QTest::addColumn<QByteArray>("sanValue");
        QTest::newRow("dns") << u"api.github.com"_s << int(GEN_DNS) << QByteArray("api.github.com");
        QTest::newRow("single label") << u"localhost"_s << int(GEN_DNS) << QByteArray("localhost");
        QTest::newRow("ipv4") << u"127.0.0.1"_s << int(GEN_IPADD) << QByteArray("\x7f\x00\x00\x01", 4);
        QTest::newRow("ipv6") << u"2001:db8::1"_s << int(GEN_IPADD)
                              << QByteArray("\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
        const QString longHost = QString(u"a"_s.repeated(60) + u'.' + u"b"_s.repeated(60) + u".example"_s);
        QTest::newRow("longer than a common name") << longHost << int(GEN_DNS) << longHost.toLatin1();
    }

    void leafHasRequiredExtensions()
    {
        QFETCH(QString, host);
        QFETCH(int, sanType);
        QFETCH(QByteArray, sanValue);
        auto ca = fileCa(freshDirectory());
        QVERIFY(ca);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const auto leaf = ca->leafFor(host);
        QVERIFY2(leaf, leaf ? "" : qPrintable(leaf.error().message));
        QCOMPARE(leaf->host(), host);
        const X509Ptr x = leaf->x509();
        const X509Ptr caX = ca->caX509();

        const Extension basic = extensionOf(x.get(), NID_basic_constraints);
        QVERIFY(basic.present && basic.critical && basic.count == 1);
        QVERIFY(!(X509_get_extension_flags(x.get()) & EXFLAG_CA));
        const Extension usage = extensionOf(x.get(), NID_key_usage);
        QVERIFY(usage.present && usage.critical);
        QCOMPARE(X509_get_key_usage(x.get()), quint32(KU_DIGITAL_SIGNATURE));
        const Extension extended = extensionOf(x.get(), NID_ext_key_usage);
        QVERIFY(extended.present && !extended.critical);
        QCOMPARE(X509_get_extended_key_usage(x.get()), quint32(XKU_SSL_SERVER));
        QVERIFY(extensionOf(x.get(), NID_subject_key_identifier).present);
        QVERIFY(extensionOf(x.get(), NID_authority_key_identifier).present);
        QCOMPARE(
            ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(x.get()), X509_get0_subject_key_id(caX.get())),
            0);
        QCOMPARE(X509_NAME_cmp(X509_get_issuer_name(x.get()), X509_get_subject_name(caX.get())), 0);
        QCOMPARE(X509_get_version(x.get()), long(X509_VERSION_3));

        // Exactly one name: the host, as a DNS name or an IP address. Critical when there is no subject CN.
        const Extension altName = extensionOf(x.get(), NID_subject_alt_name);
        QVERIFY(altName.present && altName.count == 1);
        QCOMPARE(altName.critical, host.size() > 64);
        auto *names =
            static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(x.get(), NID_subject_alt_name, nullptr, nullptr));
        QCOMPARE(sk_GENERAL_NAME_num(names), 1);
        int type = 0;
        const auto *value =
            static_cast<ASN1_STRING *>(GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(names, 0), &type));
        QCOMPARE(type, sanType);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(value)),
                            ASN1_STRING_length(value)),
                 sanValue);
        GENERAL_NAMES_free(names);
        const QStringList commonNames = leaf->sslCertificate().subjectInfo(QSslCertificate::CommonName);
        QCOMPARE(commonNames, host.size() > 64 ? QStringList() : QStringList{host});

        // At most 30 days, starting a little in the past for clocks that lag.
        const qint64 validity = secondsBetween(X509_get0_notBefore(x.get()), X509_get0_notAfter(x.get()));
        QVERIFY(validity <= 30LL * 86400);
        QVERIFY(leaf->notBefore() < before.addSecs(-3600));
        QVERIFY(leaf->notAfter() > before.addDays(20));
        QCOMPARE(leaf->notAfter().toSecsSinceEpoch() - leaf->notBefore().toSecsSinceEpoch(), validity);
        QVERIFY(serialOf(x.get()).size() >= 12);

        // An EC key of its own, matching the certificate, and not the CA's.
        const EvpPkeyPtr key = leaf->privateKey();
        QCOMPARE(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
        QCOMPARE(X509_check_private_key(x.get(), key.get()), 1);
        QVERIFY(EVP_PKEY_eq(key.get(), X509_get0_pubkey(caX.get())) != 1);

        // OpenSSL's verifier, strict, for a TLS server of exactly that name.
        QCOMPARE(verifyLeaf(caX.get(), x.get(), host.toLatin1()), X509_V_OK);
        QCOMPARE(verifyLeaf(caX.get(), x.get(), "other.example"), X509_V_ERR_HOSTNAME_MISMATCH);
        QCOMPARE(verifyLeaf(caX.get(), x.get(), "192.0.2.1"), X509_V_ERR_IP_ADDRESS_MISMATCH);

        // The Qt forms are the same certificate and key.
        QCOMPARE(leaf->sslCertificate().toPem(), leaf->certificatePem());
        QCOMPARE(leaf->sslCertificateChain(),
                 (QList<QSslCertificate>{leaf->sslCertificate(), ca->caCertificate()}));
        QVERIFY(!leaf->sslPrivateKey().isNull());
        QCOMPARE(leaf->sslPrivateKey().algorithm(), QSsl::Ec);
        QCOMPARE(leaf->issuerX509().get(), caX.get());
    }

    void leafCannotSignCertificates()
    {
        auto ca = fileCa(freshDirectory());
        QVERIFY(ca);
        const auto leaf = ca->leafFor(u"innocent.example"_s);
        QVERIFY(leaf);
        // A certificate for another host, signed with the leaf's key and presented with the leaf as its
        // intermediate: refused, because the leaf is no CA.
        const X509Ptr leafX = leaf->x509();
        const EvpPkeyPtr leafKey = leaf->privateKey();
        X509 *forged = X509_new();
        X509_set_version(forged, X509_VERSION_3);
        ASN1_INTEGER_set(X509_get_serialNumber(forged), 42);
        X509_set_issuer_name(forged, X509_get_subject_name(leafX.get()));
        X509_NAME_add_entry_by_txt(X509_get_subject_name(forged), "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("victim.example"), -1, -1, 0);
        X509_gmtime_adj(X509_getm_notBefore(forged), -3600);
        X509_gmtime_adj(X509_getm_notAfter(forged), 86400);
        EVP_PKEY *forgedKey = EVP_EC_gen("P-256");
        X509_set_pubkey(forged, forgedKey);
        X509_sign(forged, leafKey.get(), EVP_sha256());
        const int result =
            verifyLeaf(ca->caX509().get(), forged, "victim.example", std::nullopt, leafX.get());
        QVERIFY(result != X509_V_OK);
        X509_free(forged);
        EVP_PKEY_free(forgedKey);
    }

    void refusesHostsThatAreNotCanonical_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("empty") << QString();
        QTest::newRow("upper case") << u"Example.com"_s;
        QTest::newRow("wildcard") << u"*.example.com"_s;
        QTest::newRow("double wildcard") << u"**.example.com"_s;
        QTest::newRow("trailing dot") << u"example.com."_s;
        QTest::newRow("nul") << QString(u"example.com"_s + QChar(0) + u".evil"_s);
        QTest::newRow("space") << u"exa mple.com"_s;
        QTest::newRow("comma") << u"a.example,DNS:b.example"_s;
        QTest::newRow("percent") << u"ex%61mple.com"_s;
        QTest::newRow("at") << u"user@example.com"_s;
        QTest::newRow("non-ascii") << u"bücher.example"_s;
        QTest::newRow("bad punycode") << u"xn--zz.example"_s;
        QTest::newRow("port") << u"example.com:443"_s;
        QTest::newRow("ipv6 in brackets") << u"[::1]"_s;
        QTest::newRow("ipv6 not shortest") << u"0:0:0:0:0:0:0:1"_s;
        QTest::newRow("ipv6 zone") << u"fe80::1%eth0"_s;
        QTest::newRow("legacy ipv4") << u"127.1"_s;
        QTest::newRow("decimal ipv4") << u"2130706433"_s;
        QTest::newRow("hex ipv4") << u"0x7f.0.0.1"_s;
        QTest::newRow("label with hyphen") << u"-bad.example"_s;
    }

    void refusesHostsThatAreNotCanonical()
    {
        QFETCH(QString, host);
        auto ca = fileCa(freshDirectory());
        QVERIFY(ca);
        const auto leaf = ca->leafFor(host);
        QVERIFY(!leaf);
        QCOMPARE(leaf.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(ca->cachedLeafCount(), 0);
    }

    // The twins of the refusals above: the same kinds of hosts, canonical.
    void acceptsCanonicalHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("dns") << u"example.com"_s;
        QTest::newRow("underscore") << u"_acme.example.com"_s;
        QTest::newRow("punycode") << u"xn--bcher-kva.example"_s;
        QTest::newRow("ipv4") << u"127.0.0.1"_s;
        QTest::newRow("ipv6") << u"::1"_s;
        QTest::newRow("ipv4-mapped ipv6") << u"::ffff:127.0.0.1"_s;
    }

    void acceptsCanonicalHosts()
    {
        QFETCH(QString, host);
        auto ca = fileCa(freshDirectory());
        QVERIFY(ca);
        const auto leaf = ca->leafFor(host);
        QVERIFY2(leaf, leaf ? "" : qPrintable(leaf.error().message));
        QCOMPARE(verifyLeaf(ca->caX509().get(), leaf->x509().get(), host.toLatin1()), X509_V_OK);
    }

    void cachesOneLeafPerHost()
    {
        auto ca = fileCa(freshDirectory());
        QVERIFY(ca);
        const auto first = ca->leafFor(u"a.example"_s);
        const auto again = ca->leafFor(u"a.example"_s);
        const auto other = ca->leafFor(u"b.example"_s);
        QVERIFY(first && again && other);
        QCOMPARE(again->certificatePem(), first->certificatePem());
        QCOMPARE(again->x509().get(), first->x509().get());
        QVERIFY(other->certificatePem() != first->certificatePem());
        QVERIFY(serialOf(other->x509().get()) != serialOf(first->x509().get()));
        QVERIFY(EVP_PKEY_eq(other->privateKey().get(), first->privateKey().get()) != 1);
        QCOMPARE(ca->cachedLeafCount(), 2);
    }

    void cacheDropsLeastRecentlyUsed()
    {
        CertificateAuthorityOptions options;
        options.leafCacheSize = 3;
        auto ca = fileCa(freshDirectory(), options);
        QVERIFY(ca);
        QHash<QString, QByteArray> pem;
        for (const QString &host : {u"a.example"_s, u"b.example"_s, u"c.example"_s})
            pem[host] = ca->leafFor(host)->certificatePem();
        QCOMPARE(ca->leafFor(u"a.example"_s)->certificatePem(), pem[u"a.example"_s]); // a is now the newest
        QVERIFY(ca->leafFor(u"d.example"_s));                                         // b goes
        QCOMPARE(ca->cachedLeafCount(), 3);
        QCOMPARE(ca->leafFor(u"a.example"_s)->certificatePem(), pem[u"a.example"_s]);
        QCOMPARE(ca->leafFor(u"c.example"_s)->certificatePem(), pem[u"c.example"_s]);
        QVERIFY(ca->leafFor(u"b.example"_s)->certificatePem() != pem[u"b.example"_s]);
        QCOMPARE(ca->cachedLeafCount(), 3);
    }

    void mintsAgainNearExpiry()
    {
        auto clock = std::make_shared<Core::ManualClock>();
        CertificateAuthorityOptions options;
        options.clock = clock;
        auto ca = fileCa(freshDirectory(), options);
        QVERIFY(ca);
        const auto first = ca->leafFor(u"a.example"_s);
        QVERIFY(first);
        QCOMPARE(first->notBefore(), clock->now().addSecs(-CertificateAuthority::leafBackdateHours * 3600));
        clock->advanceMs(20LL * 86400 * 1000);
        QCOMPARE(ca->leafFor(u"a.example"_s)->certificatePem(), first->certificatePem());
        clock->advanceMs(3LL * 86400 * 1000); // fewer than 7 days left
        const auto renewed = ca->leafFor(u"a.example"_s);
        QVERIFY(renewed);
        QVERIFY(renewed->certificatePem() != first->certificatePem());
        QVERIFY(renewed->notAfter() > first->notAfter());
        QCOMPARE(verifyLeaf(ca->caX509().get(), renewed->x509().get(), "a.example", clock->now()), X509_V_OK);
        QCOMPARE(ca->cachedLeafCount(), 1);
    }

    void leafNeverOutlivesTheCa()
    {
        auto clock = std::make_shared<Core::ManualClock>();
        CertificateAuthorityOptions options;
        options.clock = clock;
        auto ca = fileCa(freshDirectory(), options);
        QVERIFY(ca);
        const QDateTime caEnd = ca->caCertificate().expiryDate();
        clock->advanceMs((CertificateAuthority::caValidityDays - 10LL) * 86400 * 1000);
        const auto late = ca->leafFor(u"a.example"_s);
        QVERIFY(late);
        QCOMPARE(late->notAfter(), caEnd);
        QCOMPARE(verifyLeaf(ca->caX509().get(), late->x509().get(), "a.example", clock->now()), X509_V_OK);
        clock->advanceMs(11LL * 86400 * 1000);
        const auto expired = ca->leafFor(u"b.example"_s);
        QVERIFY(!expired);
        QCOMPARE(expired.error().code, ErrorCode::Unavailable);
        QVERIFY(expired.error().message.contains(u"expired"_s));
    }

    void handshakesWithQtTrustingOnlyPaddock_data()
    {
        QTest::addColumn<QString>("leafFor");
        QTest::addColumn<QString>("peerName");
        QTest::addColumn<QString>("roots"); // "paddock" or "system"
        QTest::addColumn<bool>("succeeds");
        const QString dns = QString::fromLatin1(leafHost);
        QTest::newRow("dns name") << dns << dns << u"paddock"_s << true;
        QTest::newRow("dns name, other peer name") << dns << u"other.example"_s << u"paddock"_s << false;
        QTest::newRow("dns name, system roots only") << dns << dns << u"system"_s << false;
        QTest::newRow("ip address") << u"127.0.0.1"_s << QString() << u"paddock"_s << true;
        QTest::newRow("ip address, other peer name")
            << u"127.0.0.1"_s << u"127.0.0.2"_s << u"paddock"_s << false;
        QTest::newRow("ip address, system roots only") << u"127.0.0.1"_s << QString() << u"system"_s << false;
    }

    void handshakesWithQtTrustingOnlyPaddock()
    {
        QFETCH(QString, leafFor);
        QFETCH(QString, peerName);
        QFETCH(QString, roots);
        QFETCH(bool, succeeds);
        auto ca = fileCa(freshDirectory());
        QVERIFY(ca);
        const auto leaf = ca->leafFor(leafFor);
        QVERIFY(leaf);
        LeafServer server(*leaf);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const HandshakeOutcome outcome =
            handshake(server.serverPort(), peerName, {ca->caCertificate()}, roots == u"system"_s);
        QVERIFY(outcome.finished);
        QCOMPARE(outcome.encrypted, succeeds);
        if (succeeds) {
            QVERIFY(outcome.errors.isEmpty());
            QCOMPARE(outcome.received, QByteArray("hello"));
        } else {
            QVERIFY(!outcome.errors.isEmpty());
            QVERIFY(outcome.received.isEmpty());
            if (roots == u"paddock"_s)
                QCOMPARE(outcome.errors, QList<QSslError::SslError>{QSslError::HostNameMismatch});
        }
    }

    // The raw OpenSSL objects in an SSL_CTX, as an interception written against OpenSSL would use them.
    void handshakesWithOpenSsl()
    {
        auto ca = fileCa(freshDirectory());
        QVERIFY(ca);
        const auto leaf = ca->leafFor(QString::fromLatin1(leafHost));
        QVERIFY(leaf);

        SSL_CTX *serverContext = SSL_CTX_new(TLS_server_method());
        QCOMPARE(SSL_CTX_use_certificate(serverContext, leaf->x509().get()), 1);
        QCOMPARE(SSL_CTX_add1_chain_cert(serverContext, leaf->issuerX509().get()), 1);
        QCOMPARE(SSL_CTX_use_PrivateKey(serverContext, leaf->privateKey().get()), 1);
        QCOMPARE(SSL_CTX_check_private_key(serverContext), 1);
        SSL_CTX *clientContext = SSL_CTX_new(TLS_client_method());
        X509_STORE_add_cert(SSL_CTX_get_cert_store(clientContext), ca->caX509().get());
        SSL_CTX_set_verify(clientContext, SSL_VERIFY_PEER, nullptr);

        SSL *server = SSL_new(serverContext);
        SSL *client = SSL_new(clientContext);
        SSL_set_tlsext_host_name(client, leafHost);
        QCOMPARE(SSL_set1_host(client, leafHost), 1);
        BIO *clientSide = nullptr;
        BIO *serverSide = nullptr;
        QCOMPARE(BIO_new_bio_pair(&clientSide, 0, &serverSide, 0), 1);
        SSL_set_bio(client, clientSide, clientSide);
        SSL_set_bio(server, serverSide, serverSide);
        SSL_set_connect_state(client);
        SSL_set_accept_state(server);
        int clientDone = 0;
        int serverDone = 0;
        for (int round = 0; round < 20 && (clientDone != 1 || serverDone != 1); ++round) {
            if (clientDone != 1)
                clientDone = SSL_do_handshake(client);
            if (serverDone != 1)
                serverDone = SSL_do_handshake(server);
        }
        QCOMPARE(clientDone, 1);
        QCOMPARE(serverDone, 1);
        QCOMPARE(SSL_get_verify_result(client), long(X509_V_OK));
        SSL_free(client);
        SSL_free(server);
        SSL_CTX_free(clientContext);
        SSL_CTX_free(serverContext);
    }

    void concurrentLeafForIsSafe_data()
    {
        QTest::addColumn<int>("cacheSize");
        QTest::newRow("everything cached") << 1000;
        QTest::newRow("constant eviction") << 3;
    }

    void concurrentLeafForIsSafe()
    {
        QFETCH(int, cacheSize);
        CertificateAuthorityOptions options;
        options.leafCacheSize = cacheSize;
        auto ca = fileCa(freshDirectory(), options);
        QVERIFY(ca);
        constexpr int threads = 8;
        constexpr int hosts = 16;
        std::vector<QHash<QString, QByteArray>> seen(threads);
        std::atomic<int> failures{0};
        std::atomic<int> inconsistent{0};
        std::vector<std::unique_ptr<QThread>> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back(QThread::create([&, t] {
                for (int round = 0; round < 10; ++round) {
                    for (int h = 0; h < hosts; ++h) {
                        const QString host = u"host%1.example"_s.arg((h + t) % hosts);
                        const auto leaf = ca->leafFor(host);
                        if (!leaf || leaf->host() != host ||
                            verifyLeaf(ca->caX509().get(), leaf->x509().get(), host.toLatin1()) !=
                                X509_V_OK) {
                            ++failures;
                            continue;
                        }
                        // The Qt forms are made on first use, by whichever thread comes first.
                        if (leaf->sslCertificate().toPem() != leaf->certificatePem() ||
                            leaf->sslPrivateKey().isNull()) {
                            ++failures;
                            continue;
                        }
                        QByteArray &mine = seen[t][host];
                        if (cacheSize >= hosts && !mine.isEmpty() && mine != leaf->certificatePem())
                            ++inconsistent;
                        mine = leaf->certificatePem();
                    }
                }
            }));
            workers.back()->start();
        }
        for (const auto &worker : workers)
            QVERIFY(worker->wait(120000));
        QCOMPARE(failures.load(), 0);
        QCOMPARE(inconsistent.load(), 0);
        QCOMPARE(ca->cachedLeafCount(), qMin(cacheSize, hosts));
        if (cacheSize >= hosts) {
            // One leaf per host, whichever thread minted it first.
            for (int t = 1; t < threads; ++t)
                QVERIFY(seen[t] == seen[0]);
        }
    }
};

QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "tst_certificateauthority.moc"
