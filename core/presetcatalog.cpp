#include "core/presetcatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

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
    return parse(file.readAll(), file.fileName());
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
