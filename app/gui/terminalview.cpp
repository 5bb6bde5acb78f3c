#include "app/gui/terminalview.h"

#include "app/gui/confirmationbar.h"
#include "app/terminal/terminalmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollBar>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

constexpr int frameMs = 16;
const QColor defaultBackground(0x1e, 0x1f, 0x22);
const QColor defaultForeground(0xd8, 0xdb, 0xe0);
const QColor selectionColour(0x3d, 0x5a, 0x80);

} // namespace

TerminalView::TerminalView(TerminalModel &model, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_model(model)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    m_blink.setInterval(std::max(200, QApplication::cursorFlashTime() / 2));
    connect(&m_blink, &QTimer::timeout, this, &TerminalView::blinkCursor);
    viewport()->setAutoFillBackground(false);
    viewport()->setCursor(Qt::IBeamCursor);
    setFrameShape(QFrame::NoFrame);
    m_frame.setSingleShot(true);
    m_frame.setInterval(frameMs);
    connect(&m_frame, &QTimer::timeout, this, &TerminalView::flushDamage);
    connect(&m_model, &TerminalModel::changed, this, &TerminalView::onModelChanged);
    connect(&m_model, &TerminalModel::scrollbackChanged, this, &TerminalView::updateScrollRange);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        m_followOutput = isAtBottom();
        viewport()->update();
    });
    connect(&m_model, &TerminalModel::clipboardWriteRequested, this, &TerminalView::offerClipboardWrite);

    m_confirmation = new ConfirmationBar(this);
    applyFont();
}

void TerminalView::offerClipboardWrite(const QString &text)
{
    QString preview = text.left(60);
    preview.replace(u'\n', u'⏎');
    for (QChar &c : preview) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = u'·';
    }
    m_confirmation->ask(tr("The program asks to put this on the clipboard: “%1”")
                            .arg(preview + (text.size() > 60 ? u"…"_s : QString())),
                        tr("Copy"), [text] { QGuiApplication::clipboard()->setText(text); });
}

QUrl TerminalView::linkAt(const QPoint &position) const
{
    // Links are found in the text itself; only web addresses, never other schemes a program could choose.
    static const QRegularExpression link(u"https?://[^\\s<>\"'`]+"_s);
    const QPoint at = cellAt(position);
    const QString text = m_model.lineText(at.y());
    const int column = std::max(0, position.x() / m_cell.width());
    for (auto match = link.globalMatch(text); match.hasNext();) {
        const auto found = match.next();
        if (column >= found.capturedStart() && column < found.capturedEnd()) {
            QString target = found.captured();
            while (!target.isEmpty() && QStringView(u".,;:)]}").contains(target.back()))
                target.chop(1); // sentence punctuation after a link
            const QUrl url(target, QUrl::StrictMode);
            return url.isValid() ? url : QUrl();
        }
    }
    return {};
}

void TerminalView::offerLink(const QUrl &url)
{
    m_confirmation->ask(tr("Open this link in your browser? %1").arg(url.toDisplayString()), tr("Open"),
                        [this, url] {
                            Q_EMIT linkOpened(url);
                            if (m_opensLinks)
                                QDesktopServices::openUrl(url);
                        });
}

QSize TerminalView::sizeHint() const
{
    return {m_cell.width() * 80, m_cell.height() * 24};
}

void TerminalView::applyFont()
{
    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_font.setStyleHint(QFont::TypeWriter);
    m_font.setPointSizeF(std::max(6.0, m_font.pointSizeF() + m_zoom));
    const QFontMetricsF metrics(m_font);
    m_cell =
        QSize(std::max(1, qRound(metrics.horizontalAdvance(u'M'))), std::max(1, qCeil(metrics.height())));
    m_ascent = qRound(metrics.ascent());
    m_asciiRuns = true;
    for (std::size_t variant = 0; variant < m_fonts.size(); ++variant) {
        QFont &font = m_fonts[variant];
        font = m_font;
        font.setBold(variant & fontBold);
        font.setItalic(variant & fontItalic);
        font.setUnderline(variant & fontUnderline);
        font.setStrikeOut(variant & fontStrike);
        // Fractional advances (7.2 px) would let a run drift off the cell grid: spacing makes them whole.
        font.setLetterSpacing(QFont::AbsoluteSpacing,
                              m_cell.width() - QFontMetricsF(font).horizontalAdvance(u'M'));
        // Runs of ASCII are drawn as one string only where every character is then exactly one cell wide.
        const QFontMetricsF variantMetrics(font);
        const QString sample = u"Mi.W@ $Mi.W@ $"_s;
        m_asciiRuns = m_asciiRuns && std::abs(variantMetrics.horizontalAdvance(sample) -
                                              double(m_cell.width() * sample.size())) < 0.5;
    }
    m_font = m_fonts[0];
    viewport()->update();
}

