#include "app/gui/reviewpage.h"

#include "app/gui/branchlistmodel.h"
#include "app/gui/changedfilesmodel.h"
#include "app/gui/commitlistmodel.h"
#include "app/gui/diffview.h"
#include "app/gui/mergedialog.h"
#include "app/gui/messagebar.h"
#include "app/gui/reviewdiffpane.h"
#include "app/gui/reviewworker.h"
#include "core/sandboxstore.h"
#include "core/templatecatalog.h"
#include "core/workspacefile.h"
#include "vm/sandboxmanager.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

ReviewPage::ReviewPage(const Paths &paths, Vm::SandboxManager &manager, QWidget *parent)
    : QWidget(parent)
    , m_paths(paths)
    , m_manager(manager)
    , m_worker(std::make_unique<ReviewWorker>())
    , m_fileWorker(std::make_unique<ReviewWorker>())
    , m_countWorker(std::make_unique<ReviewWorker>())
    , m_branches(new BranchListModel(this))
    , m_files(new ChangedFilesModel(this))
    , m_commits(new CommitListModel(this))
    , m_uncommitted(new ChangedFilesModel(this))
{
    setObjectName(u"reviewPage"_s);

    m_branchView = makeTable(this, u"branches"_s);
    m_branchView->setModel(m_branches);
    QHeaderView *header = m_branchView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(BranchListModel::Sandbox, QHeaderView::Stretch);
    connect(m_branchView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewPage::onBranchSelected);

    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setObjectName(u"refresh"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refreshAction->setToolTip(tr("Bring every sandbox's branch in again"));
    connect(m_refreshAction, &QAction::triggered, this, &ReviewPage::reload);
    addAction(m_refreshAction);
    auto *refresh = new QToolButton(this);
    refresh->setDefaultAction(m_refreshAction);
    refresh->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *title = new QLabel(tr("Branches to review"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(refresh);

    auto *upper = new QWidget(this);
    auto *upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addLayout(top);
    upperLayout->addWidget(m_branchView);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(upper);
    splitter->addWidget(createDetails());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({140, 600});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);
    updateActions();
}

ReviewPage::~ReviewPage()
{
    m_countGeneration->fetch_add(1); // the queued counts are skipped
    m_countWorker.reset();           // each waits for its running job before the page's members go
    m_fileWorker.reset();
    m_worker.reset();
}

QWidget *ReviewPage::createDetails()
{
    auto *details = new QWidget(this);
    m_branchTitle = new QLabel(details);
    m_branchTitle->setObjectName(u"branchTitle"_s);
    m_branchTitle->setTextFormat(Qt::RichText);

    m_discardButton = new QPushButton(tr("&Discard…"), details);
    m_discardButton->setObjectName(u"discard"_s);
    m_discardButton->setToolTip(tr("Delete the branch from your repository"));
    connect(m_discardButton, &QPushButton::clicked, this, &ReviewPage::discardSelected);
    m_mergeButton = new QPushButton(tr("&Merge…"), details);
    m_mergeButton->setObjectName(u"merge"_s);
    m_mergeButton->setToolTip(tr("Merge the branch as shown into one of your branches"));
    connect(m_mergeButton, &QPushButton::clicked, this, &ReviewPage::mergeSelected);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_branchTitle, 1);
    bar->addWidget(m_discardButton);
    bar->addWidget(m_mergeButton);

    m_message = new MessageBar(details);

    m_commentsBar = new QFrame(details);
    m_commentsBar->setObjectName(u"commentsBar"_s);
    m_commentsBar->setFrameShape(QFrame::StyledPanel);
    m_commentsText = new QLabel(m_commentsBar);
    m_commentsText->setObjectName(u"commentsText"_s);
    m_sendComments = new QPushButton(tr("&Send to Agent"), m_commentsBar);
    m_sendComments->setObjectName(u"sendComments"_s);
    m_sendComments->setToolTip(
        tr("Write the comments into the sandbox's workspace and ask its agent to read them"));
    connect(m_sendComments, &QPushButton::clicked, this, &ReviewPage::sendComments);
    auto *discardComments = new QPushButton(tr("Discard Comments"), m_commentsBar);
    discardComments->setObjectName(u"discardComments"_s);
    connect(discardComments, &QPushButton::clicked, this, [this] {
        m_comments.remove(currentSandbox());
        updateCommentsBar();
    });
    auto *commentsLayout = new QHBoxLayout(m_commentsBar);
    commentsLayout->setContentsMargins(10, 4, 4, 4);
    commentsLayout->addWidget(m_commentsText, 1);
    commentsLayout->addWidget(discardComments);
    commentsLayout->addWidget(m_sendComments);
    m_commentsBar->hide();

    m_diffPane = new ReviewDiffPane(details);
    connect(m_diffPane, &ReviewDiffPane::commentRequested, this, &ReviewPage::askForComment);
    auto *files = new QSplitter(Qt::Horizontal, details);
    files->setChildrenCollapsible(false);
    files->addWidget(createLists(files));
    files->addWidget(m_diffPane);
    files->setStretchFactor(1, 1);
    files->setSizes({380, 900});

    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_commentsBar);
    layout->addWidget(files, 1);
    return details;
}

