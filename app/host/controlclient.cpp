#include "app/host/controlclient.h"

#include "app/host/sandboxhost.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {
constexpr int connectTimeoutMs = 1000;
constexpr int launchTimeoutMs = 10'000;
constexpr qint64 maxReplyBytes = 1024 * 1024;
} // namespace

std::unique_ptr<ControlClient> ControlClient::connectToHost(const Paths &paths)
{
    auto client = std::make_unique<ControlClient>();
    client->m_socket.connectToServer(SandboxHost::controlSocketPath(paths));
    if (!client->m_socket.waitForConnected(connectTimeoutMs))
        return nullptr;
    return client;
}

Result<std::unique_ptr<ControlClient>> ControlClient::launchHost(const Paths &paths)
{
    QDir().mkpath(paths.stateDir());
    QProcess host;
    host.setProgram(QCoreApplication::applicationFilePath());
    host.setArguments({u"serve"_s, u"--exit-when-idle"_s});
    host.setStandardInputFile(QProcess::nullDevice());
    host.setStandardOutputFile(paths.stateDir() + u"/host.log"_s, QIODevice::Append);
    host.setStandardErrorFile(paths.stateDir() + u"/host.log"_s, QIODevice::Append);
    if (!host.startDetached())
        return fail(ErrorCode::Unavailable, tr("Could not start the Paddock host process."));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < launchTimeoutMs) {
        if (auto client = connectToHost(paths))
            return client;
        QThread::msleep(20);
    }
    return fail(
        ErrorCode::Unavailable,
        tr("The Paddock host process did not come up; see %1.").arg(paths.stateDir() + u"/host.log"_s));
}

Result<QJsonObject> ControlClient::request(const QJsonObject &request, int timeoutMs)
{
    m_socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    if (!m_socket.waitForBytesWritten(connectTimeoutMs) && m_socket.bytesToWrite() > 0)
        return fail(ErrorCode::Unavailable, tr("The Paddock host process does not listen."));
    QElapsedTimer timer;
    timer.start();
    while (!m_socket.canReadLine()) {
        if (m_socket.bytesAvailable() > maxReplyBytes || timer.elapsed() > timeoutMs ||
            !m_socket.waitForReadyRead(int(timeoutMs - timer.elapsed())))
            return fail(ErrorCode::Unavailable, tr("The Paddock host process did not answer."));
    }
    const QJsonDocument reply = QJsonDocument::fromJson(m_socket.readLine(maxReplyBytes));
    if (!reply.isObject())
        return fail(ErrorCode::Internal, tr("The Paddock host process gave an answer that is not JSON."));
    if (!reply.object().value(u"ok"_s).toBool())
        return fail(ErrorCode::Unavailable, reply.object().value(u"error"_s).toString());
    return reply.object();
}

Result<QStringList> ControlClient::runningSandboxes()
{
    const auto status = request({{u"op"_s, u"status"_s}});
    if (!status)
        return std::unexpected(status.error());
    QStringList names;
    for (const QJsonValue &entry : status->value(u"running"_s).toArray())
        names << entry.toObject().value(u"name"_s).toString();
    return names;
}

Result<QMap<QString, QMap<int, int>>> ControlClient::publishedPorts()
{
    const auto status = request({{u"op"_s, u"status"_s}});
    if (!status)
        return std::unexpected(status.error());
    QMap<QString, QMap<int, int>> published;
    for (const QJsonValue &entry : status->value(u"running"_s).toArray()) {
        const QJsonObject ports = entry.toObject().value(u"published"_s).toObject();
        QMap<int, int> &ofSandbox = published[entry.toObject().value(u"name"_s).toString()];
        for (auto it = ports.constBegin(); it != ports.constEnd(); ++it)
            ofSandbox.insert(it.key().toInt(), it.value().toInt());
    }
    return published;
}

} // namespace Paddock::App
