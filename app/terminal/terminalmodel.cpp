#include "app/terminal/terminalmodel.h"

#include <QRegularExpression>

extern "C" {
#include <vterm.h>
}

#include <cstring>
#include <string_view>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

// A cell's code points, up to the first 0 (or libvterm's -1, which marks the right half of a wide character).
int codePointsOf(const VTermScreenCell &cell, char32_t (&chars)[VTERM_MAX_CHARS_PER_CELL])
{
    int count = 0;
    while (count < VTERM_MAX_CHARS_PER_CELL && cell.chars[count] && cell.chars[count] != uint32_t(-1)) {
        chars[count] = cell.chars[count];
        ++count;
    }
    return count;
}

constexpr qsizetype maxTitleBytes = 4096;

// Before the model draws a screen back after a resize: its ESC also ends any string the program's output was
// in the middle of (a title, say); G0 becomes ASCII and is shifted in, so letters stay letters; the pen goes
// to default so that erasing blanks; the scrolling region becomes the whole screen, so positions are
// absolute; a no-break space ends any unfinished UTF-8 character before the screen is erased.
constexpr std::string_view screenResetSequence = "\x1b(B\x0f\x1b[0m\x1b[r\x1b[H\xc2\xa0\x1b[2J";

// SGR for a cell's looks.
QByteArray sgrOf(const TerminalCell &cell)
{
    QByteArray sgr = "\x1b[0";
    if (cell.bold)
        sgr += ";1";
    if (cell.italic)
        sgr += ";3";
    if (cell.underline)
        sgr += cell.underline == 2 ? ";21" : cell.underline == 3 ? ";4:3" : ";4";
    if (cell.blink)
        sgr += ";5";
    if (cell.reverse)
        sgr += ";7";
    if (cell.conceal)
        sgr += ";8";
    if (cell.strike)
        sgr += ";9";
    const auto rgb = [&](int base, QRgb colour) {
        sgr += ';' + QByteArray::number(base) + ";2;" + QByteArray::number(qRed(colour)) + ';' +
               QByteArray::number(qGreen(colour)) + ';' + QByteArray::number(qBlue(colour));
    };
    if (!cell.defaultForeground)
        rgb(38, cell.foreground);
    if (!cell.defaultBackground)
        rgb(48, cell.background);
    return sgr + 'm';
}

// A line of cells as output that draws it from the cursor on. Cells hold only printable text, but the
// bytes go to libvterm's parser: anything that could read as a control is written as U+FFFD.
QByteArray drawingOf(const TerminalLine &cells)
{
    QByteArray drawing;
    CellStyle style;
    bool first = true;
    for (const TerminalCell &cell : cells) {
        if (cell.width == 0)
            continue; // the right half of a wide character
        if (const CellStyle looks = CellStyle::of(cell); first || !(looks == style)) {
            drawing += sgrOf(cell);
            style = looks;
            first = false;
        }
        if (cell.text.isEmpty()) {
            drawing += ' ';
            continue;
        }
        for (const char32_t c : cell.text.toUcs4()) {
            const bool control = c < 0x20 || (c >= 0x7f && c < 0xa0);
            const char32_t safe = control ? U'\ufffd' : c;
            drawing += QString::fromUcs4(&safe, 1).toUtf8();
        }
    }
    return drawing;
}

VTermModifier modifiersOf(Qt::KeyboardModifiers modifiers)
{
    int result = VTERM_MOD_NONE;
    if (modifiers & Qt::ShiftModifier)
        result |= VTERM_MOD_SHIFT;
    if (modifiers & Qt::AltModifier)
        result |= VTERM_MOD_ALT;
    if (modifiers & Qt::ControlModifier)
        result |= VTERM_MOD_CTRL;
    return VTermModifier(result);
}