QWidget *ReviewPage::createLists(QWidget *parent)
{
    m_fileView = makeTable(parent, u"files"_s);
    m_fileView->setModel(m_files);
    QHeaderView *header = m_fileView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ChangedFilesModel::File, QHeaderView::Stretch);
    connect(m_fileView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewPage::onFileSelected);

    m_commitView = makeTable(parent, u"commits"_s);
    m_commitView->setModel(m_commits);
    m_commitView->setTextElideMode(Qt::ElideRight);
    header = m_commitView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CommitListModel::Summary, QHeaderView::Stretch);
    connect(m_commitView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewPage::onCommitSelected);

    m_uncommittedView = makeTable(parent, u"uncommitted"_s);
    m_uncommittedView->setModel(m_uncommitted);
    header = m_uncommittedView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ChangedFilesModel::File, QHeaderView::Stretch);
    connect(m_uncommittedView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewPage::onUncommittedSelected);

    m_listTabs = new QTabWidget(parent);
    m_listTabs->setObjectName(u"reviewLists"_s);
    m_listTabs->setDocumentMode(true);
    m_listTabs->addTab(m_fileView, {});
    m_listTabs->addTab(m_commitView, {});
    m_listTabs->addTab(m_uncommittedView, {});
    m_listTabs->setTabToolTip(2, tr("What the agent changed in its clone but has not committed: not part of "
                                    "the branch, so Merge leaves it out"));
    connect(m_listTabs, &QTabWidget::currentChanged, this, &ReviewPage::onListTabChanged);
    updateTabTitles();
    return m_listTabs;
}

void ReviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Agents go on committing: coming back to the page (not just the window being restored) brings their
    // branches in again.
    if (!m_loaded || !event->spontaneous())
        reload();
}

