#include "listeningports.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace Paddock::Guest {

std::set<int> listeningPorts(const std::string &netFolder)
{
    std::set<int> ports;
    for (const char *table : {"/tcp", "/tcp6"}) {
        std::ifstream file(netFolder + table);
        std::string line;
        std::getline(file, line); // the header
        while (std::getline(file, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state;
            fields >> slot >> local >> remote >> state;
            const std::size_t colon = local.rfind(':');
            if (state == "0A" && colon != std::string::npos) // TCP_LISTEN
                ports.insert(int(std::strtol(local.c_str() + colon + 1, nullptr, 16)));
        }
    }
    return ports;
}

} // namespace Paddock::Guest
