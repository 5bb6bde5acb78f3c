#pragma once

#include "core/result.h"

#include <QObject>
#include <QString>

class QProcess;

namespace Paddock::Vm {

// The host side of a virtiofs share: QEMU's C virtiofsd (bookworm ships it with QEMU) serving one folder
// to one machine over vhost-user. It runs as the user in a user namespace of its own (`unshare -r`), where
// its own sandbox (mount, pid and net namespaces, pivot_root into the folder, seccomp) works without root.
// Paddock makes its listening socket and hands it over (--fd), so it writes no pid file under /run, which a
// user may not write.
class VirtioFsDaemon : public QObject
{
    Q_OBJECT

public:
    // Where a virtiofsd of the C kind is looked for, in order.
    static QStringList knownPrograms();
    // The virtiofsd to use: PADDOCK_VIRTIOFSD when set ("off" for none, so the share falls back to 9p),
    // else the first known one that exists; empty when there is none. For an emulated machine, none unless
    // PADDOCK_VIRTIOFSD names one: under emulation a share has stalled for good (a guest's requests went
    // unanswered, QEMU and virtiofsd idle), so the slower 9p is the default there.
    static QString findProgram(bool emulated = false);

    explicit VirtioFsDaemon(QObject *parent = nullptr);
    ~VirtioFsDaemon() override; // stops it

    // Listens on socketPath (0600) and starts program on folder; returns once it waits for QEMU, or why it
    // could not start (its own words included). QEMU may connect to the socket at once.
    Core::Result<> start(const QString &program, const QString &folder, const QString &socketPath);
    // It ends by itself when QEMU disconnects; this waits for that briefly, then kills it.
    void stop(int timeoutMs = 2'000);
    bool isRunning() const;

private:
    QProcess *m_process;
    QByteArray m_said; // its stderr, bounded
};

} // namespace Paddock::Vm