void ReviewPage::reload()
{
    if (m_bringingBack) // a running microVM's branches are on their way (an event loop runs meanwhile)
        return;
    m_loaded = true;
    m_diffStale = true;
    ++m_diffRequest; // a listing still on its way was made before this refresh: it is dropped
    const QString selected = currentSandbox();
    QHash<QString, QString> agents;
    const TemplateCatalog catalog(m_paths.templatesDir());
    for (const AgentTemplate &agent : catalog.templates())
        agents.insert(agent.id, agent.name);
    QList<BranchListModel::Branch> branches;
    for (const SandboxRecord &record : SandboxStore(m_paths.sandboxesDir()).list()) {
        if (record.mode != SandboxRecord::Mode::Clone)
            continue;
        BranchListModel::Branch branch;
        branch.name = record.name;
        branch.agent = agents.value(record.templateId, record.templateId);
        branch.repository = record.workspace;
        branch.clone = m_manager.cloneDirectory(record.name);
        branch.created = record.createdAt;
        branch.inMachine = record.backend == SandboxRecord::Backend::MicroVm;
        branches.append(branch);
    }
    // A running microVM's clone lives on its disk: its branches and uncommitted files come back now, so the
    // review shows what the agent has done so far.
    QStringList notBroughtBack;
    m_bringingBack = true;
    for (const BranchListModel::Branch &branch : std::as_const(branches))
        if (branch.inMachine && m_manager.isRunning(branch.name))
            if (auto fetched = m_manager.bringBranchesBack(branch.name); !fetched)
                notBroughtBack << fetched.error().message;
    m_bringingBack = false;
    if (!notBroughtBack.isEmpty()) {
        showMessage(notBroughtBack.join(u'\n'), true);
        m_messageAbout.clear(); // about the sandboxes, not the branch selected
    }
    m_branches->setBranches(branches);
    for (const BranchListModel::Branch &branch : branches) {
        m_worker->run(
            this,
            [clone = branch.clone, repository = branch.repository,
             name = branch.name]() -> Result<BranchSummary> {
                if (auto imported = BranchReview::importBranch(clone, repository, name); !imported)
                    return std::unexpected(imported.error());
                // Files only: a branch of thousands of files is listed at once, its lines counted after.
                return BranchReview::summary(repository, name, {}, DiffDetail::Files);
            },
            [this, name = branch.name](const Result<BranchSummary> &summary) {
                if (summary) {
                    m_branches->setSummary(name, *summary);
                    countLines(name); // now that the branch is in
                } else {
                    m_branches->setFailed(name, summary.error().message);
                }
                if (name == currentSandbox())
                    onBranchSelected();
            });
    }
    m_counted.clear();
    m_countGeneration->fetch_add(1);
    QHash<QString, QDateTime> since;
    for (const BranchListModel::Branch &branch : branches)
        since.insert(branch.name, branch.created);
    m_worker->run(
        this,
        [log = QString(m_paths.auditLogDir() + u"/audit.jsonl"_s), since] {
            return Proxy::NetworkSummary::fromAuditLog(log, since);
        },
        [this](const QHash<QString, Proxy::NetworkSummary> &summaries) {
            m_branches->setNetwork(summaries);
        });
    if (branches.isEmpty()) {
        m_branchTitle->clear();
        showPlaceholder(tr("No sandbox works on a branch yet. Sandboxes created for a git repository work on "
                           "their own branch in a clone; their work shows up here."));
    }
    showSandbox(selected.isEmpty() && !branches.isEmpty() ? branches.first().name : selected);
}

void ReviewPage::showSandbox(const QString &name)
{
    int row = m_branches->rowOf(name);
    if (row < 0 && !name.isEmpty() && !m_loaded) {
        reload();
        row = m_branches->rowOf(name);
    }
    if (row >= 0)
        m_branchView->setCurrentIndex(m_branches->index(row, 0));
}

QString ReviewPage::currentSandbox() const
{
    const QModelIndex current = m_branchView->currentIndex();
    return current.isValid() ? current.data(BranchListModel::NameRole).toString() : QString();
}

bool ReviewPage::isDiffShown() const
{
    return m_diffPane->isDiffShown();
}

DiffView *ReviewPage::diffView() const
{
    return m_diffPane->diffView();
}

QLabel *ReviewPage::placeholder() const
{
    return m_diffPane->placeholder();
}

