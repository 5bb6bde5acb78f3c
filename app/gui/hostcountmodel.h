#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

namespace Paddock::App {

// How many requests went to each host, and how many of those were blocked, over the rows of a network log
// model (or a filter of it), kept up to date as rows come and go. Rows are in order of first sight.
class HostCountModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Host, Requests, Blocked, ColumnCount };

    explicit HostCountModel(QObject *parent = nullptr);

    // The source's rows need the NetworkLogModel columns and its OutcomeRole.
    void setSourceModel(QAbstractItemModel *source);
    int rowOf(const QString &host) const { return m_rowOfHost.value(host, -1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Count
    {
        QString host;
        int requests = 0;
        int blocked = 0;
    };
    void count(int first, int last, int sign);
    void recount();

    QPointer<QAbstractItemModel> m_source;
    QList<Count> m_counts;
    QHash<QString, int> m_rowOfHost;
};

} // namespace Paddock::App
