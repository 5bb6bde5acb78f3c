#pragma once

#include "proxy/decisionevent.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace Paddock::Proxy {

// What one sandbox did on the network, from the proxy's decisions: for the review page's branch list.
struct NetworkSummary
{
    struct Host
    {
        QString host;
        int requests = 0;
        int blocked = 0;
    };

    int requests = 0;
    int blocked = 0; // denied or failed, secrets included
    int secretsCaught = 0;
    qint64 bytesUp = 0;
    qint64 bytesDown = 0;
    QList<Host> hosts; // most requests first

    // Hosts that were allowed at least once.
    int hostsContacted() const;
    void add(const DecisionEvent &event);
    void sortHosts();

    // Every sandbox's summary from decisions; a sandbox's decisions before since[sandbox] (its creation: an
    // older sandbox of the same name) are left out. Sandboxes not in since are left out.
    static QHash<QString, NetworkSummary> of(const QList<DecisionEvent> &events,
                                             const QHash<QString, QDateTime> &since);
    // The same from the audit log at path and the files it rotated into (path.1 …), malformed lines skipped.
    static QHash<QString, NetworkSummary> fromAuditLog(const QString &path,
                                                       const QHash<QString, QDateTime> &since);
};

} // namespace Paddock::Proxy
