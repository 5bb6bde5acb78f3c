#include "app/gui/commitlistmodel.h"

#include "app/gui/unifieddiff.h"

#include <QFontDatabase>
#include <QLocale>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

CommitListModel::CommitListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void CommitListModel::setCommits(const BranchCommits &commits)
{
    beginResetModel();
    m_commits = commits.commits;
    m_truncated = commits.truncated;
    endResetModel();
}

void CommitListModel::clear()
{
    setCommits({});
}

const CommitInfo *CommitListModel::commit(int row) const
{
    return row >= 0 && row < m_commits.size() ? &m_commits.at(row) : nullptr;
}

int CommitListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_commits.size());
}

int CommitListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommitListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CommitInfo &commit = m_commits.at(index.row());
    // Subjects and names are the agent's text: its control and bidi characters are shown, as in the diff.
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id:
            return commit.id.left(8);
        case Summary:
            return UnifiedDiff::visibleText(commit.summary);
        case Author:
            return UnifiedDiff::visibleText(commit.author);
        case Date:
            return QLocale().toString(commit.time.toLocalTime(), QLocale::ShortFormat);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Author)
            return QString(UnifiedDiff::visibleText(commit.author) + u" <"_s +
                           UnifiedDiff::visibleText(commit.authorEmail) + u'>');
        if (index.column() == Id)
            return commit.id;
        if (index.column() == Date)
            return QLocale().toString(commit.time, QLocale::LongFormat);
        return {};
    }
    if (role == Qt::FontRole && index.column() == Id)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return {};
}

QVariant CommitListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Commit");
    case Summary:
        return tr("Message");
    case Author:
        return tr("Author");
    case Date:
        return tr("Date");
    }
    return {};
}

} // namespace Paddock::App
