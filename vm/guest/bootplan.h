#pragma once
// What a microVM's boot must do, read from the kernel's command line (the paddock.* words MicroVmCommand
// writes) and the image's module list (/etc/paddock-modules, one "WANTED FILE" line per module in load order,
// WANTED being "always" or the paddock.WANTED word that needs it). Pure: guestinit.h carries it out.
#include <string>
#include <vector>

namespace Paddock::Guest {

struct BootPlan
{
    enum class Purpose { Agent, Smoke, Idle };
    enum class Workspace { None, VirtioFs, NineP, Disk };

    Purpose purpose = Purpose::Agent; // paddock.smoke: report and power off; paddock.idle: wait forever
    std::vector<std::string> modules; // file names under /lib/modules, in load order
    bool systemDisk = false;          // paddock.root: /dev/vda becomes the root
    Workspace workspace = Workspace::None;
    std::string homeDisk; // paddock.homedisk: the disk after the root's and the workspace's; "" without
};

BootPlan planBoot(const std::string &commandLine, const std::string &moduleList);

} // namespace Paddock::Guest
