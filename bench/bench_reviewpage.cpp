// First paint of the review page for a large branch: from showing the page (or Refresh) until the list of
// files and the first file's diff are on screen (painted with grab()). Each run makes a fresh user
// repository, a clone-mode sandbox of it (SandboxManager, as the app does) and an agent commit in the clone
// that changes FILES files and LINES lines; then times
//   open:    the page shown for the first time (the branch is brought in: objects copied from the clone)
//   refresh: Refresh on the same page (the objects are there; the branch is compared again)
// beside `git diff --stat` of the same range in the user's repository (a process start included).
// Usage: bench_reviewpage [FILES] [LINES] [RUNS]   (defaults 5000 200000 5); QT_QPA_PLATFORM=offscreen
#include "app/gui/changedfilesmodel.h"
#include "app/gui/reviewpage.h"
#include "core/branchreview.h"
#include "core/paths.h"
#include "reviewbenchrepo.h"
#include "vm/sandboxmanager.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Paddock;
using Paddock::Bench::median;
using Paddock::Bench::runGit;

namespace {

// Runs the event loop until the page shows the first file's diff; the milliseconds since timer started.
double untilFirstFile(App::ReviewPage &page, const QElapsedTimer &timer, QSignalSpy &shown)
{
    while (shown.isEmpty() || !page.isDiffShown()) {
        if (timer.elapsed() > 120'000)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    page.grab(); // the first frame, laid out and painted
    return double(timer.nsecsElapsed()) / 1e6;
}

struct Run
{
    double open = -1;
    double refresh = -1;
    double gitStat = -1;
    int files = 0;
};

// Each step of Refresh alone, one after another on this thread: where the time goes.
void printPhases(const QString &repo, const QString &clone)
{
    using Core::BranchReview;
    using Core::DiffDetail;
    QElapsedTimer timer;
    timer.start();
    const auto lap = [&timer](const char *what) {
        std::printf("  %-34s %6.0f ms\n", what, double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
    };
    BranchReview::importBranch(clone, repo, u"bench"_s);
    lap("import");
    BranchReview::summary(repo, u"bench"_s, {}, DiffDetail::Files);
    lap("summary, files only");
    const auto listed = BranchReview::diff(repo, u"bench"_s, {}, DiffDetail::Files);
    lap("list of files");
    if (listed && !listed->files.isEmpty())
        BranchReview::filePatch(repo, listed->files.first());
    lap("first file's patch");
    BranchReview::diff(repo, u"bench"_s, {}, DiffDetail::Stats);
    lap("line counts of every file");
    BranchReview::diff(repo, u"bench"_s, {}, DiffDetail::Patches);
    lap("every patch");
}

Run runOnce(int files, int changedLines, bool phases)
{
    QTemporaryDir root;
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"}) {
        const QString path = root.path() + u'/' + QString::fromLatin1(name).toLower();
        QDir().mkpath(path);
        qputenv(name, QFile::encodeName(path));
    }
    const QString repo = root.path() + u"/project"_s;
    QDir().mkpath(repo);
    Run run;
    const QByteArray base = Bench::benchCommit("refs/heads/main", {}, files, changedLines, false);
    if (!runGit(repo, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s}) ||
        !runGit(repo, {u"fast-import"_s, u"--quiet"_s}, base) || !runGit(repo, {u"gc"_s, u"-q"_s}) ||
        !runGit(repo, {u"checkout"_s, u"-q"_s, u"main"_s}))
        return run;
    const Core::Paths paths = Core::Paths::fromSystem();
    Vm::SandboxManager manager(paths);
    Vm::CreateOptions options;
    options.name = u"bench"_s;
    options.workspace = repo;
    options.templateId = u"shell"_s;
    if (auto created = manager.create(options); !created) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
        return run;
    }
    // The agent's work: one commit in its clone on paddock/bench, as git in the sandbox would write it.
    const QString clone = manager.cloneDirectory(u"bench"_s);
    const QByteArray work = Bench::benchCommit("refs/heads/paddock/bench", "refs/heads/paddock/bench^0",
                                               files, changedLines, true);
    if (!runGit(clone, {u"fast-import"_s, u"--quiet"_s, u"--force"_s}, work) ||
        !runGit(clone, {u"reset"_s, u"-q"_s, u"--hard"_s})) // its files as the agent left them: committed
        return run;

    if (phases) { // a run of its own: the page's open below then finds the objects already there
        printPhases(repo, clone);
        return run;
    }
    App::ReviewPage page(paths, manager);
    page.resize(1280, 800);
    QSignalSpy shown(&page, &App::ReviewPage::fileShown);
    QElapsedTimer timer;
    timer.start();
    page.show();
    run.open = untilFirstFile(page, timer, shown);
    run.files = page.fileModel()->rowCount();

    shown.clear();
    timer.restart();
    page.reload();
    run.refresh = untilFirstFile(page, timer, shown);
    // Let the line counts finish before the next run's set-up competes with them.
    QSignalSpy counted(&page, &App::ReviewPage::branchCounted);
    counted.wait(120'000);

    timer.restart();
    if (runGit(repo, {u"diff"_s, u"--stat"_s, u"--no-ext-diff"_s, u"main...refs/paddock/bench"_s}))
        run.gitStat = double(timer.nsecsElapsed()) / 1e6;
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int files = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int changedLines = argc > 2 ? std::atoi(argv[2]) : 200000;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    std::vector<double> open;
    std::vector<double> refresh;
    std::vector<double> gitStat;
    for (int i = 0; i < runs; ++i) {
        if (i == 0) {
            std::printf("each step alone, on a fresh repository:\n");
            runOnce(files, changedLines, true);
        }
        const Run run = runOnce(files, changedLines, false);
        if (run.open < 0 || run.refresh < 0 || run.gitStat < 0) {
            std::fprintf(stderr, "run %d failed\n", i + 1);
            return 1;
        }
        std::printf("run %d: %d files listed; open %.0f ms, refresh %.0f ms, git diff --stat %.0f ms\n",
                    i + 1, run.files, run.open, run.refresh, run.gitStat);
        std::fflush(stdout);
        open.push_back(run.open);
        refresh.push_back(run.refresh);
        gitStat.push_back(run.gitStat);
    }
    std::printf("first paint, page opened (branch brought in): median %.0f ms\n", median(open));
    std::printf("first paint, Refresh:                        median %.0f ms\n", median(refresh));
    std::printf("git diff --stat (for scale):                 median %.0f ms\n", median(gitStat));
    return 0;
}
