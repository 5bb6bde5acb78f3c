#pragma once

#include "app/terminal/terminalcell.h"

#include <deque>
#include <string>
#include <vector>

namespace Paddock::App {

// The lines that scrolled off a terminal's screen, oldest first, at most limit() of them. Stored packed (a
// code point, a width and a per-line style index per cell; blank tails dropped) because a pane keeps 10,000
// lines and a user keeps many panes: 4 bytes a cell instead of a TerminalCell's 80.
class ScrollbackBuffer
{
public:
    explicit ScrollbackBuffer(int limit);

    int size() const { return int(m_lines.size()); }
    int limit() const { return m_limit; }
    void setLimit(int limit); // the oldest lines go if there are more
    void clear() { m_lines.clear(); }

    // Adds a line cell by cell; the oldest line goes when the buffer is full. A line that `wraps` goes on in
    // the next one (the program's text ran past the right edge): it keeps its trailing blanks, which are
    // part of that text, and reflow() joins the two.
    void beginLine();
    void appendCell(const char32_t *chars, int count, int width, const CellStyle &style);
    void endLine(bool wraps = false);

    TerminalLine line(int index) const; // 0: the oldest; wide characters are followed by a width-0 half
    QString text(int index) const;      // trailing blanks trimmed
    bool wraps(int index) const;
    void setNewestWraps(bool wraps); // what the screen's first row says once it is known
    TerminalLine takeNewest();       // empty when there is none
    struct TakenLine
    {
        TerminalLine cells;
        bool wraps = false;
    };
    std::vector<TakenLine> takeFrom(int index); // lines index.. (the newest), removed

    // A cell's place: a line index as for line(), and a column counted in cells.
    struct Position
    {
        int line = 0;
        int column = 0;
    };
    // Rewraps every line at a new width: lines that wrap are joined with what follows and split again. Each
    // position moves with its cell (a position past the end of its text stays that far past it, which may
    // be beyond `columns`); a line index below 0 means the line went out of the buffer.
    void reflow(int columns, std::vector<Position> &positions);

private:
    // Four bytes: a pane keeps 10,000 lines and a user eight panes or more (issue 6: ≤ 150 MB for the app).
    // One word written at once, not bit-fields: a bit-field's partial writes stalled the reflow.
    struct PackedCell
    {
        static constexpr quint32 maxValue = (1u << 21) - 1; // every code point fits (U+10FFFF is the last)
        static constexpr quint32 severalBit = 1u << 21, wideBit = 1u << 22;
        static constexpr int styleShift = 23;

        // value: a code point; when `several`, an index into Line::extra, where the cell's code points end
        // at 0. wide: two cells (the right half is not stored). style: an index into Line::styles.
        static PackedCell of(quint32 value, bool several, bool wide, std::size_t style)
        {
            return {(value & maxValue) | (several ? severalBit : 0) | (wide ? wideBit : 0) |
                    quint32(style) << styleShift};
        }
        quint32 value() const { return bits & maxValue; }
        bool several() const { return bits & severalBit; }
        bool wide() const { return bits & wideBit; }
        int width() const { return wide() ? 2 : 1; }
        quint32 style() const { return bits >> styleShift; }

        quint32 bits = 0;
    };
    static_assert(sizeof(PackedCell) == 4);
    struct Line
    {
        std::vector<PackedCell> cells;
        std::vector<CellStyle> styles;
        std::u32string extra; // cells of several code points (combining marks, emoji sequences)
        bool wraps = false;
    };
    static QString textOf(const Line &line, const PackedCell &cell);
    void appendPacked(const Line &from, const PackedCell &cell);
    void finishLine(bool wraps); // without making room: reflow() does that at the end
    void dropOverLimit();

    int m_limit;
    std::deque<Line> m_lines;
    Line m_building;
};

} // namespace Paddock::App
