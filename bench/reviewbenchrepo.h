#pragma once

// The large branch the review benchmarks use: FILES files under 100 folders, of which the branch rewrites
// every fourth line, so that `git diff --stat` counts LINES changed lines (half added, half removed). Written
// with git fast-import.
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace Paddock::Bench {

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

inline bool runGit(const QString &repo, const QStringList &args, const QByteArray &input = {},
                   QByteArray *output = nullptr)
{
    QProcess process;
    process.setWorkingDirectory(repo);
    process.start(QStringLiteral("git"), args);
    process.write(input);
    process.closeWriteChannel();
    const bool ok = process.waitForFinished(-1) && process.exitCode() == 0;
    if (output)
        *output = process.readAllStandardOutput();
    return ok;
}

inline QByteArray benchFileContent(int file, int lines, bool changed)
{
    QByteArray text;
    for (int line = 0; line < lines; ++line) {
        text += "file " + QByteArray::number(file) + " line " + QByteArray::number(line);
        if (changed && line % 4 == 0)
            text += " changed by the agent";
        text += " some ordinary source text to make the line a realistic length;\n";
    }
    return text;
}

// A fast-import commit on ref (from `from` when given) with every file in its base or changed form.
inline QByteArray benchCommit(const QByteArray &ref, const QByteArray &from, int files, int changedLines,
                              bool changed)
{
    // Each changed line counts twice (one deletion, one addition), as git's --stat counts it.
    const int replacedPerFile = std::max(1, changedLines / files / 2);
    const int linesPerFile = replacedPerFile * 4;
    QByteArray stream =
        "commit " + ref + "\ncommitter Bench <b@example.com> 1700000000 +0000\ndata 4\nwork\n";
    if (!from.isEmpty())
        stream += "from " + from + '\n';
    for (int file = 0; file < files; ++file) {
        const QByteArray content = benchFileContent(file, linesPerFile, changed);
        stream += "M 100644 inline src/d" + QByteArray::number(file % 100) + "/file" +
                  QByteArray::number(file) + ".txt\ndata " + QByteArray::number(content.size()) + '\n' +
                  content + '\n';
    }
    return stream;
}

} // namespace Paddock::Bench
