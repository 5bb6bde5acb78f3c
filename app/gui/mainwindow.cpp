#include "app/gui/mainwindow.h"

#include "app/gui/actionicons.h"
#include "app/gui/generalsettingspage.h"
#include "app/gui/guestimagedialog.h"
#include "app/gui/networklogwidget.h"
#include "app/gui/newsandboxdialog.h"
#include "app/gui/panegrid.h"
#include "app/gui/policyeditor.h"
#include "app/gui/reviewpage.h"
#include "app/gui/sandboxlistmodel.h"
#include "app/gui/secretspage.h"
#include "app/gui/settingsdialog.h"
#include "app/gui/templatespage.h"
#include "app/gui/terminalpane.h"
#include "app/gui/terminalview.h"
#include "app/gui/trayicon.h"
#include "app/host/sandboxhost.h"
#include "app/terminal/terminalmodel.h"
#include "core/agentlaunch.h"
#include "core/sandboxstore.h"
#include "core/secretstore.h"
#include "core/settings.h"
#include "core/templatecatalog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTabWidget>
#include <QToolBar>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

MainWindow::MainWindow(SandboxHost &host, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_model(new SandboxListModel(host.paths(), host.manager(), this))
    , m_grid(new PaneGrid(this))
    , m_review(new ReviewPage(host.paths(), host.manager(), this))
    , m_central(new QTabWidget(this))
{
    setWindowTitle(tr("Paddock"));
    setWindowIcon(QIcon(u":/icons/paddock.svg"_s));
    setObjectName(u"mainWindow"_s);
    m_central->setObjectName(u"centralTabs"_s);
    m_central->setDocumentMode(true);
    m_central->addTab(m_grid, tr("Agents"));
    m_central->addTab(m_review, tr("Review"));
    setCentralWidget(m_central);
    connect(m_review, &ReviewPage::sandboxRemoved, m_model, &SandboxListModel::reload);
    // The review's comments reach the agent as a line typed into its terminal, when it runs in a pane.
    connect(m_review, &ReviewPage::commentsSent, this, [this](const QString &name, const QString &prompt) {
        if (TerminalPane *pane = m_grid->paneOf(name)) {
            pane->model().paste(prompt);
            pane->model().sendKey(Qt::Key_Return, Qt::NoModifier);
        }
    });
    createActions();
    createDocks();
    createTrayIcon();
    connect(&host, &SandboxHost::decided, this, [this](const Proxy::DecisionEvent &event) {
        m_model->noteDecision(event);
        if (event.verdict != Proxy::DecisionEvent::Verdict::Allow) {
            if (TerminalPane *pane = m_grid->paneOf(event.sandbox))
                pane->noteBlockedRequest(u"%1:%2"_s.arg(event.host).arg(event.port));
        }
    });
    connect(m_model, &SandboxListModel::listeningPortsChanged, this,
            [this](const QString &name, const QList<int> &ports) {
                if (TerminalPane *pane = m_grid->paneOf(name))
                    pane->setListeningPorts(ports);
            });
    connect(&host.manager(), &Vm::SandboxManager::publishedPortsChanged, this, [this](const QString &name) {
        if (TerminalPane *pane = m_grid->paneOf(name))
            pane->setPublishedPorts(m_host.manager().publishedPorts(name));
    });
    resize(1280, 800);
    QSettings settings;
    restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray());
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_newAction = new QAction(tr("&New Sandbox…"), this);
    m_newAction->setObjectName(u"newAction"_s);
    m_newAction->setIconText(tr("New"));
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Create a sandbox for a project folder and an agent"));
    connect(m_newAction, &QAction::triggered, this, [this] { newSandbox(); });
    m_startAction = new QAction(tr("&Start"), this);
    m_startAction->setObjectName(u"startAction"_s);
    m_startAction->setShortcut(QKeySequence(u"Ctrl+R"_s));
    m_startAction->setStatusTip(tr("Start the sandbox without opening a pane (its network self-test first)"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startSelected);
    m_attachAction = new QAction(tr("&Attach"), this);
    m_attachAction->setObjectName(u"attachAction"_s);
    m_attachAction->setShortcut(QKeySequence(u"Ctrl+T"_s));
    m_attachAction->setStatusTip(
        tr("Run the sandbox's agent in a terminal pane, starting the sandbox if needed"));
    connect(m_attachAction, &QAction::triggered, this, [this] {
        if (const QString name = selectedSandbox(); !name.isEmpty())
            attach(name);
    });
    m_stopAction = new QAction(tr("S&top"), this);
    m_stopAction->setObjectName(u"stopAction"_s);
    m_stopAction->setShortcut(QKeySequence(u"Ctrl+Shift+T"_s));
    m_stopAction->setStatusTip(tr("Stop every process in the sandbox"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopSelected);
    m_removeAction = new QAction(tr("&Remove…"), this);
    m_removeAction->setObjectName(u"removeAction"_s);
    m_removeAction->setIconText(tr("Remove"));
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut); // Delete in a pane is the agent's
    m_removeAction->setStatusTip(tr("Remove a stopped sandbox and its clone; your folder is not touched"));
    connect(m_removeAction, &QAction::triggered, this, &MainWindow::removeSelected);
    m_policyAction = new QAction(tr("Network &Policy…"), this);
    m_policyAction->setObjectName(u"policyAction"_s);
    m_policyAction->setIconText(tr("Policy"));
    m_policyAction->setShortcut(QKeySequence(u"Ctrl+Shift+P"_s));
    m_policyAction->setStatusTip(tr("Edit the network policy of the selected sandbox, or the global one"));
    connect(m_policyAction, &QAction::triggered, this, &MainWindow::editPolicyOfSelected);
    m_reviewAction = new QAction(tr("Re&view"), this);
    m_reviewAction->setObjectName(u"reviewAction"_s);
    m_reviewAction->setShortcut(QKeySequence(u"Ctrl+Shift+R"_s));
    m_reviewAction->setStatusTip(
        tr("Review the selected sandbox's branch: its diff, then merge or discard it"));
    connect(m_reviewAction, &QAction::triggered, this, [this] { showReview(selectedSandbox()); });
    m_settingsAction = new QAction(tr("Se&ttings…"), this);
    m_settingsAction->setObjectName(u"settingsAction"_s);
    m_settingsAction->setShortcut(QKeySequence(u"Ctrl+,"_s));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setStatusTip(tr("Language, defaults, network policy, agent templates and secrets"));
    connect(m_settingsAction, &QAction::triggered, this, [this] { showSettings(); });
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(u"quitAction"_s);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &MainWindow::quit);

    auto *toolbar = addToolBar(tr("Sandbox"));
    toolbar->setObjectName(u"sandboxToolBar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_newAction);
    toolbar->addSeparator();
    toolbar->addAction(m_startAction);
    toolbar->addAction(m_attachAction);
    toolbar->addAction(m_stopAction);
    toolbar->addSeparator();
    toolbar->addAction(m_reviewAction);
    toolbar->addAction(m_policyAction);
    toolbar->addSeparator();
    toolbar->addAction(m_removeAction);
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_newAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quit);
    QMenu *sandboxMenu = menuBar()->addMenu(tr("&Sandbox"));
    sandboxMenu->addAction(m_startAction);
    sandboxMenu->addAction(m_attachAction);
    sandboxMenu->addAction(m_stopAction);
    sandboxMenu->addSeparator();
    sandboxMenu->addAction(m_reviewAction);
    sandboxMenu->addAction(m_policyAction);
    sandboxMenu->addSeparator();
    sandboxMenu->addAction(m_removeAction);
    updateIcons();
    connect(&m_host.manager(), &Vm::SandboxManager::sandboxStarted, this, &MainWindow::updateActions);
    connect(&m_host.manager(), &Vm::SandboxManager::sandboxStopped, this, &MainWindow::updateActions);
    // Paddock opened a second time: this window comes forward instead.
    connect(&m_host, &SandboxHost::showRequested, this, &MainWindow::showFromTray);
}

