#pragma once

#include "app/gui/unifieddiff.h"

#include <QPlainTextEdit>
#include <QSet>

class QAction;

#include <memory>

namespace KSyntaxHighlighting {
class Repository;
}

namespace Paddock::App {

class DiffHighlighter;

// One file's unified diff, read-only: the old and new line numbers and the +/− marks in a gutter, added and
// removed lines on tinted backgrounds in the palette's colours, the changed part of a replaced line
// stronger, and the code highlighted for its language (KSyntaxHighlighting).
class DiffView : public QPlainTextEdit
{
    Q_OBJECT

public:
    // Files with more diff lines than this are shown without syntax highlighting, to stay quick.
    static constexpr int maxHighlightedLines = 20'000;
    // Longer lines are cut here for display (a minified file would otherwise stall the layout).
    static constexpr int maxShownLineLength = 4'000;

    explicit DiffView(QWidget *parent = nullptr);
    ~DiffView() override;

    // Which line numbers the gutter shows: both (a unified diff) or one side's (a column of side by side).
    enum class Side { Both, Old, New };

    // Shows patch, one file's diff; path picks the syntax definition.
    void showDiff(const QString &path, const QByteArray &patch);
    // Shows lines already split (one column of UnifiedDiff::sideBySide).
    void showLines(const QString &path, UnifiedDiff lines, Side side);
    void clearDiff();
    const UnifiedDiff &diff() const { return m_diff; }
    // Marks lines in the gutter (the reviewer commented on them): removed lines by their old number, the
    // others by their new one. Cleared by the next diff.
    void setMarkedLines(const QSet<int> &oldLines, const QSet<int> &newLines);
    bool isMarked(const UnifiedDiff::Line &line) const;
    QString definitionName() const; // the syntax in use, e.g. "C++"; empty for none
    // "Comment on This Line…" (Ctrl+Alt+C and the context menu): asks for a comment on the cursor's line.
    QAction *commentAction() const { return m_commentAction; }

Q_SIGNALS:
    void commentRequested(const Paddock::App::UnifiedDiff::Line &line);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    class Gutter;
    struct Colours
    {
        QColor added, removed, addedStrong, removedStrong, hunk, hunkText, gutter, gutterText, escape, filler;
    };
    void updateColours();
    void updateGutterWidth();
    void paintGutter(QPaintEvent *event);
    QColor lineBackground(int block, bool gutter) const;
    KSyntaxHighlighting::Repository &repository();

    UnifiedDiff m_diff;
    Colours m_colours;
    Gutter *m_gutter;
    DiffHighlighter *m_highlighter;
    std::unique_ptr<KSyntaxHighlighting::Repository> m_repository; // loaded on first use
    QString m_path;
    QAction *m_commentAction;
    int m_numberDigits = 1;
    Side m_side = Side::Both;
    QSet<int> m_markedOld;
    QSet<int> m_markedNew;
};

} // namespace Paddock::App