std::optional<VTermKey> keyOf(int qtKey)
{
    switch (qtKey) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return VTERM_KEY_ENTER;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return VTERM_KEY_TAB;
    case Qt::Key_Backspace:
        return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape:
        return VTERM_KEY_ESCAPE;
    case Qt::Key_Up:
        return VTERM_KEY_UP;
    case Qt::Key_Down:
        return VTERM_KEY_DOWN;
    case Qt::Key_Left:
        return VTERM_KEY_LEFT;
    case Qt::Key_Right:
        return VTERM_KEY_RIGHT;
    case Qt::Key_Insert:
        return VTERM_KEY_INS;
    case Qt::Key_Delete:
        return VTERM_KEY_DEL;
    case Qt::Key_Home:
        return VTERM_KEY_HOME;
    case Qt::Key_End:
        return VTERM_KEY_END;
    case Qt::Key_PageUp:
        return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown:
        return VTERM_KEY_PAGEDOWN;
    default:
        break;
    }
    if (qtKey >= Qt::Key_F1 && qtKey <= Qt::Key_F12)
        return VTermKey(VTERM_KEY_FUNCTION(qtKey - Qt::Key_F1 + 1));
    return std::nullopt;
}

} // namespace

// libvterm calls back into plain functions; these forward to the model.
struct TerminalModelCallbacks
{
    static TerminalModel *model(void *user) { return static_cast<TerminalModel *>(user); }

    static void output(const char *bytes, size_t length, void *user)
    {
        model(user)->emitOutput(bytes, length);
    }

