#include "bootplan.h"

#include <set>
#include <sstream>

namespace Paddock::Guest {

BootPlan planBoot(const std::string &commandLine, const std::string &moduleList)
{
    std::set<std::string> words;
    std::istringstream line(commandLine);
    for (std::string word; line >> word;)
        words.insert(word);
    const auto asked = [&words](const std::string &name) { return words.contains("paddock." + name); };

    BootPlan plan;
    std::istringstream list(moduleList);
    for (std::string entry; std::getline(list, entry);) {
        std::istringstream fields(entry);
        std::string wanted, file, extra;
        // A file name is a name, never a path: the list comes from the image, but a stray line loads nothing.
        if (fields >> wanted >> file && !(fields >> extra) && file.find('/') == std::string::npos &&
            file != ".." && (wanted == "always" || asked(wanted)))
            plan.modules.push_back(file);
    }
    if (asked("smoke"))
        plan.purpose = BootPlan::Purpose::Smoke;
    else if (asked("idle"))
        plan.purpose = BootPlan::Purpose::Idle;
    plan.systemDisk = asked("root");
    if (asked("virtiofs"))
        plan.workspace = BootPlan::Workspace::VirtioFs;
    else if (asked("workspace"))
        plan.workspace = BootPlan::Workspace::NineP;
    else if (asked("workspacedisk"))
        plan.workspace = BootPlan::Workspace::Disk;
    // Disks come in the order MicroVmCommand adds them: the root's, the workspace's, the home's.
    if (asked("homedisk"))
        plan.homeDisk = asked("workspacedisk") ? "/dev/vdc" : "/dev/vdb";
    return plan;
}

} // namespace Paddock::Guest
