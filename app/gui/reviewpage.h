#pragma once

#include "core/branchreview.h"
#include "core/paths.h"

#include <QWidget>

#include <memory>

class QAction;
class QFrame;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace Paddock::Vm {
class SandboxManager;
}

namespace Paddock::App {

class BranchListModel;
class ChangedFilesModel;
class DiffView;
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

    BranchListModel *branchModel() const { return m_branches; }
    ChangedFilesModel *fileModel() const { return m_files; }
    QTableView *branchView() const { return m_branchView; }
    QTableView *fileView() const { return m_fileView; }
    DiffView *diffView() const { return m_diffView; }
    // What stands where the diff would be when there is none (binary file, loading, an error).
    QLabel *placeholder() const { return m_placeholder; }
    bool isDiffShown() const;
    // The diff on screen: its branch's commit is what Merge merges.
    const Core::BranchDiff &shownDiff() const { return m_diff; }

Q_SIGNALS:
    void sandboxRemoved(const QString &name); // Discard removed it with its branch
    void diffLoaded(const QString &name);     // the changed files of the selected branch are listed
    void mergeFinished(const QString &name);  // a merge ended (merged, conflicted or failed)

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *createDetails();
    QWidget *createDiffPane();
    void onBranchSelected();
    void onFileSelected();
    void loadDiff(const QString &name);
    void refreshSummary(const QString &name);
    void updateDetails();
    void updateActions();
    void showPlaceholder(const QString &text);
    void showMessage(const QString &text, bool error, const QStringList &conflicts = {});
    void hideMessage();
    void updateMessageStyle();
    void finishMerge(const QString &name, const Core::Result<Core::MergeOutcome> &result);

    Core::Paths m_paths;
    Vm::SandboxManager &m_manager;
    std::unique_ptr<ReviewWorker> m_worker;
    BranchListModel *m_branches;
    ChangedFilesModel *m_files;
    QTableView *m_branchView = nullptr;
    QTableView *m_fileView = nullptr;
    DiffView *m_diffView = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedWidget *m_diffStack = nullptr;
    QLabel *m_branchTitle = nullptr;
    QLabel *m_fileTitle = nullptr;
    QLabel *m_fileRisk = nullptr;
    QFrame *m_message = nullptr;
    QLabel *m_messageText = nullptr;
    QListWidget *m_conflicts = nullptr;
    bool m_messageIsError = false;
    QPushButton *m_mergeButton = nullptr;
    QPushButton *m_discardButton = nullptr;
    QAction *m_refreshAction = nullptr;
    Core::BranchDiff m_diff;
    QString m_diffName;       // the branch whose files are listed (or being loaded)
    bool m_diffStale = false; // a refresh or merge happened: load the diff again when the branch is ready
    int m_diffRequest = 0;    // answers to older requests are dropped
    bool m_busy = false;      // a merge or discard runs
    bool m_loaded = false;    // reload() ran once
};

} // namespace Paddock::App
