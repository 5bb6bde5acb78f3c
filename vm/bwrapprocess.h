#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QProcess>
#include <QString>

#include <array>

namespace Paddock::Vm {

// The host side of starting bwrap: the files its command line binds in, and the descriptor it inherits.
class BwrapProcess
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::BwrapProcess)

public:
    // Writes BwrapCommand::etcFiles() into directory (which must exist), readable by everyone: the sandbox's
    // user may be another host uid.
    static Core::Result<> writeEtcFiles(const QString &directory);
    // Lets process's child inherit fd (the seccomp filter), which stays close-on-exec for every other child.
    static void inheritDescriptor(QProcess &process, int fd);
    // The same for two (the seccomp filter and the agent's link; -1: none).
    static void inheritDescriptors(QProcess &process, std::array<int, 2> fds);
};

} // namespace Paddock::Vm
