// paddock-guest: runs inside every sandbox as the parent of the agent. It forwards 127.0.0.1:PORT in the
// sandbox's network namespace (which has nothing but loopback) to the sandbox's proxy, a Unix socket bound in
// from the host, so that the proxy is the only way out; then it runs the command and exits with its status.
// Static, no Qt: it must run on any root filesystem, the host's /usr or a minimal image.
//
//   paddock-guest run [--proxy-socket PATH] [--port N] -- COMMAND [ARG...]
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

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: paddock-guest run [--proxy-socket PATH] [--port N] -- COMMAND [ARG...]\n");
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
    int i = 2;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "--proxy-socket") == 0 && i + 1 < argc)
            proxySocket = argv[++i];
        else if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            port = std::atoi(argv[++i]);
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
