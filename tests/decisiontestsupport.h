#pragma once

#include "proxy/decisionevent.h"
#include "proxy/proxyserver.h"

#include <QList>
#include <QObject>

namespace Paddock::Test {

// The proxy's decisions, as the test's thread receives them. Not a QSignalSpy: the proxy emits on its worker
// threads, and a spy (a direct connection) would be written there while the test reads or destroys it.
// sandbox: only that sandbox's decisions (a late event of an earlier test's connection never counts); empty:
// all of them.
class DecisionRecorder
{
public:
    explicit DecisionRecorder(Proxy::ProxyServer *server, QString sandbox = {})
        : m_sandbox(std::move(sandbox))
    {
        QObject::connect(
            server, &Proxy::ProxyServer::decided, &m_receiver,
            [this](const Proxy::DecisionEvent &event) {
                if (m_sandbox.isEmpty() || event.sandbox == m_sandbox)
                    m_events.append(event);
            },
            Qt::QueuedConnection);
    }
    QList<Proxy::DecisionEvent> events() const { return m_events; }
    qsizetype size() const { return m_events.size(); }
    bool isEmpty() const { return m_events.isEmpty(); }
    Proxy::DecisionEvent operator[](qsizetype i) const { return m_events.at(i); }
    Proxy::DecisionEvent first() const { return m_events.first(); }
    Proxy::DecisionEvent last() const { return m_events.last(); }

private:
    QString m_sandbox;
    QList<Proxy::DecisionEvent> m_events;
    QObject m_receiver; // last: destroyed (and so disconnected) first
};

} // namespace Paddock::Test
