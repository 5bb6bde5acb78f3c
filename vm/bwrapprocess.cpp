#include "vm/bwrapprocess.h"

#include "vm/bwrapcommand.h"

#include <QDir>
#include <QSaveFile>

#include <fcntl.h>

namespace Paddock::Vm {

Core::Result<> BwrapProcess::writeEtcFiles(const QString &directory)
{
    const auto files = BwrapCommand::etcFiles();
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QSaveFile file(QDir(directory).filePath(it.key()));
        if (!file.open(QIODevice::WriteOnly) || file.write(it.value()) != it.value().size() || !file.commit())
            return Core::fail(Core::ErrorCode::Io,
                              tr("Could not write %1: %2").arg(file.fileName(), file.errorString()));
        QFile::setPermissions(file.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                   QFileDevice::ReadGroup | QFileDevice::ReadOther);
    }
    return {};
}

void BwrapProcess::inheritDescriptor(QProcess &process, int fd)
{
    inheritDescriptors(process, {fd, -1});
}

void BwrapProcess::inheritDescriptors(QProcess &process, std::array<int, 2> fds)
{
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([fds] {
        for (int fd : fds)
            if (fd >= 0)
                fcntl(fd, F_SETFD, 0);
    });
}

} // namespace Paddock::Vm
