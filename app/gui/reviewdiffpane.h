#pragma once

#include "app/gui/changerisk.h"
#include "app/gui/reviewcomments.h"
#include "app/gui/unifieddiff.h"
#include "core/branchreview.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

namespace Paddock::App {

class DiffView;
class SideBySideDiffView;

// The right side of the review page: one file's diff under its name and, for a risky file, why to read it
// first; or a commit's message; or a placeholder saying why there is nothing to show.
class ReviewDiffPane : public QWidget
{
    Q_OBJECT

public:
    // Patches above this are not laid out (a generated file; the user can read it with `paddock diff`).
    static constexpr qsizetype maxShownPatchBytes = qsizetype(8) << 20;

    explicit ReviewDiffPane(QWidget *parent = nullptr);

    // A file whose patch is loaded; branch names the `paddock diff` command for what is not shown.
    void showFile(const Core::FileChange &file, ChangeRisk risk, const QString &branch);
    void showCommit(const Core::CommitInfo &commit);
    void showPlaceholder(const QString &text);
    void clearTitle();
    // The reviewer's comments: the lines of the file on screen that have one are marked.
    void setComments(const QList<ReviewComments::Comment> &comments);

    // Side by side (old | new) instead of one unified column; applies to the file on screen at once.
    void setSideBySide(bool sideBySide);
    bool isSideBySide() const { return m_sideBySide; }

    DiffView *diffView() const { return m_diffView; }
    SideBySideDiffView *sideBySideView() const { return m_columns; }
    QToolButton *sideBySideButton() const { return m_sideBySideButton; }
    QLabel *placeholder() const { return m_placeholder; }
    QPlainTextEdit *commitView() const { return m_commit; }
    bool isDiffShown() const;

Q_SIGNALS:
    // The reviewer asked to comment on a line of the file on screen.
    void commentRequested(const QString &path, const Paddock::App::UnifiedDiff::Line &line);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateStyle();
    void showPatch();
    void markCommentedLines();

    QLabel *m_title;
    QLabel *m_risk;
    DiffView *m_diffView;
    QList<ReviewComments::Comment> m_comments;
    SideBySideDiffView *m_columns;
    QToolButton *m_unifiedButton;
    QToolButton *m_sideBySideButton;
    QLabel *m_placeholder;
    QPlainTextEdit *m_commit;
    QStackedWidget *m_stack;
    bool m_sideBySide = false;
    QString m_path; // the file on screen, for switching between unified and side by side
    QByteArray m_patch;
};

} // namespace Paddock::App