    static int damage(VTermRect rect, void *user)
    {
        model(user)->markRows(rect.start_row, rect.end_row);
        return 1;
    }
    static int moverect(VTermRect dest, VTermRect src, void *user)
    {
        model(user)->markRows(std::min(dest.start_row, src.start_row), std::max(dest.end_row, src.end_row));
        return 0; // libvterm reports the moved cells as damage as well
    }
    static int movecursor(VTermPos pos, VTermPos old, int visible, void *user)
    {
        TerminalModel *m = model(user);
        m->markRows(old.row, old.row + 1);
        m->markRows(pos.row, pos.row + 1);
        m->m_cursor = QPoint(pos.col, pos.row);
        m->m_cursorVisible = visible;
        return 1;
    }
    static int settermprop(VTermProp prop, VTermValue *value, void *user)
    {
        TerminalModel *m = model(user);
        switch (prop) {
        case VTERM_PROP_CURSORVISIBLE:
            m->m_cursorVisible = value->boolean;
            m->markRows(m->m_cursor.y(), m->m_cursor.y() + 1); // the cursor's row looks different now
            break;
        case VTERM_PROP_CURSORBLINK:
            m->m_cursorBlink = value->boolean;
            m->markRows(m->m_cursor.y(), m->m_cursor.y() + 1);
            break;
        case VTERM_PROP_ALTSCREEN:
            m->m_altScreen = value->boolean;
            m->markRows(0, m->m_rows);
            break;
        case VTERM_PROP_REVERSE:
            m->m_reverseVideo = value->boolean;
            m->markRows(0, m->m_rows);
            break;
        case VTERM_PROP_MOUSE:
            m->m_mouseMode = value->number;
            break;
        case VTERM_PROP_CURSORSHAPE:
            m->m_cursorShape =
                value->number == VTERM_PROP_CURSORSHAPE_UNDERLINE  ? TerminalModel::CursorShape::Underline
                : value->number == VTERM_PROP_CURSORSHAPE_BAR_LEFT ? TerminalModel::CursorShape::Bar
                                                                   : TerminalModel::CursorShape::Block;
            m->markRows(m->m_cursor.y(), m->m_cursor.y() + 1);
            break;
        case VTERM_PROP_TITLE: {
            const VTermStringFragment fragment = value->string;
            if (fragment.initial)
                m->m_titleBuffer.clear();
            if (m->m_titleBuffer.size() < maxTitleBytes)
                m->m_titleBuffer.append(fragment.str,
                                        qsizetype(std::min<size_t>(fragment.len, maxTitleBytes)));
            if (fragment.final) {
                const QString title = TerminalModel::sanitizedTitle(QString::fromUtf8(m->m_titleBuffer));
                m->m_titleBuffer.clear();
                if (title != m->m_title) {
                    m->m_title = title;
                    Q_EMIT m->titleChanged(title);
                }
            }
            break;
        }
        default:
            return 0;
        }
        return 1;
    }
    static int bell(void *user)
    {
        Q_EMIT model(user)->bell();
        return 1;
    }
    static int resize(int rows, int columns, void *user)
    {
        TerminalModel *m = model(user);
        m->m_rows = rows;
        m->m_columns = columns;
        m->markRows(0, rows);
        return 1;
    }
    // A screen row into the scrollback; `wraps`: the program's text goes on in the row below.
    static void push(TerminalModel *m, int columns, const VTermScreenCell *cells, bool wraps)
    {
        m->m_scrollback.beginLine();
        for (int i = 0; i < columns; ++i) {
            const VTermScreenCell &cell = cells[i];
            if (cell.chars[0] == uint32_t(-1))
                continue; // the right half of a wide character
            char32_t chars[VTERM_MAX_CHARS_PER_CELL];
            const int count = codePointsOf(cell, chars);
            m->m_scrollback.appendCell(chars, count, cell.width, m->styleOf(&cell));
        }
        m->m_scrollback.endLine(wraps);
    }
    static int pushline(int columns, const VTermScreenCell *cells, void *user)
    {
        TerminalModel *m = model(user);
        if (m->m_scrollback.limit() <= 0 || m->m_resizing == TerminalModel::Resizing::Reflowing)
            return 1; // the model has pushed the rows itself
        // libvterm has already moved its row flags up when it pushes a row, so row 0's flag says whether the
        // pushed row went on into the next. That is exact for a scroll by one line (a newline at the
        // bottom, by far the usual case); a scroll by several lines marks them all as the last one is.
        // Under a full-screen program the flags are that program's screen's, so they say nothing.
        const bool wraps = m->m_resizing == TerminalModel::Resizing::No &&
                           vterm_state_get_lineinfo(m->m_state, 0)->continuation;
        push(m, columns, cells, wraps);
        Q_EMIT m->scrollbackChanged();
        return 1;
    }
    static int popline(int columns, VTermScreenCell *cells, void *user)
    {
        TerminalModel *m = model(user);
        if (m->m_scrollback.size() == 0 || m->m_resizing == TerminalModel::Resizing::Reflowing)
            return 0;
        const TerminalLine line = m->m_scrollback.takeNewest();
        for (int i = 0; i < columns; ++i) {
            VTermScreenCell &cell = cells[i];
            std::memset(&cell, 0, sizeof cell);
            cell.width = 1;
            vterm_state_get_default_colors(m->m_state, &cell.fg, &cell.bg);
            cell.fg.type = VTermColorType(VTERM_COLOR_RGB | VTERM_COLOR_DEFAULT_FG);
            cell.bg.type = VTermColorType(VTERM_COLOR_RGB | VTERM_COLOR_DEFAULT_BG);
            if (std::size_t(i) >= line.size())
                continue;
            const TerminalCell &from = line[std::size_t(i)];
            const QList<uint> chars = from.text.toUcs4();
            for (int k = 0; k < chars.size() && k < VTERM_MAX_CHARS_PER_CELL; ++k)
                cell.chars[k] = chars[k];
            cell.width = char(from.width);
            cell.attrs.bold = from.bold;
            cell.attrs.italic = from.italic;
            cell.attrs.underline = from.underline;
            cell.attrs.strike = from.strike;
            cell.attrs.reverse = from.reverse;
            cell.attrs.blink = from.blink;
            cell.attrs.conceal = from.conceal;
            if (!from.defaultForeground)
                vterm_color_rgb(&cell.fg, qRed(from.foreground), qGreen(from.foreground),
                                qBlue(from.foreground));
            if (!from.defaultBackground)
                vterm_color_rgb(&cell.bg, qRed(from.background), qGreen(from.background),
                                qBlue(from.background));
        }
        Q_EMIT m->scrollbackChanged();
        return 1;
    }
    static int clearScrollback(void *user)
    {
        model(user)->m_scrollback.clear();
        Q_EMIT model(user)->scrollbackChanged();
        return 1;
    }
    // OSC 52: the program asks to set the clipboard. Collected (bounded), then offered to the user.
    static int selectionSet(VTermSelectionMask, VTermStringFragment fragment, void *user)
    {
        TerminalModel *m = model(user);
        if (fragment.initial) {
            m->m_clipboardBuffer.clear();
            m->m_clipboardOverflow = false;
        }
        if (m->m_clipboardBuffer.size() + qsizetype(fragment.len) > TerminalModel::maxClipboardBytes)
            m->m_clipboardOverflow = true;
        else
            m->m_clipboardBuffer.append(fragment.str, qsizetype(fragment.len));
        if (fragment.final && !m->m_clipboardOverflow && !m->m_clipboardBuffer.isEmpty())
            Q_EMIT m->clipboardWriteRequested(QString::fromUtf8(m->m_clipboardBuffer));
        if (fragment.final)
            m->m_clipboardBuffer.clear();
        return 1;
    }
    // OSC 52 with "?": a program asking to read the clipboard never gets an answer.
    static int selectionQuery(VTermSelectionMask, void *) { return 1; }
};

