#pragma once

#include "core/branchreview.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace Paddock::App {

// Asks how to merge a sandbox's branch: into which branch, how (fast-forward, merge commit, squash) and with
// which message. Only asks; the review page merges.
class MergeDialog : public QDialog
{
    Q_OBJECT

public:
    // branch: "paddock/NAME"; into: the branch proposed as the target; commits: how many the branch adds.
    MergeDialog(const QString &branch, const QString &into, int commits, QWidget *parent = nullptr);

    Core::MergeOptions options() const; // without expectedCommit
    void setMode(Core::MergeOptions::Mode mode);
    void setMessage(const QString &message);
    // Offers to sign the commit as the user's git configuration does (checked when commit.gpgsign is set).
    void setSigning(const Core::CommitSigning &signing);

private:
    void updateMessage();

    QComboBox *m_into;
    QButtonGroup *m_modes;
    QPlainTextEdit *m_message;
    QLabel *m_messageLabel;
    QCheckBox *m_sign;
    bool m_signingKnown = false;
    QString m_signingProblem;
    QString m_branch;
};

} // namespace Paddock::App
