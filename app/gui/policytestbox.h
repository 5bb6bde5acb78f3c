#pragma once

#include "core/policy.h"
#include "core/result.h"

#include <QGroupBox>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace Paddock::App {

// "Test a URL": a method and a URL, and what `paddock policy explain` says about them under the policy the
// source gives (the policy editor's, unsaved edits included): allowed or blocked, the winning rule and its
// layer, the rules it beat. Updated as the user types and whenever update() is called.
class PolicyTestBox : public QGroupBox
{
    Q_OBJECT

public:
    using PolicySource = std::function<Core::Result<Core::Policy>()>;

    explicit PolicyTestBox(PolicySource source, QWidget *parent = nullptr);

    // Which layers the answer takes into account, in a sentence.
    void setContext(const QString &text);
    // A line added under each answer (e.g. that rules with problems are left out); empty for none.
    void setFootnote(const QString &text);
    void update();

private:
    void showProblem(const QString &message);

    PolicySource m_source;
    QString m_footnote;
    QComboBox *m_method;
    QLineEdit *m_url;
    QLabel *m_context;
    QLabel *m_verdict;
    QLabel *m_explanation;
};

} // namespace Paddock::App
