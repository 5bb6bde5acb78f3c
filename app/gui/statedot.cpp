#include "app/gui/statedot.h"

#include <QPainter>
#include <QPixmapCache>

namespace Paddock::App {

QColor stateColour(StateLook look)
{
    switch (look) {
    case StateLook::Starting:
        return QColor(0xd9, 0x9a, 0x06);
    case StateLook::Running:
        return QColor(0x2e, 0xa0, 0x43);
    case StateLook::Stopped:
        return QColor(0x8b, 0x8b, 0x8b);
    case StateLook::Failed:
        return QColor(0xd1, 0x24, 0x2f);
    }
    return {};
}

QPixmap stateDot(StateLook look)
{
    const QString key = QStringLiteral("paddock-state-dot-%1").arg(int(look));
    QPixmap dot;
    if (QPixmapCache::find(key, &dot))
        return dot;
    dot = QPixmap(10, 10);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(stateColour(look));
    painter.drawEllipse(QRectF(0.5, 0.5, 9, 9));
    painter.end();
    QPixmapCache::insert(key, dot);
    return dot;
}

} // namespace Paddock::App
