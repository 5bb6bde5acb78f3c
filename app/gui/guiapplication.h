#pragma once

namespace Paddock::App {

// Builds the desktop application's objects and runs its event loop.
int runGui(int argc, char *argv[]);

} // namespace Paddock::App
