#include "core/sandboxrecord.h"

#include <QDir>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

Result<> SandboxRecord::validateName(const QString &name)
{
    bool valid = !name.isEmpty() && name.size() <= 63 && !name.contains(".."_L1) && !name.endsWith(u'.') &&
                 !name.endsWith(".lock"_L1);
    for (qsizetype i = 0; valid && i < name.size(); ++i) {
        const QChar c = name[i];
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        valid = alnum || (i > 0 && (c == u'.' || c == u'_' || c == u'-'));
    }
    if (!valid)
        return fail(
            ErrorCode::InvalidArgument,
            tr("\"%1\" is not a valid sandbox name: use up to 63 lower-case letters, digits, '.', '_' and "
               "'-', starting with a letter or digit.")
                .arg(name.left(80)));
    return {};
}

QString SandboxRecord::modeName(Mode mode)
{
    return mode == Mode::Clone ? u"clone"_s : u"direct"_s;
}

QString SandboxRecord::backendName(Backend backend)
{
    return backend == Backend::Namespace ? u"namespace"_s : u"microvm"_s;
}

QString SandboxRecord::stateName(State state)
{
    switch (state) {
    case State::Created:
        return u"created"_s;
    case State::Starting:
        return u"starting"_s;
    case State::Running:
        return u"running"_s;
    case State::Stopping:
        return u"stopping"_s;
    case State::Stopped:
        return u"stopped"_s;
    case State::Failed:
        return u"failed"_s;
    }
    return {};
}

std::optional<SandboxRecord::Mode> SandboxRecord::modeFromName(const QString &name)
{
    for (Mode mode : {Mode::Clone, Mode::Direct}) {
        if (modeName(mode) == name)
            return mode;
    }
    return std::nullopt;
}

std::optional<SandboxRecord::Backend> SandboxRecord::backendFromName(const QString &name)
{
    for (Backend backend : {Backend::Namespace, Backend::MicroVm}) {
        if (backendName(backend) == name)
            return backend;
    }
    return std::nullopt;
}

std::optional<SandboxRecord::State> SandboxRecord::stateFromName(const QString &name)
{
    for (State state :
         {State::Created, State::Starting, State::Running, State::Stopping, State::Stopped, State::Failed}) {
        if (stateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QJsonObject SandboxRecord::toJson() const
{
    QJsonObject published; // the sandbox's port → the host's
    for (auto it = publishedPorts.cbegin(); it != publishedPorts.cend(); ++it)
        published.insert(QString::number(it.key()), it.value());
    return QJsonObject{
        {u"version"_s, schemaVersion},
        {u"id"_s, id},
        {u"name"_s, name},
        {u"workspace"_s, workspace},
        {u"mode"_s, modeName(mode)},
        {u"branch"_s, branch},
        {u"template"_s, templateId},
        {u"preset"_s, presetId},
        {u"policyRules"_s, QJsonArray::fromStringList(policyRules)},
        {u"projectRules"_s, QJsonArray::fromStringList(projectRules)},
        {u"backend"_s, backendName(backend)},
        {u"resources"_s,
         QJsonObject{{u"cpus"_s, cpus}, {u"memoryMiB"_s, memoryMiB}, {u"diskMiB"_s, diskMiB}}},
        {u"state"_s, stateName(state)},
        {u"stateDetail"_s, stateDetail},
        {u"failOpen"_s, failOpen},
        {u"published"_s, published},
        {u"createdAt"_s, createdAt.toUTC().toString(Qt::ISODateWithMs)},
        {u"updatedAt"_s, updatedAt.toUTC().toString(Qt::ISODateWithMs)},
    };
}

Result<SandboxRecord> SandboxRecord::fromJson(const QJsonObject &object)
{
    const auto invalid = [](const QString &what) {
        return fail(ErrorCode::Corrupt, tr("The sandbox record is invalid: %1").arg(what));
    };
    if (object.value(u"version"_s).toInt(-1) != schemaVersion)
        return invalid(tr("unsupported version %1.").arg(object.value(u"version"_s).toVariant().toString()));
    SandboxRecord record;
    record.id = object.value(u"id"_s).toString();
    record.name = object.value(u"name"_s).toString();
    if (auto valid = validateName(record.name); !valid)
        return invalid(valid.error().message);
    record.workspace = object.value(u"workspace"_s).toString();
    if (!QDir::isAbsolutePath(record.workspace))
        return invalid(tr("the workspace \"%1\" is not an absolute path.").arg(record.workspace));
    const auto mode = modeFromName(object.value(u"mode"_s).toString());
    const auto backend = backendFromName(object.value(u"backend"_s).toString());
    const auto state = stateFromName(object.value(u"state"_s).toString());
    if (!mode || !backend || !state)
        return invalid(tr("unknown mode, backend or state."));
    record.mode = *mode;
    record.backend = *backend;
    record.state = *state;
    record.branch = object.value(u"branch"_s).toString();
    record.templateId = object.value(u"template"_s).toString();
    record.presetId = object.value(u"preset"_s).toString();
    for (const QJsonValue &rule : object.value(u"policyRules"_s).toArray())
        record.policyRules.append(rule.toString());
    for (const QJsonValue &rule : object.value(u"projectRules"_s).toArray())
        record.projectRules.append(rule.toString());
    const QJsonObject resources = object.value(u"resources"_s).toObject();
    record.cpus = resources.value(u"cpus"_s).toInt();
    record.memoryMiB = resources.value(u"memoryMiB"_s).toInt();
    record.diskMiB = resources.value(u"diskMiB"_s).toInt();
    if (record.cpus < 0 || record.memoryMiB < 0 || record.diskMiB < 0)
        return invalid(tr("negative resources."));
    record.stateDetail = object.value(u"stateDetail"_s).toString();
    record.failOpen = object.value(u"failOpen"_s).toBool(false);
    const QJsonObject published = object.value(u"published"_s).toObject();
    for (auto it = published.constBegin(); it != published.constEnd(); ++it) {
        bool isNumber = false;
        const int sandboxPort = it.key().toInt(&isNumber);
        const int hostPort = it.value().toInt();
        if (isNumber && sandboxPort > 0 && sandboxPort < 65536 && hostPort > 0 && hostPort < 65536)
            record.publishedPorts.insert(sandboxPort, hostPort); // a broken entry is only not published again
    }
    record.createdAt = QDateTime::fromString(object.value(u"createdAt"_s).toString(), Qt::ISODateWithMs);
    record.updatedAt = QDateTime::fromString(object.value(u"updatedAt"_s).toString(), Qt::ISODateWithMs);
    return record;
}

} // namespace Paddock::Core