void ReviewPage::onBranchSelected()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    if (!m_messageAbout.isEmpty() && (!branch || branch->name != m_messageAbout))
        m_message->hide(); // "Sent 2 comments to agent1" is not about the branch now shown
    updateDetails();
    updateActions();
    using State = BranchListModel::Branch::State;
    const bool shown = branch && branch->name == m_diffName;
    if (!branch || !shown || branch->state == State::Failed || branch->state == State::Discarded) {
        m_diff = {};
        m_diffName.clear();
        clearLists();
    }
    if (!branch)
        return;
    switch (branch->state) {
    case State::Loading:
        // While a refresh brings the branch in again, its last diff stays on screen.
        if (!shown)
            showPlaceholder(tr("Bringing paddock/%1 into %2…").arg(branch->name, branch->repository));
        break;
    case State::Failed:
        showPlaceholder(branch->error);
        break;
    case State::Discarded:
        showPlaceholder(tr("The branch was discarded. Refresh brings it in again while the sandbox exists."));
        break;
    case State::Ready:
        if (!shown || m_diffStale || m_diff.branchCommit != branch->summary.branchCommit)
            loadDiff(branch->name);
        break;
    }
}

void ReviewPage::loadDiff(const QString &name)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(name));
    if (!branch)
        return;
    const int request = ++m_diffRequest;
    m_diffStale = false;
    m_diff = {};
    m_diffName = name;
    clearLists();
    showPlaceholder(tr("Loading the diff…"));
    // The list of files first, then the selected file's patch: the first screen does not wait for every
    // file's contents (security.md 16: a huge branch must not stall the page).
    m_fileWorker->run(
        this,
        [repository = branch->repository, name] {
            return BranchReview::diff(repository, name, {}, DiffDetail::Files);
        },
        [this, request, name](Result<BranchDiff> diff) {
            if (request != m_diffRequest)
                return; // another branch was selected meanwhile
            if (!diff) {
                showPlaceholder(diff.error().message);
                return;
            }
            m_diff = std::move(*diff);
            m_files->setFiles(m_diff.files);
            applyCounts(name);
            updateActions();
            updateTabTitles();
            if (m_files->rowCount() > 0)
                m_fileView->setCurrentIndex(m_files->index(0, ChangedFilesModel::File));
            else if (m_listTabs->currentWidget() == m_fileView)
                showPlaceholder(tr("This branch changes no files."));
            Q_EMIT diffLoaded(name);
            loadCommits(name, request);
        });
    loadUncommitted(name, request);
}

void ReviewPage::loadCommits(const QString &name, int request)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(name));
    if (!branch)
        return;
    m_fileWorker->run(
        this, [repository = branch->repository, name] { return BranchReview::commits(repository, name); },
        [this, request, name](Result<BranchCommits> commits) {
            if (request != m_diffRequest)
                return;
            m_commits->setCommits(commits ? *commits : BranchCommits{});
            updateTabTitles();
            Q_EMIT commitsLoaded(name);
        });
}

void ReviewPage::loadUncommitted(const QString &name, int request)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(name));
    if (!branch)
        return;
    // Read from the clone's files as bytes, never by running git there (security.md 13).
    m_worker->run(
        this, [clone = branch->clone, name] { return BranchReview::uncommittedChanges(clone, name, true); },
        [this, request, name](Result<UncommittedChanges> changes) {
            if (request != m_diffRequest)
                return;
            m_uncommittedError = changes ? QString() : changes.error().message;
            m_uncommittedTruncated = changes && changes->truncated;
            m_uncommitted->setFiles(changes ? changes->files : QList<FileChange>{});
            updateTabTitles();
            Q_EMIT uncommittedLoaded(name);
        });
}

void ReviewPage::clearLists()
{
    m_files->clear();
    m_commits->clear();
    m_uncommitted->clear();
    m_uncommittedError.clear();
    m_uncommittedTruncated = false;
    updateTabTitles();
}

void ReviewPage::updateTabTitles()
{
    const bool listed = !m_diffName.isEmpty();
    const auto title = [listed](const QString &name, int count) {
        return listed ? tr("%1 (%2)").arg(name).arg(count) : name;
    };
    m_listTabs->setTabText(0, title(tr("&Files"), m_files->rowCount()));
    m_listTabs->setTabText(1, title(tr("&Commits"), m_commits->rowCount()));
    m_listTabs->setTabText(2, title(tr("&Uncommitted"), m_uncommitted->rowCount()));
}

