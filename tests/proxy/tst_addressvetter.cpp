// Address vetting: every private category is refused, public addresses pass, and an explicit CIDR rule opts
// in.
#include "proxy/addressvetter.h"

#include <QtTest>

using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;
using Category = AddressVetter::Category;

class TestAddressVetter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifies_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("category");
        QTest::newRow("public v4") << u"93.184.216.34"_s << int(Category::Public);
        QTest::newRow("public v6") << u"2606:2800:220:1::1"_s << int(Category::Public);
        QTest::newRow("loopback") << u"127.0.0.1"_s << int(Category::Loopback);
        QTest::newRow("loopback other") << u"127.1.2.3"_s << int(Category::Loopback);
        QTest::newRow("loopback v6") << u"::1"_s << int(Category::Loopback);
        QTest::newRow("unspecified") << u"0.0.0.0"_s << int(Category::Unspecified);
        QTest::newRow("zero net") << u"0.1.2.3"_s << int(Category::Unspecified);
        QTest::newRow("unspecified v6") << u"::"_s << int(Category::Unspecified);
        QTest::newRow("10/8") << u"10.1.2.3"_s << int(Category::Private);
        QTest::newRow("172.16/12") << u"172.31.255.1"_s << int(Category::Private);
        QTest::newRow("172.32 is public") << u"172.32.0.1"_s << int(Category::Public);
        QTest::newRow("192.168/16") << u"192.168.1.1"_s << int(Category::Private);
        QTest::newRow("cgnat") << u"100.64.0.1"_s << int(Category::SharedCgnat);
        QTest::newRow("metadata") << u"169.254.169.254"_s << int(Category::LinkLocal);
        QTest::newRow("link local v6") << u"fe80::1"_s << int(Category::LinkLocal);
        QTest::newRow("ula") << u"fd00::1"_s << int(Category::UniqueLocal);
        QTest::newRow("multicast") << u"224.0.0.1"_s << int(Category::Multicast);
        QTest::newRow("multicast v6") << u"ff02::1"_s << int(Category::Multicast);
        QTest::newRow("broadcast") << u"255.255.255.255"_s << int(Category::Reserved);
        QTest::newRow("class e") << u"240.0.0.1"_s << int(Category::Reserved);
        QTest::newRow("mapped loopback") << u"::ffff:127.0.0.1"_s << int(Category::Loopback);
        QTest::newRow("mapped metadata") << u"::ffff:169.254.169.254"_s << int(Category::LinkLocal);
        QTest::newRow("mapped public") << u"::ffff:93.184.216.34"_s << int(Category::Public);
        QTest::newRow("compatible private") << u"::10.0.0.1"_s << int(Category::Private);
        QTest::newRow("nat64 loopback") << u"64:ff9b::7f00:1"_s << int(Category::Loopback);
        QTest::newRow("nat64 metadata") << u"64:ff9b::a9fe:a9fe"_s << int(Category::LinkLocal);
        QTest::newRow("6to4 private") << u"2002:c0a8:0101::1"_s << int(Category::Private);
        QTest::newRow("local nat64") << u"64:ff9b:1::1"_s << int(Category::Reserved);
    }
    void classifies()
    {
        QFETCH(QString, address);
        QFETCH(int, category);
        QCOMPARE(int(AddressVetter::classify(QHostAddress(address))), category);
    }

    void refusesPrivateUnlessExplicitlyAllowed()
    {
        AddressVetter vetter;
        vetter.setHostAddresses({});
        const QHostAddress loopback(u"127.0.0.1"_s);
        QVERIFY(!vetter.vet(loopback, 8080).allowed);
        QVERIFY(vetter.vet(loopback, 8080).reason.contains(u"loopback"_s));
        // The twin: an explicit rule opts in, for that port only.
        const auto explicitRule = [](const QHostAddress &a, quint16 port) {
            return a == QHostAddress(u"127.0.0.1"_s) && port == 8080;
        };
        QVERIFY(vetter.vet(loopback, 8080, explicitRule).allowed);
        QVERIFY(!vetter.vet(loopback, 8081, explicitRule).allowed);
        // The mapped form is checked as the IPv4 address it is.
        QVERIFY(vetter.vet(QHostAddress(u"::ffff:127.0.0.1"_s), 8080, explicitRule).allowed);
        QVERIFY(!vetter.vet(QHostAddress(u"::ffff:127.0.0.1"_s), 8081, explicitRule).allowed);
        QVERIFY(vetter.vet(QHostAddress(u"93.184.216.34"_s), 443).allowed);
    }

    void refusesHostAndProxyAddresses()
    {
        AddressVetter vetter;
        vetter.setHostAddresses({QHostAddress(u"93.184.216.34"_s)});
        const auto verdict = vetter.vet(QHostAddress(u"93.184.216.34"_s), 443);
        QVERIFY(!verdict.allowed);
        QCOMPARE(verdict.category, Category::HostInterface);
        QVERIFY(vetter.vet(QHostAddress(u"93.184.216.35"_s), 443).allowed);

        vetter.addProxyListener(QHostAddress(u"127.0.0.1"_s), 3128);
        const auto always = [](const QHostAddress &, quint16) { return true; };
        // Even an explicit rule cannot open the proxy's own listener.
        const auto own = vetter.vet(QHostAddress(u"127.0.0.1"_s), 3128, always);
        QVERIFY(!own.allowed);
        QCOMPARE(own.category, Category::ProxyListener);
        QVERIFY(vetter.vet(QHostAddress(u"127.0.0.1"_s), 3129, always).allowed);
    }
};

QTEST_GUILESS_MAIN(TestAddressVetter)
#include "tst_addressvetter.moc"
