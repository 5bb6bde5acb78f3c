#include "app/gui/panegrid.h"

#include "app/gui/terminalpane.h"
#include "app/gui/terminalview.h"

#include <QApplication>
#include <QDrag>
#include <QDragEnterEvent>
#include <QGridLayout>
#include <QLabel>
#include <QMimeData>
#include <QMouseEvent>
#include <QShortcut>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Paddock::App {

PaneGrid::PaneGrid(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QGridLayout(this))
    , m_emptyState(new QLabel(this))
{
    setObjectName(u"paneGrid"_s);
    setAcceptDrops(true);
    m_layout->setContentsMargins(4, 4, 4, 4);
    m_layout->setSpacing(4);
    m_emptyState->setObjectName(u"emptyTerminals"_s);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_emptyState->setText(
        tr("No agent terminals open.\nCreate a sandbox with New Sandbox (Ctrl+N), or select one and choose "
           "Attach (Ctrl+T) to run its agent here."));
    const auto shortcut = [this](const char *keys, auto slot) {
        auto *s = new QShortcut(QKeySequence(QString::fromLatin1(keys)), this, this, slot);
        s->setContext(Qt::WidgetWithChildrenShortcut);
    };
    shortcut("Ctrl+Alt+Left", [this] { focusNeighbour(Direction::Left); });
    shortcut("Ctrl+Alt+Right", [this] { focusNeighbour(Direction::Right); });
    shortcut("Ctrl+Alt+Up", [this] { focusNeighbour(Direction::Up); });
    shortcut("Ctrl+Alt+Down", [this] { focusNeighbour(Direction::Down); });
    shortcut("Ctrl+Shift+Return", [this] { toggleMaximised(m_current); });
    relayout();
}

QSize PaneGrid::shapeFor(int count)
{
    if (count <= 0)
        return {0, 0};
    const int columns = int(std::ceil(std::sqrt(double(count))));
    const int rows = (count + columns - 1) / columns;
    return {columns, rows};
}

void PaneGrid::addPane(TerminalPane *pane)
{
    pane->setParent(this);
    m_panes.append(pane);
    pane->header()->installEventFilter(this);
    connect(pane, &TerminalPane::focused, this, [this, pane] { setCurrent(pane); });
    connect(pane, &TerminalPane::maximiseToggled, this, [this, pane] { toggleMaximised(pane); });
    m_maximised = nullptr; // a new pane is shown beside the others
    relayout();
    focusPane(pane);
    Q_EMIT panesChanged();
}

void PaneGrid::removePane(TerminalPane *pane)
{
    const qsizetype index = m_panes.indexOf(pane);
    if (index < 0)
        return;
    m_panes.removeAt(index);
    if (m_maximised == pane)
        m_maximised = nullptr;
    if (m_current == pane)
        setCurrent(nullptr);
    pane->hide();
    pane->deleteLater();
    relayout();
    if (!m_panes.isEmpty())
        focusPane(m_panes.at(std::min<qsizetype>(index, m_panes.size() - 1)));
    Q_EMIT panesChanged();
}

TerminalPane *PaneGrid::paneOf(const QString &sandbox) const
{
    for (TerminalPane *pane : m_panes) {
        if (pane->sandbox() == sandbox)
            return pane;
    }
    return nullptr;
}

TerminalPane *PaneGrid::paneAt(const QPoint &position) const
{
    for (TerminalPane *pane : m_panes) {
        if (pane->isVisible() && pane->geometry().contains(position))
            return pane;
    }
    return nullptr;
}

void PaneGrid::relayout()
{
    while (m_layout->count() > 0)
        delete m_layout->takeAt(0);
    for (int i = 0; i < m_layout->columnCount(); ++i)
        m_layout->setColumnStretch(i, 0);
    for (int i = 0; i < m_layout->rowCount(); ++i)
        m_layout->setRowStretch(i, 0);
    m_emptyState->setVisible(m_panes.isEmpty());
    if (m_panes.isEmpty()) {
        m_layout->addWidget(m_emptyState, 0, 0);
        return;
    }
    if (m_maximised) {
        for (TerminalPane *pane : std::as_const(m_panes)) {
            pane->setVisible(pane == m_maximised);
            pane->setMaximised(pane == m_maximised);
        }
        m_layout->addWidget(m_maximised, 0, 0);
        return;
    }
    const QSize shape = shapeFor(int(m_panes.size()));
    for (int i = 0; i < m_panes.size(); ++i) {
        TerminalPane *pane = m_panes.at(i);
        const int row = i / shape.width();
        const int column = i % shape.width();
        // The last pane takes what is left of its row: 3 panes are two above and one wide below.
        const int span = i == m_panes.size() - 1 ? shape.width() - column : 1;
        m_layout->addWidget(pane, row, column, 1, span);
        pane->setMaximised(false);
        pane->show();
    }
    for (int column = 0; column < shape.width(); ++column)
        m_layout->setColumnStretch(column, 1);
    for (int row = 0; row < shape.height(); ++row)
        m_layout->setRowStretch(row, 1);
}