void MainWindow::createTrayIcon()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return; // the list, the dock badge and QApplication::alert still notify
    m_tray = new TrayIcon(this);
    connect(m_tray, &TrayIcon::showWindowRequested, this, &MainWindow::showFromTray);
    connect(m_tray, &TrayIcon::newSandboxRequested, this, [this] {
        showFromTray();
        newSandbox();
    });
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);
    connect(m_tray, &TrayIcon::messageClicked, this, [this] {
        showFromTray();
        focusPaneOf(m_lastNotified);
    });
    connect(&m_host.manager(), &Vm::SandboxManager::sandboxStarted, this, &MainWindow::updateTrayIcon);
    connect(&m_host.manager(), &Vm::SandboxManager::sandboxStopped, this, &MainWindow::updateTrayIcon);
    // A machine paused for space waits for the user to free some: tell them wherever they are.
    connect(&m_host.manager(), &Vm::SandboxManager::sandboxPaused, this,
            [this](const QString &name, const QString &reason) {
                if (m_tray)
                    m_tray->showMessage(tr("%1 is paused").arg(name), reason);
                QApplication::alert(this);
            });
}

void MainWindow::updateTrayIcon()
{
    if (m_tray)
        m_tray->setState(int(m_host.manager().runningSandboxes().size()), m_attention->count());
}