namespace {
const VTermScreenCallbacks screenCallbacks = {
    .damage = TerminalModelCallbacks::damage,
    .moverect = TerminalModelCallbacks::moverect,
    .movecursor = TerminalModelCallbacks::movecursor,
    .settermprop = TerminalModelCallbacks::settermprop,
    .bell = TerminalModelCallbacks::bell,
    .resize = TerminalModelCallbacks::resize,
    .sb_pushline = TerminalModelCallbacks::pushline,
    .sb_popline = TerminalModelCallbacks::popline,
    .sb_clear = TerminalModelCallbacks::clearScrollback,
};
const VTermSelectionCallbacks selectionCallbacks = {
    .set = TerminalModelCallbacks::selectionSet,
    .query = TerminalModelCallbacks::selectionQuery,
};
char g_selectionBuffer[4096]; // libvterm's scratch space for OSC 52; used only on the GUI thread
} // namespace

TerminalModel::TerminalModel(int rows, int columns, int scrollbackLines, QObject *parent)
    : QObject(parent)
    , m_rows(std::max(rows, minRows))
    , m_columns(std::max(columns, minColumns))
    , m_scrollback(scrollbackLines)
{
    m_vterm = vterm_new(m_rows, m_columns);
    vterm_set_utf8(m_vterm, 1);
    m_screen = vterm_obtain_screen(m_vterm);
    m_state = vterm_obtain_state(m_vterm);
    vterm_output_set_callback(m_vterm, TerminalModelCallbacks::output, this);
    vterm_screen_set_callbacks(m_screen, &screenCallbacks, this);
    vterm_state_set_selection_callbacks(m_state, &selectionCallbacks, this, g_selectionBuffer,
                                        sizeof g_selectionBuffer);
    vterm_screen_enable_altscreen(m_screen, 1);
    // The 16 ANSI colours, readable on the pane's dark background (libvterm's own blue is nearly invisible).
    static constexpr QRgb ansi[16] = {0x1e1f22, 0xe06c75, 0x98c379, 0xe5c07b, 0x61afef, 0xc678dd,
                                      0x56b6c2, 0xd8dbe0, 0x5c6370, 0xff7b86, 0xb5e890, 0xffd68a,
                                      0x82c4ff, 0xde9bf0, 0x7fd6e0, 0xffffff};
    for (int i = 0; i < 16; ++i) {
        VTermColor colour;
        vterm_color_rgb(&colour, uint8_t(qRed(ansi[i])), uint8_t(qGreen(ansi[i])), uint8_t(qBlue(ansi[i])));
        vterm_state_set_palette_color(m_state, i, &colour);
    }
    // libvterm's reflow stays off (it is not memory-safe, see resizeReflowing()); the model reflows instead.
    vterm_screen_enable_reflow(m_screen, false);
    vterm_screen_set_damage_merge(m_screen, VTERM_DAMAGE_ROW);
    vterm_screen_reset(m_screen, 1);
    markRows(0, m_rows);
}

TerminalModel::~TerminalModel()
{
    vterm_free(m_vterm);
}

