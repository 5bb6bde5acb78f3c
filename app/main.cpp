// paddock-cli: the command-line interface behind `paddock` (launcher.cpp hands commands to it).
#include "app/cli/cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Paddock::App::Cli::setApplicationIdentity();
    return Paddock::App::Cli().run(app.arguments().mid(1));
}
