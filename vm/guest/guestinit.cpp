#include "guestinit.h"

#include "bootplan.h"
#include "guestsupport.h"

#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace Paddock::Guest {

namespace {

std::string readText(const char *path)
{
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

bool mountOrSay(const char *source, const std::string &target, const char *type, const char *options,
                const char *what)
{
    if (mount(source, target.c_str(), type, 0, options) == 0)
        return true;
    std::printf("paddock-init: %s could not be mounted: %s\n", what, std::strerror(errno));
    return false;
}

// A disk's node appears as its driver finds it: a moment after the driver's module loaded, at most.
bool mountDisk(const char *device, const std::string &target, const char *what)
{
    // noinit_itable: the image's inode tables were left for the kernel to zero, which would fill the disk.
    for (int attempt = 0; attempt < 100 && access(device, F_OK) != 0; ++attempt)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return mountOrSay(device, target, "ext4", "noinit_itable", what);
}

void loadModule(const std::string &file)
{
    const std::string path = "/lib/modules/" + file;
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    // The image's modules carry no signature (GuestImageBuilder strips it): Debian's kernel enforces none.
    if (fd < 0 || syscall(SYS_finit_module, fd, "", 0) != 0)
        std::printf("paddock-init: %s did not load: %s\n", file.c_str(), std::strerror(errno));
    if (fd >= 0)
        close(fd);
}

void bringUpLoopback()
{
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    bool up = fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &request) == 0;
    request.ifr_flags |= IFF_UP;
    up = up && ioctl(fd, SIOCSIFFLAGS, &request) == 0;
    if (!up)
        std::printf("paddock-init: the loopback interface did not come up: %s\n", std::strerror(errno));
    if (fd >= 0)
        close(fd);
}

std::string virtioPortNames()
{
    std::string names;
    for (const auto &[node, name] : virtioPorts())
        names += (names.empty() ? "" : " ") + name;
    return names;
}

[[noreturn]] void reportAndPowerOff()
{
    utsname system{};
    uname(&system);
    // Where the console driver is there, its ports come a moment after it: the agent's is the one to wait
    // for.
    if (access("/sys/class/virtio-ports", F_OK) == 0)
        waitForVirtioPort("org.paddock.agent", 5000);
    std::printf("PADDOCK-GUEST-BOOTED kernel=%s ports=%s\n", system.release, virtioPortNames().c_str());
    std::fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    for (;;)
        pause();
}

bool copyFile(const char *from, const std::string &to)
{
    const int in = open(from, O_RDONLY | O_CLOEXEC);
    const int out = open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
    bool copied = in >= 0 && out >= 0;
    for (ssize_t sent = 1; copied && sent > 0;) {
        sent = sendfile(out, in, nullptr, 1 << 20);
        copied = sent >= 0;
    }
    if (in >= 0)
        close(in);
    if (out >= 0)
        copied = close(out) == 0 && copied;
    return copied;
}

// The machine's system disk over the image's root: what the agent installs stays between starts.
bool mountSystemDisk(const std::string &root)
{
    mkdir(root.c_str(), 0755);
    if (!mountDisk("/dev/vda", root, "the root file system"))
        return false;
    mountOrSay("tmpfs", root + "/tmp", "tmpfs", "mode=1777", "/tmp");
    mountOrSay("tmpfs", root + "/run", "tmpfs", "mode=0755", "/run");
    mkdir((root + "/run/paddock").c_str(), 0755);
    // The host runs it in the machine for published ports and files (paddock-guest connect, write).
    if (!copyFile("/bin/paddock-guest", root + "/run/paddock/paddock-guest"))
        std::printf("paddock-init: paddock-guest could not be copied: %s\n", std::strerror(errno));
    return true;
}

void mountWorkspace(BootPlan::Workspace workspace, const std::string &root)
{
    const std::string target = root + "/workspace";
    switch (workspace) {
    case BootPlan::Workspace::None:
        break;
    case BootPlan::Workspace::VirtioFs:
        mountOrSay("workspace", target, "virtiofs", nullptr, "the workspace");
        break;
    case BootPlan::Workspace::NineP:
        mountOrSay("workspace", target, "9p", "trans=virtio,version=9p2000.L,msize=524288,access=any",
                   "the workspace");
        break;
    case BootPlan::Workspace::Disk:
        mountDisk("/dev/vdb", target, "the workspace disk");
        break;
    }
}

// What switch_root does, less freeing the initramfs: its pages stay in the host's memory either way.
void moveInto(const std::string &root)
{
    for (const char *fs : {"/proc", "/sys", "/dev"})
        if (mount(fs, (root + fs).c_str(), nullptr, MS_MOVE, nullptr) != 0)
            std::printf("paddock-init: %s could not be moved: %s\n", fs, std::strerror(errno));
    if (chdir(root.c_str()) != 0 || mount(".", "/", nullptr, MS_MOVE, nullptr) != 0 || chroot(".") != 0 ||
        chdir("/") != 0)
        std::printf("paddock-init: the root could not be switched: %s\n", std::strerror(errno));
}

// Without a system disk the agent's sessions get busybox's tools, as links in /bin.
void installBusybox()
{
    const pid_t child = fork();
    if (child == 0) {
        execl("/bin/busybox", "busybox", "--install", "-s", "/bin", nullptr);
        _exit(127);
    }
    int status = 0;
    while (child > 0 && waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
}

} // namespace

void bootMachine()
{
    setvbuf(stdout, nullptr, _IOLBF, 0); // each line on the console as it happens, before a hang or a panic
    mountOrSay("proc", "/proc", "proc", nullptr, "/proc");
    mountOrSay("sysfs", "/sys", "sysfs", nullptr, "/sys");
    mountOrSay("devtmpfs", "/dev", "devtmpfs", nullptr, "/dev");
    for (const char *folder : {"/dev/pts", "/home", "/home/agent", "/root"})
        mkdir(folder, 0755);
    mountOrSay("devpts", "/dev/pts", "devpts", "mode=0620,ptmxmode=0666", "/dev/pts");
    mountOrSay("tmpfs", "/tmp", "tmpfs", "mode=1777", "/tmp");

    const BootPlan plan = planBoot(readText("/proc/cmdline"), readText("/etc/paddock-modules"));
    for (const std::string &module : plan.modules)
        loadModule(module);
    logUptime("paddock-init", "modules loaded");
    bringUpLoopback();
    sethostname("paddock", 7);
    if (plan.purpose == BootPlan::Purpose::Smoke)
        reportAndPowerOff();
    if (plan.purpose == BootPlan::Purpose::Idle) {
        std::printf("PADDOCK-GUEST-IDLE\n");
        std::fflush(stdout);
        for (;;)
            pause();
    }

    std::string root;
    if (plan.systemDisk) {
        if (mountSystemDisk("/newroot"))
            root = "/newroot";
        else
            std::printf("paddock-init: busybox only\n");
    }
    mountWorkspace(plan.workspace, root);
    if (!plan.homeDisk.empty()) {
        mkdir((root + "/home/agent").c_str(), 0755);
        mountDisk(plan.homeDisk.c_str(), root + "/home/agent", "the home disk");
    }
    logUptime("paddock-init", "file systems mounted");
    if (root.empty())
        installBusybox();
    else
        moveInto(root);
}

} // namespace Paddock::Guest
