#pragma once

#include "app/host/hosthandover.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QMessageBox>

#include <memory>
#include <optional>

namespace Paddock::App {

// A window that opens while another process hosts the sandboxes: the window already open comes forward, a
// background `paddock serve` hands its sandboxes over when the user agrees, a command is waited for.
class HostClaim
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::HostClaim)

public:
    struct Outcome
    {
        std::optional<int> exitCode; // set when this window does not open
        QStringList startAgain;      // what a background `paddock serve` handed over
    };

    static Outcome claim(const Core::Paths &paths, SandboxHost &host, const Core::Error &refused);
    // The question put for a background `paddock serve`; its accepting button is named "takeOver".
    static std::unique_ptr<QMessageBox> takeOverQuestion(const HostHandover::Holder &holder);
};

} // namespace Paddock::App
