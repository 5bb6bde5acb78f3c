#include "app/gui/actionicons.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

constexpr auto iconFolder = ":/icons"_L1;
constexpr auto applicationIcon = "paddock"_L1;
constexpr int sizes[] = {16, 24, 32, 48};

QPixmap render(QSvgRenderer &renderer, int size, qreal opacity)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setOpacity(opacity);
    renderer.render(&painter);
    painter.end();
    return QPixmap::fromImage(image);
}

void addPixmaps(QIcon &icon, QByteArray svg, const QColor &colour, QIcon::Mode mode)
{
    // SVG colours are opaque; a colour's alpha (disabled ones often have one) becomes the drawing's opacity.
    svg.replace("currentColor", colour.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(svg);
    if (!renderer.isValid())
        return;
    for (const int size : sizes)
        icon.addPixmap(render(renderer, size, colour.alphaF()), mode);
}

} // namespace

QStringList actionIconNames()
{
    QStringList names;
    const QStringList files = QDir(QString(iconFolder)).entryList({u"*.svg"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString name = file.chopped(4);
        if (name != applicationIcon)
            names.append(name);
    }
    return names;
}

QIcon actionIcon(const QString &name, const QPalette &palette)
{
    if (name == applicationIcon || name.contains(u'/'))
        return {};
    QFile file(QString(iconFolder + u'/' + name + ".svg"_L1));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray svg = file.readAll();
    QIcon icon;
    addPixmaps(icon, svg, palette.color(QPalette::Normal, QPalette::WindowText), QIcon::Normal);
    addPixmaps(icon, svg, palette.color(QPalette::Disabled, QPalette::WindowText), QIcon::Disabled);
    return icon;
}

} // namespace Paddock::App
