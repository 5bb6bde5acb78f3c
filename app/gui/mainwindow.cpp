#include "app/gui/mainwindow.h"

#include <QLabel>

namespace Paddock::App {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Paddock"));
    auto *placeholder = new QLabel(tr("No sandboxes yet."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1100, 720);
}

} // namespace Paddock::App
