#include "app/gui/reviewpage.h"

#include "app/gui/branchlistmodel.h"
#include "app/gui/changedfilesmodel.h"
#include "app/gui/colourmix.h"
#include "app/gui/diffview.h"
#include "app/gui/mergedialog.h"
#include "app/gui/reviewworker.h"
#include "core/sandboxstore.h"
#include "core/templatecatalog.h"
#include "vm/sandboxmanager.h"

#include <QAction>
#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

// Patches above this are not laid out (a generated file; the user can read it with `paddock diff`).
constexpr qsizetype maxShownPatchBytes = qsizetype(8) << 20;

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
    , m_branches(new BranchListModel(this))
    , m_files(new ChangedFilesModel(this))
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
    m_worker.reset(); // waits for a running job before the page's members go
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

    m_message = new QFrame(details);
    m_message->setObjectName(u"reviewMessage"_s);
    m_messageText = new QLabel(m_message);
    m_messageText->setObjectName(u"messageText"_s);
    m_messageText->setTextFormat(Qt::PlainText);
    m_messageText->setWordWrap(true);
    m_messageText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_conflicts = new QListWidget(m_message);
    m_conflicts->setObjectName(u"conflicts"_s);
    m_conflicts->setMaximumHeight(fontMetrics().height() * 6);
    auto *close = new QToolButton(m_message);
    close->setAutoRaise(true);
    close->setText(u"✕"_s);
    close->setToolTip(tr("Close"));
    connect(close, &QToolButton::clicked, this, &ReviewPage::hideMessage);
    auto *messageLayout = new QGridLayout(m_message);
    messageLayout->setContentsMargins(10, 6, 4, 6);
    messageLayout->addWidget(m_messageText, 0, 0);
    messageLayout->addWidget(close, 0, 1, Qt::AlignTop);
    messageLayout->addWidget(m_conflicts, 1, 0, 1, 2);
    m_message->hide();

    m_fileView = makeTable(details, u"files"_s);
    m_fileView->setModel(m_files);
    QHeaderView *header = m_fileView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ChangedFilesModel::File, QHeaderView::Stretch);
    connect(m_fileView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReviewPage::onFileSelected);

    auto *files = new QSplitter(Qt::Horizontal, details);
    files->setChildrenCollapsible(false);
    files->addWidget(m_fileView);
    files->addWidget(createDiffPane());
    files->setStretchFactor(1, 1);
    files->setSizes({380, 900});

    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(files, 1);
    return details;
}

QWidget *ReviewPage::createDiffPane()
{
    auto *pane = new QWidget(this);
    m_fileTitle = new QLabel(pane);
    m_fileTitle->setObjectName(u"fileTitle"_s);
    m_fileTitle->setTextFormat(Qt::RichText);
    m_fileTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileTitle->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_fileRisk = new QLabel(pane);
    m_fileRisk->setObjectName(u"fileRisk"_s);
    m_fileRisk->setTextFormat(Qt::PlainText);
    m_fileRisk->setWordWrap(true);
    m_fileRisk->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_fileRisk->hide();

    m_diffView = new DiffView(pane);
    m_placeholder = new QLabel(pane);
    m_placeholder->setObjectName(u"diffPlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setMargin(24);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setBackgroundRole(QPalette::Base);
    m_placeholder->setAutoFillBackground(true);
    m_diffStack = new QStackedWidget(pane);
    m_diffStack->addWidget(m_diffView);
    m_diffStack->addWidget(m_placeholder);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_fileTitle);
    layout->addWidget(m_fileRisk);
    layout->addWidget(m_diffStack, 1);
    updateMessageStyle();
    showPlaceholder({});
    return pane;
}

void ReviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Agents go on committing: coming back to the page (not just the window being restored) brings their
    // branches in again.
    if (!m_loaded || !event->spontaneous())
        reload();
}

void ReviewPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateMessageStyle();
}

void ReviewPage::reload()
{
    m_loaded = true;
    m_diffStale = true;
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
        branches.append(branch);
    }
    m_branches->setBranches(branches);
    for (const BranchListModel::Branch &branch : branches) {
        m_worker->run(
            this,
            [clone = branch.clone, repository = branch.repository,
             name = branch.name]() -> Result<BranchSummary> {
                if (auto imported = BranchReview::importBranch(clone, repository, name); !imported)
                    return std::unexpected(imported.error());
                return BranchReview::summary(repository, name);
            },
            [this, name = branch.name](const Result<BranchSummary> &summary) {
                if (summary)
                    m_branches->setSummary(name, *summary);
                else
                    m_branches->setFailed(name, summary.error().message);
                if (name == currentSandbox())
                    onBranchSelected();
            });
    }
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
    return m_diffStack->currentWidget() == m_diffView;
}

void ReviewPage::onBranchSelected()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    updateDetails();
    updateActions();
    using State = BranchListModel::Branch::State;
    const bool shown = branch && branch->name == m_diffName;
    if (!branch || !shown || branch->state == State::Failed || branch->state == State::Discarded) {
        m_diff = {};
        m_diffName.clear();
        m_files->clear();
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
    m_files->clear();
    showPlaceholder(tr("Loading the diff…"));
    m_worker->run(
        this,
        [repository = branch->repository, name] { return BranchReview::diff(repository, name, {}, true); },
        [this, request, name](Result<BranchDiff> diff) {
            if (request != m_diffRequest)
                return; // another branch was selected meanwhile
            if (!diff) {
                showPlaceholder(diff.error().message);
                return;
            }
            m_diff = std::move(*diff);
            m_files->setFiles(m_diff.files);
            updateActions();
            if (m_files->rowCount() > 0)
                m_fileView->setCurrentIndex(m_files->index(0, ChangedFilesModel::File));
            else
                showPlaceholder(tr("This branch changes no files."));
            Q_EMIT diffLoaded(name);
        });
}

