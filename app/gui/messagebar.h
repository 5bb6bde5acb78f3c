#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;
class QListWidget;

namespace Paddock::App {

// A closable bar that reports how an action ended: green for done, red for failed, with an optional list
// (a merge's conflicting files).
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text, bool error, const QStringList &items = {});
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateStyle();

    QLabel *m_text;
    QListWidget *m_items;
    bool m_error = false;
};

} // namespace Paddock::App
