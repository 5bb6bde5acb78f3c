#include "app/gui/branchlistmodel.h"

#include "app/gui/statedot.h"

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

QString BranchListModel::networkText(const Proxy::NetworkSummary &network)
{
    if (network.requests == 0)
        return tr("No requests");
    QStringList parts{tr("%n host(s)", nullptr, network.hostsContacted())};
    if (network.blocked > 0)
        parts.append(tr("%n blocked", nullptr, network.blocked));
    if (network.secretsCaught > 0)
        parts.append(tr("%n secret(s) caught", nullptr, network.secretsCaught));
    return parts.join(u" · "_s);
}

QString BranchListModel::networkToolTip(const Proxy::NetworkSummary &network)
{
    if (network.requests == 0)
        return tr("The sandbox has made no request through the proxy.");
    constexpr int shownHosts = 12;
    QStringList lines{tr("%n request(s) through the proxy:", nullptr, network.requests)};
    for (qsizetype i = 0; i < network.hosts.size() && i < shownHosts; ++i) {
        const Proxy::NetworkSummary::Host &host = network.hosts[i];
        lines.append(host.blocked > 0
                         ? tr("%1: %2, %3 blocked").arg(host.host).arg(host.requests).arg(host.blocked)
                         : tr("%1: %2").arg(host.host).arg(host.requests));
    }
    if (network.hosts.size() > shownHosts)
        lines.append(tr("and %n more host(s)", nullptr, int(network.hosts.size() - shownHosts)));
    if (network.secretsCaught > 0)
        lines.append(tr("The secret scanner stopped %n request(s) carrying a secret.", nullptr,
                        network.secretsCaught));
    return lines.join(u'\n');
}

BranchListModel::BranchListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void BranchListModel::setBranches(const QList<Branch> &branches)
{
    beginResetModel();
    m_branches = branches;
    endResetModel();
}

const BranchListModel::Branch *BranchListModel::branch(int row) const
{
    return row >= 0 && row < m_branches.size() ? &m_branches.at(row) : nullptr;
}

int BranchListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_branches.size(); ++row) {
        if (m_branches.at(row).name == name)
            return row;
    }
    return -1;
}

void BranchListModel::setSummary(const QString &name, const BranchSummary &summary)
{
    if (const int row = rowOf(name); row >= 0) {
        m_branches[row].state = Branch::State::Ready;
        m_branches[row].summary = summary;
        m_branches[row].error.clear();
        changed(row);
    }
}

void BranchListModel::setStats(const QString &name, const QString &branchCommit, const QString &targetCommit,
                               const DiffStats &stats)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    BranchSummary &summary = m_branches[row].summary;
    if (summary.branchCommit != branchCommit || summary.targetCommit != targetCommit)
        return; // counted for a branch or target that has moved since
    summary.stats = stats;
    summary.counted = true;
    changed(row);
}

void BranchListModel::setNetwork(const QHash<QString, Proxy::NetworkSummary> &summaries)
{
    for (Branch &branch : m_branches)
        branch.network = summaries.value(branch.name);
    if (!m_branches.isEmpty())
        Q_EMIT dataChanged(index(0, Network), index(rowCount() - 1, Network));
}

void BranchListModel::setFailed(const QString &name, const QString &error)
{
    if (const int row = rowOf(name); row >= 0) {
        m_branches[row].state = Branch::State::Failed;
        m_branches[row].error = error;
        changed(row);
    }
}

void BranchListModel::setState(const QString &name, Branch::State state)
{
    if (const int row = rowOf(name); row >= 0) {
        m_branches[row].state = state;
        changed(row);
    }
}

void BranchListModel::changed(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int BranchListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_branches.size());
}

int BranchListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BranchListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Branch &branch = m_branches.at(index.row());
    const BranchSummary &summary = branch.summary;
    const bool ready = branch.state == Branch::State::Ready;
    if (role == NameRole)
        return branch.name;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Sandbox:
            return branch.name;
        case Agent:
            return branch.agent;
        case Commits:
            switch (branch.state) {
            case Branch::State::Loading:
                return tr("Loading…");
            case Branch::State::Failed:
                return tr("Could not be read");
            case Branch::State::Discarded:
                return tr("Discarded");
            case Branch::State::Ready:
                if (summary.behind == 0)
                    return tr("%n ahead", nullptr, summary.ahead);
                //: Commits the branch has that its target lacks, and the other way round
                return tr("%1 ahead, %2 behind").arg(summary.ahead).arg(summary.behind);
            }
            break;
        case Files:
            return ready ? QVariant(summary.stats.files) : QVariant();
        case Changes:
            //: Lines added and removed, e.g. "+120 −8"
            if (ready && !summary.counted)
                return tr("counting…");
            return ready ? tr("+%1 −%2").arg(summary.stats.additions).arg(summary.stats.deletions)
                         : QVariant();
        case Network:
            return branch.network ? networkText(*branch.network) : QVariant();
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Network && branch.network)
        return networkToolTip(*branch.network);
    if (role == Qt::ForegroundRole && index.column() == Network && branch.network &&
        branch.network->secretsCaught > 0)
        return stateColour(StateLook::Failed);
    if (role == Qt::TextAlignmentRole && (index.column() == Files || index.column() == Changes))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (branch.state == Branch::State::Failed)
            return branch.error;
        if (ready && index.column() == Commits)
            return tr("paddock/%1 against %2").arg(branch.name, summary.target);
        if (index.column() == Sandbox)
            return branch.repository;
    }
    if (role == Qt::ForegroundRole && index.column() == Commits) {
        if (branch.state == Branch::State::Failed)
            return stateColour(StateLook::Failed);
    }
    if (role == Qt::DecorationRole && index.column() == Sandbox) {
        switch (branch.state) {
        case Branch::State::Loading:
            return stateDot(StateLook::Starting);
        case Branch::State::Ready:
            return stateDot(summary.ahead > 0 ? StateLook::Running : StateLook::Stopped);
        case Branch::State::Failed:
            return stateDot(StateLook::Failed);
        case Branch::State::Discarded:
            return stateDot(StateLook::Stopped);
        }
    }
    return {};
}

QVariant BranchListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Network)
        return tr("What the sandbox did through the proxy: hosts reached, requests blocked, secrets caught");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Sandbox:
        return tr("Sandbox");
    case Agent:
        return tr("Agent");
    case Commits:
        return tr("Commits");
    case Files:
        return tr("Files");
    case Changes:
        return tr("Lines");
    case Network:
        return tr("Network");
    }
    return {};
}

} // namespace Paddock::App
