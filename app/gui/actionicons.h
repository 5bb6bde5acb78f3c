#pragma once

#include <QIcon>
#include <QPalette>
#include <QStringList>

namespace Paddock::App {

// The icons of Paddock's actions: line drawings in resources/icons/<name>.svg (":/icons/<name>.svg") whose
// strokes are currentColor, drawn here in a palette's colours so that they follow light and dark themes.
// Names: new-sandbox, start, stop, attach, review, remove, policy, network-log, templates, secrets, settings,
// allow, deny, export.

// Every action icon's name, sorted (the application icon, paddock.svg, is not one).
QStringList actionIconNames();

// The named icon in the palette's window text colour, with its Disabled mode in the disabled window text
// colour, at 16, 24, 32 and 48 pixels. A null icon for a name that is not an action icon.
QIcon actionIcon(const QString &name, const QPalette &palette);

} // namespace Paddock::App
