#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Paddock::Core {

// Writes a file Paddock hands to an agent into the agent's workspace, which the agent controls: a folder or
// the file itself may have been replaced by a symbolic link to somewhere on the host. Every step goes through
// the folder's descriptor without following links, and the file is replaced by a rename, so nothing outside
// the workspace is ever written.
class WorkspaceFile
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::WorkspaceFile)

public:
    // Writes bytes to <root>/<folder>/<name>, creating folder; folder and name are single names (no "/").
    static Result<> write(const QString &root, const QString &folder, const QString &name,
                          const QByteArray &bytes);
};

} // namespace Paddock::Core
