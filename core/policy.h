#pragma once

#include "core/policymatcher.h"

#include <array>
#include <memory>

namespace Paddock::Core {

// A sandbox's effective policy: the rules of each layer (preset, global, project file, sandbox), compiled
// into one matcher. Layers only say where a rule came from; the most specific rule wins whatever its layer.
class Policy
{
public:
    void setLayer(PolicyLayer layer, QList<PolicyRule> rules);
    const QList<PolicyRule> &layer(PolicyLayer layer) const;
    // The compiled rules; shared and immutable, so the proxy's threads can keep using an old one.
    std::shared_ptr<const PolicyMatcher> matcher() const;

private:
    std::array<QList<PolicyRule>, 4> m_layers;
    mutable std::shared_ptr<const PolicyMatcher> m_matcher;
};

} // namespace Paddock::Core
