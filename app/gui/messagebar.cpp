#include "app/gui/messagebar.h"

#include "app/gui/colourmix.h"

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Paddock::App {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_items(new QListWidget(this))
{
    setObjectName(u"reviewMessage"_s);
    m_text->setObjectName(u"messageText"_s);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_items->setObjectName(u"conflicts"_s);
    m_items->setMaximumHeight(fontMetrics().height() * 6);
    auto *close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setText(u"✕"_s);
    close->setToolTip(tr("Close"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(10, 6, 4, 6);
    layout->addWidget(m_text, 0, 0);
    layout->addWidget(close, 0, 1, Qt::AlignTop);
    layout->addWidget(m_items, 1, 0, 1, 2);
    hide();
}

void MessageBar::showMessage(const QString &text, bool error, const QStringList &items)
{
    m_error = error;
    updateStyle();
    m_text->setText(text);
    m_items->clear();
    m_items->addItems(items);
    m_items->setVisible(!items.isEmpty());
    show();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateStyle();
}

void MessageBar::updateStyle()
{
    // The application's colours: this frame's own palette is what the style sheet below made of it.
    const QColor base = QApplication::palette(this).color(QPalette::Base);
    const QColor tint = m_error ? QColor(0xe5, 0x53, 0x4b) : QColor(0x2d, 0xa4, 0x4e);
    // By object name: the colours are the frame's own, not its children's.
    const QString style = u"QFrame#%1 { background: %2; border: 1px solid %3; border-radius: 4px; }"_s.arg(
        objectName(), mixColours(base, tint, 0.12).name(), mixColours(base, tint, 0.5).name());
    if (style != styleSheet()) // a style sheet changes the palette too: only a new one, or this never ends
        setStyleSheet(style);
}

} // namespace Paddock::App