void TerminalModel::markRows(int from, int to)
{
    for (int row = std::max(from, 0); row < std::min(to, m_rows); ++row)
        m_damage.insert(row);
    m_changedPending = true;
}

void TerminalModel::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    const QByteArray safe = m_repeatExpander.filter(bytes, m_rows * m_columns);
    vterm_input_write(m_vterm, safe.constData(), size_t(safe.size()));
    vterm_screen_flush_damage(m_screen);
    if (m_changedPending) {
        m_changedPending = false;
        Q_EMIT changed();
    }
}

void TerminalModel::resize(int rows, int columns)
{
    rows = std::max(rows, minRows);
    columns = std::max(columns, minColumns);
    if (rows == m_rows && columns == m_columns)
        return;
    if (m_altScreen)
        resizeUnderFullScreenProgram(rows, columns);
    else
        resizeReflowing(rows, columns);
    vterm_screen_flush_damage(m_screen);
    m_rows = rows;
    m_columns = columns;
    m_damage.clear();
    markRows(0, rows);
    m_changedPending = false;
    Q_EMIT scrollbackChanged();
    Q_EMIT changed();
    Q_EMIT resized(rows, columns);
}

void TerminalModel::resizeUnderFullScreenProgram(int rows, int columns)
{
    // A full-screen program redraws itself on SIGWINCH; the shell's screen behind it is cut (its top rows go
    // to the scrollback; setup-deps.sh fixes libvterm 0.3.3 pushing the program's rows instead) or padded.
    const QPoint cursor = m_cursor;
    m_resizing = Resizing::UnderFullScreenProgram;
    vterm_set_size(m_vterm, rows, columns);
    m_resizing = Resizing::No;
    // libvterm 0.3.3 keeps a scrolling region below a new bottom, and its next scroll then moves a negative
    // number of lines (found by fuzzing): the region goes back to the whole screen, as in xterm, and the
    // cursor stays where it was (CSI r homes it).
    vterm_input_write(m_vterm, "\x1b[r", 3);
    moveCursorTo(std::min(cursor.y(), rows - 1), std::min(cursor.x(), columns - 1));
}

void TerminalModel::resizeReflowing(int rows, int columns)
{
    // libvterm 0.3.3's own reflow is not memory-safe (it reads and writes out of bounds on screens a program
    // can draw: tests/fuzz/corpus/terminalmodel/reflow-*), so the model reflows: the screen's rows in use
    // join the scrollback, every line that wrapped is rewrapped at the new width, and the lines that belong
    // on the screen are drawn back through libvterm's parser like any other output.
    const int limit = m_scrollback.limit();
    m_scrollback.setLimit(limit + m_rows);
    m_scrollback.setNewestWraps(vterm_state_get_lineinfo(m_state, 0)->continuation);
    int lastRow = m_rows - 1;
    while (lastRow > m_cursor.y() && rowIsBlank(lastRow))
        --lastRow;
    const int screenTop = m_scrollback.size();
    std::vector<VTermScreenCell> cells(static_cast<std::size_t>(m_columns));
    for (int row = 0; row <= lastRow; ++row) {
        for (int column = 0; column < m_columns; ++column)
            vterm_screen_get_cell(m_screen, VTermPos{row, column}, &cells[std::size_t(column)]);
        const bool wraps = row < lastRow && vterm_state_get_lineinfo(m_state, row + 1)->continuation;
        TerminalModelCallbacks::push(this, m_columns, cells.data(), wraps);
    }
    std::vector<ScrollbackBuffer::Position> anchors{{screenTop, 0}, {screenTop + m_cursor.y(), m_cursor.x()}};
    if (columns != m_columns)
        m_scrollback.reflow(columns, anchors);
    const auto [top, cursor] = std::pair(anchors[0], anchors[1]);

    // What was at the top stays there, unless the cursor would leave the screen; a screen filled to the
    // cursor stays filled to it, taking lines back from the scrollback when it grows.
    const bool filled = m_cursor.y() == m_rows - 1;
    const int newTop =
        std::clamp(std::max(cursor.line - rows + 1, filled ? 0 : top.line), 0, m_scrollback.size());
    std::vector<ScrollbackBuffer::TakenLine> screen = m_scrollback.takeFrom(newTop);
    if (int(screen.size()) > rows)
        screen.resize(std::size_t(rows)); // below the cursor and off the new screen: the program redraws
    const bool firstRowContinues = m_scrollback.wraps(m_scrollback.size() - 1);
    m_scrollback.setLimit(limit);

    m_resizing = Resizing::Reflowing;
    vterm_set_size(m_vterm, rows, columns);
    m_resizing = Resizing::No;
    const QByteArray pen = penSequence();
    vterm_input_write(m_vterm, screenResetSequence.data(), screenResetSequence.size());
    for (int row = 0; row < int(screen.size()); ++row) {
        const QByteArray drawing =
            "\x1b["_ba + QByteArray::number(row + 1) + ";1H"_ba + drawingOf(screen[std::size_t(row)].cells);
        vterm_input_write(m_vterm, drawing.constData(), std::size_t(drawing.size()));
        // libvterm sets these flags only when its own cursor wraps, and has no setter: the array is its
        // state's, alive until the next resize.
        auto *info = const_cast<VTermLineInfo *>(vterm_state_get_lineinfo(m_state, row));
        info->continuation = row == 0 ? firstRowContinues : screen[std::size_t(row) - 1].wraps;
    }
    vterm_input_write(m_vterm, pen.constData(), std::size_t(pen.size()));
    moveCursorTo(std::clamp(cursor.line - newTop, 0, rows - 1), std::clamp(cursor.column, 0, columns - 1));
}

