#pragma once

#include "core/paths.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocalSocket>
#include <QMap>

#include <memory>

namespace Paddock::App {

// The other side of SandboxHost's control socket: one JSON object per line each way.
class ControlClient
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::ControlClient)

public:
    // Connected to the process that hosts the sandboxes, or null when none runs.
    static std::unique_ptr<ControlClient> connectToHost(const Core::Paths &paths);
    // Starts `paddock serve --exit-when-idle` in the background (it ends with its last sandbox) and
    // connects to it.
    static Core::Result<std::unique_ptr<ControlClient>> launchHost(const Core::Paths &paths);

    // The host's answer when it says ok; its error otherwise.
    Core::Result<QJsonObject> request(const QJsonObject &request, int timeoutMs = 60'000);
    // The names of the sandboxes it runs.
    Core::Result<QStringList> runningSandboxes();
    // Each running sandbox with the ports published for it: the sandbox's port → the host's.
    Core::Result<QMap<QString, QMap<int, int>>> publishedPorts();

private:
    QLocalSocket m_socket;
};

} // namespace Paddock::App
