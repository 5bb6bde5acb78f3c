// paddock-guest: runs inside every sandbox. It forwards 127.0.0.1:PORT in the sandbox's network namespace
// (which has nothing but loopback) to the sandbox's proxy, a Unix socket bound in from the host, so that the
// proxy is the only way out; and it starts the sandbox's processes. Static, no Qt: it must run on any root
// filesystem, the host's /usr or a minimal image.
//
//   paddock-guest run [--proxy-socket PATH] [--port N] [--self-test] -- COMMAND [ARG...]
//       runs one command and exits with its status.
//   paddock-guest serve --control PATH [--proxy-socket PATH] [--port N] [--self-test]
//       a long-running sandbox: serves sessions (sessionprotocol.h) on the Unix socket PATH until a
//       "shutdown" request; prints "ready" on stdout once it accepts them.
//
// --self-test checks, before anything starts, that the sandbox's network is what it must be: the proxy
// answers, the proxy refuses the cloud metadata address, and no direct connection (TCP over IPv4 or IPv6,
// UDP) gets out. If any check fails nothing is started and the exit code is 125.
#include "sessionprotocol.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t relayBufferBytes = 64 * 1024;

constexpr int selfTestFailed = 125;

[[noreturn]] void usage()
{
    std::fprintf(
        stderr,
        "usage: paddock-guest run [--proxy-socket PATH] [--port N] [--self-test] -- COMMAND [ARG...]\n"
        "       paddock-guest serve --control PATH [--proxy-socket PATH] [--port N] [--self-test]\n");
    std::exit(2);
}

