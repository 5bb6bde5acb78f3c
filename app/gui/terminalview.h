#pragma once

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QFont>
#include <QPoint>
#include <QTimer>
#include <QUrl>

#include <array>

namespace Paddock::App {

class ConfirmationBar;
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
    // Selects cells of one line (as for TerminalModel::line) and scrolls it into view: search results.
    void selectCells(int line, int column, int cells);
    // The model line shown in the middle of the view: where a search starts.
    int centreLine() const;
    // Whether Open in the link bar starts the browser (tests turn it off and watch linkOpened).
    void setOpensLinks(bool opens) { m_opensLinks = opens; }

Q_SIGNALS:
    void linkOpened(const QUrl &url);

public:
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
    void offerClipboardWrite(const QString &text); // OSC 52: only on the user's click
    void offerLink(const QUrl &url);
    QUrl linkAt(const QPoint &position) const;
    void applyFont();
    void updateScrollRange();
    void onModelChanged();
    void flushDamage();
    void restartBlink();
    void blinkCursor();
    int lineAtRow(int row) const;                // model line index of a visible row
    QPoint cellAt(const QPoint &position) const; // x: column, y: model line index
    bool isSelected(int line, int column) const;

    TerminalModel &m_model;
    // Font variants, by bits.
    static constexpr std::size_t fontBold = 1, fontItalic = 2, fontUnderline = 4, fontStrike = 8;
    QFont m_font;
    std::array<QFont, 16> m_fonts; // by variant bits
    bool m_asciiRuns = true;       // the font draws ASCII exactly one cell apart
    int m_ascent = 0;
    QSize m_cell;
    int m_zoom = 0;
    QTimer m_frame; // coalesces repaints
    static constexpr int blinkForMs = 15'000;
    QTimer m_blink;
    QElapsedTimer m_blinkingFor;
    bool m_cursorShown = true;
    bool m_followOutput = true;
    QPoint m_selectionAnchor{-1, 0};
    QPoint m_selectionEnd{-1, 0};
    QElapsedTimer m_sinceDoubleClick;
    ConfirmationBar *m_confirmation = nullptr;
    bool m_opensLinks = true; // a press soon after a double click is a triple click: the line
};

} // namespace Paddock::App
