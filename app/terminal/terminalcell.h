#pragma once

#include <QColor>
#include <QString>

#include <vector>

namespace Paddock::App {

// One character cell as the view paints it.
struct TerminalCell
{
    QString text; // the grapheme (empty for the right half of a wide character)
    QRgb foreground = 0;
    QRgb background = 0;
    bool defaultForeground = true;
    bool defaultBackground = true;
    quint8 width = 1; // 2 for wide characters and emoji
    bool bold = false;
    bool italic = false;
    quint8 underline = 0; // 0 none, 1 single, 2 double, 3 curly
    bool strike = false;
    bool reverse = false;
    bool blink = false;
    bool conceal = false;
};
using TerminalLine = std::vector<TerminalCell>;

// A cell's looks without its text: what neighbouring cells usually share.
struct CellStyle
{
    QRgb foreground = 0;
    QRgb background = 0;
    quint16 flags = DefaultForeground | DefaultBackground;

    enum Flag : quint16 {
        DefaultForeground = 1 << 0,
        DefaultBackground = 1 << 1,
        Bold = 1 << 2,
        Italic = 1 << 3,
        Strike = 1 << 4,
        Reverse = 1 << 5,
        Blink = 1 << 6,
        Conceal = 1 << 7,
        UnderlineShift = 8, // two bits: TerminalCell::underline
    };
    bool operator==(const CellStyle &other) const = default;
    void applyTo(TerminalCell &cell) const;
    static CellStyle of(const TerminalCell &cell);
};

} // namespace Paddock::App
