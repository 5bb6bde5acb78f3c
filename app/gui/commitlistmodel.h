#pragma once

#include "core/branchreview.h"

#include <QAbstractTableModel>

namespace Paddock::App {

// A branch's commits, newest first: short id, subject, author and date. Messages are the agent's text and
// are shown as plain text.
class CommitListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Summary, Author, Date, ColumnCount };

    explicit CommitListModel(QObject *parent = nullptr);

    void setCommits(const Core::BranchCommits &commits);
    void clear();
    const Core::CommitInfo *commit(int row) const;
    bool isTruncated() const { return m_truncated; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Core::CommitInfo> m_commits;
    bool m_truncated = false;
};

} // namespace Paddock::App
