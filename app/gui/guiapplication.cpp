#include "app/gui/guiapplication.h"

#include "app/cli/cli.h"
#include "app/cli/translations.h"
#include "app/gui/hostclaim.h"
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
    // Desktops match the window to installer/linux/org.paddock.Paddock.desktop (its icon, its name).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.paddock.Paddock"));
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const Core::Paths paths(environment);
    installTranslations(app, preferredLanguage(paths, environment));
    // The window hosts the sandboxes it runs: the proxy, the audit log and the control socket live here.
    SandboxHost host(paths);
    host.setRole(SandboxHost::Role::Window);
    QStringList startAgain; // what a background `paddock serve` handed over
    if (auto opened = host.open(); !opened) {
        const HostClaim::Outcome claim = HostClaim::claim(paths, host, opened.error());
        if (claim.exitCode) // the open window came forward, the user said no, or it failed and said why
            return *claim.exitCode;
        startAgain = claim.startAgain;
    }
    MainWindow window(host);
    // The window may hide in the tray while sandboxes run, and a dialog closing then is not the end:
    // Paddock ends when the window says the user quit.
    app.setQuitOnLastWindowClosed(false);
    QObject::connect(&window, &MainWindow::quitConfirmed, &app, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    window.show();
    for (const QString &name : startAgain)
        window.attach(name);
    return app.exec();
}

} // namespace Paddock::App