void MainWindow::showFromTray()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
}

void MainWindow::hideToTray()
{
    saveLayout();
    hide();
    // Said once: later closes hide the window without a word.
    Settings settings(m_host.paths().settingsFile());
    (void)settings.load(); // a broken file was moved aside; defaults apply
    if (settings.trayNoticeShown)
        return;
    m_tray->showMessage(tr("Paddock is still running"),
                        tr("Your sandboxes keep running. Open Paddock from its tray icon, or choose Quit "
                           "Paddock there to stop them."));
    settings.trayNoticeShown = true;
    (void)settings.save(); // at worst the notice comes again next time
}

void MainWindow::createDocks()
{
    m_sandboxes = new QTableView(this);
    m_sandboxes->setObjectName(u"sandboxList"_s);
    m_sandboxes->setModel(m_model);
    m_sandboxes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sandboxes->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sandboxes->verticalHeader()->hide();
    m_sandboxes->setShowGrid(false);
    m_sandboxes->setAlternatingRowColors(true);
    // The branch (paddock/NAME, or "(direct)") gives way when the dock is narrow: every other column is read
    // whole, the requests one included.
    m_sandboxes->horizontalHeader()->setStretchLastSection(false);
    m_sandboxes->horizontalHeader()->setSectionResizeMode(SandboxListModel::Branch, QHeaderView::Stretch);
    for (const int column : {SandboxListModel::State, SandboxListModel::Requests}) // their text changes
        m_sandboxes->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_sandboxes->setTextElideMode(Qt::ElideMiddle);
    m_sandboxes->setColumnHidden(SandboxListModel::Workspace, true);
    m_sandboxes->setColumnHidden(SandboxListModel::Backend, true);
    m_sandboxes->setWordWrap(false);
    connect(m_sandboxes->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_sandboxes, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const auto record = m_model->record(index.row()))
            attach(record->name);
    });
    const auto fitColumns = [this] {
        m_sandboxes->resizeColumnsToContents();
        // CPU and memory change every few seconds: wide enough for the widest values from the start.
        const QFontMetrics metrics = m_sandboxes->fontMetrics();
        const int padding = metrics.horizontalAdvance(u"MM"_s);
        m_sandboxes->setColumnWidth(SandboxListModel::Cpu, metrics.horizontalAdvance(u"188 %"_s) + padding);
        m_sandboxes->setColumnWidth(SandboxListModel::Memory,
                                    metrics.horizontalAdvance(u"1,888 MiB"_s) + padding);
    };
    fitColumns();
    connect(m_model, &QAbstractItemModel::modelReset, m_sandboxes, fitColumns);
    m_sandboxes->addAction(m_removeAction); // Delete removes only with the list focused
    m_sandboxes->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_sandboxes->addAction(m_startAction);
    m_sandboxes->addAction(m_attachAction);
    m_sandboxes->addAction(m_stopAction);
    auto *sandboxDock = new QDockWidget(tr("Sandboxes"), this);
    sandboxDock->setObjectName(u"sandboxDock"_s);
    sandboxDock->setWidget(m_sandboxes);
    addDockWidget(Qt::LeftDockWidgetArea, sandboxDock);

    m_attention = new QListWidget(this);
    m_attention->setObjectName(u"attentionList"_s);
    m_attention->setWordWrap(true);
    connect(m_attention, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { focusPaneOf(item->data(Qt::UserRole).toString()); });
    connect(m_attention, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { focusPaneOf(item->data(Qt::UserRole).toString()); });
    auto *attentionDock = new QDockWidget(tr("Needs Attention"), this);
    attentionDock->setObjectName(u"attentionDock"_s);
    // Empty, the dock says what will appear in it rather than showing a blank list.
    auto *nothingNeeded =
        new QLabel(tr("Nothing needs you.\nAgents that finish, wait for input, ring or have a "
                      "request blocked are listed here."),
                   this);
    nothingNeeded->setObjectName(u"attentionEmpty"_s);
    nothingNeeded->setWordWrap(true);
    nothingNeeded->setAlignment(Qt::AlignCenter);
    nothingNeeded->setMargin(12);
    nothingNeeded->setForegroundRole(QPalette::PlaceholderText);
    auto *attentionStack = new QStackedWidget(this);
    attentionStack->addWidget(nothingNeeded);
    attentionStack->addWidget(m_attention);
    const auto showEmptyState = [this, attentionStack] {
        attentionStack->setCurrentIndex(m_attention->count() == 0 ? 0 : 1);
    };
    connect(m_attention->model(), &QAbstractItemModel::rowsInserted, this, showEmptyState);
    connect(m_attention->model(), &QAbstractItemModel::rowsRemoved, this, showEmptyState);
    attentionDock->setWidget(attentionStack);
    addDockWidget(Qt::LeftDockWidgetArea, attentionDock);
    m_networkLog = new NetworkLogWidget(m_host, this);
    auto *networkDock = new QDockWidget(tr("Network Log"), this);
    networkDock->setObjectName(u"networkLogDock"_s);
    networkDock->setWidget(m_networkLog);
    addDockWidget(Qt::BottomDockWidgetArea, networkDock);
    resizeDocks({sandboxDock}, {560}, Qt::Horizontal);
    resizeDocks({networkDock}, {220}, Qt::Vertical);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : {sandboxDock, attentionDock, networkDock})
        viewMenu->addAction(dock->toggleViewAction());
    QAction *logAction = networkDock->toggleViewAction();
    logAction->setShortcut(QKeySequence(u"Ctrl+Shift+L"_s));
    logAction->setObjectName(u"networkLogAction"_s);
    logAction->setIconText(tr("Network Log"));
}

