#include "app/gui/confirmationbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Paddock::App {

ConfirmationBar::ConfirmationBar(QWidget *parent)
    : QFrame(parent)
    , m_question(new QLabel(this))
    , m_accept(new QPushButton(this))
{
    setObjectName(u"confirmationBar"_s);
    setAutoFillBackground(true);
    setFrameShape(QFrame::StyledPanel);
    m_question->setTextFormat(Qt::PlainText); // the text comes from the program: never markup
    m_question->setWordWrap(true);
    m_accept->setObjectName(u"accept"_s);
    auto *dismiss = new QPushButton(tr("Ignore"), this);
    dismiss->setObjectName(u"dismiss"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_question, 1);
    layout->addWidget(m_accept);
    layout->addWidget(dismiss);
    connect(m_accept, &QPushButton::clicked, this, [this] {
        const auto onAccept = std::move(m_onAccept);
        close();
        if (onAccept)
            onAccept();
    });
    connect(dismiss, &QPushButton::clicked, this, &ConfirmationBar::close);
    hide();
}

void ConfirmationBar::ask(const QString &question, const QString &acceptLabel, std::function<void()> onAccept)
{
    m_question->setText(question);
    m_accept->setText(acceptLabel);
    m_onAccept = std::move(onAccept);
    placeAtTopOf(parentWidget());
    show();
    raise();
}

void ConfirmationBar::placeAtTopOf(const QWidget *area)
{
    if (area)
        setGeometry(0, 0, area->width(), sizeHint().height());
}

void ConfirmationBar::close()
{
    m_onAccept = nullptr;
    hide();
    if (parentWidget())
        parentWidget()->setFocus();
}

} // namespace Paddock::App
