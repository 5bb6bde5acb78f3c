#include "app/gui/settingsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Paddock::App {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_pageList(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    m_pageList->setObjectName(u"settingsPages"_s);
    m_pageList->setIconSize(QSize(20, 20));
    m_pageList->setSpacing(2);
    m_pageList->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    auto *title = new QLabel(this);
    title->setObjectName(u"settingsPageTitle"_s);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    connect(m_pageList, &QListWidget::currentRowChanged, this, [this, title](int row) {
        m_pages->setCurrentIndex(row);
        title->setText(row >= 0 ? m_pageList->item(row)->text() : QString());
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *page = new QVBoxLayout;
    page->addWidget(title);
    page->addWidget(m_pages, 1);
    auto *body = new QHBoxLayout;
    body->addWidget(m_pageList);
    body->addLayout(page, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addSpacing(6);
    layout->addWidget(buttons);
    resize(1000, 700);
}

void SettingsDialog::addPage(QWidget *page, const QIcon &icon, const QString &title,
                             std::function<bool()> confirmClose)
{
    if (page->layout())
        page->layout()->setContentsMargins(0, 0, 0, 0); // the dialog's margins frame every page alike
    m_pages->addWidget(page);
    if (confirmClose)
        m_closeGuards.append({page, std::move(confirmClose)});
    auto *item = new QListWidgetItem(icon, title, m_pageList);
    item->setData(Qt::UserRole, page->objectName());
    item->setSizeHint(QSize(0, m_pageList->fontMetrics().height() * 2));
    // As wide as the longest title, no wider: the page gets the room.
    int widest = 0;
    for (int row = 0; row < m_pageList->count(); ++row)
        widest = qMax(widest, m_pageList->fontMetrics().horizontalAdvance(m_pageList->item(row)->text()));
    m_pageList->setFixedWidth(widest + m_pageList->iconSize().width() + 48);
    if (m_pageList->currentRow() < 0)
        m_pageList->setCurrentRow(0);
}

void SettingsDialog::showPage(const QString &objectName)
{
    for (int row = 0; row < m_pageList->count(); ++row) {
        if (m_pageList->item(row)->data(Qt::UserRole).toString() == objectName)
            m_pageList->setCurrentRow(row);
    }
}

QWidget *SettingsDialog::currentPage() const
{
    return m_pages->currentWidget();
}

bool SettingsDialog::confirmClose()
{
    const int shown = m_pageList->currentRow();
    for (const auto &[page, guard] : std::as_const(m_closeGuards)) {
        m_pageList->setCurrentRow(m_pages->indexOf(page)); // a question makes sense next to its edits
        if (!guard())
            return false; // and the user stays there to go on editing
    }
    m_pageList->setCurrentRow(shown);
    return true;
}

void SettingsDialog::done(int result)
{
    if (confirmClose())
        QDialog::done(result);
}

} // namespace Paddock::App
