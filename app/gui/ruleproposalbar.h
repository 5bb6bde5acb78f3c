#pragma once

#include "core/policyrule.h"
#include "proxy/decisionevent.h"

#include <QFrame>

class QComboBox;
class QLabel;
class QPushButton;

namespace Paddock::App {

// Shows the rule a network log row proposes before anything is saved: its text (editable, checked with
// the policy parser as the user types) and where it goes, this sandbox's rules or the global ones.
class RuleProposalBar : public QFrame
{
    Q_OBJECT

public:
    explicit RuleProposalBar(QWidget *parent = nullptr);

    // forSandbox: the rule goes into the row's sandbox's rules (the user can still choose the global ones).
    void propose(const Proxy::DecisionEvent &event, Core::PolicyRule::Action action, bool forSandbox);
    void showError(const QString &message);
    QString ruleText() const;
    QString sandbox() const;                                      // empty: the global rules
    const Proxy::DecisionEvent &event() const { return m_event; } // the row the rule is proposed for

Q_SIGNALS:
    void applyRequested(const Core::PolicyRule &rule, const QString &sandbox);

private:
    void validate();
    void apply();

    Proxy::DecisionEvent m_event;
    QComboBox *m_rule;
    QComboBox *m_scope;
    QLabel *m_message;
    QPushButton *m_apply;
};

} // namespace Paddock::App
