// Rule syntax: what parses, its canonical text, and the column named in each error.
#include "core/policyrule.h"

#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

class TestPolicyRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAndRoundTrips_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("exact") << u"allow example.com"_s << u"allow example.com"_s;
        QTest::newRow("exact port") << u"allow Example.com.:443"_s << u"allow example.com:443"_s;
        QTest::newRow("one label") << u"deny *.example.com"_s << u"deny *.example.com"_s;
        QTest::newRow("any depth") << u"allow **.github.com:443"_s << u"allow **.github.com:443"_s;
        QTest::newRow("everything") << u"deny **"_s << u"deny **"_s;
        QTest::newRow("cidr") << u"allow 10.0.0.0/8"_s << u"allow 10.0.0.0/8"_s;
        QTest::newRow("cidr port") << u"allow 127.0.0.1/32:8080"_s << u"allow 127.0.0.1:8080"_s;
        QTest::newRow("ipv6 cidr port") << u"allow [fd00::]/8:443"_s << u"allow [fd00::]/8:443"_s;
        QTest::newRow("ipv6 literal") << u"deny [::1]"_s << u"deny [::1]"_s;
        // Found by fuzz_policyrule: an address's path must keep the prefix, or '/' reads as one.
        QTest::newRow("address with path")
            << u"allow 127.40.0.1/32/:8080"_s << u"allow 127.40.0.1/32/:8080"_s;
        QTest::newRow("ipv6 with path") << u"allow [::1]/128/api/**"_s << u"allow [::1]/128/api/**"_s;
        QTest::newRow("address port path") << u"allow 10.1.2.3:80/x"_s << u"allow 10.1.2.3:80/x"_s;
        QTest::newRow("methods") << u"allow GET,HEAD api.example.com:443/v1/**"_s
                                 << u"allow GET,HEAD api.example.com:443/v1/**"_s;
        QTest::newRow("comma list") << u"allow a.example:443,b.example:80"_s
                                    << u"allow a.example:443,b.example:80"_s;
        QTest::newRow("port range") << u"allow dev.example:8000-8100"_s << u"allow dev.example:8000-8100"_s;
        QTest::newRow("any port star") << u"allow dev.example:*"_s << u"allow dev.example"_s;
        QTest::newRow("extra spaces") << u"  allow   GET   example.com  "_s << u"allow GET example.com"_s;
        QTest::newRow("duplicate methods") << u"allow GET,GET x.example"_s << u"allow GET x.example"_s;
        QTest::newRow("intercept") << u"intercept **.Example.com:443,api.x.example"_s
                                   << u"intercept **.example.com:443,api.x.example"_s;
    }
    void parsesAndRoundTrips()
    {
        QFETCH(QString, input);
        QFETCH(QString, canonical);
        const auto rule = PolicyRule::parse(input);
        QVERIFY2(rule.has_value(), qPrintable(rule ? QString() : rule.error().message));
        QCOMPARE(rule->toString(), canonical);
        const auto again = PolicyRule::parse(rule->toString());
        QVERIFY(again.has_value());
        QVERIFY(*again == *rule);
    }

    void reportsErrorsWithColumn_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("column");
        QTest::newRow("empty") << u""_s << 1;
        QTest::newRow("bad action") << u"permit example.com"_s << 1;
        QTest::newRow("missing host") << u"allow"_s << 6;
        QTest::newRow("space in host") << u"allow exa mple.com"_s << 11;
        QTest::newRow("bad wildcard") << u"allow foo*.example.com"_s << 10;
        QTest::newRow("star alone") << u"allow *"_s << 7;
        QTest::newRow("bad port") << u"allow example.com:99999"_s << 19;
        QTest::newRow("port range backwards") << u"allow example.com:90-80"_s << 19;
        QTest::newRow("legacy ip") << u"allow 2130706433"_s << 7;
        QTest::newRow("legacy ip in list") << u"allow a.example,0x7f.1"_s << 17;
        QTest::newRow("empty list element") << u"allow a.example,,b.example"_s << 17;
        QTest::newRow("prefix too long") << u"allow 10.0.0.0/33"_s << 16;
        QTest::newRow("host bits set") << u"allow 10.0.0.1/8"_s << 7;
        QTest::newRow("wildcard ip") << u"allow *.10.0.0.1"_s << 7;
        QTest::newRow("path with query") << u"allow x.example/a?b"_s << 18;
        QTest::newRow("lower-case methods are a host") << u"allow get x.example"_s << 11;
        QTest::newRow("intercept with methods") << u"intercept GET x.example"_s << 11;
        QTest::newRow("intercept with a path") << u"intercept x.example/v1"_s << 20;
    }
    void reportsErrorsWithColumn()
    {
        QFETCH(QString, input);
        QFETCH(int, column);
        const auto rule = PolicyRule::parse(input);
        QVERIFY2(!rule.has_value(), qPrintable(u"accepted: "_s + (rule ? rule->toString() : QString())));
        const QString expected = u"column %1:"_s.arg(column);
        QVERIFY2(rule.error().message.contains(expected), qPrintable(rule.error().message));
        QVERIFY(rule.error().message.contains(u'"' + input.left(200) + u'"'));
    }

    void globMatchesPaths_data()
    {
        QTest::addColumn<QString>("glob");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        QTest::newRow("literal") << u"/a/b"_s << u"/a/b"_s << true;
        QTest::newRow("literal differs") << u"/a/b"_s << u"/a/c"_s << false;
        QTest::newRow("star in segment") << u"/a/*"_s << u"/a/b"_s << true;
        QTest::newRow("star stops at slash") << u"/a/*"_s << u"/a/b/c"_s << false;
        QTest::newRow("double star crosses") << u"/a/**"_s << u"/a/b/c"_s << true;
        QTest::newRow("middle star") << u"/repos/*/issues"_s << u"/repos/x/issues"_s << true;
        QTest::newRow("middle star deep") << u"/repos/*/issues"_s << u"/repos/x/y/issues"_s << false;
        QTest::newRow("suffix") << u"/**.json"_s << u"/a/b.json"_s << true;
    }
    void globMatchesPaths()
    {
        QFETCH(QString, glob);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        QCOMPARE(PolicyRule::globMatches(glob, path), matches);
    }
};

QTEST_GUILESS_MAIN(TestPolicyRule)
#include "tst_policyrule.moc"
