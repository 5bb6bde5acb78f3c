#include "core/settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

Settings::Settings(QString path)
    : m_path(std::move(path))
{}

void Settings::addRecentFolder(const QString &folder)
{
    const QString clean = QDir::cleanPath(folder);
    m_recentFolders.removeAll(clean);
    m_recentFolders.prepend(clean);
    while (m_recentFolders.size() > maxRecentFolders)
        m_recentFolders.removeLast();
}

Result<> Settings::load()
{
    QFile file(m_path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    tr("Cannot read the settings file %1: %2.").arg(m_path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1024 * 1024), &parseError);
    file.close();
    if (!document.isObject()) {
        const QString aside = m_path + u".corrupt"_s;
        QFile::remove(aside);
        QFile::rename(m_path, aside);
        return fail(ErrorCode::Corrupt,
                    tr("The settings file %1 was damaged (%2); it was moved to %3 and the defaults are used.")
                        .arg(m_path, parseError.errorString(), aside));
    }
    const QJsonObject object = document.object();
    language = object.value(u"language"_s).toString(language);
    defaultPreset = object.value(u"defaultPreset"_s).toString(defaultPreset);
    defaultTemplate = object.value(u"defaultTemplate"_s).toString(defaultTemplate);
    defaultBackend = object.value(u"defaultBackend"_s).toString(defaultBackend);
    scrollbackLines = std::clamp(object.value(u"scrollbackLines"_s).toInt(scrollbackLines), 100, 1000000);
    trayNoticeShown = object.value(u"trayNoticeShown"_s).toBool(trayNoticeShown);
    m_recentFolders.clear();
    for (const QJsonValue &folder : object.value(u"recentFolders"_s).toArray()) {
        if (folder.isString() && m_recentFolders.size() < maxRecentFolders)
            m_recentFolders.append(folder.toString());
    }
    return {};
}

Result<> Settings::save() const
{
    const QJsonObject object{
        {u"language"_s, language},
        {u"defaultPreset"_s, defaultPreset},
        {u"defaultTemplate"_s, defaultTemplate},
        {u"defaultBackend"_s, defaultBackend},
        {u"scrollbackLines"_s, scrollbackLines},
        {u"trayNoticeShown"_s, trayNoticeShown},
        {u"recentFolders"_s, QJsonArray::fromStringList(m_recentFolders)},
    };
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0 || !file.commit())
        return fail(ErrorCode::Io, tr("Cannot save the settings to %1: %2.").arg(m_path, file.errorString()));
    return {};
}

} // namespace Paddock::Core
