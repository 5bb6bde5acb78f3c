#include "app/gui/sidebysidediffview.h"

#include "app/gui/diffview.h"

#include <QHBoxLayout>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

// Each bar follows the other (setValue with the same value emits nothing, so this does not loop).
void linkScrollBars(QScrollBar *a, QScrollBar *b)
{
    QObject::connect(a, &QScrollBar::valueChanged, b, &QScrollBar::setValue);
    QObject::connect(b, &QScrollBar::valueChanged, a, &QScrollBar::setValue);
}

} // namespace

SideBySideDiffView::SideBySideDiffView(QWidget *parent)
    : QWidget(parent)
    , m_old(new DiffView(this))
    , m_new(new DiffView(this))
{
    setObjectName(u"sideBySideDiff"_s);
    m_old->setObjectName(u"oldSide"_s);
    m_new->setObjectName(u"newSide"_s);
    // One vertical bar, on the right, for both columns: they always have the same number of lines.
    m_old->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    linkScrollBars(m_old->verticalScrollBar(), m_new->verticalScrollBar());
    linkScrollBars(m_old->horizontalScrollBar(), m_new->horizontalScrollBar());
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_old, 1);
    layout->addWidget(m_new, 1);
}

void SideBySideDiffView::showDiff(const QString &path, const QByteArray &patch)
{
    UnifiedDiff::Columns columns = UnifiedDiff::sideBySide(UnifiedDiff::parse(patch));
    m_old->showLines(path, std::move(columns.left), DiffView::Side::Old);
    m_new->showLines(path, std::move(columns.right), DiffView::Side::New);
}

void SideBySideDiffView::clearDiff()
{
    m_old->clearDiff();
    m_new->clearDiff();
}

} // namespace Paddock::App