void TerminalModel::moveCursorTo(int row, int column)
{
    const QByteArray move =
        "\x1b["_ba + QByteArray::number(row + 1) + ';' + QByteArray::number(column + 1) + 'H';
    vterm_input_write(m_vterm, move.constData(), std::size_t(move.size()));
}

bool TerminalModel::rowIsBlank(int row) const
{
    VTermScreenCell cell;
    for (int column = 0; column < m_columns; ++column) {
        vterm_screen_get_cell(m_screen, VTermPos{row, column}, &cell);
        if ((cell.chars[0] && cell.chars[0] != U' ') || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg) ||
            cell.attrs.reverse)
            return false;
    }
    return true;
}

QByteArray TerminalModel::penSequence() const
{
    // The program's current pen, as SGR, to restore after drawing with others.
    QByteArray sgr = "\x1b[0";
    VTermValue value;
    const auto flag = [&](VTermAttr attribute, const char *code) {
        if (vterm_state_get_penattr(m_state, attribute, &value) && value.boolean)
            sgr += code;
    };
    flag(VTERM_ATTR_BOLD, ";1");
    flag(VTERM_ATTR_ITALIC, ";3");
    flag(VTERM_ATTR_BLINK, ";5");
    flag(VTERM_ATTR_REVERSE, ";7");
    flag(VTERM_ATTR_CONCEAL, ";8");
    flag(VTERM_ATTR_STRIKE, ";9");
    if (vterm_state_get_penattr(m_state, VTERM_ATTR_UNDERLINE, &value) && value.number > 0)
        sgr += value.number == 2 ? ";21" : value.number == 3 ? ";4:3" : ";4";
    if (vterm_state_get_penattr(m_state, VTERM_ATTR_FONT, &value) && value.number > 0 && value.number < 10)
        sgr += ';' + QByteArray::number(10 + value.number);
    for (const auto &[attribute, base] :
         {std::pair(VTERM_ATTR_FOREGROUND, 38), std::pair(VTERM_ATTR_BACKGROUND, 48)}) {
        if (!vterm_state_get_penattr(m_state, attribute, &value))
            continue;
        const VTermColor &colour = value.color;
        if (VTERM_COLOR_IS_DEFAULT_FG(&colour) || VTERM_COLOR_IS_DEFAULT_BG(&colour))
            continue;
        sgr += ';' + QByteArray::number(base);
        if (VTERM_COLOR_IS_INDEXED(&colour))
            sgr += ";5;" + QByteArray::number(colour.indexed.idx);
        else
            sgr += ";2;" + QByteArray::number(colour.rgb.red) + ';' + QByteArray::number(colour.rgb.green) +
                   ';' + QByteArray::number(colour.rgb.blue);
    }
    return sgr + 'm';
}

