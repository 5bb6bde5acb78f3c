#include "app/terminal/scrollbackbuffer.h"

#include <algorithm>

namespace Paddock::App {

void CellStyle::applyTo(TerminalCell &cell) const
{
    cell.foreground = foreground;
    cell.background = background;
    cell.defaultForeground = flags & DefaultForeground;
    cell.defaultBackground = flags & DefaultBackground;
    cell.bold = flags & Bold;
    cell.italic = flags & Italic;
    cell.strike = flags & Strike;
    cell.reverse = flags & Reverse;
    cell.blink = flags & Blink;
    cell.conceal = flags & Conceal;
    cell.underline = quint8((flags >> UnderlineShift) & 3);
}

CellStyle CellStyle::of(const TerminalCell &cell)
{
    CellStyle style;
    style.foreground = cell.foreground;
    style.background = cell.background;
    style.flags = quint16((cell.defaultForeground ? DefaultForeground : 0) |
                          (cell.defaultBackground ? DefaultBackground : 0) | (cell.bold ? Bold : 0) |
                          (cell.italic ? Italic : 0) | (cell.strike ? Strike : 0) |
                          (cell.reverse ? Reverse : 0) | (cell.blink ? Blink : 0) |
                          (cell.conceal ? Conceal : 0) | ((cell.underline & 3) << UnderlineShift));
    return style;
}

ScrollbackBuffer::ScrollbackBuffer(int limit)
    : m_limit(std::max(limit, 0))
{}

void ScrollbackBuffer::beginLine()
{
    m_building.cells.clear();
    m_building.styles.clear();
    m_building.extra.clear();
}

void ScrollbackBuffer::appendCell(const char32_t *chars, int count, int width, const CellStyle &style)
{
    std::size_t styleIndex = 0;
    // Neighbours share a style: look at the last one first. A line with more than 256 styles (only a
    // program painting every cell differently) shows the rest in the 256th.
    if (!m_building.styles.empty() && m_building.styles.back() == style) {
        styleIndex = m_building.styles.size() - 1;
    } else {
        const auto found = std::find(m_building.styles.begin(), m_building.styles.end(), style);
        styleIndex = std::size_t(found - m_building.styles.begin());
        if (found == m_building.styles.end()) {
            if (m_building.styles.size() < 256)
                m_building.styles.push_back(style);
            styleIndex = m_building.styles.size() - 1;
        }
    }
    quint32 value = count <= 0 ? 0 : chars[0] <= 0x10FFFF ? chars[0] : 0xFFFD;
    // Combining marks and emoji sequences go to the line's extra code points (unless a line held two million
    // of them, where only the first of each cell is kept).
    const bool several = count > 1 && m_building.extra.size() <= PackedCell::maxValue;
    if (several) {
        value = quint32(m_building.extra.size());
        m_building.extra.append(chars, std::size_t(count));
        m_building.extra.push_back(U'\0');
    }
    m_building.cells.push_back(PackedCell::of(value, several, width >= 2, styleIndex));
}

void ScrollbackBuffer::endLine(bool wraps)
{
    if (m_limit == 0)
        return;
    finishLine(wraps);
    dropOverLimit();
}

void ScrollbackBuffer::finishLine(bool wraps)
{
    // Blank tails cost memory and mean nothing: spaces on the default background, not underlined or inverted.
    // A line that wraps keeps them: they are spaces in the text that goes on in the next line.
    const auto isBlank = [this](const PackedCell &cell) {
        const quint16 flags = m_building.styles[cell.style()].flags;
        return !cell.several() && (cell.value() == U'\0' || cell.value() == U' ') &&
               (flags & CellStyle::DefaultBackground) && !(flags & CellStyle::Reverse) &&
               (flags >> CellStyle::UnderlineShift) == 0;
    };
    auto &cells = m_building.cells;
    while (!wraps && !cells.empty() && isBlank(cells.back()))
        cells.pop_back();
    // A line that wraps ends in a never-written cell only where a wide character did not fit: no text.
    if (wraps && !cells.empty() && !cells.back().several() && cells.back().value() == U'\0')
        cells.pop_back();
    Line line;
    line.cells.assign(cells.begin(), cells.end()); // exactly sized, unlike the reused builder
    line.styles = m_building.styles;
    line.extra = m_building.extra;
    line.wraps = wraps;
    m_lines.push_back(std::move(line));
}

void ScrollbackBuffer::dropOverLimit()
{
    while (int(m_lines.size()) > m_limit)
        m_lines.pop_front();
}

void ScrollbackBuffer::setLimit(int limit)
{
    m_limit = std::max(limit, 0);
    dropOverLimit();
}

bool ScrollbackBuffer::wraps(int index) const
{
    return index >= 0 && index < size() && m_lines[std::size_t(index)].wraps;
}

void ScrollbackBuffer::setNewestWraps(bool wraps)
{
    if (!m_lines.empty())
        m_lines.back().wraps = wraps;
}

std::vector<ScrollbackBuffer::TakenLine> ScrollbackBuffer::takeFrom(int index)
{
    std::vector<TakenLine> taken;
    for (int at = std::max(index, 0); at < size(); ++at)
        taken.push_back({line(at), m_lines[std::size_t(at)].wraps});
    m_lines.resize(std::size_t(std::clamp(index, 0, size())));
    return taken;
}

void ScrollbackBuffer::appendPacked(const Line &from, const PackedCell &cell)
{
    char32_t single = cell.value();
    const char32_t *chars = &single;
    int count = single ? 1 : 0;
    if (cell.several()) {
        chars = from.extra.data() + cell.value();
        count = int(std::char_traits<char32_t>::length(chars));
    }
    appendCell(chars, count, cell.width(), from.styles[cell.style()]);
}

void ScrollbackBuffer::reflow(int columns, std::vector<Position> &positions)
{
    columns = std::max(columns, 2); // a wide character must fit on a line
    std::deque<Line> old;
    old.swap(m_lines);
    for (std::size_t first = 0; first < old.size();) {
        std::size_t last = first;
        while (last + 1 < old.size() && old[last].wraps)
            ++last;
        // Positions in this logical line become offsets into its text, counted in cells.
        std::vector<std::pair<Position *, int>> inside;
        int lineStart = 0;
        for (std::size_t index = first; index <= last; ++index) {
            for (Position &position : positions) {
                if (position.line == int(index))
                    inside.push_back({&position, lineStart + position.column});
            }
            for (const PackedCell &cell : old[index].cells)
                lineStart += cell.width();
        }
        const int firstNew = size();
        std::vector<int> newStarts{0}; // the offset at which each new line begins
        if (first == last && lineStart <= columns) {
            m_lines.push_back(std::move(old[first])); // most lines fit as they are
        } else {
            beginLine();
            int used = 0;
            int offset = 0;
            for (std::size_t index = first; index <= last; ++index) {
                for (const PackedCell &cell : old[index].cells) {
                    if (used + cell.width() > columns) {
                        finishLine(true);
                        beginLine();
                        used = 0;
                        newStarts.push_back(offset);
                    }
                    appendPacked(old[index], cell);
                    used += cell.width();
                    offset += cell.width();
                }
            }
            finishLine(old[last].wraps);
        }
        for (auto [position, offset] : inside) {
            const auto line =
                std::upper_bound(newStarts.begin(), newStarts.end(), offset) - newStarts.begin() - 1;
            position->line = firstNew + int(line);
            position->column = offset - newStarts[std::size_t(line)];
        }
        first = last + 1;
    }
    const int dropped = std::max(size() - m_limit, 0);
    dropOverLimit();
    for (Position &position : positions)
        position.line -= dropped;
}

QString ScrollbackBuffer::textOf(const Line &line, const PackedCell &cell)
{
    if (!cell.several()) {
        const char32_t codePoint = cell.value();
        return codePoint ? QString::fromUcs4(&codePoint, 1) : QString();
    }
    const char32_t *start = line.extra.data() + cell.value();
    return QString::fromUcs4(start, qsizetype(std::char_traits<char32_t>::length(start)));
}

TerminalLine ScrollbackBuffer::line(int index) const
{
    TerminalLine cells;
    if (index < 0 || index >= size())
        return cells;
    const Line &line = m_lines[std::size_t(index)];
    cells.reserve(line.cells.size() + 8);
    for (const PackedCell &packed : line.cells) {
        TerminalCell cell;
        cell.text = textOf(line, packed);
        cell.width = quint8(packed.width());
        line.styles[packed.style()].applyTo(cell);
        cells.push_back(cell);
        if (packed.wide()) { // the right half of a wide character
            cell.text.clear();
            cell.width = 0;
            cells.push_back(cell);
        }
    }
    return cells;
}

QString ScrollbackBuffer::text(int index) const
{
    QString text;
    if (index < 0 || index >= size())
        return text;
    const Line &line = m_lines[std::size_t(index)];
    text.reserve(qsizetype(line.cells.size()));
    for (const PackedCell &cell : line.cells) {
        const QString grapheme = textOf(line, cell);
        text += grapheme.isEmpty() ? QStringLiteral(" ") : grapheme;
    }
    while (text.endsWith(u' '))
        text.chop(1);
    return text;
}

TerminalLine ScrollbackBuffer::takeNewest()
{
    if (m_lines.empty())
        return {};
    TerminalLine newest = line(size() - 1);
    m_lines.pop_back();
    return newest;
}

} // namespace Paddock::App
