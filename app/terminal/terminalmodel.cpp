#include "app/terminal/terminalmodel.h"

#include <QRegularExpression>

extern "C" {
#include <vterm.h>
}

#include <cstring>

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
    static int pushline(int columns, const VTermScreenCell *cells, void *user)
    {
        TerminalModel *m = model(user);
        if (m->m_scrollback.limit() <= 0)
            return 1;
        m->m_scrollback.beginLine();
        for (int i = 0; i < columns; ++i) {
            const VTermScreenCell &cell = cells[i];
            if (cell.chars[0] == uint32_t(-1))
                continue; // the right half of a wide character
            char32_t chars[VTERM_MAX_CHARS_PER_CELL];
            const int count = codePointsOf(cell, chars);
            m->m_scrollback.appendCell(chars, count, cell.width, m->styleOf(&cell));
        }
        m->m_scrollback.endLine();
        Q_EMIT m->scrollbackChanged();
        return 1;
    }
    static int popline(int columns, VTermScreenCell *cells, void *user)
    {
        TerminalModel *m = model(user);
        if (m->m_scrollback.size() == 0)
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
    // Reflow stays off: libvterm 0.3.3's reflowing resize reads and writes out of bounds on crafted screens
    // (found by fuzzing; tests/fuzz/corpus/terminalmodel/reflow-*), and a sandbox controls the screen.
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
    const bool shorter = rows < m_rows;
    vterm_set_size(m_vterm, rows, columns);
    if (shorter) {
        // libvterm 0.3.3 keeps a scrolling region below the new bottom, and its next scroll then moves a
        // negative number of lines (found by fuzzing). The region goes back to the whole screen, as in
        // xterm; the cursor stays where it was.
        static constexpr char resetRegion[] = "\x1b"
                                              "7\x1b[r\x1b"
                                              "8";
        vterm_input_write(m_vterm, resetRegion, sizeof resetRegion - 1);
    }
    vterm_screen_flush_damage(m_screen);
    m_rows = rows;
    m_columns = columns;
    m_damage.clear();
    markRows(0, rows);
    m_changedPending = false;
    Q_EMIT changed();
    Q_EMIT resized(rows, columns);
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
