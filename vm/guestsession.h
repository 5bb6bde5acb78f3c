#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QMap>
#include <QObject>
#include <QSocketNotifier>
#include <QStringList>

#include <array>
#include <memory>

namespace Paddock::Guest {
class ReplyReader;
}

namespace Paddock::Vm {

// What a session runs and with which descriptors.
struct SessionOptions
{
    QStringList command;
    QMap<QString, QString> environment; // on top of the sandbox's own
    QString workingDirectory = QStringLiteral("/workspace");
    bool terminal = false;                   // the descriptors are a PTY's slave side
    std::array<int, 3> descriptors{0, 1, 2}; // stdin, stdout, stderr for the session (passed, not owned)
};

// One session on a running sandbox's control socket (vm/guest/sessionprotocol.h): a process in it. Its
// exit comes as a signal from the event loop; destroying the session hangs the process up. Everything the
// guest says is untrusted: a garbled or missing answer ends the session with an error, nothing more.
class GuestSession : public QObject
{
    Q_OBJECT

public:
    ~GuestSession() override;

    // Connects, sends the request with the descriptors and waits (at most a few seconds) for "started".
    static Core::Result<std::unique_ptr<GuestSession>> open(const QString &controlSocket,
                                                            const SessionOptions &options);
    // Sends the request and returns at once, for callers that must not wait (a published port's connections):
    // hasStarted() turns true once the guest says so; a start that fails comes as failed().
    static Core::Result<std::unique_ptr<GuestSession>> begin(const QString &controlSocket,
                                                             const SessionOptions &options);
    // Ends every process in the sandbox and then paddock-guest itself.
    static Core::Result<> shutdown(const QString &controlSocket, int timeoutMs);

    qint64 pid() const { return m_pid; } // in the sandbox's PID namespace; 0 until it has started
    bool hasStarted() const { return m_pid > 0; }
    // The session's connection, for a SessionAttachment to send "resize" lines from its signal handler.
    int connection() const { return m_fd; }
    bool hasEnded() const { return m_ended; }
    // Sends a signal to the session's process group; false when the guest is gone.
    bool sendSignal(int signal);
    // Tells the sandbox that the terminal's PTY (the host's end) now has this size; false when it is gone.
    bool resize(int rows, int columns);
    // Runs a local event loop until the session ends: its exit code, or why it could not be told.
    Core::Result<int> waitForExit();

Q_SIGNALS:
    void exited(int exitCode);
    void failed(const QString &reason); // the guest went away or said something that is not protocol

private:
    GuestSession(int fd, qint64 pid);
    // Connects to the control socket and sends the request with the descriptors: the connection.
    static Core::Result<int> sendRequest(const QString &controlSocket, const SessionOptions &options);
    static QString couldNotStart(const std::string &reason);
    void watch(); // replies from now on come through onReadable()
    bool sendLine(const QByteArray &line);
    void onReadable();
    void finish(std::optional<int> exitCode, const QString &reason);

    int m_fd = -1;
    qint64 m_pid = 0;
    std::unique_ptr<Guest::ReplyReader> m_reader;
    std::unique_ptr<QSocketNotifier> m_notifier;
    bool m_ended = false;
    std::optional<int> m_exitCode;
    QString m_failure;
};

} // namespace Paddock::Vm
