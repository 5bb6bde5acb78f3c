#include "core/templatecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

// The descriptions of the built-in templates (resources/templates/*.json), for lupdate to find: reload()
// translates them (their names are product names). tests/app/tst_translations.cpp fails when one is missing.
[[maybe_unused]] constexpr const char *builtInTexts[] = {
    QT_TRANSLATE_NOOP("Paddock::Core::TemplateCatalog",
                      "Anthropic's coding agent, with permission prompts skipped."),
    QT_TRANSLATE_NOOP("Paddock::Core::TemplateCatalog",
                      "OpenAI's Codex CLI, approvals and its own sandbox bypassed (Paddock is the sandbox)."),
    QT_TRANSLATE_NOOP("Paddock::Core::TemplateCatalog",
                      "GitHub Copilot's command-line agent with every tool allowed."),
    QT_TRANSLATE_NOOP("Paddock::Core::TemplateCatalog", "Google's Gemini CLI in YOLO mode."),
    QT_TRANSLATE_NOOP("Paddock::Core::TemplateCatalog", "The open-source terminal coding agent."),
    QT_TRANSLATE_NOOP("Paddock::Core::TemplateCatalog",
                      "A plain login shell in the sandbox, for doing things by hand."),
};

} // namespace

TemplateCatalog::TemplateCatalog(QString userDir)
    : m_userDir(std::move(userDir))
{
    reload();
}

void TemplateCatalog::reload()
{
    m_templates.clear();
    m_problems.clear();
    m_brokenFiles.clear();
    m_files.clear();
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
        loaded->description = QCoreApplication::translate("Paddock::Core::TemplateCatalog",
                                                          loaded->description.toUtf8().constData());
        m_templates.append(*loaded);
    }
    const qsizetype builtInCount = m_templates.size();

    const QDir user(m_userDir);
    for (const QFileInfo &info : user.entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        const auto reportBroken = [&](const Error &error) {
            m_problems.append(error);
            m_brokenFiles.append({info.filePath(), error});
        };
        const auto bytes = readUserFile(info.filePath());
        if (!bytes) {
            reportBroken(bytes.error());
            continue;
        }
        auto loaded = AgentTemplate::fromJson(*bytes, info.filePath());
        if (!loaded) {
            reportBroken(loaded.error());
            continue;
        }
        if (find(loaded->id)) {
            reportBroken(
                {ErrorCode::AlreadyExists,
                 tr("The template %1 uses the id \"%2\", which is already taken; give it another id.")
                     .arg(info.filePath(), loaded->id)});
            continue;
        }
        m_templates.append(*loaded);
        m_files.insert(loaded->id, info.filePath());
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

Result<QByteArray> TemplateCatalog::readUserFile(const QString &path)
{
    QFile file(path);
    if (QFileInfo(path).size() > 1024 * 1024 || !file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    tr("Cannot read the template %1 (unreadable or larger than 1 MiB).").arg(path));
    return file.readAll();
}

Result<> TemplateCatalog::saveUserTemplate(const AgentTemplate &agentTemplate)
{
    if (const auto existing = find(agentTemplate.id); existing && existing->builtIn)
        return fail(ErrorCode::AlreadyExists,
                    tr("\"%1\" is a built-in template and cannot be changed; save a copy under another id.")
                        .arg(agentTemplate.id));
    const QByteArray json = QJsonDocument(agentTemplate.toJson()).toJson(QJsonDocument::Indented);
    if (auto saved = saveUserTemplateJson(json, fileOf(agentTemplate.id)); !saved)
        return std::unexpected(saved.error());
    return {};
}

Result<AgentTemplate> TemplateCatalog::saveUserTemplateJson(const QByteArray &json,
                                                            const QString &replacesFile)
{
    if (!replacesFile.isEmpty() && !isUserFile(replacesFile))
        return fail(ErrorCode::NotFound, tr("%1 is not one of your template files.").arg(replacesFile));
    // Validate through the same parser the loader uses, so nothing invalid is ever written.
    auto parsed = AgentTemplate::fromJson(json, QFileInfo(replacesFile).fileName());
    if (!parsed)
        return std::unexpected(parsed.error());
    const QString id = parsed->id;
    const QString oldId = m_files.key(replacesFile);
    if (const auto existing = find(id); existing && existing->builtIn)
        return fail(
            ErrorCode::AlreadyExists,
            tr("\"%1\" is a built-in template and cannot be changed; save a copy under another id.").arg(id));
    if (find(id) && fileOf(id) != replacesFile)
        return fail(ErrorCode::AlreadyExists,
                    tr("There is a template \"%1\" already; choose another id.").arg(id));

    const QString ownFile = m_userDir + u'/' + id + u".json"_s;
    QString target = replacesFile.isEmpty() ? ownFile : replacesFile;
    if (!oldId.isEmpty() && oldId != id && QFileInfo(replacesFile).fileName() == QString(oldId + u".json"_s))
        target = ownFile; // the file was named after its id: keep it that way
    if (target != replacesFile && QFileInfo::exists(target))
        return fail(ErrorCode::AlreadyExists,
                    tr("The file %1 exists already; choose another id.").arg(target));
    QDir().mkpath(m_userDir);
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) < 0 || !file.commit())
        return fail(ErrorCode::Io, tr("Cannot save the template \"%1\": %2.").arg(id, file.errorString()));
    if (!replacesFile.isEmpty() && target != replacesFile)
        QFile::remove(replacesFile); // the new file holds everything; a leftover would clash with it
    reload();
    parsed->builtIn = false;
    return *parsed;
}

Result<> TemplateCatalog::removeUserTemplate(const QString &id)
{
    const auto existing = find(id);
    if (!existing)
        return fail(ErrorCode::NotFound, tr("There is no template \"%1\".").arg(id));
    if (existing->builtIn)
        return fail(ErrorCode::InvalidArgument,
                    tr("\"%1\" is a built-in template and cannot be removed.").arg(id));
    return removeUserFile(fileOf(id));
}

bool TemplateCatalog::isUserFile(const QString &path) const
{
    return !path.isEmpty() &&
           (!m_files.key(path).isEmpty() || std::ranges::any_of(m_brokenFiles, [&](const BrokenFile &broken) {
               return broken.path == path;
           }));
}

Result<> TemplateCatalog::removeUserFile(const QString &path)
{
    if (!isUserFile(path))
        return fail(ErrorCode::NotFound, tr("%1 is not one of your template files.").arg(path));
    if (!QFile::remove(path))
        return fail(ErrorCode::Io, tr("Cannot remove the template file %1.").arg(path));
    reload();
    return {};
}

} // namespace Paddock::Core
