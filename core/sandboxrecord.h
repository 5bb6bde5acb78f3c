#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace Paddock::Core {

// What Paddock remembers about one sandbox; persisted as JSON by SandboxStore.
struct SandboxRecord
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::SandboxRecord)

public:
    enum class Mode { Clone, Direct };
    enum class Backend { Namespace, MicroVm };
    enum class State { Created, Starting, Running, Stopping, Stopped, Failed };

    static constexpr int schemaVersion = 1;

    QString id;        // a UUID
    QString name;      // also the branch suffix (paddock/<name>) and a file name
    QString workspace; // absolute path of the user's folder
    Mode mode = Mode::Clone;
    QString branch; // paddock/<name> in clone mode
    QString templateId;
    QString presetId;
    QStringList policyRules; // the sandbox layer
    // Direct mode: the project's .paddock/policy.json rules as they were at creation. The agent writes that
    // folder, so the file itself is never read again for this sandbox (it could widen its own policy).
    QStringList projectRules;
    Backend backend = Backend::Namespace;
    int cpus = 0;      // 0: no limit
    int memoryMiB = 0; // 0: no limit
    int diskMiB = 0;   // 0: the backend's default
    State state = State::Created;
    QString stateDetail;   // why it failed, or what it is doing
    bool failOpen = false; // proxy passes traffic through on internal errors (logged); off by default
    // The sandbox's ports published on this computer: each one's host port, published again at every start.
    QMap<int, int> publishedPorts;
    QDateTime createdAt;
    QDateTime updatedAt;

    // Names become branch names, file names and paths: lower-case letters, digits, '.', '_' and '-', starting
    // with a letter or digit, at most 63 characters, never "..".
    static Result<> validateName(const QString &name);

    QJsonObject toJson() const;
    static Result<SandboxRecord> fromJson(const QJsonObject &object);

    static QString modeName(Mode mode);
    static QString backendName(Backend backend);
    static QString stateName(State state);
    static std::optional<Mode> modeFromName(const QString &name);
    static std::optional<Backend> backendFromName(const QString &name);
    static std::optional<State> stateFromName(const QString &name);
    bool operator==(const SandboxRecord &) const = default;
};

} // namespace Paddock::Core
