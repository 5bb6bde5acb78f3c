// The ClientHello/SNI reader on real ClientHellos made by OpenSSL, and on what is not TLS.
#include "proxy/clienthelloreader.h"

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <QtTest>

using namespace Paddock::Proxy;
using Verdict = ClientHelloReader::Verdict;

namespace {

// The bytes a real TLS client sends first, captured from a memory BIO.
QByteArray realClientHello(const char *serverName)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = SSL_new(ctx);
    BIO *in = BIO_new(BIO_s_mem());
    BIO *out = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, in, out);
    if (serverName)
        SSL_set_tlsext_host_name(ssl, serverName);
    SSL_set_connect_state(ssl);
    SSL_do_handshake(ssl); // wants to read the ServerHello: the ClientHello is in `out`
    char *data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    const QByteArray hello(data, int(size));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return hello;
}

// Splits one TLS record into two records carrying the same handshake bytes.
QByteArray splitIntoTwoRecords(const QByteArray &record)
{
    const QByteArray payload = record.mid(5);
    const int half = int(payload.size() / 2);
    const auto header = [&](int length) {
        QByteArray h = record.left(3);
        h.append(char(length >> 8)).append(char(length & 0xff));
        return h;
    };
    return header(half) + payload.left(half) + header(int(payload.size()) - half) + payload.mid(half);
}

} // namespace

class TestClientHelloReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsSniFromRealClientHello()
    {
        const QByteArray hello = realClientHello("api.github.com");
        QVERIFY(hello.size() > 100);
        const auto outcome = ClientHelloReader::read(hello);
        QCOMPARE(outcome.verdict, Verdict::ClientHello);
        QCOMPARE(outcome.serverName, QByteArray("api.github.com"));
    }

    void clientHelloWithoutSniHasEmptyName()
    {
        const auto outcome = ClientHelloReader::read(realClientHello(nullptr));
        QCOMPARE(outcome.verdict, Verdict::ClientHello);
        QVERIFY(outcome.serverName.isEmpty());
    }

    void needsMoreForEveryPrefix()
    {
        const QByteArray hello = realClientHello("example.com");
        for (qsizetype n = 0; n < hello.size(); n += 7)
            QCOMPARE(ClientHelloReader::read(hello.left(n)).verdict, Verdict::NeedMore);
    }

    void readsClientHelloSplitAcrossRecords()
    {
        const auto outcome = ClientHelloReader::read(splitIntoTwoRecords(realClientHello("split.example")));
        QCOMPARE(outcome.verdict, Verdict::ClientHello);
        QCOMPARE(outcome.serverName, QByteArray("split.example"));
    }

    void refusesWhatIsNotTls_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("ssh banner") << QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        QTest::newRow("plain http") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QTest::newRow("application data record") << QByteArray("\x17\x03\x03\x00\x05hello", 10);
        QTest::newRow("zero length record") << QByteArray("\x16\x03\x01\x00\x00", 5);
        QTest::newRow("oversize record") << QByteArray("\x16\x03\x01\x48\x01", 5);
        QTest::newRow("server hello") << QByteArray("\x16\x03\x03\x00\x04\x02\x00\x00\x00", 9);
        QByteArray hello = realClientHello("x.example");
        QByteArray lying = hello;
        lying[5 + 4 + 2 + 32] = char(0xff); // session id length runs past the end
        QTest::newRow("lying session id length") << lying;
        QByteArray trailing = hello;
        trailing[4] = char(quint8(trailing[4]) + 1); // record longer than its ClientHello
        trailing.append('x');
        QTest::newRow("bytes after the hello") << trailing;
    }
    void refusesWhatIsNotTls()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(ClientHelloReader::read(bytes).verdict, Verdict::NotTls);
    }

    void truncatedLengthsNeverCrash()
    {
        const QByteArray hello = realClientHello("fuzz.example");
        // Every single-byte corruption is either parsed or refused, never read out of bounds (ASan checks the
        // rest).
        for (qsizetype i = 0; i < hello.size(); ++i) {
            QByteArray corrupted = hello;
            corrupted[i] = char(~quint8(corrupted[i]));
            const auto outcome = ClientHelloReader::read(corrupted);
            QVERIFY(outcome.verdict != Verdict::ClientHello || outcome.serverName.size() < 256);
        }
    }
};

QTEST_GUILESS_MAIN(TestClientHelloReader)
#include "tst_clienthelloreader.moc"
