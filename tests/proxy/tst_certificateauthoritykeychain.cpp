// paddock-test-launcher: scripts/run-with-keyring.sh
// Paddock's certificate authority with its key in a real keychain (GNOME Keyring in a private D-Bus session,
// which the launcher above starts): the key is never written to a file, the CA survives reloads, and a
// damaged or missing entry is an error that changes nothing. Without any keychain (a child process whose
// session bus leads nowhere) the key goes to a user-only file instead.
#include "core/secretstore.h"
#include "proxy/certificateauthority.h"

#include "secrettestsupport.h"
#include "testsupport.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <QProcess>
#include <QtTest>

#include <sys/stat.h>

using namespace Paddock;
using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;
using Core::ErrorCode;

namespace {

const QString testService = u"PaddockTestCA"_s;

QString indexOf(const QString &directory)
{
    return directory + u"/keychain-index.json"_s;
}

// The keychain entry of a CA: named after its certificate, so CAs of several data folders never share one.
QString entryOf(const QSslCertificate &certificate)
{
    return u"ca-key-"_s + QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).left(8).toHex());
}

Core::Result<CertificateAuthority> keychainCa(const QString &directory)
{
    const auto keys = CaKeyStore::inKeychain(indexOf(directory), testService);
    return CertificateAuthority::loadOrCreate(directory, *keys);
}

// The child process: picks the key store for a fresh folder with no keychain to reach, and makes the CA.
int noKeychainChild()
{
    const QString directory = qEnvironmentVariable("PADDOCK_TEST_CA_DIR");
    const auto keys = CertificateAuthority::keyStoreFor(directory);
    const auto ca = CertificateAuthority::loadOrCreate(directory, *keys);
    QTextStream out(stdout);
    out << (keys->kind() == CaKeyStore::Kind::File ? "file" : "keychain") << ' '
        << (ca ? u"created"_s : ca.error().message) << '\n';
    return 0;
}

} // namespace

class TestCertificateAuthorityKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_temp;
    int m_dirs = 0;
    QString freshDirectory() { return m_temp.path() + u"/data%1/paddock/ca"_s.arg(++m_dirs); }