void ReviewPage::onListTabChanged()
{
    QWidget *current = m_listTabs->currentWidget();
    if (current == m_fileView)
        onFileSelected();
    else if (current == m_commitView)
        onCommitSelected();
    else
        onUncommittedSelected();
}

void ReviewPage::onCommitSelected()
{
    if (m_listTabs->currentWidget() != m_commitView)
        return;
    const CommitInfo *commit = m_commits->commit(m_commitView->currentIndex().row());
    if (commit) {
        m_diffPane->showCommit(*commit);
        return;
    }
    m_diffPane->clearTitle();
    showPlaceholder(m_commits->rowCount() > 0 ? tr("Select a commit to read its message.")
                                              : tr("The branch has no commits of its own."));
}

void ReviewPage::onUncommittedSelected()
{
    if (m_listTabs->currentWidget() != m_uncommittedView)
        return;
    const int row = m_uncommittedView->currentIndex().row();
    if (const FileChange *file = m_uncommitted->file(row)) {
        m_diffPane->setComments({}); // comments are on the branch's lines, not on uncommitted work
        m_diffPane->showFile(*file, m_uncommitted->risk(row), m_diffName);
        Q_EMIT fileShown(file->path);
        return;
    }
    m_diffPane->clearTitle();
    if (!m_uncommittedError.isEmpty())
        showPlaceholder(
            tr("The sandbox's uncommitted changes could not be read: %1").arg(m_uncommittedError));
    else if (m_uncommitted->rowCount() > 0)
        showPlaceholder(m_uncommittedTruncated
                            ? tr("Select a file. The sandbox changed more files than are listed here.")
                            : tr("Select a file to see what the agent changed but has not committed."));
    else
        showPlaceholder(tr("Nothing uncommitted: everything the agent changed in its clone is in its "
                           "commits."));
}

void ReviewPage::countLines(const QString &name)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(name));
    if (!branch)
        return;
    m_countWorker->run(
        this,
        [repository = branch->repository, name, generation = m_countGeneration->load(),
         current = m_countGeneration]() -> Result<BranchDiff> {
            if (current->load() != generation) // a reload came after: it counts again
                return fail(ErrorCode::NotFound, {});
            return BranchReview::diff(repository, name, {}, DiffDetail::Stats);
        },
        [this, name](Result<BranchDiff> counted) {
            if (!counted)
                return; // the summary or the diff says what is wrong
            m_branches->setStats(name, counted->branchCommit, counted->targetCommit, counted->stats);
            m_counted.insert(name, std::move(*counted));
            applyCounts(name);
            if (name == currentSandbox())
                updateBranchTitle();
            Q_EMIT branchCounted(name);
        });
}

void ReviewPage::applyCounts(const QString &name)
{
    const auto counted = m_counted.constFind(name);
    if (name != m_diffName || counted == m_counted.cend() || counted->branchCommit != m_diff.branchCommit ||
        counted->targetCommit != m_diff.targetCommit)
        return;
    m_files->setCounts(counted->files);
}

void ReviewPage::refreshSummary(const QString &name)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(name));
    if (!branch)
        return;
    m_worker->run(
        this,
        [repository = branch->repository, name] {
            return BranchReview::summary(repository, name, {}, DiffDetail::Files);
        },
        [this, name](const Result<BranchSummary> &summary) {
            if (summary) {
                m_branches->setSummary(name, *summary);
                countLines(name);
            } else {
                m_branches->setFailed(name, summary.error().message);
            }
            if (name == currentSandbox()) {
                m_diffStale = true; // the target moved: the diff against it changed
                onBranchSelected();
            }
        });
}