void pump(int from, int to)
{
    std::vector<char> buffer(relayBufferBytes);
    for (;;) {
        const ssize_t n = read(from, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (ssize_t done = 0; done < n;) {
            const ssize_t written = send(to, buffer.data() + done, std::size_t(n - done), MSG_NOSIGNAL);
            if (written < 0 && errno == EINTR)
                continue;
            if (written <= 0) {
                shutdown(from, SHUT_RD);
                return;
            }
            done += written;
        }
    }
    shutdown(to, SHUT_WR); // pass the end of stream on; the other direction may still be talking
}

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

void serveConnection(int client, std::string proxySocket)
{
    const int proxy = connectProxy(proxySocket);
    if (proxy < 0) {
        const std::string body = "paddock-guest: the Paddock proxy for this sandbox is not running.\n";
        const std::string response =
            "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        send(client, response.data(), response.size(), MSG_NOSIGNAL);
        close(client);
        return;
    }
    std::thread up(pump, client, proxy);
    pump(proxy, client);
    up.join();
    close(proxy);
    close(client);
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

pid_t g_child = 0;

void forwardSignal(int signal)
{
    if (g_child > 0)
        kill(g_child, signal);
}

// ---- serve: sessions ---------------------------------------------------------------------------------

bool sendText(int fd, const std::string &text)
{
    return send(fd, text.data(), text.size(), MSG_NOSIGNAL) == ssize_t(text.size());
}

// Reads the request header with its descriptors, then the payload.
std::optional<Paddock::Guest::SessionRequest> receiveRequest(int connection, std::vector<int> &descriptors)
{
    using namespace Paddock::Guest;
    char header[requestHeaderBytes];
    std::size_t got = 0;
    while (got < sizeof header) {
        iovec io{header + got, sizeof header - got};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * sessionDescriptors)];
        msghdr message{};
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t n = recvmsg(connection, &message, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
                continue;
            const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (std::size_t k = 0; k < count; ++k) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(c) + k * sizeof(int), sizeof fd);
                descriptors.push_back(fd);
            }
        }
        got += std::size_t(n);
    }
    const auto length = decodeHeader(header);
    if (!length)
        return std::nullopt;
    std::string payload(*length, '\0');
    for (std::size_t done = 0; done < payload.size();) {
        const ssize_t n = read(connection, payload.data() + done, payload.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        done += std::size_t(n);
    }
    return decodeRequest(payload);
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

void writeAll(int fd, const std::string &text)
{
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            return;
        done += std::size_t(n);
    }
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

int exitCodeOf(const siginfo_t &info)
{
    return info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
}

std::mutex g_sessionsMutex;
std::set<pid_t> g_sessions; // each is its own process group

// Ends the sessions, and in a sandbox's own PID namespace every other process too (kill(-1) there reaches
// only the sandbox's; outside one, as in a test on the host, it would reach the user's, so it is not used).
void endAllProcesses()
{
    const bool ownPidNamespace = getpid() <= 2; // bwrap's init is 1 and starts us; in a VM we are init
    const auto signalAll = [ownPidNamespace](int signal) {
        std::lock_guard lock(g_sessionsMutex);
        bool any = false;
        for (pid_t session : g_sessions)
            any = kill(-session, signal) == 0 || any;
        if (ownPidNamespace)
            any = kill(-1, signal) == 0 || any;
        return any;
    };
    // A hang-up first, as when a terminal closes: interactive shells ignore SIGTERM but end on SIGHUP (and
    // pass it to their jobs), so a sandbox with a shell attached stops at once instead of after the 3 s.
    signalAll(SIGHUP);
    signalAll(SIGTERM);
    signalAll(SIGCONT);
    for (int i = 0; i < 300 && signalAll(0); ++i) // 3 s to end, checked often: most end at once
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    signalAll(SIGKILL);
}

void serveSession(int connection)
{
    std::vector<int> descriptors;
    const auto request = receiveRequest(connection, descriptors);
    const auto closeDescriptors = [&descriptors] {
        for (int fd : descriptors)
            close(fd);
        descriptors.clear();
    };
    if (request && request->kind == "shutdown") {
        closeDescriptors();
        endAllProcesses();
        sendText(connection, "exit 0\n");
        std::exit(0);
    }
    if (!request || descriptors.size() != std::size_t(Paddock::Guest::sessionDescriptors)) {
        closeDescriptors();
        sendText(connection, "error malformed session request\n");
        close(connection);
        return;
    }
    const pid_t pid = startSession(*request, descriptors);
    closeDescriptors(); // the session holds them now; the host keeps its ends
    if (pid < 0) {
        sendText(connection, std::string("error fork: ") + std::strerror(errno) + "\n");
        close(connection);
        return;
    }
    {
        std::lock_guard lock(g_sessionsMutex);
        g_sessions.insert(pid);
    }
    sendText(connection, "started " + std::to_string(pid) + "\n");
    const int pidfd = int(syscall(SYS_pidfd_open, pid, 0));
    std::string input;
    bool hungUp = false;
    for (;;) {
        pollfd watched[2] = {{pidfd, POLLIN, 0}, {connection, POLLIN, 0}};
        const int ready = poll(watched, hungUp ? 1 : 2, hungUp ? 3000 : -1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0 && hungUp) {
            kill(-pid, SIGKILL); // it ignored the hang-up
            continue;
        }
        if (watched[0].revents) {
            siginfo_t info{};
            if (waitid(P_PID, id_t(pid), &info, WEXITED) == 0)
                sendText(connection, "exit " + std::to_string(exitCodeOf(info)) + "\n");
            break;
        }
        if (!hungUp && watched[1].revents) {
            char buffer[256];
            const ssize_t n = read(connection, buffer, sizeof buffer);
            if (n <= 0) { // the host went away: hang the session up, as closing a terminal does
                kill(-pid, SIGHUP);
                kill(-pid, SIGCONT);
                hungUp = true;
                continue;
            }
            input.append(buffer, std::size_t(n));
            for (std::size_t end; (end = input.find('\n')) != std::string::npos; input.erase(0, end + 1)) {
                const std::string line = input.substr(0, end);
                if (line.rfind("signal ", 0) == 0) {
                    const int signal = std::atoi(line.c_str() + 7);
                    if (signal > 0 && signal < NSIG)
                        kill(-pid, signal);
                }
            }
            if (input.size() > Paddock::Guest::maxReplyLineBytes)
                input.clear(); // not a line of ours
        }
    }
    {
        std::lock_guard lock(g_sessionsMutex);
        g_sessions.erase(pid);
    }
    close(pidfd);
    close(connection);
}

int listenControl(const std::string &path)
{
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd < 0 || path.size() >= sizeof address.sun_path) {
        std::fprintf(stderr, "paddock-guest: bad control socket path %s\n", path.c_str());
        std::exit(125);
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    unlink(path.c_str());
    const mode_t previous = umask(0077); // only this user may start sessions
    const bool ok =
        bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 && listen(fd, 64) == 0;
    umask(previous);
    if (!ok) {
        std::fprintf(stderr, "paddock-guest: cannot listen on %s: %s\n", path.c_str(), std::strerror(errno));
        std::exit(125);
    }
    return fd;
}

[[noreturn]] void serve(const std::string &controlPath)
{
    signal(SIGPIPE, SIG_IGN);
    const int listener = listenControl(controlPath);
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    for (;;) {
        const int connection = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection >= 0)
            std::thread(serveSession, connection).detach();
        else if (errno != EINTR && errno != ECONNABORTED)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || (std::strcmp(argv[1], "run") != 0 && std::strcmp(argv[1], "serve") != 0))
        usage();
    const bool serving = std::strcmp(argv[1], "serve") == 0;
    std::string proxySocket;
    std::string controlPath;
    int port = 3128;
    bool wantSelfTest = false;
    int i = 2;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "--proxy-socket") == 0 && i + 1 < argc)
            proxySocket = argv[++i];
        else if (std::strcmp(argv[i], "--control") == 0 && i + 1 < argc && serving)
            controlPath = argv[++i];
        else if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            port = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--self-test") == 0)
            wantSelfTest = true;
        else
            usage();
    }
    if (port <= 0 || port > 65535 || (serving ? controlPath.empty() || i < argc : i + 1 >= argc))
        usage();
    char **command = argv + i + 1;

    if (!proxySocket.empty()) {
        const int listener = listenLoopback(port);
        std::thread([listener, proxySocket] {
            for (;;) {
                const int client = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
                if (client >= 0)
                    std::thread(serveConnection, client, proxySocket).detach();
                else if (errno != EINTR && errno != ECONNABORTED)
                    std::this_thread::sleep_for(
                        std::chrono::milliseconds(10)); // out of descriptors: back off
            }
        }).detach();
    }

    if (wantSelfTest) {
        if (const std::string failure = selfTest(port); !failure.empty()) {
            std::fprintf(
                stderr,
                "paddock-guest: the sandbox's network self-test failed: %s. The command was not started.\n",
                failure.c_str());
            return selfTestFailed;
        }
    }
    if (serving)
        serve(controlPath);

    g_child = fork();
    if (g_child < 0) {
        std::perror("paddock-guest: fork");
        return 125;
    }
    if (g_child == 0) {
        execvp(command[0], command);
        std::fprintf(stderr, "paddock-guest: cannot run %s: %s\n", command[0], std::strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    struct sigaction action
    {
    };
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGQUIT})
        sigaction(signal, &action, nullptr);
    int status = 0;
    while (waitpid(g_child, &status, 0) < 0) {
        if (errno != EINTR)
            return 125;
    }
    // The shell's convention: the exit code, or 128 + the signal that ended the command.
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
