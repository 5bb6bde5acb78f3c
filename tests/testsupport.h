#pragma once

// Shared helpers for the Qt Test executables.

#include <QByteArray>
#include <QDir>
#include <QTemporaryDir>
#include <QtGlobal>

namespace Paddock::Test {

// Points every XDG directory at a fresh temporary folder, so no test reads or writes the user's real files.
class IsolatedXdg
{
public:
    IsolatedXdg()
    {
        const QString root = m_dir.path();
        for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME",
                                 "XDG_RUNTIME_DIR"}) {
            const QString path = root + QLatin1Char('/') + QString::fromLatin1(name).toLower();
            QDir().mkpath(path);
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            qputenv(name, QFile::encodeName(path));
        }
    }
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

} // namespace Paddock::Test
