#pragma once

#include "app/terminal/terminalcell.h"

#include <deque>
#include <string>
#include <vector>

namespace Paddock::App {

// The lines that scrolled off a terminal's screen, oldest first, at most limit() of them. Stored packed (a
// code point, a width and a per-line style index per cell; blank tails dropped) because a pane keeps 10,000
// lines and a user keeps many panes: about 8 bytes a cell instead of a TerminalCell's 80.
class ScrollbackBuffer
{
public:
    explicit ScrollbackBuffer(int limit);

    int size() const { return int(m_lines.size()); }
    int limit() const { return m_limit; }
    void clear() { m_lines.clear(); }

    // Adds a line cell by cell; the oldest line goes when the buffer is full.
    void beginLine();
    void appendCell(const char32_t *chars, int count, int width, const CellStyle &style);
    void endLine();

    TerminalLine line(int index) const; // 0: the oldest; wide characters are followed by a width-0 half
    QString text(int index) const;      // trailing blanks trimmed
    TerminalLine takeNewest();          // empty when there is none

private:
    struct PackedCell
    {
        char32_t
            codePoint; // with extraFlag: an index into Line::extra, where the cell's code points end at 0
        quint8 style;  // index into Line::styles
        quint8 width;
    };
    static constexpr char32_t extraFlag = 0x80000000u;
    struct Line
    {
        std::vector<PackedCell> cells;
        std::vector<CellStyle> styles;
        std::u32string extra; // cells of several code points (combining marks, emoji sequences)
    };
    static QString textOf(const Line &line, const PackedCell &cell);

    int m_limit;
    std::deque<Line> m_lines;
    Line m_building;
};

} // namespace Paddock::App
