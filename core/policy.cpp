#include "core/policy.h"

namespace Paddock::Core {

void Policy::setLayer(PolicyLayer layer, QList<PolicyRule> rules)
{
    m_layers[size_t(layer)] = std::move(rules);
    m_matcher.reset();
}

const QList<PolicyRule> &Policy::layer(PolicyLayer layer) const
{
    return m_layers[size_t(layer)];
}

std::shared_ptr<const PolicyMatcher> Policy::matcher() const
{
    if (!m_matcher) {
        QList<LayeredRule> rules;
        for (size_t i = 0; i < m_layers.size(); ++i) {
            for (const PolicyRule &rule : m_layers[i])
                rules.append({rule, PolicyLayer(i)});
        }
        m_matcher = std::make_shared<const PolicyMatcher>(std::move(rules));
    }
    return m_matcher;
}

} // namespace Paddock::Core
