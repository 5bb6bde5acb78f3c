#pragma once

#include "app/terminal/attentionmonitor.h"
#include "core/result.h"

#include <QFrame>
#include <QMap>
#include <QStringList>

#include <functional>
#include <memory>

class QLabel;
class QMenu;
class QLineEdit;
class QToolButton;

namespace Paddock::App {

class TerminalModel;
class TerminalSession;
class TerminalView;

// What a pane runs and shows in its header.
struct PaneLaunch
{
    QString sandbox;
    QString agent; // the template's name
    QString branch;
    QStringList command;
    QMap<QString, QString> environment;
    QStringList waitingPatterns;
    QStringList donePatterns;
    int scrollbackLines = 10000;
    // Starts the sandbox if needed and returns its control socket; called on every (re)start.
    std::function<Core::Result<QString>()> connect;
    // After connect: what the user should know about the sandbox as it started (a key that is not set, limits
    // not applied), shown above the terminal; empty for nothing.
    std::function<QString()> note;
};

// One agent's terminal with its header (sandbox, agent, state, branch, blocked requests, attention), a
// search bar for the scrollback, and a bar offering Restart once the agent has exited.
class TerminalPane : public QFrame
{
    Q_OBJECT

public:
    enum class State { Starting, Running, Exited, Failed };

    explicit TerminalPane(PaneLaunch launch, QWidget *parent = nullptr);
    ~TerminalPane() override;

    void start(); // failures show in the pane
    QString sandbox() const { return m_launch.sandbox; }
    QString agent() const { return m_launch.agent; }
    State state() const { return m_state; }
    QString stateText() const;
    int exitCode() const { return m_exitCode; }
    int blockedRequests() const { return m_blocked; }
    void noteBlockedRequest(const QString &target);
    // What something in the sandbox listens on, shown in the header.
    void setListeningPorts(const QList<int> &ports);
    // Which of them are published on this computer: the sandbox's port → 127.0.0.1's.
    void setPublishedPorts(const QMap<int, int> &published);
    void setMaximised(bool maximised);
    void setCurrent(bool current); // the pane with the keyboard: its header is highlighted

    TerminalModel &model() { return *m_model; }
    TerminalView *view() const { return m_view; }
    AttentionMonitor &attention() { return *m_attention; }
    QWidget *header() const { return m_header; }
    void showSearch();

Q_SIGNALS:
    void maximiseToggled();
    void closeRequested();
    void focused(); // the user is looking at this pane
    void stateChanged();
    void attentionChanged();
    // The user asked to open a port of the sandbox in the browser (publishing it first if need be), or to
    // stop publishing it.
    void openPortRequested(int port);
    void unpublishPortRequested(int port);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *makeHeader();
    QWidget *makeSearchBar();
    QWidget *makeExitBar();
    QWidget *makeNoteBar();
    void setState(State state, const QString &detail = {});
    void updateHeader();
    void fillPortsMenu(QMenu *menu);
    QList<int> shownPorts() const;
    void search(bool backwards);

    PaneLaunch m_launch;
    std::unique_ptr<TerminalModel> m_model;
    std::unique_ptr<TerminalSession> m_session;
    std::unique_ptr<AttentionMonitor> m_attention;
    TerminalView *m_view = nullptr;
    QWidget *m_header = nullptr;
    QLabel *m_stateDot = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_blockedLabel = nullptr;
    QToolButton *m_maximise = nullptr;
    QWidget *m_searchBar = nullptr;
    QLineEdit *m_searchText = nullptr;
    QLabel *m_searchStatus = nullptr;
    QWidget *m_exitBar = nullptr;
    QWidget *m_noteBar = nullptr;
    QLabel *m_noteText = nullptr;
    QLabel *m_exitText = nullptr;
    State m_state = State::Starting;
    QString m_stateDetail;
    int m_exitCode = 0;
    int m_blocked = 0;
    QList<int> m_ports;
    QMap<int, int> m_published;
    QToolButton *m_portsButton = nullptr; // its menu opens or unpublishes each port
    int m_searchFrom = 0;
    bool m_startedBefore = false;
};

} // namespace Paddock::App
