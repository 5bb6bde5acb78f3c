#include "core/templatecatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

TemplateCatalog::TemplateCatalog(QString userDir)
    : m_userDir(std::move(userDir))
{
    reload();
}

void TemplateCatalog::reload()
{
    m_templates.clear();
    m_problems.clear();
    const QDir builtIns(u":/templates"_s);
    for (const QString &name : builtIns.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        QFile file(builtIns.filePath(name));
        file.open(QIODevice::ReadOnly);
        auto loaded = AgentTemplate::fromJson(file.readAll(), name);
        if (!loaded) {
            m_problems.append(loaded.error());
            continue;
        }
        loaded->builtIn = true;
        m_templates.append(*loaded);
    }
    const qsizetype builtInCount = m_templates.size();

    const QDir user(m_userDir);
    for (const QFileInfo &info : user.entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        QFile file(info.filePath());
        if (info.size() > 1024 * 1024 || !file.open(QIODevice::ReadOnly)) {
            m_problems.append(
                {ErrorCode::Io,
                 tr("Cannot read the template %1 (unreadable or larger than 1 MiB).").arg(info.filePath())});
            continue;
        }
        auto loaded = AgentTemplate::fromJson(file.readAll(), info.filePath());
        if (!loaded) {
            m_problems.append(loaded.error());
            continue;
        }
        if (find(loaded->id)) {
            m_problems.append(
                {ErrorCode::AlreadyExists,
                 tr("The template %1 uses the id \"%2\", which is already taken; give it another id.")
                     .arg(info.filePath(), loaded->id)});
            continue;
        }
        m_templates.append(*loaded);
    }
    std::sort(m_templates.begin() + builtInCount, m_templates.end(),
              [](const AgentTemplate &a, const AgentTemplate &b) { return a.id < b.id; });
}

std::optional<AgentTemplate> TemplateCatalog::find(const QString &id) const
{
    for (const AgentTemplate &t : m_templates) {
        if (t.id == id)
            return t;
    }
    return std::nullopt;
}

Result<> TemplateCatalog::saveUserTemplate(const AgentTemplate &agentTemplate)
{
    if (const auto existing = find(agentTemplate.id); existing && existing->builtIn)
        return fail(ErrorCode::AlreadyExists,
                    tr("\"%1\" is a built-in template and cannot be changed; save a copy under another id.")
                        .arg(agentTemplate.id));
    // Validate through the same parser the loader uses, so nothing invalid is ever written.
    const QByteArray json = QJsonDocument(agentTemplate.toJson()).toJson(QJsonDocument::Indented);
    if (auto valid = AgentTemplate::fromJson(json, agentTemplate.id); !valid)
        return std::unexpected(valid.error());
    QDir().mkpath(m_userDir);
    QSaveFile file(m_userDir + u'/' + agentTemplate.id + u".json"_s);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) < 0 || !file.commit())
        return fail(ErrorCode::Io,
                    tr("Cannot save the template \"%1\": %2.").arg(agentTemplate.id, file.errorString()));
    reload();
    return {};
}

Result<> TemplateCatalog::removeUserTemplate(const QString &id)
{
    const auto existing = find(id);
    if (!existing)
        return fail(ErrorCode::NotFound, tr("There is no template \"%1\".").arg(id));
    if (existing->builtIn)
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" is a built-in template and cannot be removed.").arg(id));
    if (!QFile::remove(m_userDir + u'/' + id + u".json"_s))
        return fail(ErrorCode::Io, tr("Cannot remove the template file for \"%1\".").arg(id));
    reload();
    return {};
}

} // namespace Paddock::Core
