#include "core/policyfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

QString PolicyFile::projectFileIn(const QString &folder)
{
    return folder + u"/.paddock/policy.json"_s;
}

Result<PolicyDocument> PolicyFile::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return PolicyDocument{};
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read the policy file %1: %2.").arg(path, file.errorString()));
    // Policy files are small; refuse anything absurd instead of reading it into memory.
    if (file.size() > 16 * 1024 * 1024)
        return fail(ErrorCode::Corrupt, tr("The policy file %1 is larger than 16 MiB.").arg(path));
    return parse(file.readAll(), path);
}

Result<PolicyDocument> PolicyFile::parse(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(ErrorCode::Corrupt, tr("The policy file %1 is not valid JSON: %2 at offset %3.")
                                            .arg(origin, parseError.errorString())
                                            .arg(parseError.offset));
    if (!document.isObject())
        return fail(ErrorCode::Corrupt, tr("The policy file %1 must contain a JSON object.").arg(origin));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != "version"_L1 && it.key() != "preset"_L1 && it.key() != "rules"_L1)
            return fail(
                ErrorCode::Corrupt,
                tr("The policy file %1 has an unknown key \"%2\"; the keys are \"version\", \"preset\" and "
                   "\"rules\".")
                    .arg(origin, it.key()));
    }
    const QJsonValue version = object.value(u"version"_s);
    if (!version.isUndefined() && version.toInt(-1) != currentVersion)
        return fail(ErrorCode::Corrupt,
                    tr("The policy file %1 has version %2; this Paddock reads version %3.")
                        .arg(origin, version.toVariant().toString())
                        .arg(currentVersion));
    PolicyDocument result;
    const QJsonValue preset = object.value(u"preset"_s);
    if (!preset.isUndefined() && !preset.isString())
        return fail(ErrorCode::Corrupt,
                    tr("In the policy file %1, \"preset\" must be a string.").arg(origin));
    result.preset = preset.toString();
    const QJsonValue rules = object.value(u"rules"_s);
    if (!rules.isUndefined() && !rules.isArray())
        return fail(ErrorCode::Corrupt,
                    tr("In the policy file %1, \"rules\" must be a list of strings.").arg(origin));
    const QJsonArray ruleArray = rules.toArray();
    for (qsizetype i = 0; i < ruleArray.size(); ++i) {
        if (!ruleArray[i].isString())
            return fail(ErrorCode::Corrupt,
                        tr("In the policy file %1, rule %2 is not a string.").arg(origin).arg(i + 1));
        auto rule = PolicyRule::parse(ruleArray[i].toString());
        if (!rule)
            return fail(
                ErrorCode::Corrupt,
                tr("In the policy file %1, rule %2: %3").arg(origin).arg(i + 1).arg(rule.error().message));
        result.rules.append(*rule);
    }
    return result;
}

QByteArray PolicyFile::serialize(const PolicyDocument &document)
{
    QJsonObject object{{u"version"_s, currentVersion}};
    if (!document.preset.isEmpty())
        object.insert(u"preset"_s, document.preset);
    QJsonArray rules;
    for (const PolicyRule &rule : document.rules)
        rules.append(rule.toString());
    object.insert(u"rules"_s, rules);
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<> PolicyFile::save(const QString &path, const PolicyDocument &document)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(serialize(document)) < 0 || !file.commit())
        return fail(ErrorCode::Io, tr("Cannot write the policy file %1: %2.").arg(path, file.errorString()));
    return {};
}

} // namespace Paddock::Core
