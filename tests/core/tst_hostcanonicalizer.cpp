// One canonical host form (security.md item 1): what is accepted, how it is written, and what is refused.
#include "core/hostcanonicalizer.h"

#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

class TestHostCanonicalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalizesValidHosts_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<int>("kind");
        const int name = int(CanonicalHost::Kind::DnsName);
        const int v4 = int(CanonicalHost::Kind::IPv4);
        const int v6 = int(CanonicalHost::Kind::IPv6);
        QTest::newRow("lower") << u"example.com"_s << u"example.com"_s << name;
        QTest::newRow("upper") << u"API.GitHub.COM"_s << u"api.github.com"_s << name;
        QTest::newRow("trailing dot") << u"example.com."_s << u"example.com"_s << name;
        QTest::newRow("single label") << u"localhost"_s << u"localhost"_s << name;
        QTest::newRow("hyphen and digits") << u"a-1.b2.example"_s << u"a-1.b2.example"_s << name;
        QTest::newRow("punycode") << u"xn--bcher-kva.example"_s << u"xn--bcher-kva.example"_s << name;
        QTest::newRow("ipv4") << u"192.0.2.1"_s << u"192.0.2.1"_s << v4;
        QTest::newRow("ipv4 zero") << u"0.0.0.0"_s << u"0.0.0.0"_s << v4;
        QTest::newRow("ipv6 loopback") << u"[::1]"_s << u"::1"_s << v6;
        QTest::newRow("ipv6 upper") << u"[2001:DB8::1]"_s << u"2001:db8::1"_s << v6;
        QTest::newRow("ipv6 mapped") << u"[::ffff:127.0.0.1]"_s << u"::ffff:127.0.0.1"_s << v6;
    }
    void canonicalizesValidHosts()
    {
        QFETCH(QString, input);
        QFETCH(QString, canonical);
        QFETCH(int, kind);
        const auto host = HostCanonicalizer::canonicalizeHost(input);
        QVERIFY2(host.has_value(), qPrintable(host ? QString() : host.error().message));
        QCOMPARE(host->host, canonical);
        QCOMPARE(int(host->kind), kind);
    }

    void refusesInvalidHosts_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("only dot") << u"."_s << u"empty"_s;
        QTest::newRow("two trailing dots") << u"example.com.."_s << u"empty label"_s;
        QTest::newRow("nul") << u"example.com\0.evil"_s << u"control"_s;
        QTest::newRow("backslash") << u"evil.com\\@good.com"_s << u"'\\'"_s;
        QTest::newRow("percent") << u"ex%61mple.com"_s << u"'%'"_s;
        QTest::newRow("at sign") << u"user@example.com"_s << u"'@'"_s;
        QTest::newRow("space") << u"exa mple.com"_s << u"space"_s;
        QTest::newRow("non-ascii") << u"bücher.example"_s << u"punycode"_s;
        QTest::newRow("fullwidth dot") << u"example\uFF0Ecom"_s << u"non-ASCII"_s;
        QTest::newRow("bad punycode") << u"xn--zz.example"_s << u"punycode"_s;
        QTest::newRow("leading hyphen") << u"-a.example"_s << u"hyphen"_s;
        QTest::newRow("long label") << QString(64, u'a') + u".com"_s << u"63"_s;
        QTest::newRow("too long") << QString(QString(60, u'a') + u'.').repeated(5) + u"com"_s << u"253"_s;
        QTest::newRow("decimal integer") << u"2130706433"_s << u"IPv4"_s;
        QTest::newRow("hex dotted") << u"0x7f.1"_s << u"IPv4"_s;
        QTest::newRow("hex integer") << u"0x7f000001"_s << u"IPv4"_s;
        QTest::newRow("octal integer") << u"017700000001"_s << u"IPv4"_s;
        QTest::newRow("octal dotted") << u"0177.0.0.1"_s << u"IPv4"_s;
        QTest::newRow("short dotted") << u"127.1"_s << u"IPv4"_s;
        QTest::newRow("numeric last label") << u"evil.123"_s << u"IPv4"_s;
        QTest::newRow("octet overflow") << u"256.1.1.1"_s << u"IPv4"_s;
        QTest::newRow("five parts") << u"1.2.3.4.5"_s << u"IPv4"_s;
        QTest::newRow("bare ipv6") << u"::1"_s << u"':'"_s;
        QTest::newRow("zone id") << u"[fe80::1%eth0]"_s << u"zone"_s;
        QTest::newRow("zone id encoded") << u"[fe80::1%25eth0]"_s << u"zone"_s;
        QTest::newRow("unclosed bracket") << u"[::1"_s << u"bracket"_s;
        QTest::newRow("ipv4 in brackets") << u"[127.0.0.1]"_s << u"IPv6"_s;
        QTest::newRow("underscore ok but colon not") << u"a_b.example:80"_s << u"':'"_s;
    }
    void refusesInvalidHosts()
    {
        QFETCH(QString, input);
        QFETCH(QString, messagePart);
        const auto host = HostCanonicalizer::canonicalizeHost(input);
        QVERIFY2(!host.has_value(), qPrintable(u"accepted as "_s + (host ? host->host : QString())));
        QVERIFY2(host.error().message.contains(messagePart, Qt::CaseInsensitive),
                 qPrintable(host.error().message));
    }

    void parsesAuthorities_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<int>("port");
        QTest::newRow("no port") << u"Example.COM"_s << u"example.com"_s << 0;
        QTest::newRow("port") << u"example.com:443"_s << u"example.com:443"_s << 443;
        QTest::newRow("ipv6 port") << u"[::1]:8080"_s << u"[::1]:8080"_s << 8080;
        QTest::newRow("ipv4 port") << u"10.0.0.1:22"_s << u"10.0.0.1:22"_s << 22;
    }
    void parsesAuthorities()
    {
        QFETCH(QString, input);
        QFETCH(QString, canonical);
        QFETCH(int, port);
        const auto authority = HostCanonicalizer::canonicalizeAuthority(input);
        QVERIFY(authority.has_value());
        QCOMPARE(authority->toString(), canonical);
        QCOMPARE(int(authority->port.value_or(0)), port);
    }

    void refusesBadPorts_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("zero") << u"example.com:0"_s;
        QTest::newRow("too big") << u"example.com:65536"_s;
        QTest::newRow("leading zero") << u"example.com:0443"_s;
        QTest::newRow("sign") << u"example.com:+443"_s;
        QTest::newRow("empty") << u"example.com:"_s;
        QTest::newRow("hex") << u"example.com:0x1bb"_s;
        QTest::newRow("junk after ipv6") << u"[::1]x:80"_s;
    }
    void refusesBadPorts()
    {
        QFETCH(QString, input);
        QVERIFY(!HostCanonicalizer::canonicalizeAuthority(input).has_value());
    }
};

QTEST_GUILESS_MAIN(TestHostCanonicalizer)
#include "tst_hostcanonicalizer.moc"
