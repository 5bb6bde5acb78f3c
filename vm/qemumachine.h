#pragma once

#include "core/result.h"

#include <QObject>
#include <QStringList>

class QProcess;

namespace Paddock::Vm {

class QmpClient;

// One QEMU process and its QMP connection: started from an argv (no shell), stopped politely and then for
// certain, and never outliving the Paddock process that started it (the kernel kills it if that dies).
class QemuMachine : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString program = QStringLiteral("qemu-system-x86_64");
        QStringList arguments;    // the machine; QMP is added on a socket in runtimeDirectory
        QString runtimeDirectory; // private to this machine (0700): its sockets and log
        int startTimeoutMs = 10'000;
        // False: QEMU may not back the guest's memory with transparent huge pages (PR_SET_THP_DISABLE).
        bool hugePages = true;
    };

    explicit QemuMachine(QObject *parent = nullptr);
    ~QemuMachine() override; // stops the machine if it runs

    // Returns once QEMU runs and QMP is ready; on failure QEMU's own words (its log) are in the error.
    Core::Result<> start(const Options &options);
    // ACPI power button first (a guest that handles it powers off cleanly), then QMP quit, then SIGKILL;
    // returns once the process is gone.
    void stop(int powerDownTimeoutMs = 10'000, int quitTimeoutMs = 3'000);
    bool isRunning() const;
    // Goes on after a pause for space (QMP cont); a write that still finds no space pauses it again.
    void resume();
    bool isPausedForSpace() const { return m_pausedForSpace; }
    qint64 processId() const;
    QmpClient *qmp() const { return m_qmp; }
    // What QEMU wrote to stderr and stdout (bounded).
    QString log() const;

Q_SIGNALS:
    // The process ended without stop(): the guest powered off, QEMU crashed or was killed.
    void ended(const QString &reason);
    // A disk image's write found the host's file system full: QEMU paused the machine (werror=enospc), so
    // the guest sees no error and loses nothing; node is the drive.
    void pausedForSpace(const QString &node);
    void resumed();

private:
    bool waitForExit(int timeoutMs);

    QProcess *m_process;
    QmpClient *m_qmp;
    QString m_logPath;
    bool m_stopping = false;
    QString m_shutdownReason; // from QEMU's SHUTDOWN event
    bool m_pausedForSpace = false;
};

} // namespace Paddock::Vm
