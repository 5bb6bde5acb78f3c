#pragma once

#include <QMainWindow>
#include <QPointer>

class QAction;
class QListWidget;
class QListWidgetItem;
class QSystemTrayIcon;
class QTableView;

namespace Paddock::App {

class NetworkLogWidget;
class PaneGrid;
class SandboxHost;
class SandboxListModel;
class TerminalPane;

// The main window: the sandbox list, the terminal area with one pane per agent, and the list of panes that
// need attention (with tray notifications). The network log and review pages come with their issues.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(SandboxHost &host, QWidget *parent = nullptr);
    ~MainWindow() override;

    PaneGrid *paneGrid() const { return m_grid; }
    SandboxListModel *sandboxModel() const { return m_model; }
    QTableView *sandboxView() const { return m_sandboxes; }
    QListWidget *attentionList() const { return m_attention; }
    NetworkLogWidget *networkLog() const { return m_networkLog; }
    // Opens a pane running the sandbox's agent, starting the sandbox if needed; focuses it if one is open.
    TerminalPane *attach(const QString &sandbox);
    // "New Sandbox…": the dialog, then the new sandbox selected (and attached for Create & Run).
    void newSandbox(const QString &folder = {});

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void updateActions();
    QString selectedSandbox() const;
    void stopSelected();
    void startSelected();
    void removeSelected();
    void select(const QString &sandbox);
    void onAttentionChanged(TerminalPane *pane);
    QListWidgetItem *attentionItemOf(const QString &sandbox) const;
    void focusPaneOf(const QString &sandbox);
    void closePane(TerminalPane *pane); // and its attention entry

    SandboxHost &m_host;
    SandboxListModel *m_model;
    PaneGrid *m_grid;
    QTableView *m_sandboxes = nullptr;
    QListWidget *m_attention = nullptr;
    NetworkLogWidget *m_networkLog = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_attachAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_removeAction = nullptr;
    QString m_lastNotified; // the sandbox a click on the tray's message goes to
};

} // namespace Paddock::App