void TerminalView::zoom(int steps)
{
    m_zoom = steps == 0 ? 0 : std::clamp(m_zoom + steps, -6, 24);
    applyFont();
    QResizeEvent event(size(), size());
    resizeEvent(&event);
}

void TerminalView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_confirmation->placeAtTopOf(viewport());
    const int columns = m_model.columns();
    m_model.resize(viewport()->height() / m_cell.height(), viewport()->width() / m_cell.width());
    if (m_model.columns() != columns)
        m_selectionAnchor = m_selectionEnd = {-1, 0}; // the lines were rewrapped: the cells selected moved
    updateScrollRange();
}

void TerminalView::updateScrollRange()
{
    QScrollBar *bar = verticalScrollBar();
    bar->setPageStep(m_model.rows());
    bar->setRange(0, m_model.scrollbackLines());
    if (m_followOutput)
        bar->setValue(bar->maximum());
}

bool TerminalView::isAtBottom() const
{
    return verticalScrollBar()->value() == verticalScrollBar()->maximum();
}

void TerminalView::selectCells(int line, int column, int cells)
{
    m_selectionAnchor = {column, line};
    m_selectionEnd = {column + cells, line};
    QScrollBar *bar = verticalScrollBar();
    const int top = lineAtRow(0);
    if (line < top || line >= top + m_model.rows()) {
        // Centre it, within what can be shown.
        bar->setValue(std::clamp(bar->maximum() + line - m_model.rows() / 2, 0, bar->maximum()));
    }
    m_followOutput = bar->value() == bar->maximum();
    viewport()->update();
}

int TerminalView::centreLine() const
{
    return lineAtRow(m_model.rows() / 2);
}

int TerminalView::lineAtRow(int row) const
{
    // The scroll bar's maximum shows the screen; each step up shows one more scrollback line.
    return row - (verticalScrollBar()->maximum() - verticalScrollBar()->value());
}

void TerminalView::onModelChanged()
{
    if (!m_frame.isActive())
        m_frame.start();
    restartBlink();
}

void TerminalView::restartBlink()
{
    m_cursorShown = true;
    m_blinkingFor.start();
    if (hasFocus() && m_model.cursorBlinks()) {
        if (!m_blink.isActive())
            m_blink.start();
    } else {
        m_blink.stop();
    }
}

void TerminalView::blinkCursor()
{
    // Blinking stops (cursor shown) after a while without output or keys: an idle pane costs no CPU.
    m_cursorShown = m_blinkingFor.elapsed() > blinkForMs ? true : !m_cursorShown;
    if (m_blinkingFor.elapsed() > blinkForMs)
        m_blink.stop();
    const int row = m_model.cursor().y() + (verticalScrollBar()->maximum() - verticalScrollBar()->value());
    viewport()->update(QRect(0, row * m_cell.height(), viewport()->width(), m_cell.height()));
}

void TerminalView::flushDamage()
{
    const QSet<int> rows = m_model.takeDamage();
    if (!isAtBottom()) {
        viewport()->update(); // the screen moved under a scrolled-back view
        return;
    }
    for (const int row : rows)
        viewport()->update(QRect(0, row * m_cell.height(), viewport()->width(), m_cell.height()));
}

bool TerminalView::isSelected(int line, int column) const
{
    if (m_selectionAnchor.x() < 0 || m_selectionAnchor == m_selectionEnd)
        return false;
    auto [from, to] = std::minmax(m_selectionAnchor, m_selectionEnd, [](const QPoint &a, const QPoint &b) {
        return a.y() < b.y() || (a.y() == b.y() && a.x() < b.x());
    });
    if (line < from.y() || line > to.y())
        return false;
    if (line == from.y() && column < from.x())
        return false;
    if (line == to.y() && column >= to.x())
        return false;
    return true;
}