void ReviewPage::onFileSelected()
{
    if (m_listTabs->currentWidget() != m_fileView)
        return;
    const int row = m_fileView->currentIndex().row();
    if (!m_files->file(row)) {
        m_diffPane->clearTitle();
        return;
    }
    if (m_files->isLoaded(row))
        showFile(row);
    else
        loadFile(row);
}

void ReviewPage::loadFile(int row)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(m_diffName));
    const FileChange *file = m_files->file(row);
    if (!branch || !file)
        return;
    const int request = ++m_fileRequest;
    const int diffRequest = m_diffRequest;
    showPlaceholder(tr("Loading %1…").arg(BranchReview::displayPath(file->path)));
    m_fileWorker->run(
        this,
        [repository = branch->repository, file = *file] { return BranchReview::filePatch(repository, file); },
        [this, request, diffRequest, row](const Result<FileChange> &loaded) {
            if (request != m_fileRequest || diffRequest != m_diffRequest)
                return; // another file or branch was selected meanwhile
            if (!loaded) {
                showPlaceholder(loaded.error().message);
                Q_EMIT fileShown(m_files->file(row) ? m_files->file(row)->path : QString());
                return;
            }
            m_files->setLoaded(row, *loaded);
            if (m_fileView->currentIndex().row() == row && m_listTabs->currentWidget() == m_fileView)
                showFile(row);
        });
}

void ReviewPage::showFile(int row)
{
    const FileChange *file = m_files->file(row);
    if (!file)
        return;
    m_diffPane->setComments(comments(currentSandbox()).all());
    m_diffPane->showFile(*file, m_files->risk(row), m_diffName);
    Q_EMIT fileShown(file->path);
}

void ReviewPage::showPlaceholder(const QString &text)
{
    m_diffPane->showPlaceholder(text);
}

void ReviewPage::updateDetails()
{
    m_diffPane->clearTitle();
    updateBranchTitle();
    updateCommentsBar();
}

void ReviewPage::updateBranchTitle()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    if (!branch) {
        m_branchTitle->clear();
        return;
    }
    const QString name = u"<b>paddock/%1</b>"_s.arg(html(branch->name));
    if (branch->state != BranchListModel::Branch::State::Ready) {
        m_branchTitle->setText(name);
        return;
    }
    const BranchSummary &summary = branch->summary;
    //: paddock/NAME → TARGET · N commits ahead · N files, +N −N
    m_branchTitle->setText(
        tr("%1 → %2 · %3 · %4, %5")
            .arg(name, html(summary.target),
                 tr("%n commit(s) ahead", nullptr, summary.ahead) +
                     (summary.behind > 0 ? tr(", %n behind", nullptr, summary.behind) : QString()),
                 tr("%n file(s)", nullptr, summary.stats.files),
                 summary.counted ? tr("+%1 −%2").arg(summary.stats.additions).arg(summary.stats.deletions)
                                 : tr("counting lines…")));
}

void ReviewPage::updateActions()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    const bool ready = branch && branch->state == BranchListModel::Branch::State::Ready;
    m_mergeButton->setEnabled(!m_busy && ready && branch->summary.ahead > 0);
    m_discardButton->setEnabled(!m_busy && ready);
    m_refreshAction->setEnabled(!m_busy);
}

void ReviewPage::mergeSelected()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    if (!branch || branch->state != BranchListModel::Branch::State::Ready || m_busy)
        return;
    const QString name = branch->name;
    const QString repository = branch->repository;
    // The dialog offers signing as the user's git configuration has it, read on the worker like all git.
    m_busy = true;
    updateActions();
    m_worker->run(
        this, [repository] { return BranchReview::signing(repository); },
        [this, name](const Result<CommitSigning> &signing) {
            m_busy = false;
            updateActions();
            askAndMerge(name, signing);
        });
}

