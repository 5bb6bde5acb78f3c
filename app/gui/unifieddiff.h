#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Paddock::App {

// One file's unified patch (as git prints it) split into the lines the diff view shows, with line numbers,
// the changed parts of paired lines, and the agent's control and bidirectional-override characters made
// visible. Pure: the patch is untrusted data and is only read.
struct UnifiedDiff
{
    struct Span
    {
        int start = 0;
        int length = 0;
    };
    struct Line
    {
        enum class Kind { Context, Added, Removed, Hunk, Note, Filler }; // Filler: the other side's line
        Kind kind = Kind::Context;
        int oldLine = 0; // 0: none (an added line, a hunk header)
        int newLine = 0;
        QString text;        // without the leading ' ', '+' or '-'
        QList<Span> changed; // the part that differs from its paired line (added or removed lines)
        QList<Span> escaped; // characters shown as escapes (^[ or <U+202E>): the agent wrote invisible text
    };

    QList<Line> lines;
    int additions = 0;
    int deletions = 0;

    // The file header (diff --git, index, ---, +++) is dropped; hunks and "\ No newline" notes are kept.
    static UnifiedDiff parse(const QByteArray &patch);
    // The two columns of a side-by-side view, line for line: the old side (context, removed lines) and the
    // new side (context, added lines), each removed line beside the added line that replaced it, Filler lines
    // where one side has more.
    struct Columns;
    static Columns sideBySide(const UnifiedDiff &diff);
    // The text with control characters as ^X and bidirectional controls as <U+XXXX>; spans of escapes.
    static QString visibleText(const QString &text, QList<Span> *escaped = nullptr);
};

struct UnifiedDiff::Columns
{
    UnifiedDiff left;
    UnifiedDiff right;
};

} // namespace Paddock::App
