#include "app/terminal/attentionmonitor.h"

#include "app/terminal/terminalmodel.h"

#include <QCoreApplication>

namespace Paddock::App {

AttentionMonitor::AttentionMonitor(TerminalModel &model, const QStringList &waitingPatterns,
                                   const QStringList &donePatterns, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_waiting(compile(waitingPatterns))
    , m_done(compile(donePatterns))
{
    m_quiet.setSingleShot(true);
    m_settle.setSingleShot(true);
    setTiming(m_timing);
    connect(&m_quiet, &QTimer::timeout, this, &AttentionMonitor::onQuiet);
    connect(&m_settle, &QTimer::timeout, this, &AttentionMonitor::checkPatterns);
    connect(&model, &TerminalModel::changed, this, &AttentionMonitor::onOutput);
    connect(&model, &TerminalModel::userInput, this, &AttentionMonitor::onUserInput);
    connect(&model, &TerminalModel::bell, this,
            [this] { raise(Reason::Bell, tr("The terminal rang its bell.")); });
}

QList<QRegularExpression> AttentionMonitor::compile(const QStringList &patterns)
{
    QList<QRegularExpression> compiled;
    for (const QString &pattern : patterns) {
        QRegularExpression expression(pattern, QRegularExpression::MultilineOption);
        if (expression.isValid())
            compiled.append(expression);
    }
    return compiled;
}

void AttentionMonitor::setTiming(const Timing &timing)
{
    m_timing = timing;
    m_quiet.setInterval(timing.quietMs);
    m_settle.setInterval(timing.patternSettleMs);
}

QString AttentionMonitor::describe(Reason reason)
{
    switch (reason) {
    case Reason::Bell:
        return tr("Bell");
    case Reason::Quiet:
        return tr("Output stopped");
    case Reason::Waiting:
        return tr("Waiting for input");
    case Reason::Done:
        return tr("Done");
    case Reason::Exited:
        return tr("Exited");
    case Reason::Blocked:
        return tr("Request blocked");
    }
    return {};
}

void AttentionMonitor::onOutput()
{
    m_outputSinceAcknowledged = true;
    if (!m_activeSince.isValid())
        m_activeSince.start();
    m_lastOutput.start();
    m_quiet.start();
    if (!m_waiting.isEmpty() || !m_done.isEmpty())
        m_settle.start();
}

// What the user types echoes back: that is not the agent working, and the user is looking anyway.
void AttentionMonitor::onUserInput()
{
    m_activeSince.invalidate();
    m_quiet.stop();
    acknowledge();
}

void AttentionMonitor::onQuiet()
{
    const bool wasWorking =
        m_activeSince.isValid() && m_activeSince.elapsed() - m_lastOutput.elapsed() >= m_timing.activityMs;
    m_activeSince.invalidate();
    if (wasWorking)
        raise(Reason::Quiet, tr("No output for a while after a stretch of work."));
}

void AttentionMonitor::checkPatterns()
{
    QString screen;
    for (int row = 0; row < m_model.rows(); ++row)
        screen += m_model.lineText(row) + u'\n';
    // "Done" wins: a finished agent often also shows an input prompt.
    for (const QRegularExpression &pattern : std::as_const(m_done)) {
        if (const auto match = pattern.match(screen); match.hasMatch())
            return raise(Reason::Done, match.captured(0).trimmed());
    }
    for (const QRegularExpression &pattern : std::as_const(m_waiting)) {
        if (const auto match = pattern.match(screen); match.hasMatch())
            return raise(Reason::Waiting, match.captured(0).trimmed());
    }
}

void AttentionMonitor::noteExited(int exitCode)
{
    m_quiet.stop();
    m_settle.stop();
    m_outputSinceAcknowledged = true; // an exit is always news
    raise(Reason::Exited, tr("The agent exited with code %1.").arg(exitCode));
}

void AttentionMonitor::noteBlocked(const QString &target)
{
    m_outputSinceAcknowledged = true;
    raise(Reason::Blocked, tr("The proxy blocked a request to %1.").arg(target));
}

void AttentionMonitor::raise(Reason reason, const QString &detail)
{
    // Bells and blocked requests are events; the rest describe a screen the user may have seen already.
    const bool event = reason == Reason::Bell || reason == Reason::Blocked || reason == Reason::Exited;
    if (m_raised || (!event && !m_outputSinceAcknowledged))
        return;
    m_raised = true;
    m_reason = reason;
    m_detail = detail.left(200);
    Q_EMIT raised(reason, m_detail);
}

void AttentionMonitor::acknowledge()
{
    m_outputSinceAcknowledged = false;
    if (!m_raised)
        return;
    m_raised = false;
    Q_EMIT acknowledged();
}

} // namespace Paddock::App
