#include "app/gui/hostcountmodel.h"

#include "app/gui/networklogmodel.h"

namespace Paddock::App {

HostCountModel::HostCountModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HostCountModel::setSourceModel(QAbstractItemModel *source)
{
    if (m_source)
        m_source->disconnect(this);
    m_source = source;
    if (source) {
        connect(source, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &parent, int first, int last) {
                    if (!parent.isValid())
                        count(first, last, +1);
                });
        // Counted out while the rows can still be read.
        connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &parent, int first, int last) {
                    if (!parent.isValid())
                        count(first, last, -1);
                });
        connect(source, &QAbstractItemModel::modelReset, this, &HostCountModel::recount);
        connect(source, &QAbstractItemModel::layoutChanged, this, &HostCountModel::recount);
    }
    recount();
}

void HostCountModel::count(int first, int last, int sign)
{
    QList<int> emptied;
    for (int row = first; row <= last; ++row) {
        const QString host = m_source->index(row, NetworkLogModel::Host).data().toString();
        const bool blocked = m_source->index(row, NetworkLogModel::Host).data(NetworkLogModel::OutcomeRole) ==
                             int(NetworkLogModel::Outcome::Blocked);
        int at = m_rowOfHost.value(host, -1);
        if (at < 0) {
            if (sign < 0)
                continue; // never counted in: nothing to take out
            at = int(m_counts.size());
            beginInsertRows({}, at, at);
            m_counts.append({host, 0, 0});
            m_rowOfHost.insert(host, at);
            endInsertRows();
        }
        Count &entry = m_counts[at];
        entry.requests += sign;
        entry.blocked += blocked ? sign : 0;
        Q_EMIT dataChanged(index(at, Requests), index(at, Blocked));
        if (entry.requests <= 0 && !emptied.contains(at))
            emptied.append(at);
    }
    // Hosts no longer in the log go, last first so the rows still to remove keep their numbers.
    std::sort(emptied.begin(), emptied.end(), std::greater<>());
    for (const int at : std::as_const(emptied)) {
        beginRemoveRows({}, at, at);
        m_counts.removeAt(at);
        endRemoveRows();
    }
    if (!emptied.isEmpty()) {
        m_rowOfHost.clear();
        for (int row = 0; row < m_counts.size(); ++row)
            m_rowOfHost.insert(m_counts.at(row).host, row);
    }
}

void HostCountModel::recount()
{
    beginResetModel();
    m_counts.clear();
    m_rowOfHost.clear();
    endResetModel();
    if (m_source && m_source->rowCount() > 0)
        count(0, m_source->rowCount() - 1, +1);
}

int HostCountModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_counts.size());
}

int HostCountModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HostCountModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Count &entry = m_counts.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Host:
            return entry.host;
        case Requests:
            return entry.requests;
        case Blocked:
            return entry.blocked;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Host)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        // One arg() call: a host name from the log must not be read as a %-marker.
        return entry.requests == 1
                   ? tr("One request to %1, %2 blocked.").arg(entry.host, QString::number(entry.blocked))
                   : tr("%1 requests to %2, %3 blocked.")
                         .arg(QString::number(entry.requests), entry.host, QString::number(entry.blocked));
    return {};
}

QVariant HostCountModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section != Host)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Host:
        return tr("Host");
    case Requests:
        return tr("Requests");
    case Blocked:
        return tr("Blocked");
    }
    return {};
}

} // namespace Paddock::App
