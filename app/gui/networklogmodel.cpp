#include "app/gui/networklogmodel.h"

#include "app/gui/statedot.h"

#include <QLocale>

using namespace Qt::StringLiterals;
using Paddock::Proxy::DecisionEvent;

namespace Paddock::App {

namespace {

QString verdictText(DecisionEvent::Verdict verdict)
{
    switch (verdict) {
    case DecisionEvent::Verdict::Allow:
        return NetworkLogModel::tr("Allowed");
    case DecisionEvent::Verdict::Deny:
        return NetworkLogModel::tr("Blocked");
    case DecisionEvent::Verdict::Error:
        //: The proxy allowed the request but could not complete it (DNS, connection, a scan failed).
        return NetworkLogModel::tr("Failed");
    }
    return {};
}

StateLook verdictLook(DecisionEvent::Verdict verdict)
{
    switch (verdict) {
    case DecisionEvent::Verdict::Allow:
        return StateLook::Running;
    case DecisionEvent::Verdict::Deny:
        return StateLook::Failed;
    case DecisionEvent::Verdict::Error:
        return StateLook::Starting;
    }
    return StateLook::Stopped;
}

QString bytesText(qint64 bytes)
{
    // Nothing moved (a refused request): an empty cell reads better than a column of zeros.
    return bytes <= 0 ? QString() : QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace

NetworkLogModel::NetworkLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{}

NetworkLogModel::Outcome NetworkLogModel::outcomeOf(const DecisionEvent &event)
{
    return event.verdict == DecisionEvent::Verdict::Allow ? Outcome::Allowed : Outcome::Blocked;
}

void NetworkLogModel::append(const DecisionEvent &event)
{
    if (m_events.size() >= m_capacity) {
        const int excess = int(m_events.size()) - m_capacity + 1;
        beginRemoveRows({}, 0, excess - 1);
        m_events.remove(0, excess);
        endRemoveRows();
    }
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.append(event);
    endInsertRows();
}

void NetworkLogModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

int NetworkLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int NetworkLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DecisionEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(event, index.column());
    case Qt::ToolTipRole:
        return toolTip(event, index.column());
    case Qt::DecorationRole:
        if (index.column() == Verdict)
            return stateDot(verdictLook(event.verdict));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Port || index.column() == Up || index.column() == Down)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case OutcomeRole:
        return int(outcomeOf(event));
    }
    return {};
}

QVariant NetworkLogModel::display(const DecisionEvent &event, int column) const
{
    switch (column) {
    case Time:
        return event.time.toLocalTime().toString(u"HH:mm:ss"_s);
    case Sandbox:
        return event.sandbox;
    case Verdict:
        return verdictText(event.verdict);
    case Method:
        return event.method;
    case Host:
        return event.host;
    case Port:
        return event.port == 0 ? QString() : QString::number(event.port);
    case Path:
        return event.path;
    case Rule:
        return event.rule;
    case Up:
        return bytesText(event.bytesUp);
    case Down:
        return bytesText(event.bytesDown);
    }
    return {};
}

QVariant NetworkLogModel::toolTip(const DecisionEvent &event, int column) const
{
    switch (column) {
    case Time:
        return QLocale().toString(event.time.toLocalTime(), QLocale::LongFormat);
    case Path:
        if (!event.path.isEmpty())
            return event.path;
        break;
    case Up:
    case Down:
        return tr("%1 sent, %2 received")
            .arg(QLocale().formattedDataSize(event.bytesUp, 1, QLocale::DataSizeSIFormat),
                 QLocale().formattedDataSize(event.bytesDown, 1, QLocale::DataSizeSIFormat));
    }
    // Why the proxy decided as it did, wherever the pointer rests on the row.
    return event.reason.isEmpty() ? QVariant() : QVariant(event.reason);
}

QVariant NetworkLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && (section == Port || section == Up || section == Down))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Sandbox:
        return tr("Sandbox");
    case Verdict:
        return tr("Verdict");
    case Method:
        return tr("Method");
    case Host:
        return tr("Host");
    case Port:
        return tr("Port");
    case Path:
        return tr("Path");
    case Rule:
        return tr("Rule");
    case Up:
        //: Bytes the sandbox sent.
        return tr("Sent");
    case Down:
        //: Bytes the sandbox received.
        return tr("Received");
    }
    return {};
}

} // namespace Paddock::App
