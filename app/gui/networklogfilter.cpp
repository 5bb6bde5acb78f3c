#include "app/gui/networklogfilter.h"

namespace Paddock::App {

NetworkLogFilter::NetworkLogFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void NetworkLogFilter::setSandbox(const QString &sandbox)
{
    if (sandbox == m_sandbox)
        return;
    m_sandbox = sandbox;
    invalidateRowsFilter();
}

void NetworkLogFilter::setOutcome(std::optional<NetworkLogModel::Outcome> outcome)
{
    if (outcome == m_outcome)
        return;
    m_outcome = outcome;
    invalidateRowsFilter();
}

void NetworkLogFilter::setHostText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_hostText)
        return;
    m_hostText = trimmed;
    invalidateRowsFilter();
}

bool NetworkLogFilter::isFiltering() const
{
    return !m_sandbox.isEmpty() || m_outcome || !m_hostText.isEmpty();
}

bool NetworkLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *log = qobject_cast<const NetworkLogModel *>(sourceModel());
    if (!log || sourceParent.isValid())
        return false;
    const Proxy::DecisionEvent &event = log->event(sourceRow);
    if (!m_sandbox.isEmpty() && event.sandbox != m_sandbox)
        return false;
    if (m_outcome && NetworkLogModel::outcomeOf(event) != *m_outcome)
        return false;
    return m_hostText.isEmpty() || event.host.contains(m_hostText, Qt::CaseInsensitive);
}

} // namespace Paddock::App
