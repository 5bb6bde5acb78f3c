#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Paddock::Core {

// A secret the user keeps in a project's files, which the sandbox can read in its workspace.
struct WorkspaceSecret
{
    QString name;     // where it was found: ".env: DATABASE_PASSWORD"
    QByteArray value; // never logged, never shown
};

// Finds the secrets in a workspace's usual secret files when a sandbox starts, so that the proxy blocks them
// leaving (security.md item 8): the workspace's top-level .env files (.env, .env.local, …), .npmrc, .pypirc
// and .netrc, read as KEY=VALUE, KEY: VALUE or netrc "password VALUE", keeping the values of keys that name a
// secret (TOKEN, SECRET, PASSWORD, API_KEY, …). Bounded: regular files of at most 1 MiB (symbolic links are
// not followed), at most maxSecrets values of 8 to 1024 bytes; placeholders and references ("changeme",
// "${VAR}",
// "<your-key>", all one character) are left out.
class WorkspaceSecrets
{
public:
    static constexpr int maxSecrets = 200;
    static constexpr qint64 maxFileBytes = 1024 * 1024;

    static QList<WorkspaceSecret> find(const QString &workspace);
    // The secrets in one file's text; file is the name they are reported under.
    static QList<WorkspaceSecret> parse(const QString &file, const QByteArray &text);
};

} // namespace Paddock::Core
