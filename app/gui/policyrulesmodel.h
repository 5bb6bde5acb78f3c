#pragma once

#include "core/policyrule.h"

#include <QAbstractTableModel>

#include <optional>

namespace Paddock::App {

// The rules of one policy layer as the policy editor shows them: one row per rule, kept as the user wrote it
// and parsed with the policy parser, so a rule that does not parse stays in its row with the parser's
// message instead of being lost. Order is kept but never decides: the most specific rule wins.
class PolicyRulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Action, Rule, Note, ColumnCount };
    enum Role {
        ProblemRole = Qt::UserRole + 1, // the parser's message; empty when the rule is valid
    };

    explicit PolicyRulesModel(QObject *parent = nullptr);

    void setRules(const QList<Core::PolicyRule> &rules);
    // Rules as stored (a sandbox record keeps text); one that does not parse shows its problem.
    void setTexts(const QStringList &texts);
    // The rules that parse, in order; rows with problems are left out.
    QList<Core::PolicyRule> rules() const;
    // Every row as written, the canonical text for rules that parse.
    QStringList texts() const;
    // Appends a rule written as `allow|deny [METHODS] target`; returns its row.
    int appendRule(const QString &text);
    bool contains(const Core::PolicyRule &rule) const;
    std::optional<Core::PolicyRule> rule(int row) const;
    QString problem(int row) const;
    int invalidCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // The Rule column takes the whole rule, action first ("deny api.example.com:443").
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    struct Entry
    {
        QString text; // canonical when it parses, as typed otherwise
        Core::Result<Core::PolicyRule> parsed;
    };
    static Entry makeEntry(const QString &text);
    QString noteFor(int row) const;
    bool isDuplicate(int row) const;

    QList<Entry> m_entries;
};

} // namespace Paddock::App
