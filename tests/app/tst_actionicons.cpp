// The action icons: every one loads, and each is drawn in its palette's text colour (light and dark themes,
// enabled and disabled). A sheet of them all on a light and a dark palette goes to $PADDOCK_SCREENSHOTS
// (icons.png) to be looked at.
#include "app/gui/actionicons.h"

#include "testsupport.h"

#include <QApplication>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QtTest>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

namespace {

const QStringList expectedNames{u"allow"_s,       u"attach"_s, u"deny"_s,   u"export"_s,   u"network-log"_s,
                                u"new-sandbox"_s, u"policy"_s, u"remove"_s, u"review"_s,   u"secrets"_s,
                                u"settings"_s,    u"start"_s,  u"stop"_s,   u"templates"_s};

QPalette paletteWith(const QColor &window, const QColor &text, const QColor &disabledText)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::Base, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Text, disabledText);
    return palette;
}

QPalette lightPalette()
{
    return paletteWith(QColor(0xf6, 0xf5, 0xf4), QColor(0x24, 0x1f, 0x31), QColor(0x9a, 0x99, 0x96));
}

QPalette darkPalette()
{
    return paletteWith(QColor(0x24, 0x24, 0x24), QColor(0xee, 0xee, 0xec), QColor(0x77, 0x76, 0x7b));
}

// The colour of the icon's most opaque pixel: where a stroke is drawn in full.
QColor strokeColour(const QIcon &icon, QIcon::Mode mode)
{
    const QImage image = icon.pixmap(48, mode).toImage().convertToFormat(QImage::Format_ARGB32);
    QColor best(Qt::transparent);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor colour = image.pixelColor(x, y);
            if (colour.alpha() > best.alpha())
                best = colour;
        }
    }
    return best;
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) <= 8 && std::abs(a.green() - b.green()) <= 8 &&
           std::abs(a.blue() - b.blue()) <= 8;
}

// All icons at 16, 24 and 48 pixels, enabled and disabled, named, on the palette's window colour.
QImage sheet(const QPalette &palette, const QString &title)
{
    constexpr int column = 96;
    const QStringList names = actionIconNames();
    QImage image(column * int(names.size()) + 24, 200, QImage::Format_ARGB32);
    image.fill(palette.color(QPalette::Window));
    QPainter painter(&image);
    painter.setPen(palette.color(QPalette::WindowText));
    QFont font = QApplication::font();
    font.setPixelSize(12);
    painter.setFont(font);
    painter.drawText(QRect(12, 6, 400, 18), Qt::AlignLeft | Qt::AlignVCenter, title);
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QIcon icon = actionIcon(names.at(i), palette);
        const int left = 12 + int(i) * column;
        icon.paint(&painter, QRect(left + (column - 48) / 2, 30, 48, 48));
        icon.paint(&painter, QRect(left + 16, 96, 24, 24));
        icon.paint(&painter, QRect(left + 50, 100, 16, 16));
        icon.paint(&painter, QRect(left + 36, 134, 24, 24), Qt::AlignCenter, QIcon::Disabled);
        painter.drawText(QRect(left, 168, column, 20), Qt::AlignCenter, names.at(i));
    }
    return image;
}

} // namespace

class TestActionIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyActionHasAnIcon()
    {
        QCOMPARE(actionIconNames(), expectedNames);
        for (const QString &name : expectedNames) {
            const QIcon icon = actionIcon(name, lightPalette());
            QVERIFY2(!icon.isNull(), qPrintable(name));
            for (const int size : {16, 24, 32, 48}) {
                const QPixmap pixmap = icon.pixmap(size);
                QCOMPARE(pixmap.size(), QSize(size, size));
                QVERIFY2(strokeColour(icon, QIcon::Normal).alpha() == 255, qPrintable(name));
            }
        }
    }

    void unknownNamesHaveNoIcon()
    {
        QVERIFY(actionIcon(u"no-such-icon"_s, lightPalette()).isNull());
        QVERIFY(actionIcon(u"paddock"_s, lightPalette()).isNull()); // the application icon is not tinted
        QVERIFY(actionIcon(u"../icons/start"_s, lightPalette()).isNull());
    }

    void theIconsFollowThePalette_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << lightPalette();
        QTest::newRow("dark") << darkPalette();
    }

    void theIconsFollowThePalette()
    {
        QFETCH(QPalette, palette);
        for (const QString &name : expectedNames) {
            const QIcon icon = actionIcon(name, palette);
            const QColor normal = strokeColour(icon, QIcon::Normal);
            QVERIFY2(near(normal, palette.color(QPalette::Normal, QPalette::WindowText)),
                     qPrintable(name + u": "_s + normal.name()));
            const QColor disabled = strokeColour(icon, QIcon::Disabled);
            QVERIFY2(near(disabled, palette.color(QPalette::Disabled, QPalette::WindowText)),
                     qPrintable(name + u" disabled: "_s + disabled.name()));
        }
    }

    // A disabled colour with an alpha (as some styles use) makes the icon that transparent.
    void aTranslucentColourMakesATranslucentIcon()
    {
        QPalette palette = lightPalette();
        palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0, 0, 0, 96));
        const QColor disabled = strokeColour(actionIcon(u"stop"_s, palette), QIcon::Disabled);
        QVERIFY2(std::abs(disabled.alpha() - 96) <= 2, qPrintable(QString::number(disabled.alpha())));
    }

    void screenshot()
    {
        const QImage light = sheet(lightPalette(), u"Light palette (16, 24 and 48 px; disabled below)"_s);
        const QImage dark = sheet(darkPalette(), u"Dark palette"_s);
        QImage both(light.width(), light.height() + dark.height(), QImage::Format_ARGB32);
        QPainter painter(&both);
        painter.drawImage(0, 0, light);
        painter.drawImage(0, light.height(), dark);
        painter.end();
        QVERIFY(both.save(Test::screenshotPath(u"icons.png"_s)));
    }
};

QTEST_MAIN(TestActionIcons)
#include "tst_actionicons.moc"
