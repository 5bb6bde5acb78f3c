#pragma once

#include "core/branchreview.h"
#include "proxy/networksummary.h"

#include <QAbstractTableModel>

namespace Paddock::App {

// The review page's branches: one row per clone-mode sandbox, with what its branch changes once it has been
// brought into the user's repository (or why that failed).
class BranchListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Sandbox, Agent, Commits, Files, Changes, Network, ColumnCount };
    static constexpr int NameRole = Qt::UserRole + 1;

    struct Branch
    {
        enum class State { Loading, Ready, Failed, Discarded };
        QString name; // the sandbox's
        QString agent;
        QString repository; // the user's repository (the sandbox's workspace)
        QString clone;      // the sandbox's clone
        QDateTime created;  // the sandbox's: older decisions in the audit log were another's of that name
        // A microVM's clone: it lives on the machine's disk; its branches and uncommitted files are brought
        // back to clone (while it runs: for each review).
        bool inMachine = false;
        State state = State::Loading;
        Core::BranchSummary summary;                  // when Ready
        QString error;                                // when Failed
        std::optional<Proxy::NetworkSummary> network; // once the audit log has been read
    };

    explicit BranchListModel(QObject *parent = nullptr);

    void setBranches(const QList<Branch> &branches);
    const Branch *branch(int row) const;
    int rowOf(const QString &name) const;
    void setSummary(const QString &name, const Core::BranchSummary &summary);
    // The line counts of a summary made with DiffDetail::Files, when they are for the same commits.
    void setStats(const QString &name, const QString &branchCommit, const QString &targetCommit,
                  const Core::DiffStats &stats);
    void setFailed(const QString &name, const QString &error);
    // Each listed sandbox's network summary (a sandbox missing from summaries made no request).
    void setNetwork(const QHash<QString, Proxy::NetworkSummary> &summaries);
    void setState(const QString &name, Branch::State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // "4 hosts · 2 blocked · 1 secret caught", and the hosts one per line.
    static QString networkText(const Proxy::NetworkSummary &network);
    static QString networkToolTip(const Proxy::NetworkSummary &network);

private:
    void changed(int row);

    QList<Branch> m_branches;
};

} // namespace Paddock::App
