#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace Paddock::App {

// A bar across the top of a view asking the user to confirm one thing a program asked for (copy to the
// clipboard, open a link). Nothing happens until the user clicks the first button.
class ConfirmationBar : public QFrame
{
    Q_OBJECT

public:
    explicit ConfirmationBar(QWidget *parent);
    // Replaces any question shown: a program cannot queue up confirmations behind the visible one.
    void ask(const QString &question, const QString &acceptLabel, std::function<void()> onAccept);
    void placeAtTopOf(const QWidget *area);

private:
    void close();

    QLabel *m_question;
    QPushButton *m_accept;
    std::function<void()> m_onAccept;
};

} // namespace Paddock::App
