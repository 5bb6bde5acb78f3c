#include "app/gui/diffview.h"

#include "app/gui/colourmix.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QAction>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QPainter>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

// The language's highlighting (KSyntaxHighlighting) with the diff's own marks on top: hunk headers dimmed,
// changed parts of replaced lines and escaped invisible characters emphasised.
class DiffHighlighter : public KSyntaxHighlighting::SyntaxHighlighter
{
public:
    DiffHighlighter(QTextDocument *document, const UnifiedDiff &diff)
        : KSyntaxHighlighting::SyntaxHighlighter(document)
        , m_diff(diff)
    {}
    QTextCharFormat hunkFormat;
    QColor addedStrong, removedStrong, escape;

protected:
    void highlightBlock(const QString &text) override
    {
        const int number = currentBlock().blockNumber();
        if (number < 0 || number >= m_diff.lines.size())
            return;
        const UnifiedDiff::Line &line = m_diff.lines.at(number);
        using Kind = UnifiedDiff::Line::Kind;
        if (line.kind == Kind::Hunk || line.kind == Kind::Note) {
            setFormat(0, int(text.size()), hunkFormat);
            return; // and the next hunk starts in the language's initial state
        }
        KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
        const QColor strong = line.kind == Kind::Added ? addedStrong : removedStrong;
        for (const UnifiedDiff::Span &span : line.changed)
            emphasise(span, text.size(), [&](QTextCharFormat &format) { format.setBackground(strong); });
        for (const UnifiedDiff::Span &span : line.escaped)
            emphasise(span, text.size(), [&](QTextCharFormat &format) {
                format.setForeground(escape);
                format.setFontWeight(QFont::Bold);
            });
    }

private:
    template<class Change>
    void emphasise(const UnifiedDiff::Span &span, qsizetype length, Change change)
    {
        const int end = int(std::min<qsizetype>(span.start + span.length, length));
        for (int i = span.start; i < end; ++i) {
            QTextCharFormat f = format(i);
            change(f);
            setFormat(i, 1, f);
        }
    }

    const UnifiedDiff &m_diff;
};

class DiffView::Gutter : public QWidget
{
public:
    explicit Gutter(DiffView *view)
        : QWidget(view)
        , m_view(view)
    {}

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintGutter(event); }

private:
    DiffView *m_view;
};

DiffView::DiffView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
    , m_highlighter(new DiffHighlighter(document(), m_diff))
{
    setObjectName(u"diffView"_s);
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * 4);
    document()->setUndoRedoEnabled(false);
    document()->setDocumentMargin(2);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy != 0)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    m_commentAction = new QAction(tr("Comment on This Line…"), this);
    m_commentAction->setObjectName(u"commentOnLine"_s);
    m_commentAction->setShortcut(QKeySequence(u"Ctrl+Alt+C"_s));
    m_commentAction->setShortcutContext(Qt::WidgetShortcut);
    addAction(m_commentAction);
    connect(m_commentAction, &QAction::triggered, this, [this] {
        const int block = textCursor().blockNumber();
        if (block < 0 || block >= m_diff.lines.size())
            return;
        const UnifiedDiff::Line &line = m_diff.lines.at(block);
        using Kind = UnifiedDiff::Line::Kind;
        if (line.kind == Kind::Context || line.kind == Kind::Added || line.kind == Kind::Removed)
            Q_EMIT commentRequested(line);
    });
    updateColours();
    updateGutterWidth();
}

DiffView::~DiffView() = default;

void DiffView::contextMenuEvent(QContextMenuEvent *event)
{
    setTextCursor(cursorForPosition(event->pos())); // the line under the pointer is the one commented on
    std::unique_ptr<QMenu> menu(createStandardContextMenu(event->pos()));
    menu->addSeparator();
    menu->addAction(m_commentAction);
    menu->exec(event->globalPos());
}

KSyntaxHighlighting::Repository &DiffView::repository()
{
    if (!m_repository)
        m_repository = std::make_unique<KSyntaxHighlighting::Repository>();
    return *m_repository;
}

QString DiffView::definitionName() const
{
    return m_highlighter->definition().isValid() ? m_highlighter->definition().name() : QString();
}

