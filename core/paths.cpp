#include "core/paths.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

// XDG base directory spec: a relative path in a variable is invalid and must be ignored.
QString xdg(const QProcessEnvironment &environment, const QString &name, const QString &fallback)
{
    const QString value = environment.value(name);
    return QDir::isAbsolutePath(value) ? QDir::cleanPath(value) : fallback;
}

} // namespace

Paths::Paths(const QProcessEnvironment &environment)
{
    QString home = environment.value(u"HOME"_s);
    if (!QDir::isAbsolutePath(home))
        home = QDir::homePath();
    m_config = xdg(environment, u"XDG_CONFIG_HOME"_s, home + u"/.config"_s) + u"/paddock"_s;
    m_data = xdg(environment, u"XDG_DATA_HOME"_s, home + u"/.local/share"_s) + u"/paddock"_s;
    m_state = xdg(environment, u"XDG_STATE_HOME"_s, home + u"/.local/state"_s) + u"/paddock"_s;
    m_cache = xdg(environment, u"XDG_CACHE_HOME"_s, home + u"/.cache"_s) + u"/paddock"_s;
    m_runtimeBase = xdg(environment, u"XDG_RUNTIME_DIR"_s, u"/tmp/paddock-runtime-%1"_s.arg(getuid()));
}

QString Paths::runtimeDir() const
{
    const QString dir = m_runtimeBase + u"/paddock"_s;
    QDir().mkpath(dir);
    // Sockets live here; other users must not reach them.
    QFile::setPermissions(m_runtimeBase.startsWith(u"/tmp/paddock-runtime-"_s) ? m_runtimeBase : dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return dir;
}

} // namespace Paddock::Core
