// Agent templates: strict validation with key paths, round trips, and the built-ins.
#include "core/agenttemplate.h"
#include "core/templatecatalog.h"

#include "testsupport.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

namespace {

QJsonObject valid()
{
    return QJsonDocument::fromJson(R"({
        "id": "my-agent", "name": "My agent", "install": {"npm": "@scope/agent@1.2.3"},
        "command": ["agent"], "yoloFlags": ["--yes"], "environment": {"AGENT_MODE": "auto"},
        "requiredHosts": ["api.example.com:443"],
        "credentials": [{"host": "api.example.com", "header": "Authorization", "format": "Bearer {secret}",
                         "secret": "example-key", "placeholderEnv": "EXAMPLE_KEY"}],
        "attention": {"waitingForInput": ["\\? $"], "done": ["finished"]}, "x-note": "kept"
    })")
        .object();
}

} // namespace

class TestAgentTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAndRoundTrips()
    {
        const auto parsed = AgentTemplate::fromJsonObject(valid(), u"my.json"_s);
        QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->launchArguments(), (QStringList{u"agent"_s, u"--yes"_s}));
        QCOMPARE(parsed->credentials.first().format, u"Bearer {secret}"_s);
        const auto again = AgentTemplate::fromJsonObject(parsed->toJson(), u"again"_s);
        QVERIFY(again.has_value());
        QCOMPARE(*again, *parsed);
    }

    void rejectsInvalid_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("bad id") << u"id"_s << QJsonValue(u"My Agent"_s)
                                << u"\"id\": \"My Agent\" is not a valid id"_s;
        QTest::newRow("unknown key") << u"comand"_s << QJsonValue(u"x"_s) << u"\"comand\": unknown key"_s;
        QTest::newRow("empty command") << u"command"_s << QJsonValue(QJsonArray()) << u"\"command\""_s;
        QTest::newRow("command not list")
            << u"command"_s << QJsonValue(u"agent --yes"_s) << u"list of strings"_s;
        QTest::newRow("bad env name")
            << u"environment"_s << QJsonValue(QJsonObject{{u"1BAD"_s, u"x"_s}}) << u"\"environment.1BAD\""_s;
        QTest::newRow("bad host") << u"requiredHosts"_s << QJsonValue(QJsonArray{u"exa mple.com"_s})
                                  << u"\"requiredHosts[0]\""_s;
        QTest::newRow("npm shell") << u"install"_s << QJsonValue(QJsonObject{{u"npm"_s, u"x; rm -rf /"_s}})
                                   << u"\"install.npm\""_s;
        QTest::newRow("install both")
            << u"install"_s << QJsonValue(QJsonObject{{u"npm"_s, u"x"_s}, {u"command"_s, QJsonArray{u"y"_s}}})
            << u"exactly one"_s;
        QTest::newRow("format without secret")
            << u"credentials"_s
            << QJsonValue(QJsonArray{QJsonObject{{u"host"_s, u"a.example"_s},
                                                 {u"header"_s, u"X-Key"_s},
                                                 {u"format"_s, u"Bearer"_s},
                                                 {u"secret"_s, u"k"_s}}})
            << u"\"credentials[0].format\": must contain {secret}"_s;
        QTest::newRow("header injection")
            << u"credentials"_s
            << QJsonValue(QJsonArray{QJsonObject{{u"host"_s, u"a.example"_s},
                                                 {u"header"_s, u"X-Key: a\r\nEvil"_s},
                                                 {u"format"_s, u"{secret}"_s},
                                                 {u"secret"_s, u"k"_s}}})
            << u"\"credentials[0].header\""_s;
        QTest::newRow("bad regex") << u"attention"_s
                                   << QJsonValue(
                                          QJsonObject{{u"done"_s, QJsonArray{u"ok"_s, u"(unclosed"_s}}})
                                   << u"\"attention.done[1]\": invalid regular expression"_s;
    }
    void rejectsInvalid()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, messagePart);
        QJsonObject object = valid();
        object.insert(key, value);
        const auto parsed =
            AgentTemplate::fromJsonObject(object, u"/home/u/.config/paddock/templates/my.json"_s);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
        QVERIFY(parsed.error().message.contains(u"templates/my.json"_s));
    }

    void regexErrorGivesOffset()
    {
        QJsonObject object = valid();
        object.insert(u"attention"_s, QJsonObject{{u"waitingForInput"_s, QJsonArray{u"abc(def"_s}}});
        const auto parsed = AgentTemplate::fromJsonObject(object, u"t"_s);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().message.contains(u"at offset 7"_s), qPrintable(parsed.error().message));
    }

    void builtInsLoadAndAreValid()
    {
        Paddock::Test::IsolatedXdg xdg;
        TemplateCatalog catalog(xdg.path() + u"/templates"_s);
        QVERIFY2(catalog.problems().isEmpty(), qPrintable(catalog.problems().value(0).message));
        QStringList ids;
        for (const AgentTemplate &t : catalog.templates()) {
            ids.append(t.id);
            QVERIFY(t.builtIn);
        }
        for (const QString &id :
             {u"claude"_s, u"codex"_s, u"copilot"_s, u"gemini"_s, u"opencode"_s, u"shell"_s})
            QVERIFY2(ids.contains(id), qPrintable(id));
        const AgentTemplate claude = *catalog.find(u"claude"_s);
        QCOMPARE(claude.launchArguments(), (QStringList{u"claude"_s, u"--dangerously-skip-permissions"_s}));
        QCOMPARE(claude.credentials.first().header, u"x-api-key"_s);
        QCOMPARE(claude.credentials.first().host, u"api.anthropic.com"_s);
        QVERIFY(catalog.find(u"shell"_s)->credentials.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAgentTemplate)
#include "tst_agenttemplate.moc"
