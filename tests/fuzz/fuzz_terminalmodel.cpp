// Fuzzes the terminal model (and libvterm under it) with what a program in a sandbox may print: never
// crashes, never sends anything but a fixed-form report on its own (security.md item 15), and its title
// never holds a control character. The first two bytes choose the size; 0xff bytes split the input into
// separate writes, and from half way on each of the first four separators also resizes (reflowing).
#include "app/terminal/terminalmodel.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

using namespace Paddock::App;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int rows = 1 + data[0] % 60;
    const int columns = 1 + data[1] % 120;
    TerminalModel model(rows, columns, 100);
    QObject::connect(&model, &TerminalModel::output, [](const QByteArray &bytes) {
        if (!TerminalModel::isHarmlessReply(bytes))
            abort(); // nothing the user did is in this input, so only reports may come out
    });
    const QByteArrayView input(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    qsizetype start = 0;
    int resizes = 0;
    for (qsizetype i = 0; i <= input.size(); ++i) {
        if (i == input.size() || static_cast<uint8_t>(input[i]) == 0xff) {
            model.feed(input.sliced(start, i - start));
            start = i + 1;
            if (i >= input.size() / 2 && resizes < 4) {
                ++resizes;
                model.resize(1 + (rows * 7 * resizes) % 50, 1 + (columns * 3 + resizes * 17) % 100);
                const QPoint cursor = model.cursor();
                if (cursor.x() < 0 || cursor.y() < 0 || cursor.x() >= model.columns() ||
                    cursor.y() >= model.rows())
                    abort();
            }
        }
    }
    for (const QChar c : model.title()) {
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0))
            abort();
    }
    for (int line = -model.scrollbackLines(); line < model.rows(); ++line) {
        const QString text = model.lineText(line);
        (void)model.line(line); // the packed scrollback unpacked again
        // Searching for part of a line finds a line holding it, within the line's cells.
        if (const QString needle = text.trimmed().left(3); !needle.isEmpty()) {
            const auto match = model.find(needle, line - 1, false, Qt::CaseSensitive);
            if (!match || !model.lineText(match->line).contains(needle) || match->column < 0 ||
                match->cells < 1)
                abort();
        }
    }
    return 0;
}