void PaneGrid::focusPane(TerminalPane *pane)
{
    if (!pane)
        return;
    if (m_maximised && m_maximised != pane) {
        m_maximised = pane; // the maximised slot follows the focus
        relayout();
    }
    pane->view()->setFocus(Qt::OtherFocusReason);
    setCurrent(pane);
}

void PaneGrid::setCurrent(TerminalPane *pane)
{
    if (m_current == pane)
        return;
    m_current = pane;
    for (TerminalPane *each : std::as_const(m_panes))
        each->setCurrent(each == pane);
    Q_EMIT currentPaneChanged(pane);
}

void PaneGrid::focusNeighbour(Direction direction)
{
    if (m_panes.isEmpty())
        return;
    const int index = m_current ? int(m_panes.indexOf(m_current)) : 0;
    const QSize shape = shapeFor(int(m_panes.size()));
    int row = index / shape.width();
    int column = index % shape.width();
    switch (direction) {
    case Direction::Left:
        column = (column - 1 + shape.width()) % shape.width();
        break;
    case Direction::Right:
        column = (column + 1) % shape.width();
        break;
    case Direction::Up:
        row = (row - 1 + shape.height()) % shape.height();
        break;
    case Direction::Down:
        row = (row + 1) % shape.height();
        break;
    }
    // A short last row: go to its last pane, which spans the rest.
    const int target = std::min<int>(row * shape.width() + column, int(m_panes.size()) - 1);
    focusPane(m_panes.at(target));
}

void PaneGrid::toggleMaximised(TerminalPane *pane)
{
    if (!pane)
        return;
    m_maximised = m_maximised == pane ? nullptr : pane;
    relayout();
    focusPane(pane);
}

void PaneGrid::movePane(int from, int to)
{
    if (from == to || from < 0 || to < 0 || from >= m_panes.size() || to >= m_panes.size())
        return;
    m_panes.swapItemsAt(from, to);
    relayout();
    Q_EMIT panesChanged();
}

bool PaneGrid::eventFilter(QObject *watched, QEvent *event)
{
    TerminalPane *pane = nullptr;
    for (TerminalPane *candidate : std::as_const(m_panes)) {
        if (candidate->header() == watched)
            pane = candidate;
    }
    if (pane && event->type() == QEvent::MouseButtonPress)
        m_pressedAt = static_cast<QMouseEvent *>(event)->position().toPoint();
    if (pane && event->type() == QEvent::MouseButtonRelease)
        m_pressedAt = {-1, -1};
    if (pane && event->type() == QEvent::MouseMove && m_pressedAt.x() >= 0 && m_panes.size() > 1 &&
        !m_maximised) {
        const auto *move = static_cast<QMouseEvent *>(event);
        if ((move->position().toPoint() - m_pressedAt).manhattanLength() >=
            QApplication::startDragDistance()) {
            m_pressedAt = {-1, -1};
            startDrag(pane);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PaneGrid::startDrag(TerminalPane *pane)
{
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(paneMimeType), QByteArray::number(m_panes.indexOf(pane)));
    auto *drag = new QDrag(pane);
    drag->setMimeData(mime);
    const QPixmap preview =
        pane->grab().scaledToWidth(std::max(120, pane->width() / 3), Qt::SmoothTransformation);
    drag->setPixmap(preview);
    drag->setHotSpot(QPoint(preview.width() / 2, 10));
    drag->exec(Qt::MoveAction);
}

void PaneGrid::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(paneMimeType)))
        event->acceptProposedAction();
}

void PaneGrid::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(paneMimeType)) &&
        paneAt(event->position().toPoint()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void PaneGrid::dropEvent(QDropEvent *event)
{
    bool ok = false;
    const int from = event->mimeData()->data(QString::fromLatin1(paneMimeType)).toInt(&ok);
    TerminalPane *target = paneAt(event->position().toPoint());
    if (!ok || !target)
        return event->ignore();
    const int to = int(m_panes.indexOf(target));
    movePane(from, to);
    event->acceptProposedAction();
    focusPane(m_panes.value(to)); // the moved pane, in its new place
}

} // namespace Paddock::App
