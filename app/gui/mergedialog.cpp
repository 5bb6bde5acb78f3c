#include "app/gui/mergedialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

MergeDialog::MergeDialog(const QString &branch, const QString &into, int commits, QWidget *parent)
    : QDialog(parent)
    , m_into(new QComboBox(this))
    , m_modes(new QButtonGroup(this))
    , m_message(new QPlainTextEdit(this))
    , m_messageLabel(new QLabel(tr("&Message:"), this))
    , m_sign(new QCheckBox(tr("Si&gn the commit with your key"), this))
    , m_branch(branch)
{
    setObjectName(u"mergeDialog"_s);
    setWindowTitle(tr("Merge %1").arg(branch));

    auto *intro =
        new QLabel(tr("Merge the %n commit(s) of %1 into one of your branches. Nothing is changed if "
                      "the merge would conflict.",
                      nullptr, commits)
                       .arg(branch),
                   this);
    intro->setWordWrap(true);

    m_into->setObjectName(u"into"_s);
    m_into->setEditable(true);
    m_into->addItem(into);
    m_into->setToolTip(tr("A local branch of your repository. If it is checked out, it must have no "
                          "uncommitted changes."));

    auto *modes = new QVBoxLayout;
    modes->setSpacing(4);
    const auto addMode = [&](MergeOptions::Mode mode, const QString &label, const QString &objectName,
                             const QString &tip) {
        auto *button = new QRadioButton(label, this);
        button->setObjectName(objectName);
        button->setToolTip(tip);
        m_modes->addButton(button, int(mode));
        modes->addWidget(button);
    };
    addMode(MergeOptions::Mode::Squash, tr("&Squash into one commit"), u"squash"_s,
            tr("One new commit on the target with all of the branch's changes and the message below."));
    addMode(MergeOptions::Mode::MergeCommit, tr("Create a merge &commit"), u"mergeCommit"_s,
            tr("Keeps the agent's commits and joins them with a merge commit."));
    addMode(MergeOptions::Mode::FastForwardOnly, tr("&Fast-forward only"), u"fastForward"_s,
            tr("Moves the target to the branch's last commit; refused if the target has commits the branch "
               "lacks."));
    m_modes->button(int(MergeOptions::Mode::Squash))->setChecked(true);
    connect(m_modes, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            updateMessage();
    });

    m_message->setObjectName(u"message"_s);
    m_message->setTabChangesFocus(true);
    m_message->setMinimumHeight(fontMetrics().lineSpacing() * 5);
    m_messageLabel->setBuddy(m_message);

    auto *form = new QFormLayout;
    form->addRow(tr("&Into:"), m_into);
    form->addRow(tr("How:"), modes);
    form->addRow(m_messageLabel, m_message);
    m_sign->setObjectName(u"sign"_s);
    m_sign->setVisible(false); // until setSigning() says how the user's git signs
    form->addRow(QString(), m_sign);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *merge = buttons->addButton(tr("&Merge"), QDialogButtonBox::AcceptRole);
    merge->setObjectName(u"merge"_s);
    merge->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form, 1);
    layout->addWidget(buttons);
    updateMessage();
    resize(std::max(sizeHint().width(), 520), sizeHint().height());
}

void MergeDialog::updateMessage()
{
    const auto mode = MergeOptions::Mode(m_modes->checkedId());
    const bool fastForward = mode == MergeOptions::Mode::FastForwardOnly;
    m_message->setEnabled(!fastForward);
    m_messageLabel->setEnabled(!fastForward);
    m_sign->setEnabled(!fastForward && m_signingProblem.isEmpty());
    m_message->setPlaceholderText(
        fastForward ? tr("A fast-forward makes no commit.")
        : mode == MergeOptions::Mode::Squash
            ? tr("Leave empty for a message listing the agent's commits.")
            : tr("Leave empty for \"Merge %1 into %2\".").arg(m_branch, m_into->currentText()));
}

MergeOptions MergeDialog::options() const
{
    MergeOptions options;
    options.mode = MergeOptions::Mode(m_modes->checkedId());
    options.into = m_into->currentText().trimmed();
    if (options.mode != MergeOptions::Mode::FastForwardOnly)
        options.message = m_message->toPlainText().trimmed();
    // The box shows what will happen; what it says is done, whatever commit.gpgsign says.
    if (m_signingKnown)
        options.signing = m_sign->isChecked() && m_sign->isEnabled() ? MergeOptions::Signing::Always
                                                                     : MergeOptions::Signing::Never;
    return options;
}

void MergeDialog::setMode(MergeOptions::Mode mode)
{
    if (auto *button = m_modes->button(int(mode)))
        button->setChecked(true);
}

void MergeDialog::setSigning(const CommitSigning &signing)
{
    m_signingKnown = true;
    m_signingProblem = signing.problem;
    m_sign->setText(tr("Si&gn the commit (%1)").arg(signing.description()));
    m_sign->setChecked(signing.byDefault && signing.problem.isEmpty());
    m_sign->setToolTip(signing.problem.isEmpty()
                           ? tr("Signs the merge or squash commit here, on your computer, with %1, as 'git "
                                "commit -S' would. Checked when your git configuration sets commit.gpgsign.")
                                 .arg(signing.program)
                           : signing.problem);
    m_sign->setVisible(true);
    updateMessage();
    resize(width(), sizeHint().height());
}

void MergeDialog::setMessage(const QString &message)
{
    m_message->setPlainText(message);
}

} // namespace Paddock::App
