#pragma once

#include "app/gui/reviewcomments.h"
#include "app/gui/unifieddiff.h"
#include "core/branchreview.h"
#include "core/paths.h"

#include <QHash>
#include <QWidget>

#include <atomic>
#include <memory>

class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace Paddock::Vm {
class SandboxManager;
}

namespace Paddock::App {

class BranchListModel;
class ChangedFilesModel;
class CommitListModel;
class DiffView;
class MessageBar;
class ReviewDiffPane;
class ReviewWorker;

// Reviews the clone-mode sandboxes' branches: brings each into its repository (BranchReview, on a worker
// thread), lists the files a branch changes riskiest first, shows the selected file's diff, and merges or
// discards the branch. The GUI thread never runs git.
class ReviewPage : public QWidget
{
    Q_OBJECT

public:
    ReviewPage(const Core::Paths &paths, Vm::SandboxManager &manager, QWidget *parent = nullptr);
    ~ReviewPage() override;

    // Reads the sandboxes again and brings every branch in again (the page does this once when first shown).
    void reload();
    // Selects the sandbox's branch (after a reload when it is not listed yet).
    void showSandbox(const QString &name);
    QString currentSandbox() const;
    // Asks how to merge the selected branch (MergeDialog), then merges what the page shows.
    void mergeSelected();
    // Asks, then deletes refs/paddock/<name> (and on request the sandbox).
    void discardSelected();
    // Writes the selected branch's comments into its sandbox (ReviewComments::folder()) and emits
    // commentsSent.
    void sendComments();
    const ReviewComments &comments(const QString &name) const;
    QPushButton *sendCommentsButton() const { return m_sendComments; }
    QLabel *commentsLabel() const { return m_commentsText; }

    BranchListModel *branchModel() const { return m_branches; }
    ChangedFilesModel *fileModel() const { return m_files; }
    CommitListModel *commitModel() const { return m_commits; }
    ChangedFilesModel *uncommittedModel() const { return m_uncommitted; }
    QTableView *branchView() const { return m_branchView; }
    QTableView *fileView() const { return m_fileView; }
    QTableView *commitView() const { return m_commitView; }
    QTableView *uncommittedView() const { return m_uncommittedView; }
    QTabWidget *listTabs() const { return m_listTabs; }
    ReviewDiffPane *diffPane() const { return m_diffPane; }
    DiffView *diffView() const;
    // What stands where the diff would be when there is none (binary file, loading, an error).
    QLabel *placeholder() const;
    bool isDiffShown() const;
    // The files listed (without patches: each file's patch is loaded when it is shown); its branch's commit
    // is what Merge merges.
    const Core::BranchDiff &shownDiff() const { return m_diff; }

Q_SIGNALS:
    void sandboxRemoved(const QString &name); // Discard removed it with its branch
    void diffLoaded(const QString &name);     // the changed files of the selected branch are listed
    void fileShown(const QString &path);      // the selected file's diff (or why there is none) is shown
    void commitsLoaded(const QString &name);
    void uncommittedLoaded(const QString &name);
    // The comments are in the sandbox's workspace; prompt is the line to type into its agent's terminal.
    void commentsSent(const QString &name, const QString &prompt);
    void branchCounted(const QString &name); // the line counts of a branch's files arrived
    void mergeFinished(const QString &name); // a merge ended (merged, conflicted or failed)

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createDetails();
    QWidget *createLists(QWidget *parent);
    void onBranchSelected();
    void onFileSelected();
    void onCommitSelected();
    void onUncommittedSelected();
    void onListTabChanged();
    void loadCommits(const QString &name, int request);
    void loadUncommitted(const QString &name, int request);
    void updateTabTitles();
    void askForComment(const QString &path, const Paddock::App::UnifiedDiff::Line &line);
    void updateCommentsBar();
    void loadDiff(const QString &name);
    void countLines(const QString &name);
    void applyCounts(const QString &name);
    void loadFile(int row);
    void showFile(int row);
    void refreshSummary(const QString &name);
    void updateDetails();
    void updateBranchTitle();
    void updateActions();
    void showPlaceholder(const QString &text);
    void clearLists();
    void showMessage(const QString &text, bool error, const QStringList &conflicts = {});
    void askAndMerge(const QString &name, const Core::Result<Core::CommitSigning> &signing);
    void finishMerge(const QString &name, const Core::Result<Core::MergeOutcome> &result);

    Core::Paths m_paths;
    Vm::SandboxManager &m_manager;
    std::unique_ptr<ReviewWorker> m_worker;      // imports, line counts, merges: may take seconds
    std::unique_ptr<ReviewWorker> m_fileWorker;  // the list of files and one file's patch: quick
    std::unique_ptr<ReviewWorker> m_countWorker; // line counts: seconds for a huge branch, never in the way
    // Bumped by reload(): line counts queued before it are skipped instead of delaying the new ones.
    std::shared_ptr<std::atomic<int>> m_countGeneration = std::make_shared<std::atomic<int>>(0);
    BranchListModel *m_branches;
    ChangedFilesModel *m_files;
    CommitListModel *m_commits;
    ChangedFilesModel *m_uncommitted; // the sandbox's work not committed yet
    QTableView *m_branchView = nullptr;
    QTableView *m_fileView = nullptr;
    QTableView *m_commitView = nullptr;
    QTableView *m_uncommittedView = nullptr;
    QTabWidget *m_listTabs = nullptr;
    ReviewDiffPane *m_diffPane = nullptr;
    QLabel *m_branchTitle = nullptr;
    MessageBar *m_message = nullptr;
    QString m_messageAbout; // the branch its message speaks of (hidden when another is selected); empty: all
    QFrame *m_commentsBar = nullptr;
    QLabel *m_commentsText = nullptr;
    QPushButton *m_sendComments = nullptr;
    QHash<QString, ReviewComments> m_comments; // per branch, until sent or discarded
    QPushButton *m_mergeButton = nullptr;
    QPushButton *m_discardButton = nullptr;
    QAction *m_refreshAction = nullptr;
    Core::BranchDiff m_diff;
    QString m_diffName;       // the branch whose files are listed (or being loaded)
    bool m_diffStale = false; // a refresh or merge happened: load the diff again when the branch is ready
    int m_diffRequest = 0;    // answers to older requests are dropped
    int m_fileRequest = 0;
    QHash<QString, Core::BranchDiff> m_counted; // each branch's line counts per file, once counted
    QString m_uncommittedError;                 // why the uncommitted changes could not be read
    bool m_uncommittedTruncated = false;
    bool m_busy = false;         // a merge or discard runs
    bool m_bringingBack = false; // reload() fetches running microVMs' branches
    bool m_loaded = false;       // reload() ran once
};

} // namespace Paddock::App