void DiffView::updateColours()
{
    const QPalette &p = palette();
    const bool dark = isDark(p);
    const QColor base = p.color(QPalette::Base);
    const QColor green = dark ? QColor(0x2e, 0xa0, 0x43) : QColor(0x2d, 0xa4, 0x4e);
    const QColor red = dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xe5, 0x53, 0x4b);
    m_colours.added = mixColours(base, green, dark ? 0.20 : 0.14);
    m_colours.removed = mixColours(base, red, dark ? 0.20 : 0.12);
    m_colours.addedStrong = mixColours(base, green, dark ? 0.45 : 0.38);
    m_colours.removedStrong = mixColours(base, red, dark ? 0.45 : 0.34);
    m_colours.hunk = mixColours(base, p.color(QPalette::Highlight), dark ? 0.16 : 0.09);
    m_colours.hunkText = mixColours(p.color(QPalette::Text), base, 0.35);
    m_colours.gutter = mixColours(base, p.color(QPalette::Text), 0.04);
    m_colours.gutterText = mixColours(p.color(QPalette::Text), base, 0.5);
    m_colours.filler = mixColours(base, p.color(QPalette::Text), dark ? 0.06 : 0.045);
    m_colours.escape = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);

    m_highlighter->hunkFormat = QTextCharFormat();
    m_highlighter->hunkFormat.setForeground(m_colours.hunkText);
    m_highlighter->addedStrong = m_colours.addedStrong;
    m_highlighter->removedStrong = m_colours.removedStrong;
    m_highlighter->escape = m_colours.escape;
    if (m_repository)
        m_highlighter->setTheme(m_repository->defaultTheme(
            dark ? KSyntaxHighlighting::Repository::DarkTheme : KSyntaxHighlighting::Repository::LightTheme));
}

void DiffView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColours();
        if (!m_path.isEmpty())
            m_highlighter->rehighlight();
        viewport()->update();
        m_gutter->update();
    } else if (event->type() == QEvent::FontChange) {
        updateGutterWidth();
    }
}

void DiffView::setMarkedLines(const QSet<int> &oldLines, const QSet<int> &newLines)
{
    m_markedOld = oldLines;
    m_markedNew = newLines;
    m_gutter->update();
}

bool DiffView::isMarked(const UnifiedDiff::Line &line) const
{
    if (line.kind == UnifiedDiff::Line::Kind::Removed)
        return m_markedOld.contains(line.oldLine);
    return line.newLine > 0 && m_markedNew.contains(line.newLine);
}

void DiffView::clearDiff()
{
    m_markedOld.clear();
    m_markedNew.clear();
    m_path.clear();
    m_diff = {};
    m_highlighter->setDefinition({});
    setPlainText({});
    updateGutterWidth();
}

void DiffView::showDiff(const QString &path, const QByteArray &patch)
{
    showLines(path, UnifiedDiff::parse(patch), Side::Both);
}

void DiffView::showLines(const QString &path, UnifiedDiff lines, Side side)
{
    m_markedOld.clear();
    m_markedNew.clear();
    m_path = path;
    m_side = side;
    m_diff = std::move(lines);
    int largest = 1;
    QString text;
    for (UnifiedDiff::Line &line : m_diff.lines) {
        largest = std::max({largest, line.oldLine, line.newLine});
        if (line.text.size() > maxShownLineLength) {
            line.text = tr("%1 … (%n more characters)", nullptr, int(line.text.size() - maxShownLineLength))
                            .arg(line.text.left(maxShownLineLength));
        }
        if (!text.isEmpty())
            text += u'\n';
        text += line.text;
    }
    m_numberDigits = int(QString::number(largest).size());
    // The definition is set on an empty document: highlighting runs once, when the text arrives.
    setPlainText({});
    const bool highlight = m_diff.lines.size() <= maxHighlightedLines;
    if (highlight) {
        const KSyntaxHighlighting::Definition definition = repository().definitionForFileName(path);
        if (m_highlighter->definition() != definition)
            m_highlighter->setDefinition(definition);
        updateColours(); // the theme, now that the repository is loaded
    } else {
        m_highlighter->setDefinition({});
    }
    setPlainText(text);
    updateGutterWidth();
    moveCursor(QTextCursor::Start);
}

