#pragma once

#include "proxy/decisionevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace Paddock::App {

// The proxy's decisions in the order they happened, newest last, as the network log lists them. Bounded:
// past its capacity the oldest rows go, so a chatty agent cannot grow the window without limit.
class NetworkLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Sandbox, Verdict, Method, Host, Port, Path, Rule, Up, Down, ColumnCount };
    // Blocked covers Deny and Error: both mean the request did not get through.
    enum class Outcome { Allowed, Blocked };
    static constexpr int OutcomeRole = Qt::UserRole + 1; // an Outcome, as int
    static constexpr int defaultCapacity = 10000;

    explicit NetworkLogModel(int capacity = defaultCapacity, QObject *parent = nullptr);

    void append(const Proxy::DecisionEvent &event);
    void clear();
    const Proxy::DecisionEvent &event(int row) const { return m_events.at(row); }
    int capacity() const { return m_capacity; }
    static Outcome outcomeOf(const Proxy::DecisionEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const Proxy::DecisionEvent &event, int column) const;
    QVariant toolTip(const Proxy::DecisionEvent &event, int column) const;

    int m_capacity;
    QList<Proxy::DecisionEvent> m_events;
};

} // namespace Paddock::App
