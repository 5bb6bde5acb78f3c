#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QStringList>

namespace Paddock::Core {

// The user's preferences, kept in a small JSON file (settings.json in the config folder).
class Settings
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::Settings)

public:
    static constexpr int maxRecentFolders = 10;

    explicit Settings(QString path);

    // A missing file gives defaults; a corrupt one is moved aside as .corrupt and reported, then defaults
    // apply.
    Result<> load();
    Result<> save() const;

    QString language; // empty: follow the system locale
    QString defaultPreset = QStringLiteral("balanced");
    QString defaultTemplate = QStringLiteral("claude");
    QString defaultBackend = QStringLiteral("namespace");
    int scrollbackLines = 10000;
    bool trayNoticeShown = false;
    const QStringList &recentFolders() const { return m_recentFolders; }
    // Puts a folder first, without duplicates, keeping at most maxRecentFolders.
    void addRecentFolder(const QString &folder);

private:
    QString m_path;
    QStringList m_recentFolders;
};

} // namespace Paddock::Core
