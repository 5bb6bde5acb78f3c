#pragma once

#include "core/result.h"

#include <QObject>
#include <QString>
#include <QTcpServer>

#include <map>
#include <memory>

namespace Paddock::Vm {

class GuestSession;

// A port of a running sandbox made reachable from this computer (design.md's publishPort): a listener on
// the host's loopback only, whose every connection becomes a session running `paddock-guest connect PORT`
// in the sandbox, with the accepted socket as its stdin and stdout. So it works the same on both backends:
// a namespace sandbox's guest gets the socket itself (nothing is relayed on the host), a microVM's through
// the session bridge. Nothing is published unless the user asks for it.
class PublishedPort : public QTcpServer
{
    Q_OBJECT

public:
    ~PublishedPort() override; // hangs up its connections

    // Listens on 127.0.0.1:hostPort (0: the sandbox's own port when it is free, any free port otherwise).
    static Core::Result<std::unique_ptr<PublishedPort>> open(const QString &controlSocket, int sandboxPort,
                                                             int hostPort = 0);

    int sandboxPort() const { return m_sandboxPort; }
    int hostPort() const { return serverPort(); }
    int connectionCount() const { return int(m_sessions.size()); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    PublishedPort(const QString &controlSocket, int sandboxPort);

    QString m_controlSocket;
    int m_sandboxPort;
    quint64 m_nextSession = 1;
    std::map<quint64, std::unique_ptr<GuestSession>> m_sessions; // one per open connection
};

} // namespace Paddock::Vm
