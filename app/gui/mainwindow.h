#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QListWidget;
class QListWidgetItem;
class QTabWidget;
class QTableView;

namespace Paddock::Core {
class SecretStore;
class TemplateCatalog;
} // namespace Paddock::Core

namespace Paddock::App {

class NetworkLogWidget;
class SettingsDialog;
class PaneGrid;
class ReviewPage;
class SandboxHost;
class SandboxListModel;
class TerminalPane;
class TrayIcon;

// The main window: the sandbox list, the terminal area with one pane per agent, and the list of panes that
// need attention (with tray notifications), and the review of the agents' branches. Closing it while
// sandboxes run keeps Paddock in the tray.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(SandboxHost &host, QWidget *parent = nullptr);
    ~MainWindow() override;

    PaneGrid *paneGrid() const { return m_grid; }
    ReviewPage *reviewPage() const { return m_review; }
    // The central area's two pages: the agents' panes and the review of their branches.
    void showAgents();
    void showReview(const QString &sandbox = {});
    SandboxListModel *sandboxModel() const { return m_model; }
    QTableView *sandboxView() const { return m_sandboxes; }
    QListWidget *attentionList() const { return m_attention; }
    NetworkLogWidget *networkLog() const { return m_networkLog; }
    // Opens a pane running the sandbox's agent, starting the sandbox if needed; focuses it if one is open.
    TerminalPane *attach(const QString &sandbox);
    // "New Sandbox…": the dialog, then the new sandbox selected (and attached for Create & Run).
    void newSandbox(const QString &folder = {});
    // Quit: asks while sandboxes run, then stops them and closes the window for good.
    void quit();
    TrayIcon *trayIcon() const { return m_tray; }
    // Settings, on the named page (generalPage, policyEditor, templatesPage, secretsPage); opened once.
    SettingsDialog *showSettings(const QString &page = {});

Q_SIGNALS:
    void quitConfirmed(); // the application should end now

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void updateIcons(); // the action icons in the palette's colours
    void editPolicyOfSelected();
    void createDocks();
    void updateActions();
    QString selectedSandbox() const;
    void stopSelected();
    void openSandboxPort(const QString &name, int port); // publishes it when need be
    void startSelected();
    void removeSelected();
    void select(const QString &sandbox);
    void onAttentionChanged(TerminalPane *pane);
    QListWidgetItem *attentionItemOf(const QString &sandbox) const;
    void focusPaneOf(const QString &sandbox);
    void closePane(TerminalPane *pane); // and its attention entry
    void createTrayIcon();
    void updateTrayIcon();
    void hideToTray();
    void saveLayout() const; // geometry and docks, restored at the next start
    void showFromTray();
    bool confirmQuit();

    SandboxHost &m_host;
    SandboxListModel *m_model;
    PaneGrid *m_grid;
    ReviewPage *m_review;
    QTabWidget *m_central;
    QTableView *m_sandboxes = nullptr;
    QListWidget *m_attention = nullptr;
    NetworkLogWidget *m_networkLog = nullptr;
    TrayIcon *m_tray = nullptr; // only where the desktop has a tray
    bool m_quitting = false;    // Quit, rather than closing the window, is under way
    QAction *m_newAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_attachAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_policyAction = nullptr;
    QAction *m_reviewAction = nullptr;
    QAction *m_settingsAction = nullptr;
    std::unique_ptr<Core::TemplateCatalog> m_templates; // the Templates and Secrets pages share it
    std::unique_ptr<Core::SecretStore> m_secrets;
    QPointer<SettingsDialog> m_settings;
    QString m_lastNotified; // the sandbox a click on the tray's message goes to
};

} // namespace Paddock::App