void DiffView::updateGutterWidth()
{
    const QFontMetrics metrics(font());
    // Old and new line numbers (or one side's), then the +/− mark.
    const int columns = m_side == Side::Both ? 2 : 1;
    const int width = metrics.horizontalAdvance(u'9') * (columns * m_numberDigits + 2) + 8 + columns * 8;
    setViewportMargins(width, 0, 0, 0);
    const QRect contents = contentsRect();
    m_gutter->setGeometry(contents.left(), contents.top(), width, contents.height());
    m_gutter->update();
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateGutterWidth();
}

QColor DiffView::lineBackground(int block, bool gutter) const
{
    if (block < 0 || block >= m_diff.lines.size())
        return {};
    switch (m_diff.lines.at(block).kind) {
    case UnifiedDiff::Line::Kind::Added:
        return gutter ? m_colours.addedStrong : m_colours.added;
    case UnifiedDiff::Line::Kind::Removed:
        return gutter ? m_colours.removedStrong : m_colours.removed;
    case UnifiedDiff::Line::Kind::Hunk:
        return m_colours.hunk;
    case UnifiedDiff::Line::Kind::Filler:
        return m_colours.filler;
    case UnifiedDiff::Line::Kind::Context:
    case UnifiedDiff::Line::Kind::Note:
        break;
    }
    return gutter ? m_colours.gutter : QColor();
}

void DiffView::paintEvent(QPaintEvent *event)
{
    {
        // Line backgrounds across the whole width, under the text QPlainTextEdit paints next.
        QPainter painter(viewport());
        const int right = viewport()->width();
        for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
            const QRectF bounds = blockBoundingGeometry(block).translated(contentOffset());
            if (bounds.top() > event->rect().bottom())
                break;
            if (const QColor colour = lineBackground(block.blockNumber(), false); colour.isValid())
                painter.fillRect(QRectF(0, bounds.top(), right, bounds.height()), colour);
        }
    }
    QPlainTextEdit::paintEvent(event);
}

void DiffView::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), m_colours.gutter);
    painter.setFont(font());
    const QFontMetrics metrics(font());
    const int digit = metrics.horizontalAdvance(u'9');
    const int numberWidth = digit * m_numberDigits;
    const int oldRight = 6 + numberWidth;
    const int newRight = m_side == Side::Both ? oldRight + 8 + numberWidth : oldRight;
    const int signLeft = newRight + 6;
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF bounds = blockBoundingGeometry(block).translated(contentOffset());
        if (bounds.top() > event->rect().bottom())
            break;
        const int number = block.blockNumber();
        if (number >= m_diff.lines.size())
            break;
        const UnifiedDiff::Line &line = m_diff.lines.at(number);
        const int top = int(bounds.top());
        const int height = metrics.height();
        if (const QColor colour = lineBackground(number, true); colour != m_colours.gutter)
            painter.fillRect(QRect(0, top, m_gutter->width(), int(bounds.height())), colour);
        if (isMarked(line)) // a comment for the agent: a bar at the gutter's edge, in the selection colour
            painter.fillRect(QRect(0, top, 3, int(bounds.height())), palette().color(QPalette::Highlight));
        painter.setPen(m_colours.gutterText);
        if (line.oldLine > 0 && m_side != Side::New)
            painter.drawText(QRect(0, top, oldRight, height), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(line.oldLine));
        if (line.newLine > 0 && m_side != Side::Old)
            painter.drawText(QRect(0, top, newRight, height), Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(line.newLine));
        const QString sign = line.kind == UnifiedDiff::Line::Kind::Added     ? u"+"_s
                             : line.kind == UnifiedDiff::Line::Kind::Removed ? u"−"_s
                                                                             : QString();
        if (!sign.isEmpty()) {
            painter.setPen(palette().color(QPalette::Text));
            painter.drawText(QRect(signLeft, top, digit * 2, height), Qt::AlignLeft | Qt::AlignVCenter, sign);
        }
    }
}

} // namespace Paddock::App
