#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace Paddock::Core {

// Paddock's directories, derived from the XDG environment (injected so tests never touch the user's files).
class Paths
{
public:
    explicit Paths(const QProcessEnvironment &environment);
    static Paths fromSystem() { return Paths(QProcessEnvironment::systemEnvironment()); }

    QString configDir() const { return m_config; } // ~/.config/paddock
    QString dataDir() const { return m_data; }     // ~/.local/share/paddock
    QString stateDir() const { return m_state; }   // ~/.local/state/paddock
    QString cacheDir() const { return m_cache; }   // ~/.cache/paddock
    // $XDG_RUNTIME_DIR/paddock, created with mode 0700 (a private folder under /tmp when there is none).
    QString runtimeDir() const;

    QString templatesDir() const { return m_config + QStringLiteral("/templates"); }
    QString globalPolicyFile() const { return m_config + QStringLiteral("/policy.json"); }
    QString settingsFile() const { return m_config + QStringLiteral("/settings.json"); }
    QString secretsIndexFile() const { return m_config + QStringLiteral("/secrets.json"); } // names only
    QString sandboxesDir() const { return m_data + QStringLiteral("/sandboxes"); }
    QString auditLogDir() const { return m_state + QStringLiteral("/audit"); }

private:
    QString m_config;
    QString m_data;
    QString m_state;
    QString m_cache;
    QString m_runtimeBase;
};

} // namespace Paddock::Core
