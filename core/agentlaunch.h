#pragma once

#include "core/agenttemplate.h"

#include <QStringList>

namespace Paddock::Core {

// Where a session installs the agent CLI: ~/.local of the agent's home, which each sandbox keeps between
// starts; its bin folder comes first in the sandbox's PATH.
inline constexpr char agentToolsBin[] = "/home/agent/.local/bin";

// The argv a session runs to start the template's agent. With an `install`, `sh -c SCRIPT` installs it into
// ~/.local on first use (and again once the install changes), showing its progress in the session,
// then execs the agent; without one, the agent's own argv.
QStringList agentSessionArguments(const AgentTemplate &agent);

// Each word in single quotes for a POSIX shell, space-separated.
QString shellQuoted(const QStringList &words);

} // namespace Paddock::Core
