#pragma once

#include "core/policyrule.h"
#include "core/result.h"

#include <QCoreApplication>

namespace Paddock::Core {

// The contents of a policy file: the global one (~/.config/paddock/policy.json) or a project's
// `.paddock/policy.json` (reviewed like code; normally rules only).
struct PolicyDocument
{
    QString preset; // empty: not set by this file
    QList<PolicyRule> rules;
};

// Reads and writes policy files: `{"version": 1, "preset": "balanced", "rules": ["allow ...", ...]}`.
class PolicyFile
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::PolicyFile)

public:
    static constexpr int currentVersion = 1;

    // A project's own policy file: .paddock/policy.json in its folder.
    static QString projectFileIn(const QString &folder);

    // A missing file is an empty document; a malformed one is an error naming the file and the problem.
    static Result<PolicyDocument> load(const QString &path);
    static Result<PolicyDocument> parse(const QByteArray &json, const QString &origin);
    // Atomic: the old file stays intact if writing fails.
    static Result<> save(const QString &path, const PolicyDocument &document);
    static QByteArray serialize(const PolicyDocument &document);
};

} // namespace Paddock::Core