private Q_SLOTS:
    void init() { REQUIRE_TEST_KEYRING(); }

    void picksTheKeychainWhenOneAnswers()
    {
        const QString directory = freshDirectory();
        const auto keys = CertificateAuthority::keyStoreFor(directory);
        QCOMPARE(keys->kind(), CaKeyStore::Kind::Keychain);
        const auto ca = CertificateAuthority::loadOrCreate(directory, *keys);
        QVERIFY2(ca, ca ? "" : qPrintable(ca.error().message));
        QVERIFY(!QFile::exists(directory + u"/ca-key.pem"_s));
        // Once made, the CA's key stays where it is: the certificate alone says "keychain".
        QCOMPARE(CertificateAuthority::keyStoreFor(directory)->kind(), CaKeyStore::Kind::Keychain);
        const auto reloaded =
            CertificateAuthority::loadOrCreate(directory, *CertificateAuthority::keyStoreFor(directory));
        QVERIFY(reloaded);
        QCOMPARE(reloaded->caCertificatePem(), ca->caCertificatePem());
    }

    void keyIsOnlyInTheKeychain()
    {
        const QString directory = freshDirectory();
        const auto ca = keychainCa(directory);
        QVERIFY2(ca, ca ? "" : qPrintable(ca.error().message));

        // The entry holds the CA's key.
        Core::SecretStore store(indexOf(directory), testService);
        const auto value = store.readNow(entryOf(ca->caCertificate()));
        QVERIFY2(value, value ? "" : qPrintable(value.error().message));
        const QByteArray der = QByteArray::fromBase64(value->toLatin1());
        const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
        EVP_PKEY *key = d2i_AutoPrivateKey(nullptr, &cursor, long(der.size()));
        QVERIFY(key);
        QCOMPARE(X509_check_private_key(ca->caX509().get(), key), 1);
        BIO *bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        char *pemData = nullptr;
        const long pemSize = BIO_get_mem_data(bio, &pemData);
        const QByteArray pem(pemData, pemSize);
        BIO_free(bio);
        EVP_PKEY_free(key);

        // No file under the data folder holds it, in any form: DER, base64, a PEM line.
        const QByteArray files = Paddock::Test::allFilesUnder(m_temp.path());
        QVERIFY(!files.isEmpty());
        QVERIFY(!files.contains(der));
        QVERIFY(!files.contains(value->toLatin1()));
        QVERIFY(!files.contains("PRIVATE KEY"));
        for (const QByteArray &line : pem.split('\n')) {
            if (line.size() > 16 && !line.startsWith("-----"))
                QVERIFY(!files.contains(line));
        }
        QCOMPARE(QDir(directory).entryList(QDir::Files),
                 QStringList({u"ca.pem"_s, u"keychain-index.json"_s}));
        QVERIFY(Test::readFile(indexOf(directory)).contains(entryOf(ca->caCertificate()).toLatin1()));

        // It survives a reload: the same certificate, and leaves that verify under it.
        const auto again = keychainCa(directory);
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again->caCertificatePem(), ca->caCertificatePem());
        const auto leaf = again->leafFor(u"example.org"_s);
        QVERIFY(leaf);
        QCOMPARE(X509_verify(leaf->x509().get(), X509_get0_pubkey(ca->caX509().get())), 1);
    }

    void damagedEntryIsAnErrorAndLeftAlone_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::newRow("not base64") << u"@@@ not base64 @@@"_s;
        QTest::newRow("not a key") << QString::fromLatin1(QByteArray("not a key").toBase64());
        EVP_PKEY *other = EVP_EC_gen("P-256");
        unsigned char *der = nullptr;
        const int size = i2d_PrivateKey(other, &der);
        QTest::newRow("another key") << QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(der), size).toBase64());
        OPENSSL_free(der);
        EVP_PKEY_free(other);
    }

    void damagedEntryIsAnErrorAndLeftAlone()
    {
        QFETCH(QString, entry);
        const QString directory = freshDirectory();
        const auto ca = keychainCa(directory);
        QVERIFY(ca);
        const QByteArray certificate = Test::readFile(directory + u"/ca.pem"_s);
        Core::SecretStore store(indexOf(directory), testService);
        const QString name = entryOf(ca->caCertificate());
        QVERIFY(store.writeNow(name, entry));
        const auto again = keychainCa(directory);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Corrupt);
        QVERIFY2(again.error().message.contains(u"reset the certificate authority"_s),
                 qPrintable(again.error().message));
        QCOMPARE(store.readNow(name).value_or(QString()), entry);
        QCOMPARE(Test::readFile(directory + u"/ca.pem"_s), certificate);
    }

    void missingEntryIsAnErrorUntilRegenerated()
    {
        const QString directory = freshDirectory();
        const auto old = keychainCa(directory);
        QVERIFY(old);
        Core::SecretStore store(indexOf(directory), testService);
        const QString oldName = entryOf(old->caCertificate());
        QVERIFY(store.removeNow(oldName));
        const auto again = keychainCa(directory);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Corrupt);
        QVERIFY(again.error().message.contains(u"missing"_s));
        QCOMPARE(Test::readFile(directory + u"/ca.pem"_s), old->caCertificatePem());
        QCOMPARE(store.readNow(oldName).error().code, ErrorCode::NotFound);

        const auto keys = CaKeyStore::inKeychain(indexOf(directory), testService);
        const auto renewed = CertificateAuthority::regenerate(directory, *keys);
        QVERIFY2(renewed, renewed ? "" : qPrintable(renewed.error().message));
        QVERIFY(renewed->caCertificatePem() != old->caCertificatePem());
        QVERIFY(store.readNow(entryOf(renewed->caCertificate())));
        QCOMPARE(keychainCa(directory)->caCertificatePem(), renewed->caCertificatePem());
        QVERIFY(!QFile::exists(directory + u"/ca-key.pem"_s));
    }

    void regenerateForgetsTheOldKey()
    {
        const QString directory = freshDirectory();
        const auto old = keychainCa(directory);
        QVERIFY(old);
        const auto keys = CaKeyStore::inKeychain(indexOf(directory), testService);
        const auto renewed = CertificateAuthority::regenerate(directory, *keys);
        QVERIFY2(renewed, renewed ? "" : qPrintable(renewed.error().message));
        Core::SecretStore store(indexOf(directory), testService);
        QCOMPARE(store.readNow(entryOf(old->caCertificate())).error().code, ErrorCode::NotFound);
        QVERIFY(store.readNow(entryOf(renewed->caCertificate())));
        QCOMPARE(store.names().value_or(QStringList()), QStringList{entryOf(renewed->caCertificate())});
    }

    // Two data folders (a second profile, a developer's test run) on one keychain: each keeps its own CA.
    void dataFoldersKeepTheirOwnCa()
    {
        const QString first = freshDirectory();
        const QString second = freshDirectory();
        const auto a = keychainCa(first);
        const auto b = keychainCa(second);
        QVERIFY(a && b);
        QVERIFY(a->caCertificatePem() != b->caCertificatePem());
        QCOMPARE(keychainCa(first)->caCertificatePem(), a->caCertificatePem());
        QCOMPARE(keychainCa(second)->caCertificatePem(), b->caCertificatePem());
    }

    // The certificate file lost (a data folder wiped): a new CA, and the old key is not overwritten.
    void lostCertificateMakesANewCaAndKeepsTheOldKey()
    {
        const QString directory = freshDirectory();
        const auto old = keychainCa(directory);
        QVERIFY(old);
        Core::SecretStore store(indexOf(directory), testService);
        const auto oldKey = store.readNow(entryOf(old->caCertificate()));
        QVERIFY(oldKey);
        QVERIFY(QFile::remove(directory + u"/ca.pem"_s));
        const auto renewed = keychainCa(directory);
        QVERIFY2(renewed, renewed ? "" : qPrintable(renewed.error().message));
        QVERIFY(renewed->caCertificatePem() != old->caCertificatePem());
        QCOMPARE(store.readNow(entryOf(old->caCertificate())).value_or(QString()), *oldKey);
    }

    void withoutKeychainTheKeyGoesToAPrivateFile()
    {
        const QString directory = freshDirectory();
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PADDOCK_TEST_CHILD"_s, u"no-keychain-ca"_s);
        environment.insert(u"PADDOCK_TEST_CA_DIR"_s, directory);
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/paddock-test-bus"_s);
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(90000));
        QCOMPARE(child.exitCode(), 0);
        QCOMPARE(child.readAllStandardOutput().trimmed(), QByteArray("file created"));
        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(directory + u"/ca-key.pem"_s).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QCOMPARE(::stat(QFile::encodeName(directory).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0700));
        // Back with a keychain, the CA stays in its file rather than being made again.
        QCOMPARE(CertificateAuthority::keyStoreFor(directory)->kind(), CaKeyStore::Kind::File);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariable("PADDOCK_TEST_CHILD") == "no-keychain-ca"_L1)
        return noKeychainChild();
    TestCertificateAuthorityKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_certificateauthoritykeychain.moc"
