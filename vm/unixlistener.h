#pragma once

#include <QString>

namespace Paddock::Vm {

// A Unix socket listening on path (a stale socket there is replaced) that only this user may connect to
// (0600, whatever the umask); close-on-exec. Its descriptor, or -1 when it cannot be made.
int listenOnUnixSocket(const QString &path, bool nonBlocking, int backlog = 64);

} // namespace Paddock::Vm
