#pragma once

#include "core/policyrule.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>

namespace Paddock::Core {

// A named group of a preset's rules, so the GUI can show "AI services", "Package managers", ...
struct PresetGroup
{
    QString name;
    QList<PolicyRule> rules;
};

// A shipped policy preset: Open, Balanced or Locked Down.
struct Preset
{
    QString id;
    QString name;
    QString description;
    QList<PresetGroup> groups;

    QList<PolicyRule> rules() const;
};

// The built-in presets, read from the resources (:/presets/<id>.json).
class PresetCatalog
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::PresetCatalog)

public:
    // The preset a new installation uses.
    static QString defaultPresetId() { return QStringLiteral("balanced"); }
    static QStringList ids(); // in the order the GUI shows them
    static Result<Preset> load(const QString &id);
    // Parses a preset document; used for the resources and by tests.
    static Result<Preset> parse(const QByteArray &json, const QString &origin);
};

} // namespace Paddock::Core
