#pragma once

#include "core/branchreview.h"

#include <QDialog>

class QButtonGroup;
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

private:
    void updateMessage();

    QComboBox *m_into;
    QButtonGroup *m_modes;
    QPlainTextEdit *m_message;
    QLabel *m_messageLabel;
    QString m_branch;
};

} // namespace Paddock::App