void ReviewPage::askAndMerge(const QString &name, const Result<CommitSigning> &signing)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(name));
    if (!branch || branch->state != BranchListModel::Branch::State::Ready || m_busy)
        return;
    const QString repository = branch->repository;
    MergeDialog dialog(u"paddock/"_s + name, branch->summary.target, branch->summary.ahead, this);
    if (signing)
        dialog.setSigning(*signing);
    if (dialog.exec() != QDialog::Accepted)
        return;
    MergeOptions options = dialog.options();
    // What was reviewed is merged: the diff on screen, or the summary's tip before the diff arrived.
    options.expectedCommit = m_diffName == name && !m_diff.branchCommit.isEmpty()
                                 ? m_diff.branchCommit
                                 : m_branches->branch(m_branches->rowOf(name))->summary.branchCommit;
    m_busy = true;
    updateActions();
    m_message->hide();
    m_worker->run(
        this, [repository, name, options] { return BranchReview::merge(repository, name, options); },
        [this, name](const Result<MergeOutcome> &result) { finishMerge(name, result); });
}

void ReviewPage::finishMerge(const QString &name, const Result<MergeOutcome> &result)
{
    m_busy = false;
    updateActions();
    const QString branch = u"paddock/"_s + name;
    if (!result) {
        showMessage(tr("%1 was not merged: %2").arg(branch, result.error().message), true);
        Q_EMIT mergeFinished(name);
        return;
    }
    switch (result->kind) {
    case MergeOutcome::Kind::Conflict: {
        QStringList paths;
        for (const QString &path : result->conflicts)
            paths.append(BranchReview::displayPath(path));
        showMessage(tr("Merging %1 into %2 would conflict in the files below. Nothing was changed. Ask the "
                       "agent to merge %2 into its branch, then review it again.")
                        .arg(branch, result->into),
                    true, paths);
        break;
    }
    case MergeOutcome::Kind::UpToDate:
        showMessage(tr("%1 already contains everything in %2.").arg(result->into, branch), false);
        break;
    case MergeOutcome::Kind::FastForward:
        showMessage(tr("Fast-forwarded %1 to %2 (%3).").arg(result->into, result->commit.left(12), branch),
                    false);
        break;
    case MergeOutcome::Kind::MergeCommit:
        showMessage((result->isSigned ? tr("Merged %1 into %2: commit %3, signed.")
                                      : tr("Merged %1 into %2: commit %3."))
                        .arg(branch, result->into, result->commit.left(12)),
                    false);
        break;
    case MergeOutcome::Kind::Squash:
        showMessage((result->isSigned ? tr("Squashed %1 into %2: commit %3, signed.")
                                      : tr("Squashed %1 into %2: commit %3."))
                        .arg(branch, result->into, result->commit.left(12)),
                    false);
        break;
    }
    if (result->kind != MergeOutcome::Kind::Conflict)
        refreshSummary(name);
    Q_EMIT mergeFinished(name);
}

void ReviewPage::discardSelected()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    if (!branch || m_busy)
        return;
    const QString name = branch->name;
    const QString repository = branch->repository;
    QMessageBox box(QMessageBox::Warning, tr("Discard paddock/%1?").arg(name),
                    tr("Delete the branch paddock/%1 from %2?").arg(name, repository), QMessageBox::Cancel,
                    this);
    box.setInformativeText(
        tr("The sandbox keeps its own copy of the branch, so Refresh brings it back unless "
           "you also remove the sandbox."));
    QPushButton *discard = box.addButton(tr("&Discard Branch"), QMessageBox::DestructiveRole);
    discard->setObjectName(u"discard"_s);
    auto *removeSandbox =
        new QCheckBox(tr("Also remove the sandbox and its clone, with all of its work"), &box);
    removeSandbox->setObjectName(u"removeSandbox"_s);
    if (m_manager.isRunning(name)) {
        removeSandbox->setEnabled(false);
        removeSandbox->setToolTip(tr("Stop the sandbox first."));
    }
    box.setCheckBox(removeSandbox);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != discard)
        return;
    const bool remove = removeSandbox->isChecked();
    m_busy = true;
    updateActions();
    m_message->hide();
    m_worker->run(
        this, [repository, name] { return BranchReview::discard(repository, name); },
        [this, name, repository, remove](const Result<> &discarded) {
            m_busy = false;
            if (!discarded && discarded.error().code != ErrorCode::NotFound) {
                updateActions();
                showMessage(discarded.error().message, true);
                return;
            }
            if (remove) {
                if (auto removed = m_manager.remove(name, true); !removed) {
                    showMessage(removed.error().message, true);
                } else {
                    showMessage(tr("Removed the sandbox \"%1\" and its branch.").arg(name), false);
                    Q_EMIT sandboxRemoved(name);
                }
                reload();
                return;
            }
            m_branches->setState(name, BranchListModel::Branch::State::Discarded);
            showMessage(tr("Deleted paddock/%1 from %2.").arg(name, repository), false);
            if (name == currentSandbox())
                onBranchSelected();
        });
}

