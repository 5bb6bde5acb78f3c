#include "app/gui/policyrulesmodel.h"

#include "app/gui/statedot.h"

#include <QApplication>
#include <QBrush>
#include <QPalette>
#include <QStyle>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

// The rule without its action word: the Action column shows that.
QString targetText(const PolicyRule &rule)
{
    const QString text = rule.toString();
    const qsizetype space = text.indexOf(u' ');
    return space < 0 ? text : text.mid(space + 1);
}

bool startsWithAction(const QString &text)
{
    const QString first = text.section(u' ', 0, 0).toLower();
    return first == "allow"_L1 || first == "deny"_L1 || first == "intercept"_L1;
}

} // namespace

PolicyRulesModel::PolicyRulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

PolicyRulesModel::Entry PolicyRulesModel::makeEntry(const QString &text)
{
    Entry entry{text.trimmed(), PolicyRule::parse(text.trimmed())};
    if (entry.parsed)
        entry.text = entry.parsed->toString();
    return entry;
}

void PolicyRulesModel::setRules(const QList<PolicyRule> &rules)
{
    beginResetModel();
    m_entries.clear();
    for (const PolicyRule &rule : rules)
        m_entries.append(Entry{rule.toString(), rule});
    endResetModel();
}

void PolicyRulesModel::setTexts(const QStringList &texts)
{
    beginResetModel();
    m_entries.clear();
    for (const QString &text : texts)
        m_entries.append(makeEntry(text));
    endResetModel();
}

QList<PolicyRule> PolicyRulesModel::rules() const
{
    QList<PolicyRule> rules;
    for (const Entry &entry : m_entries) {
        if (entry.parsed)
            rules.append(*entry.parsed);
    }
    return rules;
}

QStringList PolicyRulesModel::texts() const
{
    QStringList texts;
    for (const Entry &entry : m_entries)
        texts.append(entry.text);
    return texts;
}

int PolicyRulesModel::appendRule(const QString &text)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(makeEntry(text));
    endInsertRows();
    if (row > 0) // a copy changes the notes of the rows it copies
        Q_EMIT dataChanged(index(0, Note), index(row - 1, Note));
    return row;
}

bool PolicyRulesModel::contains(const PolicyRule &rule) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [&rule](const Entry &entry) { return entry.parsed && *entry.parsed == rule; });
}

std::optional<PolicyRule> PolicyRulesModel::rule(int row) const
{
    if (row < 0 || row >= m_entries.size() || !m_entries[row].parsed)
        return std::nullopt;
    return *m_entries[row].parsed;
}

QString PolicyRulesModel::problem(int row) const
{
    if (row < 0 || row >= m_entries.size() || m_entries[row].parsed)
        return {};
    return m_entries[row].parsed.error().message;
}

int PolicyRulesModel::invalidCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Entry &entry) { return !entry.parsed.has_value(); }));
}

int PolicyRulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int PolicyRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool PolicyRulesModel::isDuplicate(int row) const
{
    const Entry &entry = m_entries[row];
    if (!entry.parsed)
        return false;
    for (int earlier = 0; earlier < row; ++earlier) {
        if (m_entries[earlier].parsed && *m_entries[earlier].parsed == *entry.parsed)
            return true;
    }
    return false;
}

QString PolicyRulesModel::noteFor(int row) const
{
    const Entry &entry = m_entries[row];
    if (!entry.parsed)
        return entry.parsed.error().message;
    if (isDuplicate(row))
        return tr("Listed twice: this copy changes nothing.");
    if (entry.parsed->isIntercept())
        return tr("Requests scanned; the hosts still need an allow rule.");
    if (entry.parsed->needsContent())
        return tr("Plain HTTP or intercepted hosts only: a tunnel hides methods and paths.");
    return {};
}

QVariant PolicyRulesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries[index.row()];
    if (role == ProblemRole)
        return entry.parsed ? QString() : entry.parsed.error().message;
    switch (index.column()) {
    case Action:
        if (role == Qt::DisplayRole) {
            if (!entry.parsed)
                //: A rule the policy parser does not accept.
                return tr("Invalid");
            if (entry.parsed->isIntercept())
                return tr("Intercept");
            return entry.parsed->isAllow() ? tr("Allow") : tr("Deny");
        }
        if (role == Qt::DecorationRole) {
            if (!entry.parsed)
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(12, 12);
            return stateDot(entry.parsed->isIntercept() ? StateLook::Starting
                            : entry.parsed->isAllow()   ? StateLook::Running
                                                        : StateLook::Failed);
        }
        if (role == Qt::ToolTipRole && !entry.parsed)
            return entry.parsed.error().message;
        break;
    case Rule:
        if (role == Qt::DisplayRole)
            return entry.parsed ? targetText(*entry.parsed) : entry.text;
        if (role == Qt::EditRole)
            return entry.text;
        if (role == Qt::ToolTipRole)
            return entry.parsed ? entry.text : entry.parsed.error().message;
        break;
    case Note:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return noteFor(index.row());
        if (role == Qt::ForegroundRole) {
            if (!entry.parsed)
                return QBrush(stateColour(StateLook::Failed));
            return QApplication::palette().brush(QPalette::PlaceholderText);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant PolicyRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Action:
        //: Column header: allow or deny.
        return tr("Action");
    case Rule:
        //: Column header: the hosts, ports, paths and methods a rule names.
        return tr("Rule");
    case Note:
        return tr("Note");
    default:
        return {};
    }
}

Qt::ItemFlags PolicyRulesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Rule)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool PolicyRulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != Rule ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    QString text = value.toString().simplified();
    if (text.isEmpty())
        return false; // an emptied cell keeps its rule; Remove deletes it
    const Entry &old = m_entries[index.row()];
    // Typed without its action, a rule keeps the one it had.
    if (!startsWithAction(text))
        text = (!old.parsed                 ? u"allow "_s
                : old.parsed->isIntercept() ? u"intercept "_s
                : old.parsed->isAllow()     ? u"allow "_s
                                            : u"deny "_s) +
               text;
    m_entries[index.row()] = makeEntry(text);
    Q_EMIT dataChanged(this->index(index.row(), Action), this->index(index.row(), Note));
    // Another row's "listed twice" note may have come or gone.
    Q_EMIT dataChanged(this->index(0, Note), this->index(rowCount() - 1, Note));
    return true;
}

bool PolicyRulesModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_entries.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_entries.remove(row, count);
    endRemoveRows();
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, Note), index(rowCount() - 1, Note));
    return true;
}

} // namespace Paddock::App