void TerminalView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), defaultBackground);
    const int firstRow = event->rect().top() / m_cell.height();
    const int lastRow = std::min(m_model.rows() - 1, event->rect().bottom() / m_cell.height());
    QString run; // neighbouring ASCII cells of one look, drawn with one call
    int runColumn = 0;
    std::size_t runFont = 0;
    QColor runColour;
    for (int row = firstRow; row <= lastRow; ++row) {
        const int line = lineAtRow(row);
        const TerminalLine cells = m_model.line(line);
        const int y = row * m_cell.height();
        const auto drawRun = [&] {
            if (run.isEmpty())
                return;
            painter.setFont(m_fonts[runFont]);
            painter.setPen(runColour);
            painter.drawText(runColumn * m_cell.width(), y + m_ascent, run);
            run.clear();
        };
        for (int column = 0; column < int(cells.size()); ++column) {
            const TerminalCell &cell = cells[std::size_t(column)];
            if (cell.width == 0)
                continue; // painted with its left half
            QColor foreground = cell.defaultForeground ? defaultForeground : QColor(cell.foreground);
            QColor background = cell.defaultBackground ? defaultBackground : QColor(cell.background);
            if (cell.reverse != m_model.reverseVideo())
                std::swap(foreground, background);
            if (isSelected(line, column))
                background = selectionColour;
            const QRect box(column * m_cell.width(), y, m_cell.width() * cell.width, m_cell.height());
            if (background != defaultBackground)
                painter.fillRect(box, background);
            if (cell.text.isEmpty() || cell.text == u" "_s || cell.conceal) {
                drawRun();
                continue;
            }
            const std::size_t font = (cell.bold ? fontBold : 0) | (cell.italic ? fontItalic : 0) |
                                     (cell.underline ? fontUnderline : 0) | (cell.strike ? fontStrike : 0);
            const bool ascii =
                m_asciiRuns && cell.width == 1 && cell.text.size() == 1 && cell.text.front().unicode() < 0x7f;
            if (ascii && !run.isEmpty() && font == runFont && foreground == runColour &&
                column == runColumn + run.size()) {
                run += cell.text;
                continue;
            }
            drawRun();
            if (ascii) {
                run = cell.text;
                runColumn = column;
                runFont = font;
                runColour = foreground;
                continue;
            }
            painter.setFont(m_fonts[font]);
            painter.setPen(foreground);
            painter.drawText(box.left(), y + m_ascent, cell.text);
        }
        drawRun();
        // The cursor, where the program put it, when the screen is in view.
        if (line == m_model.cursor().y() && m_model.cursorVisible() && m_cursorShown) {
            const QRect box(m_model.cursor().x() * m_cell.width(), y, m_cell.width(), m_cell.height());
            painter.setPen(defaultForeground);
            switch (m_model.cursorShape()) {
            case TerminalModel::CursorShape::Block:
                if (hasFocus()) {
                    painter.setCompositionMode(QPainter::RasterOp_SourceXorDestination);
                    painter.fillRect(box, QColor(0xff, 0xff, 0xff));
                    painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
                } else {
                    painter.drawRect(box.adjusted(0, 0, -1, -1));
                }
                break;
            case TerminalModel::CursorShape::Underline:
                painter.fillRect(box.left(), box.bottom() - 1, box.width(), 2, defaultForeground);
                break;
            case TerminalModel::CursorShape::Bar:
                painter.fillRect(box.left(), box.top(), 2, box.height(), defaultForeground);
                break;
            }
        }
    }
}

