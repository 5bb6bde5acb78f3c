#pragma once

#include "core/branchreview.h"

#include <QAbstractTableModel>

namespace Paddock::App {

// The review page's branches: one row per clone-mode sandbox, with what its branch changes once it has been
// brought into the user's repository (or why that failed).
class BranchListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Sandbox, Agent, Commits, Files, Changes, ColumnCount };
    static constexpr int NameRole = Qt::UserRole + 1;

    struct Branch
    {
        enum class State { Loading, Ready, Failed, Discarded };
        QString name; // the sandbox's
        QString agent;
        QString repository; // the user's repository (the sandbox's workspace)
        QString clone;      // the sandbox's clone
        State state = State::Loading;
        Core::BranchSummary summary; // when Ready
        QString error;               // when Failed
    };

    explicit BranchListModel(QObject *parent = nullptr);

    void setBranches(const QList<Branch> &branches);
    const Branch *branch(int row) const;
    int rowOf(const QString &name) const;
    void setSummary(const QString &name, const Core::BranchSummary &summary);
    void setFailed(const QString &name, const QString &error);
    void setState(const QString &name, Branch::State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void changed(int row);

    QList<Branch> m_branches;
};

} // namespace Paddock::App