void ReviewPage::askForComment(const QString &path, const UnifiedDiff::Line &line)
{
    const QString name = currentSandbox();
    if (name.isEmpty() || path.isEmpty() || m_listTabs->currentWidget() != m_fileView)
        return; // comments are on the branch's files (not on uncommitted work, which the agent still has)
    const bool onOldLine = line.kind == UnifiedDiff::Line::Kind::Removed;
    const int number = onOldLine ? line.oldLine : line.newLine;
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Comment for the Agent"));
    dialog.setOptions(QInputDialog::UsePlainTextEditForTextInput);
    //: %1 a file, %2 a line number, %3 the line's text
    dialog.setLabelText(tr("On %1, line %2:\n%3")
                            .arg(BranchReview::displayPath(path))
                            .arg(number)
                            .arg(UnifiedDiff::visibleText(line.text).left(200)));
    if (dialog.exec() != QDialog::Accepted || dialog.textValue().trimmed().isEmpty())
        return;
    m_comments[name].add({path, number, onOldLine, line.text, dialog.textValue()});
    updateCommentsBar();
}

const ReviewComments &ReviewPage::comments(const QString &name) const
{
    static const ReviewComments none;
    const auto found = m_comments.constFind(name);
    return found == m_comments.cend() ? none : *found;
}

void ReviewPage::updateCommentsBar()
{
    const ReviewComments &current = comments(currentSandbox());
    m_commentsBar->setVisible(current.count() > 0);
    m_commentsText->setText(tr("%n comment(s) for the agent", nullptr, int(current.count())));
    m_commentsText->setToolTip(current.summary());
    m_diffPane->setComments(current.all());
}

void ReviewPage::sendComments()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    if (!branch || comments(branch->name).count() == 0)
        return;
    const QString name = branch->name;
    const QString commit = m_diffName == name ? m_diff.branchCommit : branch->summary.branchCommit;
    // The clone is the agent's: WorkspaceFile never writes through a link it planted.
    const auto written =
        WorkspaceFile::write(branch->clone, ReviewComments::folder(), ReviewComments::fileName(),
                             m_comments[name].markdown(u"paddock/"_s + name, commit));
    if (!written) {
        showMessage(tr("The comments were not sent: %1").arg(written.error().message), true);
        return;
    }
    const int count = int(m_comments[name].count());
    m_comments.remove(name);
    updateCommentsBar();
    showMessage(
        tr("Sent %n comment(s) to %1: they are in %2 in its workspace, and its agent is asked to read "
           "them if it runs in a pane.",
           nullptr, count)
            .arg(name, ReviewComments::folder() + u'/' + ReviewComments::fileName()),
        false);
    Q_EMIT commentsSent(name, ReviewComments::prompt());
}

void ReviewPage::showMessage(const QString &text, bool error, const QStringList &conflicts)
{
    m_message->showMessage(text, error, conflicts);
    m_messageAbout = currentSandbox();
}

} // namespace Paddock::App
