// paddock-gui: the desktop application (`paddock` with no command starts it).
#include "app/gui/guiapplication.h"

int main(int argc, char *argv[])
{
    return Paddock::App::runGui(argc, argv);
}