void ReviewPage::refreshSummary(const QString &name)
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branches->rowOf(name));
    if (!branch)
        return;
    m_worker->run(
        this, [repository = branch->repository, name] { return BranchReview::summary(repository, name); },
        [this, name](const Result<BranchSummary> &summary) {
            if (summary)
                m_branches->setSummary(name, *summary);
            else
                m_branches->setFailed(name, summary.error().message);
            if (name == currentSandbox()) {
                m_diffStale = true; // the target moved: the diff against it changed
                onBranchSelected();
            }
        });
}

void ReviewPage::onFileSelected()
{
    const int row = m_fileView->currentIndex().row();
    const FileChange *file = m_files->file(row);
    if (!file) {
        m_fileTitle->clear();
        m_fileRisk->hide();
        return;
    }
    m_fileTitle->setText(u"<b>%1</b>&nbsp;&nbsp;<span style=\"color:%2\">%3</span>"_s.arg(
        html(BranchReview::displayPath(file->path)), palette().color(QPalette::PlaceholderText).name(),
        html(ChangedFilesModel::describe(*file))));
    const ChangeRisk risk = m_files->risk(row);
    m_fileRisk->setVisible(risk != ChangeRisk::None);
    //: Above the diff of a CI workflow, build script, … %1 says why, e.g. "Git hooks run on your machine …"
    m_fileRisk->setText(tr("Review this first: %1").arg(ChangeRiskText::reason(risk)));
    if (file->binary) {
        showPlaceholder(tr("Binary file: its contents are not shown. (Files larger than 16 MiB count as "
                           "binary too.)"));
    } else if (file->patchOmitted) {
        showPlaceholder(
            tr("This file's diff was not loaded: the branch's diff is larger than Paddock keeps in "
               "memory. Run 'paddock diff %1' in a terminal to read it.")
                .arg(m_diffName));
    } else if (file->patch.size() > maxShownPatchBytes) {
        showPlaceholder(tr("This file's diff is too large to show here (%1). Run 'paddock diff %2' in a "
                           "terminal to read it.")
                            .arg(QLocale().formattedDataSize(file->patch.size()), m_diffName));
    } else if (!file->patch.contains("\n@@")) {
        showPlaceholder(file->status == FileChange::Status::Renamed
                            ? tr("Renamed without changes to its contents.")
                            : tr("No changes to the contents (for example only the file mode changed)."));
    } else {
        m_diffView->showDiff(file->path, file->patch);
        m_diffStack->setCurrentWidget(m_diffView);
    }
}

void ReviewPage::showPlaceholder(const QString &text)
{
    m_diffView->clearDiff();
    m_placeholder->setText(text);
    m_diffStack->setCurrentWidget(m_placeholder);
}

void ReviewPage::updateDetails()
{
    const BranchListModel::Branch *branch = m_branches->branch(m_branchView->currentIndex().row());
    m_fileTitle->clear();
    m_fileRisk->hide();
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
                 tr("+%1 −%2").arg(summary.stats.additions).arg(summary.stats.deletions)));
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
    MergeDialog dialog(u"paddock/"_s + name, branch->summary.target, branch->summary.ahead, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    MergeOptions options = dialog.options();
    // What was reviewed is merged: the diff on screen, or the summary's tip before the diff arrived.
    options.expectedCommit = m_diffName == name && !m_diff.branchCommit.isEmpty()
                                 ? m_diff.branchCommit
                                 : m_branches->branch(m_branches->rowOf(name))->summary.branchCommit;
    m_busy = true;
    updateActions();
    hideMessage();
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
        showMessage(tr("Merged %1 into %2: commit %3.").arg(branch, result->into, result->commit.left(12)),
                    false);
        break;
    case MergeOutcome::Kind::Squash:
        showMessage(tr("Squashed %1 into %2: commit %3.").arg(branch, result->into, result->commit.left(12)),
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
    hideMessage();
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

void ReviewPage::showMessage(const QString &text, bool error, const QStringList &conflicts)
{
    m_messageIsError = error;
    updateMessageStyle();
    m_messageText->setText(text);
    m_conflicts->clear();
    m_conflicts->addItems(conflicts);
    m_conflicts->setVisible(!conflicts.isEmpty());
    m_message->show();
}

void ReviewPage::hideMessage()
{
    m_message->hide();
}

void ReviewPage::updateMessageStyle()
{
    const QPalette &p = palette();
    const QColor base = p.color(QPalette::Base);
    const QColor tint = m_messageIsError ? QColor(0xe5, 0x53, 0x4b) : QColor(0x2d, 0xa4, 0x4e);
    m_message->setStyleSheet(
        u"QFrame#reviewMessage { background: %1; border: 1px solid %2; border-radius: 4px; }"_s.arg(
            mixColours(base, tint, 0.12).name(), mixColours(base, tint, 0.5).name()));
    const QColor riskTint(0xe0, 0x8a, 0x00);
    m_fileRisk->setStyleSheet(u"QLabel#fileRisk { background: %1; border: 1px solid %2; border-radius: 4px; "
                              "padding: 4px 8px; }"_s.arg(mixColours(base, riskTint, 0.14).name(),
                                                          mixColours(base, riskTint, 0.55).name()));
}

} // namespace Paddock::App
