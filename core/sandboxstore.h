#pragma once

#include "core/sandboxrecord.h"

#include <QList>

namespace Paddock::Core {

// Keeps sandbox records as one JSON file each (<dir>/<name>.json), written atomically. A file that cannot be
// read is moved aside as <name>.json.corrupt and reported, never silently dropped.
class SandboxStore
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::SandboxStore)

public:
    explicit SandboxStore(QString directory);

    // Every valid record, sorted by name; problems() then lists what was moved aside.
    QList<SandboxRecord> list();
    std::optional<SandboxRecord> find(const QString &name);
    Result<> save(const SandboxRecord &record);
    Result<> remove(const QString &name);
    const QList<Error> &problems() const { return m_problems; }
    QString directory() const { return m_directory; }

private:
    QString pathFor(const QString &name) const;
    std::optional<SandboxRecord> read(const QString &path);
    void moveAside(const QString &path, const QString &why);

    QString m_directory;
    QList<Error> m_problems;
};

} // namespace Paddock::Core
