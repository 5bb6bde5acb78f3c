// Matching and precedence: the most specific rule wins, deny wins ties, nothing matching denies.
#include "core/policy.h"

#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

namespace {

QList<PolicyRule> rules(const QStringList &texts)
{
    QList<PolicyRule> result;
    for (const QString &text : texts) {
        auto rule = PolicyRule::parse(text);
        if (!rule)
            qFatal("bad test rule %s", qPrintable(rule.error().message));
        result.append(*rule);
    }
    return result;
}

PolicyRequest request(const QString &authority, const QString &method = u"GET"_s,
                      const QString &path = u"/"_s)
{
    const auto parsed = HostCanonicalizer::canonicalizeAuthority(authority);
    if (!parsed)
        qFatal("bad test authority");
    return PolicyRequest{method, parsed->host, parsed->port.value_or(443), path, !method.isEmpty()};
}

} // namespace

class TestPolicyMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decides_data()
    {
        QTest::addColumn<QStringList>("ruleTexts");
        QTest::addColumn<QString>("authority");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("winner");

        const QStringList gh{u"allow **.github.com:443"_s};
        QTest::newRow("any depth matches sub")
            << gh << u"api.github.com:443"_s << u"GET"_s << u"/"_s << true << u"allow **.github.com:443"_s;
        QTest::newRow("any depth matches deep")
            << gh << u"a.b.github.com:443"_s << u"GET"_s << u"/"_s << true << u"allow **.github.com:443"_s;
        QTest::newRow("any depth not apex")
            << gh << u"github.com:443"_s << u"GET"_s << u"/"_s << false << u"default-deny"_s;
        QTest::newRow("any depth wrong port")
            << gh << u"api.github.com:80"_s << u"GET"_s << u"/"_s << false << u"default-deny"_s;
        QTest::newRow("suffix lookalike")
            << gh << u"evilgithub.com:443"_s << u"GET"_s << u"/"_s << false << u"default-deny"_s;
        const QStringList one{u"allow *.example.com"_s};
        QTest::newRow("one label matches")
            << one << u"a.example.com:80"_s << u"GET"_s << u"/"_s << true << u"allow *.example.com"_s;
        QTest::newRow("one label not two")
            << one << u"a.b.example.com:80"_s << u"GET"_s << u"/"_s << false << u"default-deny"_s;
        const QStringList layered{u"deny **"_s, u"allow **.example.com"_s, u"deny *.example.com"_s,
                                  u"allow secret.example.com"_s};
        QTest::newRow("exact beats one label") << layered << u"secret.example.com:443"_s << u"GET"_s << u"/"_s
                                               << true << u"allow secret.example.com"_s;
        QTest::newRow("one label beats any depth") << layered << u"other.example.com:443"_s << u"GET"_s
                                                   << u"/"_s << false << u"deny *.example.com"_s;
        QTest::newRow("any depth beats everything")
            << layered << u"a.b.example.com:443"_s << u"GET"_s << u"/"_s << true << u"allow **.example.com"_s;
        QTest::newRow("everything") << layered << u"elsewhere.org:443"_s << u"GET"_s << u"/"_s << false
                                    << u"deny **"_s;
        const QStringList tie{u"allow x.example"_s, u"deny x.example"_s};
        QTest::newRow("deny wins tie")
            << tie << u"x.example:443"_s << u"GET"_s << u"/"_s << false << u"deny x.example"_s;
        const QStringList longer{u"allow **.example.com"_s, u"deny **.corp.example.com"_s};
        QTest::newRow("longer suffix wins") << longer << u"a.corp.example.com:443"_s << u"GET"_s << u"/"_s
                                            << false << u"deny **.corp.example.com"_s;
        const QStringList ports{u"deny x.example"_s, u"allow x.example:443"_s};
        QTest::newRow("explicit port beats any")
            << ports << u"x.example:443"_s << u"GET"_s << u"/"_s << true << u"allow x.example:443"_s;
        QTest::newRow("other port falls back")
            << ports << u"x.example:22"_s << u"GET"_s << u"/"_s << false << u"deny x.example"_s;
        const QStringList methods{u"allow api.example:443"_s, u"deny POST,PUT api.example:443"_s};
        QTest::newRow("method rule applies") << methods << u"api.example:443"_s << u"POST"_s << u"/"_s
                                             << false << u"deny POST,PUT api.example:443"_s;
        QTest::newRow("method rule other method")
            << methods << u"api.example:443"_s << u"GET"_s << u"/"_s << true << u"allow api.example:443"_s;
        QTest::newRow("method rule invisible in tunnel") << methods << u"api.example:443"_s << QString()
                                                         << QString() << true << u"allow api.example:443"_s;
        const QStringList paths{u"allow api.example:443"_s, u"deny api.example:443/admin/**"_s};
        QTest::newRow("path rule applies") << paths << u"api.example:443"_s << u"GET"_s << u"/admin/x/y"_s
                                           << false << u"deny api.example:443/admin/**"_s;
        QTest::newRow("path rule elsewhere") << paths << u"api.example:443"_s << u"GET"_s << u"/public"_s
                                             << true << u"allow api.example:443"_s;
        const QStringList cidr{u"deny **"_s, u"allow 10.0.0.0/8"_s, u"deny 10.1.0.0/16"_s};
        QTest::newRow("cidr matches literal")
            << cidr << u"10.2.3.4:80"_s << u"GET"_s << u"/"_s << true << u"allow 10.0.0.0/8"_s;
        QTest::newRow("longer prefix wins")
            << cidr << u"10.1.3.4:80"_s << u"GET"_s << u"/"_s << false << u"deny 10.1.0.0/16"_s;
        QTest::newRow("cidr never matches names")
            << cidr << u"ten.example:80"_s << u"GET"_s << u"/"_s << false << u"deny **"_s;
        const QStringList v6{u"allow [fd00::]/8:443"_s};
        QTest::newRow("ipv6 cidr") << v6 << u"[fd12::1]:443"_s << u"GET"_s << u"/"_s << true
                                   << u"allow [fd00::]/8:443"_s;
        QTest::newRow("ipv6 cidr other port")
            << v6 << u"[fd12::1]:80"_s << u"GET"_s << u"/"_s << false << u"default-deny"_s;
        QTest::newRow("ipv4 not in ipv6 cidr")
            << v6 << u"10.0.0.1:443"_s << u"GET"_s << u"/"_s << false << u"default-deny"_s;
        QTest::newRow("no rules") << QStringList() << u"example.com:443"_s << u"GET"_s << u"/"_s << false
                                  << u"default-deny"_s;
    }
    void decides()
    {
        QFETCH(QStringList, ruleTexts);
        QFETCH(QString, authority);
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(bool, allowed);
        QFETCH(QString, winner);
        Policy policy;
        policy.setLayer(PolicyLayer::Global, rules(ruleTexts));
        const PolicyDecision decision = policy.matcher()->decide(request(authority, method, path));
        QCOMPARE(decision.allowed, allowed);
        QCOMPARE(decision.ruleText(), winner);
        // explain() must agree with decide().
        const PolicyDecision explained = policy.matcher()->explain(request(authority, method, path));
        QCOMPARE(explained.allowed, allowed);
        QCOMPARE(explained.ruleText(), winner);
    }

    void explainListsLosersAndLayers()
    {
        Policy policy;
        policy.setLayer(PolicyLayer::Preset, rules({u"deny **"_s}));
        policy.setLayer(PolicyLayer::Global, rules({u"allow **.example.com"_s}));
        policy.setLayer(PolicyLayer::Sandbox, rules({u"allow api.example.com:443"_s}));
        const PolicyDecision decision = policy.matcher()->explain(request(u"api.example.com:443"_s));
        QVERIFY(decision.allowed);
        QCOMPARE(decision.winner->rule.layer, PolicyLayer::Sandbox);
        QVERIFY(decision.reason.contains(u"sandbox"_s));
        QCOMPARE(decision.losers.size(), 2);
        QCOMPARE(decision.losers[0].rule.rule.toString(), u"allow **.example.com"_s);
        QCOMPARE(decision.losers[1].rule.layer, PolicyLayer::Preset);
    }

    void interceptRulesNeitherAllowNorDeny()
    {
        Policy policy;
        policy.setLayer(PolicyLayer::Global, rules({u"intercept **.example.com:443"_s,
                                                    u"intercept 10.0.0.0/8"_s, u"allow a.example.com"_s}));
        const auto matcher = policy.matcher();
        // Decisions come from allow and deny rules only: an intercepted host with no allow is still denied...
        QVERIFY(!matcher->decide(request(u"b.example.com:443"_s)).allowed);
        QVERIFY(matcher->decide(request(u"a.example.com:443"_s)).allowed);
        QVERIFY(matcher->decide(request(u"a.example.com:443"_s)).winner->rule.rule.isAllow());
        // ...and interception is asked separately, by host and port.
        const auto host = [](const QString &name) { return *HostCanonicalizer::canonicalizeHost(name); };
        QVERIFY(matcher->intercepts(host(u"a.example.com"_s), 443));
        QVERIFY(!matcher->intercepts(host(u"a.example.com"_s), 8443));
        QVERIFY(!matcher->intercepts(host(u"example.com"_s), 443));
        QVERIFY(matcher->intercepts(host(u"10.1.2.3"_s), 443));
        QVERIFY(!matcher->intercepts(host(u"11.1.2.3"_s), 443));
        QCOMPARE(matcher->interceptTargets().size(), 2);
    }

    void cidrOptInForAddressVetting()
    {
        Policy policy;
        policy.setLayer(PolicyLayer::Global,
                        rules({u"allow **"_s, u"allow 127.0.0.1/32:8080"_s, u"deny 10.0.0.0/8"_s}));
        const auto matcher = policy.matcher();
        const auto at = [](quint16 port) { return request(u"example.com:%1"_s.arg(port)); };
        QVERIFY(matcher->cidrExplicitlyAllows(QHostAddress(u"127.0.0.1"_s), at(8080)));
        QVERIFY(!matcher->cidrExplicitlyAllows(QHostAddress(u"127.0.0.1"_s), at(8081)));
        // `**` is not an explicit opt-in for private addresses.
        QVERIFY(!matcher->cidrExplicitlyAllows(QHostAddress(u"192.168.1.1"_s), at(80)));
        QVERIFY(!matcher->cidrExplicitlyAllows(QHostAddress(u"10.1.1.1"_s), at(80)));
        QVERIFY(matcher->cidrMatch(QHostAddress(u"10.1.1.1"_s), at(80)).has_value());
    }

    // An address rule with a method or a path applies to those requests only, as a host rule does: a deny
    // of one path on an address leaves its other paths to the broader allow.
    void cidrRulesHonourMethodAndPath()
    {
        Policy policy;
        policy.setLayer(PolicyLayer::Global,
                        rules({u"allow 127.0.0.1/32:8080"_s, u"deny GET 127.0.0.1/32:8080/secret/**"_s}));
        const auto matcher = policy.matcher();
        const QHostAddress loopback(u"127.0.0.1"_s);
        const auto denied = matcher->cidrMatch(loopback, request(u"h:8080"_s, u"GET"_s, u"/secret/x"_s));
        QVERIFY(denied && !denied->rule.rule.isAllow());
        QVERIFY(matcher->cidrExplicitlyAllows(loopback, request(u"h:8080"_s, u"GET"_s, u"/public"_s)));
        QVERIFY(matcher->cidrExplicitlyAllows(loopback, request(u"h:8080"_s, u"POST"_s, u"/secret/x"_s)));
        // A tunnel cannot show its path: the path rule does not apply, the address rule does.
        QVERIFY(matcher->cidrExplicitlyAllows(loopback, request(u"h:8080"_s, u"CONNECT"_s, QString())));
    }

    void scalesToManyRules()
    {
        QList<PolicyRule> many;
        for (int i = 0; i < 20000; ++i)
            many.append(*PolicyRule::parse(u"allow host%1.example.com:443"_s.arg(i)));
        many.append(*PolicyRule::parse(u"deny host123.example.com:443/private/**"_s));
        Policy policy;
        policy.setLayer(PolicyLayer::Global, many);
        const auto matcher = policy.matcher();
        QVERIFY(matcher->decide(request(u"host19999.example.com:443"_s)).allowed);
        QVERIFY(!matcher->decide(request(u"host20000.example.com:443"_s)).allowed);
        QVERIFY(!matcher->decide(request(u"host123.example.com:443"_s, u"GET"_s, u"/private/x"_s)).allowed);
    }
};

QTEST_GUILESS_MAIN(TestPolicyMatcher)
#include "tst_policymatcher.moc"
