// paddock-cli: the command-line interface behind `paddock` (launcher.cpp hands commands to it).
#include "app/cli/cli.h"
#include "app/cli/translations.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Paddock::App::Cli::setApplicationIdentity();
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const Paddock::Core::Paths paths(environment);
    Paddock::App::installTranslations(app, Paddock::App::preferredLanguage(paths, environment));
    return Paddock::App::Cli(paths).run(app.arguments().mid(1));
}
