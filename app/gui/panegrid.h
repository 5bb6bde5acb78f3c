#pragma once

#include <QList>
#include <QPoint>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace Paddock::App {

class TerminalPane;

// The terminal area: agent panes side by side in an automatic grid (1, 2, 2x2, 3x2, 3x3...), rearranged by
// dragging a pane's header onto another, one pane maximised at a time, and moved between with
// Ctrl+Alt+arrow keys.
class PaneGrid : public QWidget
{
    Q_OBJECT

public:
    enum class Direction { Left, Right, Up, Down };
    static constexpr const char *paneMimeType = "application/x-paddock-pane";

    explicit PaneGrid(QWidget *parent = nullptr);

    void addPane(TerminalPane *pane); // takes it, shows it and gives it focus
    void removePane(TerminalPane *pane);
    QList<TerminalPane *> panes() const { return m_panes; }
    TerminalPane *currentPane() const { return m_current; }
    TerminalPane *maximisedPane() const { return m_maximised; }
    TerminalPane *paneAt(const QPoint &position) const;
    TerminalPane *paneOf(const QString &sandbox) const;

    void focusPane(TerminalPane *pane);
    void focusNeighbour(Direction direction);
    void toggleMaximised(TerminalPane *pane);
    void movePane(int from, int to);
    // Columns and rows for count panes: as square as can be, wider than tall.
    static QSize shapeFor(int count);

Q_SIGNALS:
    void currentPaneChanged(Paddock::App::TerminalPane *pane);
    void panesChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void relayout();
    void setCurrent(TerminalPane *pane);
    void startDrag(TerminalPane *pane);

    QGridLayout *m_layout;
    QLabel *m_emptyState;
    QList<TerminalPane *> m_panes;
    TerminalPane *m_current = nullptr;
    TerminalPane *m_maximised = nullptr;
    QPoint m_pressedAt{-1, -1};
};

} // namespace Paddock::App
