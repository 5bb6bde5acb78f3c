#pragma once

#include "core/result.h"
#include "vm/processusage.h"
#include "vm/resourcelimits.h"

#include <QMap>
#include <QObject>
#include <QString>

namespace Paddock::Vm {

// What a backend needs to start one sandbox; the manager prepares it.
struct BackendStart
{
    QString sandbox;       // its name
    QString workspace;     // host folder, /workspace inside
    QString workspaceDisk; // a microVM's clone mode: the clone lives on this disk image, made from workspace
    int diskMiB = 0;       // workspaceDisk's size (sparse); 0: the backend's default
    // The agent's home (/home/agent), kept between starts: a host folder for a namespace sandbox, a disk
    // image (made at the first start) for a microVM.
    QString home;
    // A microVM's system disk (vm/systemdisk.h): its root, kept between starts; made at the first start.
    QString systemDisk;
    QString runtimeDirectory; // private to this run (0700), removed by the manager after stop
    QString proxySocket;      // the sandbox's proxy listener, the only way out
    ResourceLimits limits;
    // TLS interception: the host's roots plus Paddock's CA, put over the sandbox's system bundle
    // (systemBundle, the same path inside), and Paddock's CA alone; empty: the host's bundle unchanged.
    QString trustBundle;
    QString systemBundle;
    QString caCertificate;
    QMap<QString, QString> environment; // for every process in it: trust variables, credential placeholders
};

// A running sandbox as its backend reports it.
struct StartedSandbox
{
    QString controlSocket; // paddock-guest serves sessions here (GuestSession)
    QString note;          // what the user should know, e.g. that limits could not be applied
};

// One kind of sandbox (design.md "Backends"): starts and stops them; sessions then go to the guest's
// control socket. Reports through signals; never holds a widget.
class Backend : public QObject
{
    Q_OBJECT

public:
    virtual QString name() const = 0;
    // Returns once the guest passed its network self-test and accepts sessions.
    virtual Core::Result<StartedSandbox> start(const BackendStart &request) = 0;
    // Ends every process of the sandbox: politely first, then for certain.
    virtual void stop(const QString &sandbox) = 0;
    virtual bool isRunning(const QString &sandbox) const = 0;
    // CPU time and memory of everything running in it; nothing when it does not run.
    virtual std::optional<ProcessUsage> usage(const QString &sandbox) const = 0;
    // The TCP ports that something in the running sandbox listens on (inside it: not reachable from the
    // host).
    virtual QList<int> listeningPorts(const QString &sandbox) const = 0;
    // Brings the running sandbox's branches into hostClone where the clone does not live on the host (a
    // microVM's disk); nothing to do where it does.
    virtual Core::Result<> fetchBranches(const QString &sandbox, const QString &hostClone)
    {
        Q_UNUSED(sandbox);
        Q_UNUSED(hostClone);
        return {};
    }

Q_SIGNALS:
    void ended(const QString &sandbox, const QString &reason); // it died without stop()
    // It paused because the host's file system is full (a microVM's disk), and resumed once there was space.
    void paused(const QString &sandbox, const QString &reason);
    void resumed(const QString &sandbox);
};

} // namespace Paddock::Vm
