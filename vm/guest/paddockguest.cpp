// paddock-guest: runs inside every sandbox as the parent of the agent. It forwards 127.0.0.1:PORT in the
// sandbox's network namespace (which has nothing but loopback) to the sandbox's proxy, a Unix socket bound in
// from the host, so that the proxy is the only way out; then it runs the command and exits with its status.
// Static, no Qt: it must run on any root filesystem, the host's /usr or a minimal image.
//
//   paddock-guest run [--proxy-socket PATH] [--port N] [--self-test] -- COMMAND [ARG...]
//
// --self-test checks, before the command starts, that the sandbox's network is what it must be: the proxy
// answers, the proxy refuses the cloud metadata address, and no direct connection (TCP over IPv4 or IPv6,
// UDP) gets out. If any check fails the command is not started and the exit code is 125.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
        "usage: paddock-guest run [--proxy-socket PATH] [--port N] [--self-test] -- COMMAND [ARG...]\n");
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

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || std::strcmp(argv[1], "run") != 0)
        usage();
    std::string proxySocket;
    int port = 3128;
    bool wantSelfTest = false;
    int i = 2;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "--proxy-socket") == 0 && i + 1 < argc)
            proxySocket = argv[++i];
        else if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            port = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--self-test") == 0)
            wantSelfTest = true;
        else
            usage();
    }
    if (i + 1 >= argc || port <= 0 || port > 65535)
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
