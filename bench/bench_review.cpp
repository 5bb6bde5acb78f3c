// The review diff of a large branch against `git diff` on the same range, side by side. Builds a repository
// (git fast-import) whose branch refs/paddock/bench changes FILES files with LINES changed lines in all, then
// times BranchReview::diff (patch text of every file, rename detection, stats) and `git diff base...branch`
// in alternation. Prints the median of each and the ratio.
// Usage: bench_review [FILES] [LINES] [RUNS]   (defaults 5000 200000 7)
#include "core/branchreview.h"
#include "reviewbenchrepo.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using Paddock::Core::BranchReview;

using Paddock::Bench::median;
using Paddock::Bench::runGit;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int files = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int changedLines = argc > 2 ? std::atoi(argv[2]) : 200000;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 7;
    QTemporaryDir dir;
    const QString repo = dir.path() + u"/repo"_s;
    QDir().mkpath(repo);
    if (!runGit(repo, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s}))
        return 1;
    const QByteArray stream =
        Paddock::Bench::benchCommit("refs/heads/main", {}, files, changedLines, false) +
        Paddock::Bench::benchCommit("refs/paddock/bench", "refs/heads/main", files, changedLines, true);
    if (!runGit(repo, {u"fast-import"_s, u"--quiet"_s}, stream) || !runGit(repo, {u"gc"_s, u"-q"_s}))
        return 1;

    std::vector<double> ours;
    std::vector<double> git;
    int diffFiles = 0;
    int diffLines = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto diff = BranchReview::diff(repo, u"bench"_s, u"main"_s, Paddock::Core::DiffDetail::Patches);
        ours.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!diff) {
            std::fprintf(stderr, "%s\n", qPrintable(diff.error().message));
            return 1;
        }
        diffFiles = diff->stats.files;
        diffLines = diff->stats.additions + diff->stats.deletions;
        timer.restart();
        if (!runGit(repo,
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
