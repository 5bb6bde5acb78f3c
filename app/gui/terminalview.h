#pragma once

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QFont>
#include <QPoint>
#include <QTimer>

class QFrame;
class QLabel;

namespace Paddock::App {

class TerminalModel;

// Paints a TerminalModel and turns keys, pastes and the mouse into its input. Repaints only the rows the
// model reports changed, at most once per frame however fast the output comes.
class TerminalView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TerminalView(TerminalModel &model, QWidget *parent = nullptr);

    QSize cellSize() const { return m_cell; }
    int zoomSteps() const { return m_zoom; }
    void zoom(int steps); // Ctrl+plus / Ctrl+minus; 0 resets
    QString selectedText() const;
    void copySelection() const;
    void pasteClipboard();
    bool isAtBottom() const;
    // OSC 52: the program asked to set the clipboard; shown in a bar until the user copies or dismisses it.
    QString pendingClipboardText() const { return m_pendingClipboard; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool focusNextPrevChild(bool next) override; // Tab belongs to the terminal

private:
    void offerClipboardWrite(const QString &text);
    void applyFont();
    void updateScrollRange();
    void onModelChanged();
    void flushDamage();
    int lineAtRow(int row) const;                // model line index of a visible row
    QPoint cellAt(const QPoint &position) const; // x: column, y: model line index
    bool isSelected(int line, int column) const;

    TerminalModel &m_model;
    QFont m_font;
    QSize m_cell;
    int m_zoom = 0;
    QTimer m_frame; // coalesces repaints
    bool m_followOutput = true;
    QPoint m_selectionAnchor{-1, 0};
    QPoint m_selectionEnd{-1, 0};
    QElapsedTimer m_sinceDoubleClick;
    QString m_pendingClipboard;
    QFrame *m_clipboardBar = nullptr;
    QLabel *m_clipboardLabel = nullptr; // a press soon after a double click is a triple click: the line
};

} // namespace Paddock::App
