// Policy files: round trip, atomic save, and errors that name the file and the rule.
#include "core/policyfile.h"

#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

class TestPolicyFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void missingFileIsEmpty()
    {
        QTemporaryDir dir;
        const auto document = PolicyFile::load(dir.filePath(u"absent.json"_s));
        QVERIFY(document.has_value());
        QVERIFY(document->rules.isEmpty());
        QVERIFY(document->preset.isEmpty());
    }

    void roundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sub/policy.json"_s);
        PolicyDocument document{
            u"balanced"_s,
            {*PolicyRule::parse(u"allow **.github.com:443"_s), *PolicyRule::parse(u"deny **"_s)}};
        QVERIFY(PolicyFile::save(path, document).has_value());
        const auto loaded = PolicyFile::load(path);
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->preset, u"balanced"_s);
        QCOMPARE(loaded->rules, document.rules);
        QCOMPARE(QDir(dir.filePath(u"sub"_s)).entryList(QDir::Files), QStringList{u"policy.json"_s});
    }

    void failedSaveKeepsOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"policy.json"_s);
        QVERIFY(PolicyFile::save(path, {u"open"_s, {}}).has_value());
        // A path below a regular file can never be written, even as root.
        const QString impossible = path + u"/nested.json"_s;
        const auto result = PolicyFile::save(impossible, {u"balanced"_s, {}});
        QVERIFY(!result.has_value());
        QVERIFY(result.error().message.contains(impossible));
        QCOMPARE(PolicyFile::load(path)->preset, u"open"_s);
    }

    void reportsErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not json") << QByteArray("{rules: ") << u"not valid JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"JSON object"_s;
        QTest::newRow("unknown key") << QByteArray(R"({"rule": []})") << u"unknown key \"rule\""_s;
        QTest::newRow("future version") << QByteArray(R"({"version": 2})") << u"version 2"_s;
        QTest::newRow("rules not list") << QByteArray(R"({"rules": "allow x"})") << u"list of strings"_s;
        QTest::newRow("rule not string") << QByteArray(R"({"rules": [1]})") << u"rule 1 is not a string"_s;
        QTest::newRow("bad rule") << QByteArray(R"({"rules": ["allow a.example", "allow 0x7f.1"]})")
                                  << u"rule 2: Invalid rule \"allow 0x7f.1\": column 7"_s;
        QTest::newRow("preset not string")
            << QByteArray(R"({"preset": 1})") << u"\"preset\" must be a string"_s;
    }
    void reportsErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, messagePart);
        const auto document = PolicyFile::parse(json, u"/repo/.paddock/policy.json"_s);
        QVERIFY(!document.has_value());
        QVERIFY2(document.error().message.contains(messagePart), qPrintable(document.error().message));
        QVERIFY(document.error().message.contains(u"/repo/.paddock/policy.json"_s));
    }
};

QTEST_GUILESS_MAIN(TestPolicyFile)
#include "tst_policyfile.moc"
