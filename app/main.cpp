// paddock: the CLI. With no command it hands over to the desktop application, paddock-gui, next to it.
#include "app/cli/cli.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

// The directory of this executable (from /proc, so that it works before Qt is up).
std::string ownDirectory()
{
    char path[4096];
    const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0)
        return ".";
    const std::string self(path, std::size_t(n));
    return self.substr(0, self.rfind('/'));
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2) {
        const std::string gui = ownDirectory() + "/paddock-gui";
        if (::access(gui.c_str(), X_OK) == 0) {
            argv[0] = const_cast<char *>(gui.c_str());
            ::execv(gui.c_str(), argv);
            std::fprintf(stderr, "paddock: cannot start %s: %s\n", gui.c_str(), std::strerror(errno));
            return 1;
        }
        // A build without the desktop application (the headless preset): the CLI's help.
    }
    QCoreApplication app(argc, argv);
    Paddock::App::Cli::setApplicationIdentity();
    return Paddock::App::Cli().run(app.arguments().mid(1));
}
