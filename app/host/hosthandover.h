#pragma once

#include "app/host/sandboxhost.h"
#include "core/paths.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QStringList>

namespace Paddock::App {

// A Paddock window that opens while another process holds the control socket asks that process what it is:
// the window already open comes to the front; a background `paddock serve` stops its sandboxes and ends so
// that the window hosts them; a command (`exec`, `run`) is waited for.
class HostHandover
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::HostHandover)

public:
    struct Holder
    {
        SandboxHost::Role role = SandboxHost::Role::Command;
        qint64 pid = 0;
        QStringList running;
    };

    // The process that hosts the sandboxes now.
    static Core::Result<Holder> holder(const Core::Paths &paths);
    // Asks a `paddock serve` to stop its sandboxes and end, then opens host in its place: the names of the
    // sandboxes it stopped (for the window to start again).
    static Core::Result<QStringList> takeOver(const Core::Paths &paths, SandboxHost &host);
    // Asks the window that hosts them to come to the front.
    static Core::Result<> showWindow(const Core::Paths &paths);
};

} // namespace Paddock::App