void MainWindow::showAgents()
{
    m_central->setCurrentWidget(m_grid);
}

void MainWindow::showReview(const QString &sandbox)
{
    m_central->setCurrentWidget(m_review);
    if (!sandbox.isEmpty())
        m_review->showSandbox(sandbox);
}

void MainWindow::updateIcons()
{
    const QPalette colours = palette();
    m_newAction->setIcon(actionIcon(u"new-sandbox"_s, colours));
    m_startAction->setIcon(actionIcon(u"start"_s, colours));
    m_attachAction->setIcon(actionIcon(u"attach"_s, colours));
    m_stopAction->setIcon(actionIcon(u"stop"_s, colours));
    m_policyAction->setIcon(actionIcon(u"policy"_s, colours));
    m_reviewAction->setIcon(actionIcon(u"review"_s, colours));
    m_removeAction->setIcon(actionIcon(u"remove"_s, colours));
    m_settingsAction->setIcon(actionIcon(u"settings"_s, colours));
}

void MainWindow::changeEvent(QEvent *event)
{
    // A switch between light and dark redraws the icons in the new text colour.
    if (event->type() == QEvent::PaletteChange && m_newAction)
        updateIcons();
    QMainWindow::changeEvent(event);
}

SettingsDialog *MainWindow::showSettings(const QString &page)
{
    if (!m_settings) {
        if (!m_templates)
            m_templates = std::make_unique<TemplateCatalog>(m_host.paths().templatesDir());
        if (!m_secrets)
            m_secrets = std::make_unique<SecretStore>(m_host.paths().secretsIndexFile());
        m_templates->reload();
        const QPalette colours = palette();
        m_settings = new SettingsDialog(this);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        auto *policy = new PolicyEditor(m_host.paths(), &m_host);
        auto *templates = new TemplatesPage(*m_templates);
        auto *secrets = new SecretsPage(*m_secrets, *m_templates);
        m_settings->addPage(new GeneralSettingsPage(m_host.paths(), *m_templates),
                            actionIcon(u"settings"_s, colours), tr("General"));
        m_settings->addPage(policy, actionIcon(u"policy"_s, colours), tr("Network Policy"),
                            [policy] { return policy->confirmClose(); });
        m_settings->addPage(templates, actionIcon(u"templates"_s, colours), tr("Agent Templates"),
                            [templates] { return templates->confirmDiscard(); });
        m_settings->addPage(secrets, actionIcon(u"secrets"_s, colours), tr("Secrets"));
        // A template added or removed may need a secret, or no longer need one.
        connect(templates, &TemplatesPage::templatesChanged, secrets, &SecretsPage::reload);
        connect(&m_host.manager(), &Vm::SandboxManager::sandboxStarted, policy, &PolicyEditor::refreshScopes);
        connect(m_model, &QAbstractItemModel::modelReset, policy, &PolicyEditor::refreshScopes);
    }
    if (!page.isEmpty())
        m_settings->showPage(page);
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
    return m_settings;
}

