#pragma once

#include "app/gui/networklogmodel.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace Paddock::App {

// Which of the network log's rows are shown: one sandbox or all, allowed or blocked or both, hosts
// containing some text. Keeps the log's order; the source must be a NetworkLogModel.
class NetworkLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit NetworkLogFilter(QObject *parent = nullptr);

    void setSandbox(const QString &sandbox);                          // empty: every sandbox
    void setOutcome(std::optional<NetworkLogModel::Outcome> outcome); // nullopt: both
    void setHostText(const QString &text);                            // case-insensitive substring
    QString sandbox() const { return m_sandbox; }
    std::optional<NetworkLogModel::Outcome> outcome() const { return m_outcome; }
    QString hostText() const { return m_hostText; }
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_sandbox;
    std::optional<NetworkLogModel::Outcome> m_outcome;
    QString m_hostText;
};

} // namespace Paddock::App
