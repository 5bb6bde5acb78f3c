#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace Paddock::Core {

// How the proxy injects a credential: `header: format` with `{secret}` replaced, only for `host`.
struct CredentialBinding
{
    QString host;
    QString header;
    QString format;         // contains {secret}
    QString secret;         // the keychain entry's name, e.g. anthropic-api-key
    QString placeholderEnv; // the variable the sandbox gets with a placeholder, e.g. ANTHROPIC_API_KEY
    bool operator==(const CredentialBinding &) const = default;
};

// An agent: how to install and start it in YOLO mode, what it needs from the network, and how to tell that it
// waits for input or is done.
struct AgentTemplate
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::AgentTemplate)

public:
    QString id;
    QString name;
    QString description;
    QString installNpm;         // npm package spec, or empty
    QStringList installCommand; // argv, or empty
    QStringList command;
    QStringList yoloFlags;
    QMap<QString, QString> environment;
    QStringList requiredHosts; // rule targets such as api.anthropic.com:443
    QList<CredentialBinding> credentials;
    QStringList waitingPatterns; // regular expressions
    QStringList donePatterns;
    bool builtIn = false;

    // The full argv that starts the agent: command + YOLO flags.
    QStringList launchArguments() const { return command + yoloFlags; }

    // Strict: unknown keys (other than "x-…"), wrong types and invalid values are errors naming the key path.
    static Result<AgentTemplate> fromJson(const QByteArray &json, const QString &origin);
    // 1-40 lower-case letters, digits and hyphens, starting with a letter or digit: template ids and the
    // names of the secrets they use.
    static bool isValidId(const QString &id);
    static Result<AgentTemplate> fromJsonObject(const QJsonObject &object, const QString &origin);
    QJsonObject toJson() const;
    bool operator==(const AgentTemplate &) const = default;
};

} // namespace Paddock::Core