void MainWindow::editPolicyOfSelected()
{
    const QString sandbox = selectedSandbox();
    SettingsDialog *settings = showSettings(u"policyEditor"_s);
    if (auto *editor = qobject_cast<PolicyEditor *>(settings->currentPage()))
        editor->setScope(sandbox.isEmpty() ? PolicyEditor::Scope::Global : PolicyEditor::Scope::Sandbox,
                         sandbox);
}

QString MainWindow::selectedSandbox() const
{
    const QModelIndexList rows = m_sandboxes->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const auto record = m_model->record(rows.first().row());
    return record ? record->name : QString();
}

void MainWindow::updateActions()
{
    const QString name = selectedSandbox();
    const bool running = !name.isEmpty() && m_host.manager().isRunning(name);
    m_startAction->setEnabled(!name.isEmpty() && !running);
    m_attachAction->setEnabled(!name.isEmpty());
    m_stopAction->setEnabled(running);
    m_removeAction->setEnabled(!name.isEmpty() && !running);
}

void MainWindow::select(const QString &sandbox)
{
    const int row = m_model->rowOf(sandbox);
    if (row >= 0)
        m_sandboxes->selectRow(row);
    updateActions();
}

void MainWindow::newSandbox(const QString &folder)
{
    NewSandboxDialog dialog(
        m_host.paths(), [this](const Vm::CreateOptions &options) { return m_host.manager().create(options); },
        this);
    if (!folder.isEmpty())
        dialog.setFolder(folder);
    if (dialog.exec() != QDialog::Accepted || !dialog.created())
        return;
    const QString name = dialog.created()->name;
    m_model->reload();
    select(name);
    if (dialog.runAfterCreating())
        attach(name);
}

void MainWindow::startSelected()
{
    const QString name = selectedSandbox();
    if (name.isEmpty())
        return;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const auto started = m_host.start(name);
    QGuiApplication::restoreOverrideCursor();
    if (!started)
        QMessageBox::warning(this, tr("Cannot start %1").arg(name), started.error().message);
    updateActions();
}

