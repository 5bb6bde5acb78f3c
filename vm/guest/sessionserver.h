#pragma once
// The serving side of the session protocol (sessionprotocol.h): the host's bridge to a sandbox's agent
// (vm/sessionbridge.h).
#include "sessionprotocol.h"

#include <optional>
#include <vector>

namespace Paddock::Guest {

// Reads one request from a connection: the header with its descriptors (SCM_RIGHTS, appended to
// descriptors, which the caller then owns), then the payload. Nothing when it is not a well-formed request.
std::optional<SessionRequest> receiveRequest(int connection, std::vector<int> &descriptors);

} // namespace Paddock::Guest
