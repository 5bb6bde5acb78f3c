#include "app/gui/guiapplication.h"

#include "app/cli/cli.h"
#include "app/gui/mainwindow.h"
#include "app/host/sandboxhost.h"

#include <QApplication>
#include <QMessageBox>
#include <QProcessEnvironment>

namespace Paddock::App {

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Cli::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Paddock"));
    // The window hosts the sandboxes it runs: the proxy, the audit log and the control socket live here.
    SandboxHost host(Core::Paths(QProcessEnvironment::systemEnvironment()));
    if (auto opened = host.open(); !opened) {
        QMessageBox::critical(nullptr,
                              QApplication::translate("Paddock::App::MainWindow", "Paddock cannot start"),
                              opened.error().message);
        return 1;
    }
    MainWindow window(host);
    window.show();
    return app.exec();
}

} // namespace Paddock::App
