#pragma once

#include <QDialog>

#include <functional>

class QListWidget;
class QStackedWidget;

namespace Paddock::App {

// Paddock's settings: a list of pages on the left (General, Network Policy, Templates, Secrets), the
// chosen page on the right. Each page saves its own changes; the dialog only switches between them.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // Takes ownership of the page; objectName identifies it for showPage(). confirmClose, when given, runs
    // before the dialog closes (it asks about unsaved edits); false keeps the dialog open.
    void addPage(QWidget *page, const QIcon &icon, const QString &title,
                 std::function<bool()> confirmClose = {});
    void showPage(const QString &objectName);
    QWidget *currentPage() const;

    // Closing (Close, Escape or the title bar's button) asks the pages first.
    void done(int result) override;

private:
    bool confirmClose(); // every page with unsaved edits asks, on its own page

    QList<std::pair<QWidget *, std::function<bool()>>> m_closeGuards;
    QListWidget *m_pageList;
    QStackedWidget *m_pages;
};

} // namespace Paddock::App
