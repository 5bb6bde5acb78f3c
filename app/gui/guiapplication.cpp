#include "app/gui/guiapplication.h"

#include "app/cli/cli.h"
#include "app/gui/mainwindow.h"

#include <QApplication>

namespace Paddock::App {

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Cli::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Paddock"));
    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace Paddock::App
