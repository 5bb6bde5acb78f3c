#pragma once

#include <QMap>
#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <vector>

class QSocketNotifier;

namespace Paddock::Vm {

class AgentLink;

// Serves the session protocol (vm/guest/sessionprotocol.h) on a host Unix socket for a sandbox's agent,
// whose link carries bytes only (a microVM's virtio-serial port can carry nothing else): each request's
// stdin, stdout and stderr (or PTY) are pumped through an agent channel. So GuestSession, terminals and
// `paddock exec` work the same on either backend. A PTY's
// slave is put in raw mode: the guest's own PTY does the line discipline.
class SessionBridge : public QObject
{
    Q_OBJECT

public:
    // environment: what every session gets (the sandbox's), under the request's own variables.
    SessionBridge(AgentLink *link, QMap<QString, QString> environment, QObject *parent = nullptr);
    ~SessionBridge() override;

    // Listens on path (0600); false when it cannot.
    bool listen(const QString &path);

private:
    struct Session;
    void acceptConnection();
    void startSession(int connection);
    void pumpInput(Session &session);
    void writeOutput(Session &session);
    void readControl(Session &session);
    void end(quint64 id, const QByteArray &lastLine);

    AgentLink *m_link;
    QMap<QString, QString> m_environment;
    int m_listener = -1;
    QString m_path; // where it listens
    QSocketNotifier *m_listenerNotifier = nullptr;
    quint64 m_nextId = 1;
    std::map<quint64, std::unique_ptr<Session>> m_sessions;
    std::vector<int> m_shutdownRequests; // connections waiting for the guest's end
};

} // namespace Paddock::Vm
