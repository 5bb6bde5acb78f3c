#include "app/gui/mainwindow.h"

#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace Paddock::App {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Paddock"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/paddock.svg")));

    // The empty state until the sandbox list exists: say what Paddock is and how to start.
    auto *emptyState = new QWidget(this);
    auto *layout = new QVBoxLayout(emptyState);
    layout->addStretch();
    auto *icon = new QLabel(emptyState);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/paddock.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("No sandboxes yet"), emptyState);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    auto *hint = new QLabel(
        tr("Each agent runs in its own sandbox and reaches the network only through Paddock's "
           "filtering proxy.\nSandboxes will be listed here; policies and templates are managed with the "
           "paddock command (paddock --help)."),
        emptyState);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(icon);
    layout->addSpacing(12);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addStretch();
    setCentralWidget(emptyState);
    resize(1100, 720);
}

} // namespace Paddock::App
