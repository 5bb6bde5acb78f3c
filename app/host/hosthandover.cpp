#include "app/host/hosthandover.h"

#include "app/host/controlclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

constexpr int handOverTimeoutMs = 180'000; // stopping microVMs one after the other, 6 s at most each
constexpr int socketFreeTimeoutMs = 10'000;

Result<std::unique_ptr<ControlClient>> connected(const Paths &paths)
{
    auto client = ControlClient::connectToHost(paths);
    if (!client)
        return fail(ErrorCode::Unavailable, HostHandover::tr("The Paddock process that hosts the sandboxes "
                                                             "does not answer."));
    return client;
}

} // namespace

Result<HostHandover::Holder> HostHandover::holder(const Paths &paths)
{
    auto client = connected(paths);
    if (!client)
        return std::unexpected(client.error());
    const auto status = (*client)->request({{u"op"_s, u"status"_s}});
    if (!status)
        return std::unexpected(status.error());
    Holder holder;
    holder.role = SandboxHost::roleFromName(status->value(u"host"_s).toString());
    holder.pid = status->value(u"pid"_s).toInteger();
    for (const QJsonValue &entry : status->value(u"running"_s).toArray())
        holder.running << entry.toObject().value(u"name"_s).toString();
    return holder;
}

Result<QStringList> HostHandover::takeOver(const Paths &paths, SandboxHost &host)
{
    auto client = connected(paths);
    if (!client)
        return std::unexpected(client.error());
    const auto reply = (*client)->request({{u"op"_s, u"hand-over"_s}}, handOverTimeoutMs);
    if (!reply)
        return std::unexpected(reply.error());
    QStringList stopped;
    for (const QJsonValue &name : reply->value(u"stopped"_s).toArray())
        stopped << name.toString();
    // It let go of the socket before it answered; a moment more for a slow machine.
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        auto opened = host.open();
        if (opened)
            return stopped;
        if (timer.elapsed() > socketFreeTimeoutMs)
            return std::unexpected(opened.error());
        QThread::msleep(50);
    }
}

Result<> HostHandover::showWindow(const Paths &paths)
{
    auto client = connected(paths);
    if (!client)
        return std::unexpected(client.error());
    if (const auto shown = (*client)->request({{u"op"_s, u"show"_s}}); !shown)
        return std::unexpected(shown.error());
    return {};
}

} // namespace Paddock::App
