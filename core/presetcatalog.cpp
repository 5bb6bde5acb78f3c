#include "core/presetcatalog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

// What the built-in presets (resources/presets/*.json) show, for lupdate to find: load() translates them.
// Keep in step with the files; tests/app/tst_translations.cpp fails when one is missing here.
[[maybe_unused]] constexpr const char *builtInTexts[] = {
    //: The name of a built-in network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Open"),
    QT_TRANSLATE_NOOP(
        "Paddock::Core::PresetCatalog",
        "Allows every host; address vetting still blocks the host's loopback, LAN and cloud metadata."),
    //: A group of rules in a network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Everything"),
    //: The name of a built-in network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Balanced"),
    QT_TRANSLATE_NOOP(
        "Paddock::Core::PresetCatalog",
        "Denies everything except AI services, package registries, code hosts, cloud tooling and OS "
        "package mirrors."),
    //: A group of rules in a network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "AI services"),
    //: A group of rules in a network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Package managers"),
    //: A group of rules in a network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Code hosts and container registries"),
    //: A group of rules in a network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Cloud infrastructure"),
    //: A group of rules in a network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "OS package mirrors"),
    //: The name of a built-in network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Locked Down"),
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog",
                      "Denies everything; only the hosts an agent template needs are added for its sandbox."),
    //: A group of rules in a network policy preset.
    QT_TRANSLATE_NOOP("Paddock::Core::PresetCatalog", "Nothing"),
};

QString translated(const QString &text)
{
    return QCoreApplication::translate("Paddock::Core::PresetCatalog", text.toUtf8().constData());
}

} // namespace

QList<PolicyRule> Preset::rules() const
{
    QList<PolicyRule> all;
    for (const PresetGroup &group : groups)
        all += group.rules;
    return all;
}

QStringList PresetCatalog::ids()
{
    return {u"open"_s, u"balanced"_s, u"locked-down"_s};
}

Result<Preset> PresetCatalog::load(const QString &id)
{
    if (!ids().contains(id))
        return fail(
            ErrorCode::NotFound,
            tr("There is no preset named \"%1\". Valid presets are: %2.").arg(id, ids().join(u", "_s)));
    QFile file(u":/presets/"_s + id + u".json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Internal,
                    tr("The built-in preset \"%1\" is missing from this build.").arg(id));
    auto preset = parse(file.readAll(), file.fileName());
    if (preset) {
        preset->name = translated(preset->name);
        preset->description = translated(preset->description);
        for (PresetGroup &group : preset->groups)
            group.name = translated(group.name);
    }
    return preset;
}

Result<Preset> PresetCatalog::parse(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return fail(ErrorCode::Corrupt,
                    tr("%1 is not a valid preset: %2.").arg(origin, parseError.errorString()));
    const QJsonObject object = document.object();
    Preset preset{object.value(u"id"_s).toString(),
                  object.value(u"name"_s).toString(),
                  object.value(u"description"_s).toString(),
                  {}};
    if (preset.id.isEmpty() || preset.name.isEmpty() || !object.value(u"groups"_s).isArray())
        return fail(ErrorCode::Corrupt, tr("%1 needs \"id\", \"name\" and \"groups\".").arg(origin));
    for (const QJsonValue &groupValue : object.value(u"groups"_s).toArray()) {
        const QJsonObject group = groupValue.toObject();
        PresetGroup presetGroup{group.value(u"name"_s).toString(), {}};
        for (const QJsonValue &ruleValue : group.value(u"rules"_s).toArray()) {
            auto rule = PolicyRule::parse(ruleValue.toString());
            if (!rule)
                return fail(ErrorCode::Corrupt, tr("%1: %2").arg(origin, rule.error().message));
            presetGroup.rules.append(*rule);
        }
        preset.groups.append(presetGroup);
    }
    return preset;
}

} // namespace Paddock::Core
