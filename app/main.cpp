// paddock: with no command it opens the GUI; with a command it is the CLI.
#include "app/cli/cli.h"
#ifdef PADDOCK_WITH_GUI
#include "app/gui/guiapplication.h"
#endif

#include <QCoreApplication>

int main(int argc, char *argv[])
{
#ifdef PADDOCK_WITH_GUI
    if (argc < 2)
        return Paddock::App::runGui(argc, argv);
#endif
    QCoreApplication app(argc, argv);
    Paddock::App::Cli::setApplicationIdentity();
    return Paddock::App::Cli().run(app.arguments().mid(1));
}
