// The review diff of a large branch against `git diff` on the same range, side by side. Builds a repository
// (git fast-import) whose branch refs/paddock/bench changes FILES files with LINES changed lines in all, then
// times BranchReview::diff (patch text of every file, rename detection, stats) and `git diff base...branch`
// in alternation. Prints the median of each and the ratio.
// Usage: bench_review [FILES] [LINES] [RUNS]   (defaults 5000 200000 7)
#include "core/branchreview.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using Paddock::Core::BranchReview;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

bool run(const QString &repo, const QStringList &args, const QByteArray &input = {})
{
    QProcess process;
    process.setWorkingDirectory(repo);
    process.start(u"git"_s, args);
    process.write(input);
    process.closeWriteChannel();
    return process.waitForFinished(-1) && process.exitCode() == 0;
}

QByteArray fileContent(int file, int lines, int changedEvery, bool changed)
{
    QByteArray text;
    for (int line = 0; line < lines; ++line) {
        text += "file " + QByteArray::number(file) + " line " + QByteArray::number(line);
        if (changed && line % changedEvery == 0)
            text += " changed by the agent";
        text += " some ordinary source text to make the line a realistic length;\n";
    }
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int files = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int changedLines = argc > 2 ? std::atoi(argv[2]) : 200000;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 7;
    // Each changed line counts twice (one deletion, one addition), as git's --stat counts it.
    const int replacedPerFile = std::max(1, changedLines / files / 2);
    const int linesPerFile = replacedPerFile * 4; // every other line… every fourth line is changed
    QTemporaryDir dir;
    const QString repo = dir.path() + u"/repo"_s;
    QDir().mkpath(repo);
    if (!run(repo, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s}))
        return 1;
    QByteArray stream;
    for (int side = 0; side < 2; ++side) {
        stream += side == 0 ? "commit refs/heads/main\nmark :1\n" : "commit refs/paddock/bench\n";
        stream += "committer Bench <b@example.com> 1700000000 +0000\ndata 4\nwork\n";
        if (side == 1)
            stream += "from :1\n";
        for (int file = 0; file < files; ++file) {
            const QByteArray content = fileContent(file, linesPerFile, 4, side == 1);
            stream += "M 100644 inline src/d" + QByteArray::number(file % 100) + "/file" +
                      QByteArray::number(file) + ".txt\ndata " + QByteArray::number(content.size()) + '\n' +
                      content + '\n';
        }
    }
    if (!run(repo, {u"fast-import"_s, u"--quiet"_s}, stream) || !run(repo, {u"gc"_s, u"-q"_s}))
        return 1;

    std::vector<double> ours;
    std::vector<double> git;
    int diffFiles = 0;
    int diffLines = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto diff = BranchReview::diff(repo, u"bench"_s, u"main"_s, true);
        ours.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!diff) {
            std::fprintf(stderr, "%s\n", qPrintable(diff.error().message));
            return 1;
        }
        diffFiles = diff->stats.files;
        diffLines = diff->stats.additions + diff->stats.deletions;
        timer.restart();
        if (!run(repo,
                 {u"diff"_s, u"--no-ext-diff"_s, u"--output=/dev/null"_s, u"main...refs/paddock/bench"_s}))
            return 1;
        git.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("files %d, changed lines %d (+ and -), %d runs\n", diffFiles, diffLines, runs);
    std::printf("BranchReview::diff median %.0f ms (min %.0f)\n", median(ours),
                *std::min_element(ours.begin(), ours.end()));
    std::printf("git diff           median %.0f ms (min %.0f)\n", median(git),
                *std::min_element(git.begin(), git.end()));
    std::printf("ratio %.2fx\n", median(ours) / median(git));
    return 0;
}