void TerminalView::keyPressEvent(QKeyEvent *event)
{
    restartBlink();
    const Qt::KeyboardModifiers modifiers = event->modifiers();
    const bool ctrlShift = (modifiers & Qt::ControlModifier) && (modifiers & Qt::ShiftModifier);
    if (ctrlShift && event->key() == Qt::Key_C)
        return copySelection();
    if (ctrlShift && event->key() == Qt::Key_V)
        return pasteClipboard();
    if ((modifiers & Qt::ControlModifier) && (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal))
        return zoom(1);
    if ((modifiers & Qt::ControlModifier) && event->key() == Qt::Key_Minus)
        return zoom(-1);
    if ((modifiers & Qt::ShiftModifier) && event->key() == Qt::Key_PageUp)
        return verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepSub);
    if ((modifiers & Qt::ShiftModifier) && event->key() == Qt::Key_PageDown)
        return verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepAdd);
    m_followOutput = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    if (m_model.sendKey(event->key(), modifiers))
        return;
    if (modifiers & Qt::ControlModifier && event->key() >= Qt::Key_A && event->key() <= Qt::Key_Z) {
        m_model.sendText(QString(QChar(u'a' + (event->key() - Qt::Key_A))), modifiers);
        return;
    }
    if (!event->text().isEmpty())
        m_model.sendText(event->text(), modifiers & ~Qt::ShiftModifier);
}

QPoint TerminalView::cellAt(const QPoint &position) const
{
    const int row = std::clamp(position.y() / m_cell.height(), 0, m_model.rows() - 1);
    const int column = std::clamp((position.x() + m_cell.width() / 2) / m_cell.width(), 0, m_model.columns());
    return {column, lineAtRow(row)};
}

void TerminalView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier)) {
        // Ctrl+click on a link: its full address is shown first, and opened only on Open.
        if (const QUrl url = linkAt(event->position().toPoint()); url.isValid())
            offerLink(url);
        return;
    }
    if (event->button() == Qt::LeftButton) {
        const QPoint at = cellAt(event->position().toPoint());
        if (m_sinceDoubleClick.isValid() &&
            m_sinceDoubleClick.elapsed() < QApplication::doubleClickInterval()) {
            m_sinceDoubleClick.invalidate();
            m_selectionAnchor = {0, at.y()};
            m_selectionEnd = {m_model.columns(), at.y()};
        } else {
            m_selectionAnchor = m_selectionEnd = at;
        }
        viewport()->update();
    } else if (event->button() == Qt::MiddleButton) {
        pasteClipboard();
    }
}

void TerminalView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_selectionAnchor.x() < 0)
        return;
    m_selectionEnd = cellAt(event->position().toPoint());
    viewport()->update();
}

void TerminalView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // A word: the run of non-blank characters under the pointer.
    const QPoint at = cellAt(event->position().toPoint());
    const QString text = m_model.lineText(at.y());
    int start = std::min<int>(at.x(), int(text.size()));
    int end = start;
    while (start > 0 && !text[start - 1].isSpace())
        --start;
    while (end < text.size() && !text[end].isSpace())
        ++end;
    m_selectionAnchor = {start, at.y()};
    m_selectionEnd = {end, at.y()};
    m_sinceDoubleClick.start();
    viewport()->update();
}

QString TerminalView::selectedText() const
{
    if (m_selectionAnchor.x() < 0 || m_selectionAnchor == m_selectionEnd)
        return {};
    QStringList lines;
    const int first = std::min(m_selectionAnchor.y(), m_selectionEnd.y());
    const int last = std::max(m_selectionAnchor.y(), m_selectionEnd.y());
    for (int line = first; line <= last; ++line) {
        QString text;
        const TerminalLine cells = m_model.line(line);
        for (int column = 0; column < int(cells.size()); ++column) {
            const TerminalCell &cell = cells[std::size_t(column)];
            if (cell.width != 0 && isSelected(line, column))
                text += cell.text.isEmpty() ? u" "_s : cell.text;
        }
        while (text.endsWith(u' '))
            text.chop(1);
        lines << text;
    }
    return lines.join(u'\n');
}

void TerminalView::copySelection() const
{
    if (const QString text = selectedText(); !text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void TerminalView::pasteClipboard()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (!text.isEmpty())
        m_model.paste(text);
}

void TerminalView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoom(event->angleDelta().y() > 0 ? 1 : -1);
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TerminalView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    m_model.setFocused(true);
    restartBlink();
    viewport()->update();
}

void TerminalView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    m_model.setFocused(false);
    restartBlink();
    viewport()->update();
}

bool TerminalView::focusNextPrevChild(bool)
{
    return false;
}

} // namespace Paddock::App