void MainWindow::removeSelected()
{
    const QString name = selectedSandbox();
    const auto record = m_model->record(m_model->rowOf(name));
    if (!record || m_host.manager().isRunning(name))
        return;
    const QString what = record->mode == SandboxRecord::Mode::Clone
                             ? tr("Its clone and the branch %1 in it are deleted. Your folder %2 is not "
                                  "touched.")
                                   .arg(record->branch, QDir::toNativeSeparators(record->workspace))
                             : tr("Its record goes; the folder %1 it worked in stays as it is.")
                                   .arg(QDir::toNativeSeparators(record->workspace));
    if (QMessageBox::question(this, tr("Remove %1?").arg(name), what,
                              QMessageBox::StandardButtons(QMessageBox::Cancel) | QMessageBox::Yes,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    auto removed = m_host.manager().remove(name, false);
    if (!removed && removed.error().code == ErrorCode::Conflict) {
        // Unmerged commits: say so, and remove only when the user says to lose them.
        QMessageBox box(QMessageBox::Warning, tr("Remove %1 and lose its work?").arg(name),
                        removed.error().message, QMessageBox::Cancel, this);
        QPushButton *lose = box.addButton(tr("Remove and Lose the Commits"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != lose)
            return;
        removed = m_host.manager().remove(name, true);
    }
    if (!removed) {
        QMessageBox::warning(this, tr("Cannot remove %1").arg(name), removed.error().message);
        return;
    }
    if (TerminalPane *pane = m_grid->paneOf(name))
        closePane(pane);
    m_model->reload();
    updateActions();
}

TerminalPane *MainWindow::attach(const QString &sandbox)
{
    showAgents();
    if (TerminalPane *open = m_grid->paneOf(sandbox)) {
        m_grid->focusPane(open);
        if (open->state() == TerminalPane::State::Exited || open->state() == TerminalPane::State::Failed)
            open->start();
        return open;
    }
    const int row = m_model->rowOf(sandbox);
    const auto record = m_model->record(row);
    if (!record)
        return nullptr;
    // A microVM made before this Paddock's image format, or on another machine, needs its image first.
    if (record->backend == SandboxRecord::Backend::MicroVm &&
        !GuestImageDialog::ensureImage(m_host.paths(), this))
        return nullptr;
    const TemplateCatalog catalog(m_host.paths().templatesDir());
    const auto agent = catalog.find(record->templateId);
    if (!agent) {
        QMessageBox::warning(
            this, tr("Cannot attach"),
            tr("The sandbox's agent template \"%1\" does not exist any more.").arg(record->templateId));
        return nullptr;
    }
    PaneLaunch launch;
    launch.sandbox = record->name;
    launch.agent = agent->name;
    launch.branch = record->mode == SandboxRecord::Mode::Clone ? record->branch : QString();
    launch.command = agentSessionArguments(*agent);
    launch.environment = agent->environment;
    launch.waitingPatterns = agent->waitingPatterns;
    launch.donePatterns = agent->donePatterns;
    Settings settings(m_host.paths().settingsFile());
    (void)settings.load(); // defaults when the file is missing or broken
    launch.scrollbackLines = settings.scrollbackLines;
    launch.connect = [this, name = record->name] { return m_host.start(name); };
    launch.note = [this, name = record->name] {
        const auto started = SandboxStore(m_host.paths().sandboxesDir()).find(name);
        return started ? started->stateDetail : QString();
    };
    auto *pane = new TerminalPane(launch);
    connect(pane, &TerminalPane::attentionChanged, this, [this, pane] { onAttentionChanged(pane); });
    connect(pane, &TerminalPane::closeRequested, this, [this, pane] { closePane(pane); });
    m_grid->addPane(pane);
    pane->setListeningPorts(m_model->listeningPorts(record->name));
    pane->setPublishedPorts(m_host.manager().publishedPorts(record->name));
    connect(pane, &TerminalPane::openPortRequested, this,
            [this, name = record->name](int port) { openSandboxPort(name, port); });
    connect(pane, &TerminalPane::unpublishPortRequested, this,
            [this, name = record->name](int port) { (void)m_host.manager().unpublishPort(name, port); });
    pane->start();
    return pane;
}

void MainWindow::openSandboxPort(const QString &name, int port)
{
    const auto hostPort = m_host.manager().publishPort(name, port);
    if (!hostPort) {
        QMessageBox::warning(this, tr("Cannot publish port %1 of %2").arg(port).arg(name),
                             hostPort.error().message);
        return;
    }
    QDesktopServices::openUrl(QUrl(u"http://127.0.0.1:%1/"_s.arg(*hostPort)));
}

void MainWindow::stopSelected()
{
    const QString name = selectedSandbox();
    if (name.isEmpty())
        return;
    if (auto stopped = m_host.manager().stop(name); !stopped)
        QMessageBox::warning(this, tr("Cannot stop %1").arg(name), stopped.error().message);
    updateActions();
}

void MainWindow::closePane(TerminalPane *pane)
{
    const QString name = pane->sandbox(); // the pane is gone after removePane()
    m_grid->removePane(pane);
    delete attentionItemOf(name);
}

void MainWindow::focusPaneOf(const QString &sandbox)
{
    if (TerminalPane *pane = m_grid->paneOf(sandbox)) {
        showNormal();
        activateWindow();
        showAgents();
        m_grid->focusPane(pane);
    }
}

QListWidgetItem *MainWindow::attentionItemOf(const QString &sandbox) const
{
    for (int i = 0; i < m_attention->count(); ++i) {
        if (m_attention->item(i)->data(Qt::UserRole).toString() == sandbox)
            return m_attention->item(i);
    }
    return nullptr;
}

void MainWindow::onAttentionChanged(TerminalPane *pane)
{
    QListWidgetItem *item = attentionItemOf(pane->sandbox());
    const auto updateTray = qScopeGuard([this] { updateTrayIcon(); });
    if (!pane->attention().isRaised()) {
        delete item;
        return;
    }
    const QString reason = AttentionMonitor::describe(pane->attention().reason());
    const QString text = u"%1 — %2\n%3"_s.arg(pane->sandbox(), reason, pane->attention().detail());
    if (!item) {
        item = new QListWidgetItem(m_attention);
        item->setData(Qt::UserRole, pane->sandbox());
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxInformation));
    }
    item->setText(text);
    // The user looking at this very pane needs no notification; everyone else does.
    if (isActiveWindow() && m_grid->currentPane() == pane)
        return;
    m_lastNotified = pane->sandbox();
    if (m_tray)
        m_tray->showMessage(tr("%1: %2").arg(pane->sandbox(), reason), pane->attention().detail());
    QApplication::alert(this);
}

void MainWindow::quit()
{
    m_quitting = true;
    if (!m_host.manager().runningSandboxes().isEmpty())
        showFromTray(); // the question needs the window
    close();
    m_quitting = false;
}

bool MainWindow::confirmQuit()
{
    const QStringList running = m_host.manager().runningSandboxes();
    if (running.isEmpty())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Quit Paddock?"),
        running.size() == 1
            ? tr("The sandbox %1 is running. Quitting stops it and every agent in it.").arg(running.first())
            : tr("%1 sandboxes are running (%2). Quitting stops them and every agent in them.")
                  .arg(running.size())
                  .arg(running.join(u", "_s)),
        QMessageBox::StandardButtons(QMessageBox::Cancel) | QMessageBox::Yes, QMessageBox::Cancel);
    return answer == QMessageBox::Yes;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Closing the window is not quitting: with a tray, running sandboxes keep running behind it.
    if (!m_quitting && m_tray && !m_host.manager().runningSandboxes().isEmpty()) {
        event->ignore();
        hideToTray();
        return;
    }
    if (!confirmQuit()) {
        event->ignore();
        return;
    }
    saveLayout();
    for (TerminalPane *pane : m_grid->panes())
        m_grid->removePane(pane); // hang the agents up before their sandboxes go
    m_host.manager().stopAll();
    event->accept();
    Q_EMIT quitConfirmed();
}

} // namespace Paddock::App
