#pragma once

#include <QColor>

namespace Paddock::App {

// base with amount (0..1) of tint mixed in: tints that follow the palette, light or dark.
inline QColor mixColours(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + tint.redF() * amount),
                            float(base.greenF() * (1 - amount) + tint.greenF() * amount),
                            float(base.blueF() * (1 - amount) + tint.blueF() * amount));
}

} // namespace Paddock::App
