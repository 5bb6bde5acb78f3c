#include "app/gui/unifieddiff.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

// "@@ -12,5 +12,7 @@ context": the first line numbers of the old and new side.
bool parseHunkHeader(QStringView header, int *oldStart, int *newStart)
{
    const qsizetype minus = header.indexOf(u'-');
    const qsizetype plus = header.indexOf(u'+', minus + 1);
    if (minus < 0 || plus < 0)
        return false;
    const auto number = [&](qsizetype from) {
        qsizetype end = from;
        while (end < header.size() && header.at(end).isDigit())
            ++end;
        return header.mid(from, end - from).toInt();
    };
    *oldStart = number(minus + 1);
    *newStart = number(plus + 1);
    return true;
}

// Marks what differs between a removed and the added line that replaced it: the text between their common
// start and common end. Lines that have little in common get no marks: all of them changed.
void markChanges(UnifiedDiff::Line &removed, UnifiedDiff::Line &added)
{
    if (removed.kind != UnifiedDiff::Line::Kind::Removed || added.kind != UnifiedDiff::Line::Kind::Added)
        return;
    const QString &a = removed.text;
    const QString &b = added.text;
    const qsizetype shorter = std::min(a.size(), b.size());
    qsizetype prefix = 0;
    while (prefix < shorter && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix && a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    const qsizetype common = prefix + suffix;
    if (common == 0 || common * 3 < std::max(a.size(), b.size()))
        return;
    if (a.size() - common > 0)
        removed.changed.append({int(prefix), int(a.size() - common)});
    if (b.size() - common > 0)
        added.changed.append({int(prefix), int(b.size() - common)});
}

// Pairs a run of removed lines with the run of added lines after it, line by line, when both are as long.
void markRun(QList<UnifiedDiff::Line> &lines, qsizetype removedStart, qsizetype addedStart, qsizetype end)
{
    const qsizetype removedCount = addedStart - removedStart;
    if (removedCount == 0 || removedCount != end - addedStart)
        return;
    for (qsizetype i = 0; i < removedCount; ++i)
        markChanges(lines[removedStart + i], lines[addedStart + i]);
}

} // namespace

QString UnifiedDiff::visibleText(const QString &text, QList<Span> *escaped)
{
    QString shown;
    shown.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e ||
                          u == 0x200f || u == 0x061c;
        const bool control = (u < 0x20 && u != u'\t') || u == 0x7f || (u >= 0x80 && u < 0xa0);
        if (!bidi && !control) {
            shown.append(c);
            continue;
        }
        // SECURITY: invisible characters in agent-written code can hide what a line does (Trojan Source,
        // CVE-2021-42574) or make two different lines look alike; show each one.
        const qsizetype start = shown.size();
        if (u < 0x20)
            shown.append(QString(u'^') + QChar(u + 0x40));
        else
            shown.append(u"<U+%1>"_s.arg(int(u), 4, 16, QChar(u'0')).toUpper());
        if (escaped)
            escaped->append({int(start), int(shown.size() - start)});
    }
    return shown;
}

UnifiedDiff UnifiedDiff::parse(const QByteArray &patch)
{
    UnifiedDiff diff;
    int oldLine = 0;
    int newLine = 0;
    bool inHunk = false;
    qsizetype removedStart = -1; // the current run of removed lines, then of added lines
    qsizetype addedStart = -1;
    const auto closeRun = [&] {
        if (removedStart >= 0)
            markRun(diff.lines, removedStart, addedStart >= 0 ? addedStart : diff.lines.size(),
                    diff.lines.size());
        removedStart = addedStart = -1;
    };
    qsizetype from = 0;
    while (from < patch.size()) {
        qsizetype end = patch.indexOf('\n', from);
        if (end < 0)
            end = patch.size();
        QByteArrayView raw(patch.constData() + from, end - from);
        from = end + 1;
        if (raw.endsWith('\r'))
            raw.chop(1);
        if (raw.startsWith("@@")) {
            closeRun();
            Line line;
            line.kind = Line::Kind::Hunk;
            line.text = visibleText(QString::fromUtf8(raw));
            inHunk = parseHunkHeader(line.text, &oldLine, &newLine);
            diff.lines.append(line);
            continue;
        }
        if (!inHunk)
            continue; // the file header: diff --git, index, ---, +++, Binary files … differ
        Line line;
        const char marker = raw.isEmpty() ? ' ' : raw.front();
        line.text = visibleText(QString::fromUtf8(raw.sliced(raw.isEmpty() ? 0 : 1)), &line.escaped);
        switch (marker) {
        case '+':
            line.kind = Line::Kind::Added;
            line.newLine = newLine++;
            ++diff.additions;
            if (removedStart < 0)
                removedStart = diff.lines.size();
            if (addedStart < 0)
                addedStart = diff.lines.size();
            break;
        case '-':
            line.kind = Line::Kind::Removed;
            line.oldLine = oldLine++;
            ++diff.deletions;
            if (addedStart >= 0)
                closeRun();
            if (removedStart < 0)
                removedStart = diff.lines.size();
            break;
        case '\\':
            line.kind = Line::Kind::Note; // "\ No newline at end of file"
            line.text = visibleText(QString::fromUtf8(raw.sliced(1)).trimmed());
            line.escaped.clear();
            break;
        default:
            closeRun();
            line.kind = Line::Kind::Context;
            line.oldLine = oldLine++;
            line.newLine = newLine++;
            break;
        }
        diff.lines.append(line);
    }
    closeRun();
    return diff;
}

UnifiedDiff::Columns UnifiedDiff::sideBySide(const UnifiedDiff &diff)
{
    using Kind = Line::Kind;
    Columns columns;
    columns.left.additions = columns.right.additions = diff.additions;
    columns.left.deletions = columns.right.deletions = diff.deletions;
    QList<Line> removed;
    QList<Line> added;
    const Line filler{Kind::Filler, 0, 0, {}, {}, {}};
    // A run of removed lines and the added lines after it become rows: the i-th removed beside the i-th
    // added.
    const auto flush = [&] {
        const qsizetype rows = std::max(removed.size(), added.size());
        for (qsizetype i = 0; i < rows; ++i) {
            columns.left.lines.append(i < removed.size() ? removed.at(i) : filler);
            columns.right.lines.append(i < added.size() ? added.at(i) : filler);
        }
        removed.clear();
        added.clear();
    };
    Kind previous = Kind::Context;
    for (const Line &line : diff.lines) {
        switch (line.kind) {
        case Kind::Removed:
            if (!added.isEmpty())
                flush(); // removed after added starts a new run
            removed.append(line);
            break;
        case Kind::Added:
            added.append(line);
            break;
        case Kind::Note: // "\ No newline at end of file" belongs to the line before it
            if (previous == Kind::Removed)
                removed.append(line);
            else if (previous == Kind::Added)
                added.append(line);
            else {
                flush();
                columns.left.lines.append(line);
                columns.right.lines.append(line);
            }
            break;
        case Kind::Context:
        case Kind::Hunk:
        case Kind::Filler:
            flush();
            columns.left.lines.append(line);
            columns.right.lines.append(line);
            break;
        }
        if (line.kind != Kind::Note)
            previous = line.kind;
    }
    flush();
    return columns;
}

} // namespace Paddock::App
