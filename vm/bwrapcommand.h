#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace Paddock::Vm {

// What one namespace sandbox process needs; host paths unless said otherwise.
struct NamespaceSandboxSpec
{
    QString workspace;    // bound read-write at /workspace
    QString home;         // the sandbox's own home, bound at /home/agent; empty: a tmpfs
    QString proxySocket;  // a command's proxy listener, bound at /run/paddock/proxy.sock
    QString guestBinary;  // paddock-guest, bound at /run/paddock/paddock-guest
    QString etcDirectory; // generated passwd, group and hosts for the sandbox
    QStringList command;  // run inside, in /workspace; empty with an agentFd
    // A long-running sandbox: paddock-guest's agent speaks the agent protocol (docs/guest-protocol.md) on
    // this inherited descriptor, and its forwarder's connections go to the host over it (no proxySocket).
    int agentFd = -1;
    QMap<QString, QString> environment; // on top of the sandbox's own (the template's variables)
    QString trustBundle;                // bound at /run/paddock/ca-bundle.pem and over systemBundle
    QString systemBundle;               // the host's bundle path, seen inside through the /etc/ssl bind
    QString caCertificate;              // Paddock's CA alone, bound at /run/paddock/paddock-ca.pem
    int seccompFd = -1;                 // from SeccompFilter, inherited by bwrap
    bool ownTerminal = false;           // the session has a PTY of its own; otherwise a new session
    bool selfTest = true;               // with a proxy or an agent: check the network before anything starts
};

// The bubblewrap argument list for a sandbox (design.md "The sandbox"): new user, mount, pid, ipc, uts,
// cgroup and net namespaces (only loopback, where paddock-guest forwards to the proxy), all capabilities
// dropped, the host's /usr read-only, private /tmp and home, only the workspace writable. Pure: reads only
// what the host's root looks like (merged /usr or not).
class BwrapCommand
{
public:
    static constexpr auto proxyPort = 3128;
    static constexpr auto sandboxUid = 1000;
    static constexpr auto trustBundleInSandbox = "/run/paddock/ca-bundle.pem";
    static constexpr auto caCertificateInSandbox = "/run/paddock/paddock-ca.pem";

    static QStringList arguments(const NamespaceSandboxSpec &spec);
    static QMap<QString, QString> baseEnvironment(const QString &term);
    // passwd, group and hosts for an agent user named "agent" with sandboxUid.
    static QMap<QString, QByteArray> etcFiles();
};

} // namespace Paddock::Vm
