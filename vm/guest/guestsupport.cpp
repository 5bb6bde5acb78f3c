// Pieces of paddock-guest shared by its modes: starting a session's process, the network self-test.
#include "guestsupport.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

namespace Paddock::Guest {

int connectProxy(const std::string &path)
{
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd < 0 || path.size() >= sizeof address.sun_path) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// Listens before the command starts, so that its first request finds the forwarder ready.
int listenLoopback(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(uint16_t(port));
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(fd, 128) != 0) {
        std::fprintf(stderr, "paddock-guest: cannot listen on 127.0.0.1:%d: %s\n", port,
                     std::strerror(errno));
        std::exit(125);
    }
    return fd;
}

// Sends one request to the forwarder and returns the response's first line ("" when nothing came).
std::string askProxy(int port, const std::string &request)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const timeval timeout{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(uint16_t(port));
    std::string response;
    if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
        send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())) {
        char buffer[512];
        ssize_t n;
        while (response.find("\r\n") == std::string::npos && (n = read(fd, buffer, sizeof buffer)) > 0)
            response.append(buffer, std::size_t(n));
    }
    close(fd);
    return response.substr(0, response.find("\r\n"));
}

// True when a direct connection of that kind gets anywhere (it must not).
bool directRouteExists(int family, int type, const char *host, int port)
{
    const int fd = socket(family, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return false;
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (family == AF_INET) {
        auto *address = reinterpret_cast<sockaddr_in *>(&storage);
        address->sin_family = AF_INET;
        address->sin_port = htons(uint16_t(port));
        inet_pton(AF_INET, host, &address->sin_addr);
        length = sizeof *address;
    } else {
        auto *address = reinterpret_cast<sockaddr_in6 *>(&storage);
        address->sin6_family = AF_INET6;
        address->sin6_port = htons(uint16_t(port));
        inet_pton(AF_INET6, host, &address->sin6_addr);
        length = sizeof *address;
    }
    // With no route, connect() fails at once (ENETUNREACH); "in progress" or success means a route exists.
    const int result = connect(fd, reinterpret_cast<sockaddr *>(&storage), length);
    const bool route = result == 0 || errno == EINPROGRESS;
    close(fd);
    return route;
}

// The start-up self-test (security.md item 10); returns what failed, or "" when all is well.
std::string selfTest(int port)
{
    const std::string ok = askProxy(port, "GET http://selftest.paddock.invalid/ HTTP/1.1\r\nHost: "
                                          "selftest.paddock.invalid\r\nConnection: close\r\n\r\n");
    if (ok.rfind("HTTP/1.1 200", 0) != 0)
        return "the Paddock proxy does not answer inside the sandbox";
    const std::string denied =
        askProxy(port, "GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\nHost: "
                       "169.254.169.254\r\nConnection: close\r\n\r\n");
    if (denied.rfind("HTTP/1.1 403", 0) != 0)
        return "the proxy did not refuse the cloud metadata address 169.254.169.254 (answer: " +
               (denied.empty() ? std::string("none") : denied) +
               "); check the sandbox's policy for a rule allowing it";
    if (directRouteExists(AF_INET, SOCK_STREAM, "192.0.2.1", 80) ||
        directRouteExists(AF_INET6, SOCK_STREAM, "2001:db8::1", 80) ||
        directRouteExists(AF_INET, SOCK_DGRAM, "192.0.2.1", 53))
        return "a direct connection out of the sandbox is possible, bypassing the proxy";
    return {};
}

// argv[0] looked up in the session's PATH, as a shell would; unchanged when not found (exec then fails).
std::string resolveProgram(const std::string &program, const std::vector<std::string> &environment)
{
    if (program.find('/') != std::string::npos)
        return program;
    std::string path = "/usr/local/bin:/usr/bin:/bin";
    for (const auto &variable : environment) {
        if (variable.rfind("PATH=", 0) == 0)
            path = variable.substr(5);
    }
    for (std::size_t start = 0; start <= path.size();) {
        std::size_t end = path.find(':', start);
        if (end == std::string::npos)
            end = path.size();
        const std::string candidate = path.substr(start, end - start) + "/" + program;
        if (end > start && access(candidate.c_str(), X_OK) == 0)
            return candidate;
        start = end + 1;
    }
    return program;
}

// The guest's own environment (the sandbox's, from bwrap) with the request's variables on top.
std::vector<std::string> sessionEnvironment(const std::vector<std::string> &overrides)
{
    std::vector<std::string> result;
    for (char **variable = environ; *variable; ++variable)
        result.emplace_back(*variable);
    for (const auto &override : overrides) {
        const std::string name = override.substr(0, override.find('=') + 1);
        std::erase_if(result, [&name](const std::string &v) { return v.rfind(name, 0) == 0; });
        result.push_back(override);
    }
    return result;
}

bool writeAll(int fd, const std::string &text)
{
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

// Forks the session's process: its own session and process group, the descriptors as 0, 1 and 2 (and the
// PTY as its controlling terminal), default signal handling, nothing else inherited.
pid_t startSession(const Paddock::Guest::SessionRequest &request, const std::vector<int> &descriptors)
{
    const std::vector<std::string> environment = sessionEnvironment(request.environment);
    const std::string program = resolveProgram(request.arguments.front(), environment);
    std::vector<char *> argv, envp;
    for (const auto &argument : request.arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    for (const auto &variable : environment)
        envp.push_back(const_cast<char *>(variable.c_str()));
    envp.push_back(nullptr);
    const std::string cannotRun = "paddock-guest: cannot run " + request.arguments.front() + ": ";
    const std::string noFolder = "paddock-guest: no folder " + request.workingDirectory + "\n";

    const pid_t pid = fork();
    if (pid != 0)
        return pid;
    // The child: only async-signal-safe calls from here (the parent has threads).
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int signal = 1; signal < NSIG; ++signal)
        ::signal(signal, SIG_DFL);
    setsid();
    if (request.terminal)
        ioctl(descriptors[0], TIOCSCTTY, 0);
    for (int i = 0; i < Paddock::Guest::sessionDescriptors; ++i)
        dup2(descriptors[std::size_t(i)], i);
    syscall(SYS_close_range, 3U, ~0U, 0U);
    if (chdir(request.workingDirectory.c_str()) != 0) {
        writeAll(2, noFolder);
        _exit(126);
    }
    execve(program.c_str(), argv.data(), envp.data());
    const int error = errno;
    writeAll(2, cannotRun);
    writeAll(2, std::strerror(error));
    writeAll(2, "\n");
    _exit(error == ENOENT ? 127 : 126);
}

void logUptime(const char *who, const char *what)
{
    std::ifstream uptime("/proc/uptime");
    std::string seconds;
    uptime >> seconds;
    std::fprintf(stderr, "%s: %s at %ss\n", who, what, seconds.c_str());
}

std::vector<std::pair<std::string, std::string>> virtioPorts()
{
    std::vector<std::pair<std::string, std::string>> ports;
    DIR *folder = opendir("/sys/class/virtio-ports");
    if (!folder)
        return ports;
    while (const dirent *entry = readdir(folder)) {
        if (entry->d_name[0] == '.')
            continue;
        std::ifstream file("/sys/class/virtio-ports/" + std::string(entry->d_name) + "/name");
        std::string name;
        std::getline(file, name);
        ports.emplace_back(entry->d_name, name);
    }
    closedir(folder);
    return ports;
}

std::string waitForVirtioPort(const std::string &name, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        for (const auto &[node, portName] : virtioPorts())
            if (portName == name)
                return "/dev/" + node;
        if (std::chrono::steady_clock::now() >= deadline)
            return {};
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace Paddock::Guest
