#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QRegularExpression>
#include <QTimer>

namespace Paddock::App {

class TerminalModel;

// Decides when an agent's pane needs the user (issue 5): a bell, output that stops after a stretch of
// activity, a line matching the template's "waiting for input" or "done" patterns, the agent exiting, or the
// proxy blocking one of its requests. It raises once and stays raised until the user acknowledges it (looks
// at the pane or types into it); screens that do not change after that raise nothing new.
class AttentionMonitor : public QObject
{
    Q_OBJECT

public:
    enum class Reason { Bell, Quiet, Waiting, Done, Exited, Blocked };
    Q_ENUM(Reason)

    struct Timing
    {
        int activityMs = 3000;     // output over at least this long counts as the agent working
        int quietMs = 5000;        // ...and then this long without output as it having stopped
        int patternSettleMs = 250; // patterns are checked once the screen stops changing for this long
    };

    // Invalid patterns are skipped (templates are validated when they are loaded).
    AttentionMonitor(TerminalModel &model, const QStringList &waitingPatterns,
                     const QStringList &donePatterns, QObject *parent = nullptr);

    void setTiming(const Timing &timing);
    bool isRaised() const { return m_raised; }
    Reason reason() const { return m_reason; }
    QString detail() const { return m_detail; }

    void acknowledge(); // the user has seen it
    void noteExited(int exitCode);
    void noteBlocked(const QString &target);

    static QString describe(Reason reason);

Q_SIGNALS:
    void raised(Paddock::App::AttentionMonitor::Reason reason, const QString &detail);
    void acknowledged();

private:
    void onOutput();
    void onUserInput();
    void onQuiet();
    void checkPatterns();
    void raise(Reason reason, const QString &detail);
    static QList<QRegularExpression> compile(const QStringList &patterns);

    TerminalModel &m_model;
    QList<QRegularExpression> m_waiting;
    QList<QRegularExpression> m_done;
    Timing m_timing;
    QTimer m_quiet;
    QTimer m_settle;
    QElapsedTimer m_activeSince; // invalid: no activity since the last quiet spell or key press
    QElapsedTimer m_lastOutput;
    bool m_outputSinceAcknowledged = true;
    bool m_raised = false;
    Reason m_reason = Reason::Bell;
    QString m_detail;
};

} // namespace Paddock::App
