#include "proxy/networksummary.h"

#include "proxy/auditlog.h"

#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {

// The audit log keeps five rotated files of 10 MiB; more than that is not ours.
constexpr int maxRotatedFiles = 9;

} // namespace

int NetworkSummary::hostsContacted() const
{
    return int(std::count_if(hosts.cbegin(), hosts.cend(),
                             [](const Host &host) { return host.requests > host.blocked; }));
}

void NetworkSummary::add(const DecisionEvent &event)
{
    ++requests;
    const bool denied = event.verdict != DecisionEvent::Verdict::Allow;
    blocked += denied;
    secretsCaught += !event.secretKind.isEmpty();
    bytesUp += event.bytesUp;
    bytesDown += event.bytesDown;
    auto host = std::find_if(hosts.begin(), hosts.end(), [&](const Host &h) { return h.host == event.host; });
    if (host == hosts.end()) {
        hosts.append({event.host, 0, 0});
        host = hosts.end() - 1;
    }
    ++host->requests;
    host->blocked += denied;
}

void NetworkSummary::sortHosts()
{
    std::stable_sort(hosts.begin(), hosts.end(), [](const Host &a, const Host &b) {
        return a.requests != b.requests ? a.requests > b.requests : a.host < b.host;
    });
}

namespace {

void addAll(QHash<QString, NetworkSummary> &summaries, const QList<DecisionEvent> &events,
            const QHash<QString, QDateTime> &since)
{
    for (const DecisionEvent &event : events) {
        const auto start = since.constFind(event.sandbox);
        if (event.startingUp || start == since.cend() || (start->isValid() && event.time < *start))
            continue;
        summaries[event.sandbox].add(event);
    }
}

QHash<QString, NetworkSummary> empty(const QHash<QString, QDateTime> &since)
{
    QHash<QString, NetworkSummary> summaries;
    for (auto it = since.cbegin(); it != since.cend(); ++it)
        summaries.insert(it.key(), {});
    return summaries;
}

} // namespace

QHash<QString, NetworkSummary> NetworkSummary::of(const QList<DecisionEvent> &events,
                                                  const QHash<QString, QDateTime> &since)
{
    QHash<QString, NetworkSummary> summaries = empty(since);
    addAll(summaries, events, since);
    for (NetworkSummary &summary : summaries)
        summary.sortHosts();
    return summaries;
}

QHash<QString, NetworkSummary> NetworkSummary::fromAuditLog(const QString &path,
                                                            const QHash<QString, QDateTime> &since)
{
    QHash<QString, NetworkSummary> summaries = empty(since);
    // One file at a time, so a full log (six files of 10 MiB) is never all in memory as events.
    for (int rotated = maxRotatedFiles; rotated >= 0; --rotated) {
        QFile file(rotated == 0 ? path : QString(path + u'.' + QString::number(rotated)));
        if (file.open(QIODevice::ReadOnly))
            addAll(summaries, AuditLog::parse(file.readAll()), since);
    }
    for (NetworkSummary &summary : summaries)
        summary.sortHosts();
    return summaries;
}

} // namespace Paddock::Proxy