QSet<int> TerminalModel::takeDamage()
{
    QSet<int> damage;
    damage.swap(m_damage);
    return damage;
}

CellStyle TerminalModel::styleOf(const void *vtermCell) const
{
    const auto *source = static_cast<const VTermScreenCell *>(vtermCell);
    VTermColor foreground = source->fg;
    VTermColor background = source->bg;
    CellStyle style;
    style.flags = quint16(
        (VTERM_COLOR_IS_DEFAULT_FG(&foreground) ? CellStyle::DefaultForeground : 0) |
        (VTERM_COLOR_IS_DEFAULT_BG(&background) ? CellStyle::DefaultBackground : 0) |
        (source->attrs.bold ? CellStyle::Bold : 0) | (source->attrs.italic ? CellStyle::Italic : 0) |
        (source->attrs.strike ? CellStyle::Strike : 0) | (source->attrs.reverse ? CellStyle::Reverse : 0) |
        (source->attrs.blink ? CellStyle::Blink : 0) | (source->attrs.conceal ? CellStyle::Conceal : 0) |
        ((source->attrs.underline & 3) << CellStyle::UnderlineShift));
    vterm_screen_convert_color_to_rgb(m_screen, &foreground);
    vterm_screen_convert_color_to_rgb(m_screen, &background);
    style.foreground = qRgb(foreground.rgb.red, foreground.rgb.green, foreground.rgb.blue);
    style.background = qRgb(background.rgb.red, background.rgb.green, background.rgb.blue);
    return style;
}

TerminalCell TerminalModel::convert(const void *vtermCell) const
{
    const auto *source = static_cast<const VTermScreenCell *>(vtermCell);
    TerminalCell cell;
    char32_t chars[VTERM_MAX_CHARS_PER_CELL];
    cell.text = QString::fromUcs4(chars, codePointsOf(*source, chars));
    cell.width = quint8(std::max<int>(source->width, 1));
    styleOf(vtermCell).applyTo(cell);
    return cell;
}

TerminalLine TerminalModel::line(int index) const
{
    if (index < 0) {
        return m_scrollback.line(m_scrollback.size() + index);
    }
    TerminalLine line;
    if (index >= m_rows)
        return line;
    line.reserve(std::size_t(m_columns));
    VTermScreenCell cell;
    for (int column = 0; column < m_columns; ++column) {
        vterm_screen_get_cell(m_screen, VTermPos{index, column}, &cell);
        line.push_back(convert(&cell));
        if (cell.width == 2 && column + 1 < m_columns) { // the right half of a wide character
            TerminalCell half = line.back();
            half.text.clear();
            half.width = 0;
            line.push_back(half);
            ++column;
        }
    }
    return line;
}

QString TerminalModel::lineText(int index) const
{
    if (index < 0)
        return m_scrollback.text(m_scrollback.size() + index);
    QString text;
    for (const TerminalCell &cell : line(index)) {
        if (cell.width == 0)
            continue;
        text += cell.text.isEmpty() ? u" "_s : cell.text;
    }
    while (text.endsWith(u' '))
        text.chop(1);
    return text;
}

std::optional<TerminalModel::Match> TerminalModel::find(const QString &text, int from, bool backwards,
                                                        Qt::CaseSensitivity sensitivity) const
{
    if (text.isEmpty())
        return std::nullopt;
    const int first = -scrollbackLines();
    const int count = rows() - first;
    for (int step = 1; step <= count; ++step) {
        const int offset = ((from - first) + (backwards ? -step : step)) % count;
        const int index = first + (offset + count) % count;
        const qsizetype at = lineText(index).indexOf(text, 0, sensitivity);
        if (at < 0)
            continue;
        // From text positions to cells: wide characters take two cells, combining marks share one.
        Match match{index, 0, 0};
        qsizetype position = 0;
        const TerminalLine cells = line(index);
        for (int column = 0; column < int(cells.size()); ++column) {
            const TerminalCell &cell = cells[std::size_t(column)];
            if (cell.width == 0)
                continue;
            const qsizetype length = cell.text.isEmpty() ? 1 : cell.text.size();
            if (position <= at && at < position + length)
                match.column = column;
            if (position < at + text.size() && position + length > at)
                match.cells = column + cell.width - match.column;
            position += length;
        }
        return match;
    }
    return std::nullopt;
}

