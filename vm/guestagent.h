#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QThread>

namespace Paddock::Vm {

class AgentLink;
class SessionBridge;

// A sandbox's guest agent (a microVM's, or a namespace sandbox's) as the host sees it: the agent link and its
// session bridge on a thread of their own, because GuestSession::open blocks its caller until the guest
// answers, and no GUI thread may carry a sandbox's traffic.
class GuestAgent
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::GuestAgent)

public:
    struct Options
    {
        QString proxySocket;                // where the guest's forwarder connections go
        QString controlSocket;              // the session protocol is served here (SessionBridge)
        QMap<QString, QString> environment; // every session's, under its own variables
    };

    explicit GuestAgent(Options options);
    ~GuestAgent(); // the link, the bridge and the thread end with it

    // Connects to the agent's port (QEMU's socket; retried while QEMU sets it up) or takes a connected
    // descriptor, serves the control socket, and returns once the guest's self-test passed.
    Core::Result<> connectAndWait(const QString &agentSocket, int timeoutMs);
    Core::Result<> attachAndWait(qintptr descriptor, int timeoutMs);
    // The TCP ports something in the guest listens on (its forwarder's excepted), as the guest reports them.
    QList<int> listeningPorts() const;
    // Asks the guest to end every process and power off; true once it said it did.
    bool shutdown(int timeoutMs);

private:
    struct Shared;
    Core::Result<> start(const QString &agentSocket, qintptr descriptor, int timeoutMs);

    Options m_options;
    QThread m_thread;
    AgentLink *m_link = nullptr;
    SessionBridge *m_bridge = nullptr;
    std::shared_ptr<Shared> m_shared;
};

} // namespace Paddock::Vm
