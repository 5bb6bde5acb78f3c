#include "app/gui/reviewdiffpane.h"

#include "app/gui/changedfilesmodel.h"
#include "app/gui/colourmix.h"
#include "app/gui/diffview.h"
#include "app/gui/sidebysidediffview.h"
#include "app/gui/unifieddiff.h"

#include <QButtonGroup>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

namespace {

const QString sideBySideKey = QStringLiteral("review/sideBySide");

// The agent's message with its control and bidirectional-override characters made visible, line by line.
QString visibleMessage(const QString &message)
{
    QStringList lines = message.split(u'\n');
    for (QString &line : lines)
        line = UnifiedDiff::visibleText(line);
    return lines.join(u'\n');
}

} // namespace

ReviewDiffPane::ReviewDiffPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_risk(new QLabel(this))
    , m_diffView(new DiffView(this))
    , m_columns(new SideBySideDiffView(this))
    , m_unifiedButton(new QToolButton(this))
    , m_sideBySideButton(new QToolButton(this))
    , m_placeholder(new QLabel(this))
    , m_commit(new QPlainTextEdit(this))
    , m_stack(new QStackedWidget(this))
{
    m_title->setObjectName(u"fileTitle"_s);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_risk->setObjectName(u"fileRisk"_s);
    m_risk->setTextFormat(Qt::PlainText);
    m_risk->setWordWrap(true);
    m_risk->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_risk->hide();

    m_placeholder->setObjectName(u"diffPlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setMargin(24);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setBackgroundRole(QPalette::Base);
    m_placeholder->setAutoFillBackground(true);

    // A commit message is the agent's text: plain text, read-only, never rich text or links.
    m_commit->setObjectName(u"commitMessage"_s);
    m_commit->setReadOnly(true);
    m_commit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commit->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    m_stack->addWidget(m_diffView);
    m_stack->addWidget(m_columns);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_commit);

    // Two buttons that read as one switch: Unified | Side by Side.
    m_unifiedButton->setObjectName(u"unified"_s);
    m_unifiedButton->setText(tr("Unified"));
    m_unifiedButton->setToolTip(tr("Old and new lines in one column"));
    m_sideBySideButton->setObjectName(u"sideBySide"_s);
    m_sideBySideButton->setText(tr("Side by Side"));
    m_sideBySideButton->setToolTip(tr("The old file on the left, the new file on the right"));
    auto *layouts = new QButtonGroup(this);
    for (QToolButton *button : {m_unifiedButton, m_sideBySideButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        layouts->addButton(button);
    }
    // The reader's layout is a preference: it is kept for the next file and the next start.
    m_sideBySide = QSettings().value(sideBySideKey, false).toBool();
    m_unifiedButton->setChecked(!m_sideBySide);
    m_sideBySideButton->setChecked(m_sideBySide);
    connect(m_sideBySideButton, &QToolButton::toggled, this, &ReviewDiffPane::setSideBySide);

    for (DiffView *view : {m_diffView, m_columns->oldSide(), m_columns->newSide()})
        connect(view, &DiffView::commentRequested, this,
                [this](const UnifiedDiff::Line &line) { Q_EMIT commentRequested(m_path, line); });

    auto *titleRow = new QHBoxLayout;
    titleRow->setContentsMargins(0, 0, 0, 0);
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_unifiedButton);
    titleRow->addWidget(m_sideBySideButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(titleRow);
    layout->addWidget(m_risk);
    layout->addWidget(m_stack, 1);
    updateStyle();
    showPlaceholder({});
}

bool ReviewDiffPane::isDiffShown() const
{
    return m_stack->currentWidget() == m_diffView || m_stack->currentWidget() == m_columns;
}

void ReviewDiffPane::setSideBySide(bool sideBySide)
{
    if (sideBySide != m_sideBySide)
        QSettings().setValue(sideBySideKey, sideBySide);
    m_sideBySide = sideBySide;
    m_sideBySideButton->setChecked(sideBySide);
    m_unifiedButton->setChecked(!sideBySide);
    if (isDiffShown())
        showPatch();
}

void ReviewDiffPane::showPatch()
{
    if (m_sideBySide) {
        m_diffView->clearDiff();
        m_columns->showDiff(m_path, m_patch);
        m_stack->setCurrentWidget(m_columns);
    } else {
        m_columns->clearDiff();
        m_diffView->showDiff(m_path, m_patch);
        m_stack->setCurrentWidget(m_diffView);
    }
    markCommentedLines();
}

void ReviewDiffPane::setComments(const QList<ReviewComments::Comment> &comments)
{
    m_comments = comments;
    markCommentedLines();
}

void ReviewDiffPane::markCommentedLines()
{
    QSet<int> oldLines;
    QSet<int> newLines;
    for (const ReviewComments::Comment &comment : std::as_const(m_comments)) {
        if (comment.path == m_path)
            (comment.onOldLine ? oldLines : newLines).insert(comment.line);
    }
    for (DiffView *view : {m_diffView, m_columns->oldSide(), m_columns->newSide()})
        view->setMarkedLines(oldLines, newLines);
}

void ReviewDiffPane::clearTitle()
{
    m_title->clear();
    m_risk->hide();
}

void ReviewDiffPane::showPlaceholder(const QString &text)
{
    m_path.clear();
    m_patch.clear();
    m_diffView->clearDiff();
    m_columns->clearDiff();
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void ReviewDiffPane::showFile(const FileChange &file, ChangeRisk risk, const QString &branch)
{
    m_title->setText(u"<b>%1</b>&nbsp;&nbsp;<span style=\"color:%2\">%3</span>"_s.arg(
        BranchReview::displayPath(file.path).toHtmlEscaped(),
        palette().color(QPalette::PlaceholderText).name(),
        ChangedFilesModel::describe(file).toHtmlEscaped()));
    m_risk->setVisible(risk != ChangeRisk::None);
    //: Above the diff of a CI workflow, build script, … %1 says why, e.g. "Git hooks run on your machine …"
    m_risk->setText(tr("Review this first: %1").arg(ChangeRiskText::reason(risk)));
    if (file.binary) {
        showPlaceholder(tr("Binary file: its contents are not shown. (Files larger than 16 MiB count as "
                           "binary too.)"));
    } else if (file.patchOmitted) {
        showPlaceholder(
            tr("This file's diff was not loaded: the branch's diff is larger than Paddock keeps in "
               "memory. Run 'paddock diff %1' in a terminal to read it.")
                .arg(branch));
    } else if (file.patch.size() > maxShownPatchBytes) {
        showPlaceholder(tr("This file's diff is too large to show here (%1). Run 'paddock diff %2' in a "
                           "terminal to read it.")
                            .arg(QLocale().formattedDataSize(file.patch.size()), branch));
    } else if (!file.patch.contains("\n@@")) {
        showPlaceholder(file.status == FileChange::Status::Renamed
                            ? tr("Renamed without changes to its contents.")
                            : tr("No changes to the contents (for example only the file mode changed)."));
    } else {
        m_path = file.path;
        m_patch = file.patch;
        showPatch();
    }
}

void ReviewDiffPane::showCommit(const CommitInfo &commit)
{
    m_title->setText(u"<b>%1</b>"_s.arg(tr("Commit %1").arg(commit.id.left(12))));
    m_risk->hide();
    m_diffView->clearDiff();
    m_columns->clearDiff();
    //: The header of a commit's details: author, date and id, then the message
    m_commit->setPlainText(tr("Author: %1 <%2>\nDate:   %3\nCommit: %4\n\n%5")
                               .arg(UnifiedDiff::visibleText(commit.author),
                                    UnifiedDiff::visibleText(commit.authorEmail),
                                    QLocale().toString(commit.time, QLocale::LongFormat), commit.id,
                                    visibleMessage(commit.message)));
    m_stack->setCurrentWidget(m_commit);
}

void ReviewDiffPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateStyle();
}

void ReviewDiffPane::updateStyle()
{
    const QColor base = palette().color(QPalette::Base);
    const QColor riskTint(0xe0, 0x8a, 0x00);
    m_risk->setStyleSheet(u"QLabel#fileRisk { background: %1; border: 1px solid %2; border-radius: 4px; "
                          "padding: 4px 8px; }"_s.arg(mixColours(base, riskTint, 0.14).name(),
                                                      mixColours(base, riskTint, 0.55).name()));
}

} // namespace Paddock::App