void TerminalModel::emitOutput(const char *bytes, size_t length)
{
    const QByteArray data(bytes, qsizetype(length));
    if (m_userInput) {
        Q_EMIT output(data);
        Q_EMIT userInput();
        return;
    }
    if (isHarmlessReply(data)) {
        Q_EMIT output(data);
        return;
    }
    ++m_droppedReplies; // e.g. DECRQSS and XTVERSION replies, which echo what the program chose
}

bool TerminalModel::isHarmlessReply(QByteArrayView reply)
{
    // Fixed forms with numbers only: DA1/DA2 (CSI ? … c, CSI > … c), DSR (CSI 0 n), CPR (CSI row ; col R),
    // DECRPM (CSI ? mode ; value $ y).
    static const QRegularExpression harmless(u"^\\x1b\\[[?>]?[0-9;]{0,32}(c|n|R|\\$y)$"_s);
    return harmless.match(QString::fromLatin1(reply.data(), reply.size())).hasMatch();
}

QString TerminalModel::sanitizedTitle(const QString &title)
{
    QString clean;
    for (const QChar c : title) {
        const ushort u = c.unicode();
        const bool control = u < 0x20 || (u >= 0x7f && u < 0xa0);
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e ||
                          u == 0x200f || u == 0x061c;
        if (!control && !bidi)
            clean += c;
        if (clean.size() >= maxTitleLength)
            break;
    }
    return clean.trimmed();
}

void TerminalModel::sendText(const QString &text, Qt::KeyboardModifiers modifiers)
{
    m_userInput = true;
    for (const uint c : text.toUcs4())
        vterm_keyboard_unichar(m_vterm, c, modifiersOf(modifiers));
    m_userInput = false;
}

bool TerminalModel::sendKey(int qtKey, Qt::KeyboardModifiers modifiers)
{
    const auto key = keyOf(qtKey);
    if (!key)
        return false;
    m_userInput = true;
    vterm_keyboard_key(m_vterm, *key,
                       modifiersOf(qtKey == Qt::Key_Backtab ? modifiers | Qt::ShiftModifier : modifiers));
    m_userInput = false;
    return true;
}

void TerminalModel::paste(const QString &text)
{
    // A pasted end-of-paste marker would let the text run as typed commands; line ends become Enter.
    QString clean = text;
    clean.remove(u"\x1b[201~"_s);
    clean.replace(u"\r\n"_s, u"\r"_s).replace(u'\n', u'\r');
    m_userInput = true;
    vterm_keyboard_start_paste(m_vterm);
    for (const uint c : clean.toUcs4())
        vterm_keyboard_unichar(m_vterm, c, VTERM_MOD_NONE);
    vterm_keyboard_end_paste(m_vterm);
    m_userInput = false;
}

void TerminalModel::sendMouseMove(int row, int column, Qt::KeyboardModifiers modifiers)
{
    m_userInput = true;
    vterm_mouse_move(m_vterm, row, column, modifiersOf(modifiers));
    m_userInput = false;
}

void TerminalModel::sendMouseButton(int button, bool pressed, Qt::KeyboardModifiers modifiers)
{
    m_userInput = true;
    vterm_mouse_button(m_vterm, button, pressed, modifiersOf(modifiers));
    m_userInput = false;
}

void TerminalModel::setFocused(bool focused)
{
    m_userInput = true;
    if (focused)
        vterm_state_focus_in(m_state);
    else
        vterm_state_focus_out(m_state);
    m_userInput = false;
}

} // namespace Paddock::App
