#include "app/gui/ruleproposalbar.h"

#include "app/gui/ruleproposal.h"
#include "app/gui/statedot.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

RuleProposalBar::RuleProposalBar(QWidget *parent)
    : QFrame(parent)
    , m_rule(new QComboBox(this))
    , m_scope(new QComboBox(this))
    , m_message(new QLabel(this))
    , m_apply(new QPushButton(tr("Add Rule"), this))
{
    setObjectName(u"ruleProposal"_s);
    setFrameShape(QFrame::StyledPanel);
    m_rule->setObjectName(u"ruleText"_s);
    m_rule->setEditable(true);
    m_rule->setInsertPolicy(QComboBox::NoInsert);
    m_rule->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rule->setMinimumContentsLength(36);
    m_scope->setObjectName(u"ruleScope"_s);
    m_message->setObjectName(u"ruleMessage"_s);
    m_message->setTextFormat(Qt::PlainText); // parser messages quote what the user typed
    m_message->setWordWrap(true);
    m_apply->setObjectName(u"addRule"_s);
    m_apply->setDefault(true);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(u"cancelRule"_s);

    auto *ruleLabel = new QLabel(tr("&Rule:"), this);
    ruleLabel->setBuddy(m_rule);
    auto *scopeLabel = new QLabel(tr("Add &to:"), this);
    scopeLabel->setBuddy(m_scope);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(ruleLabel, 0, 0);
    layout->addWidget(m_rule, 0, 1);
    layout->addWidget(scopeLabel, 0, 2);
    layout->addWidget(m_scope, 0, 3);
    layout->addWidget(m_apply, 0, 4);
    layout->addWidget(cancel, 0, 5);
    layout->addWidget(m_message, 1, 1, 1, 5);
    layout->setColumnStretch(1, 1);

    connect(m_rule, &QComboBox::editTextChanged, this, &RuleProposalBar::validate);
    connect(m_rule->lineEdit(), &QLineEdit::returnPressed, this, &RuleProposalBar::apply);
    connect(m_apply, &QPushButton::clicked, this, &RuleProposalBar::apply);
    connect(cancel, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void RuleProposalBar::propose(const Proxy::DecisionEvent &event, PolicyRule::Action action, bool forSandbox)
{
    m_event = event;
    m_rule->clear();
    for (const RuleProposal::Candidate &candidate : RuleProposal::candidates(event, action))
        m_rule->addItem(candidate.rule, candidate.description);
    m_scope->clear();
    //: Where a new rule is saved: the sandbox's own rules.
    m_scope->addItem(tr("%1's rules").arg(event.sandbox), event.sandbox);
    //: Where a new rule is saved: the global rules, which apply to every sandbox.
    m_scope->addItem(tr("Global rules (every sandbox)"), QString());
    m_scope->setCurrentIndex(forSandbox ? 0 : 1);
    m_rule->setCurrentIndex(0); // the narrowest
    validate();
    show();
    m_rule->setFocus();
    m_rule->lineEdit()->selectAll();
}

QString RuleProposalBar::ruleText() const
{
    return m_rule->currentText().trimmed();
}

QString RuleProposalBar::sandbox() const
{
    return m_scope->currentData().toString();
}

void RuleProposalBar::showError(const QString &message)
{
    m_message->setText(message);
    m_message->setStyleSheet(u"color: %1"_s.arg(stateColour(StateLook::Failed).name()));
}

void RuleProposalBar::validate()
{
    const auto rule = PolicyRule::parse(ruleText());
    m_apply->setEnabled(rule.has_value());
    if (!rule) {
        showError(rule.error().message);
        return;
    }
    m_message->setStyleSheet({});
    const int known = m_rule->findText(ruleText());
    if (!RuleProposal::matches(*rule, m_event))
        m_message->setText(tr("This rule does not match the selected request."));
    else if (known >= 0)
        m_message->setText(m_rule->itemData(known).toString());
    else
        m_message->setText(tr("Matches the selected request."));
}

void RuleProposalBar::apply()
{
    const auto rule = PolicyRule::parse(ruleText());
    if (!rule)
        return;
    Q_EMIT applyRequested(*rule, sandbox());
}

} // namespace Paddock::App
