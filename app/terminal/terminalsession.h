#pragma once

#include "core/result.h"
#include "vm/guest/hostpty.h"
#include "vm/guestsession.h"

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace Paddock::App {

class TerminalModel;

// Connects a TerminalModel to a process in a running sandbox: a PTY made on the host (whose slave side the
// session gets), its output into the model, the model's input and size into the PTY.
class TerminalSession : public QObject
{
    Q_OBJECT

public:
    // A flood is read in slices, the event loop running between them: the GUI stays responsive.
    static constexpr qsizetype maxBytesPerWakeUp = 1024 * 1024;
    static constexpr int maxMillisecondsPerWakeUp = 8;

    explicit TerminalSession(TerminalModel &model, QObject *parent = nullptr);
    ~TerminalSession() override; // hangs the process up if it still runs

    Core::Result<> start(const QString &controlSocket, const QStringList &command,
                         const QMap<QString, QString> &environment = {});
    bool isRunning() const { return m_session && !m_session->hasEnded(); }

Q_SIGNALS:
    void finished(int exitCode);
    void failed(const QString &reason);

private:
    void readOutput();

    TerminalModel &m_model;
    std::unique_ptr<Guest::HostPty> m_pty;
    std::unique_ptr<Vm::GuestSession> m_session;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace Paddock::App
