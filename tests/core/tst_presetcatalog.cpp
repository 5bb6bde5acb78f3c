// The shipped presets load and behave as their descriptions promise.
#include "core/policy.h"
#include "core/presetcatalog.h"

#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

namespace {

bool allows(const Preset &preset, const QString &authority)
{
    Policy policy;
    policy.setLayer(PolicyLayer::Preset, preset.rules());
    const auto parsed = HostCanonicalizer::canonicalizeAuthority(authority);
    return policy.matcher()
        ->decide({u"GET"_s, parsed->host, parsed->port.value_or(443), u"/"_s, true})
        .allowed;
}

} // namespace

class TestPresetCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPresetLoads()
    {
        for (const QString &id : PresetCatalog::ids()) {
            const auto preset = PresetCatalog::load(id);
            QVERIFY2(preset.has_value(), qPrintable(preset ? QString() : preset.error().message));
            QCOMPARE(preset->id, id);
            QVERIFY(!preset->name.isEmpty());
            QVERIFY(!preset->description.isEmpty());
            QVERIFY(!preset->rules().isEmpty());
        }
        QCOMPARE(PresetCatalog::defaultPresetId(), u"balanced"_s);
    }

    void unknownPresetListsValidOnes()
    {
        const auto preset = PresetCatalog::load(u"permissive"_s);
        QVERIFY(!preset.has_value());
        QVERIFY(preset.error().message.contains(u"open, balanced, locked-down"_s));
    }

    void presetsBehave_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("authority");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("open allows anything") << u"open"_s << u"example.com:443"_s << true;
        QTest::newRow("open allows any port") << u"open"_s << u"example.com:8443"_s << true;
        QTest::newRow("locked denies api") << u"locked-down"_s << u"api.anthropic.com:443"_s << false;
        QTest::newRow("locked denies all") << u"locked-down"_s << u"example.com:443"_s << false;
        QTest::newRow("balanced anthropic") << u"balanced"_s << u"api.anthropic.com:443"_s << true;
        QTest::newRow("balanced npm") << u"balanced"_s << u"registry.npmjs.org:443"_s << true;
        QTest::newRow("balanced pypi") << u"balanced"_s << u"pypi.org:443"_s << true;
        QTest::newRow("balanced github api") << u"balanced"_s << u"api.github.com:443"_s << true;
        QTest::newRow("balanced debian http") << u"balanced"_s << u"deb.debian.org:80"_s << true;
        QTest::newRow("balanced example") << u"balanced"_s << u"example.com:443"_s << false;
        QTest::newRow("balanced github port 22") << u"balanced"_s << u"github.com:22"_s << false;
        QTest::newRow("balanced s3 storage") << u"balanced"_s << u"attacker.s3.amazonaws.com:443"_s << false;
        QTest::newRow("balanced gcs storage") << u"balanced"_s << u"storage.googleapis.com:443"_s << false;
        QTest::newRow("balanced azure blob") << u"balanced"_s << u"acct.blob.core.windows.net:443"_s << false;
        QTest::newRow("balanced vercel blob")
            << u"balanced"_s << u"x.public.blob.vercel-storage.com:443"_s << false;
        QTest::newRow("balanced user content") << u"balanced"_s << u"x.googleusercontent.com:443"_s << false;
    }
    void presetsBehave()
    {
        QFETCH(QString, preset);
        QFETCH(QString, authority);
        QFETCH(bool, allowed);
        const auto loaded = PresetCatalog::load(preset);
        QVERIFY(loaded.has_value());
        QCOMPARE(allows(*loaded, authority), allowed);
    }

    void rejectsMalformedPreset()
    {
        QVERIFY(!PresetCatalog::parse("{", u"x"_s).has_value());
        const auto badRule = PresetCatalog::parse(
            R"({"id":"x","name":"X","groups":[{"name":"g","rules":["allow exa mple.com"]}]})", u"x.json"_s);
        QVERIFY(!badRule.has_value());
        QVERIFY(badRule.error().message.contains(u"x.json"_s));
        QVERIFY(badRule.error().message.contains(u"column"_s));
    }
};

QTEST_GUILESS_MAIN(TestPresetCatalog)
#include "tst_presetcatalog.moc"
