// paddock-guest: runs inside every sandbox. It forwards 127.0.0.1:PORT in the sandbox's network namespace
// (which has nothing but loopback) to the sandbox's proxy, so that the proxy is the only way out; and it
// starts the sandbox's processes. Static, no Qt: it must run on any root filesystem, the host's /usr or a
// minimal image.
//
//   paddock-guest run [--proxy-socket PATH] [--port N] [--self-test] -- COMMAND [ARG...]
//       runs one command and exits with its status; the forwarder's connections go to the Unix socket PATH.
//   paddock-guest connect PORT
//       relays its stdin and stdout to a server listening on 127.0.0.1:PORT (or [::1]:PORT) inside the
//       sandbox: a session the host opens for each connection to a published port.
//   paddock-guest write FILE...
//       writes its input into each file.
//   /init (a link to paddock-guest in a microVM's initramfs)
//       boots the machine (guestinit.h) and becomes its agent on the port org.paddock.agent, self-tested.
//   paddock-guest agent (--fd N | --port-name NAME) [--port N] [--self-test]
//       every long-running sandbox's agent (agentserver.h): the agent protocol on an inherited descriptor N
//       (a namespace sandbox) or on the virtio-serial port NAME (a microVM); sessions start through it and
//       the forwarder's connections go to the host over it. As PID 1 it powers the VM off at the end.
//
// --self-test checks, before anything starts, that the sandbox's network is what it must be: the proxy
// answers, the proxy refuses the cloud metadata address, and no direct connection (TCP over IPv4 or IPv6,
// UDP) gets out. If any check fails nothing is started and the exit code is 125.
#include "agentserver.h"
#include "guestinit.h"
#include "guestsupport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using namespace Paddock::Guest;

constexpr std::size_t relayBufferBytes = 64 * 1024;

[[noreturn]] void usage()
{
    std::fprintf(
        stderr,
        "usage: paddock-guest run [--proxy-socket PATH] [--port N] [--self-test] -- COMMAND [ARG...]\n"
        "       paddock-guest connect PORT\n"
        "       paddock-guest write FILE...\n"
        "       paddock-guest agent (--fd N | --port-name NAME) [--port N] [--self-test]\n");
    std::exit(2);
}

// Copies until the end of from; false when to takes no more. A socket gets send() without SIGPIPE, anything
// else (a pipe: a microVM session's stdout) write().
bool copyStream(int from, int to)
{
    std::vector<char> buffer(relayBufferBytes);
    bool socket = true;
    for (;;) {
        const ssize_t n = read(from, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return true;
        for (ssize_t done = 0; done < n;) {
            const char *data = buffer.data() + done;
            const auto left = std::size_t(n - done);
            ssize_t written = socket ? send(to, data, left, MSG_NOSIGNAL) : write(to, data, left);
            if (written < 0 && socket && errno == ENOTSOCK) {
                socket = false;
                continue;
            }
            if (written < 0 && errno == EINTR)
                continue;
            if (written <= 0)
                return false;
            done += written;
        }
    }
}

void pump(int from, int to)
{
    if (copyStream(from, to))
        shutdown(to, SHUT_WR); // pass the end of stream on; the other direction may still be talking
    else
        shutdown(from, SHUT_RD);
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

// ---- connect: a published port ------------------------------------------------------------------------

// Ends what goes out on fd: a socket's write half (its read half may still be in use), or the descriptor.
void endOutput(int fd)
{
    if (shutdown(fd, SHUT_WR) != 0)
        close(fd);
}

int connectLocal(int port)
{
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    v4.sin_port = htons(std::uint16_t(port));
    v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sockaddr_in6 v6{};
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(std::uint16_t(port));
    v6.sin6_addr = in6addr_loopback;
    // IPv4 first, then IPv6: a server on "localhost" may listen on [::1] only.
    const std::pair<const sockaddr *, socklen_t> addresses[] = {
        {reinterpret_cast<const sockaddr *>(&v4), socklen_t(sizeof v4)},
        {reinterpret_cast<const sockaddr *>(&v6), socklen_t(sizeof v6)}};
    for (const auto &[address, length] : addresses) {
        const int fd = socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            continue;
        if (connect(fd, address, length) == 0)
            return fd;
        close(fd);
    }
    return -1;
}

[[noreturn]] void connectPort(int argc, char **argv)
{
    const std::string text = argc == 3 ? argv[2] : "";
    if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos)
        usage();
    const int port = std::atoi(text.c_str());
    if (port < 1 || port > 65535)
        usage();
    signal(SIGPIPE, SIG_IGN);
    const int server = connectLocal(port);
    if (server < 0) {
        std::fprintf(stderr, "paddock-guest: nothing listens on port %d in the sandbox\n", port);
        std::exit(1);
    }
    std::thread up([server] {
        copyStream(STDIN_FILENO, server);
        shutdown(server, SHUT_WR); // the client finished sending; the answer may still come
    });
    copyStream(server, STDOUT_FILENO);
    endOutput(STDOUT_FILENO);
    up.join();
    std::exit(0);
}

pid_t g_child = 0;

void forwardSignal(int signal)
{
    if (g_child > 0)
        kill(g_child, signal);
}

[[noreturn]] void agent(int argc, char **argv)
{
    AgentOptions options;
    options.asInit = getpid() == 1;
    std::string portName;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--fd") == 0 && i + 1 < argc)
            options.link = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--port-name") == 0 && i + 1 < argc)
            portName = argv[++i];
        else if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            options.forwarderPort = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--self-test") == 0)
            options.selfTest = true;
        else
            usage();
    }
    if ((options.link < 0) == portName.empty() || options.forwarderPort <= 0 || options.forwarderPort > 65535)
        usage();
    if (options.link >= 0) {
        // No session inherits the link, and none may take it from this process either (/proc/PID/fd,
        // pidfd_getfd, ptrace: all need it dumpable): it speaks for the sandbox to the host.
        if (fcntl(options.link, F_SETFD, FD_CLOEXEC) != 0) {
            std::fprintf(stderr, "paddock-guest: descriptor %d is not open\n", options.link);
            std::exit(125);
        }
        prctl(PR_SET_DUMPABLE, 0);
    }
    if (!portName.empty()) {
        // The host names the port on QEMU's command line; under a busy emulation it can come seconds late.
        const std::string node = waitForVirtioPort(portName, 10'000);
        options.link = node.empty() ? -1 : ::open(node.c_str(), O_RDWR | O_CLOEXEC);
        if (options.link < 0) {
            std::fprintf(stderr, "paddock-guest: no virtio-serial port named %s\n", portName.c_str());
            std::exit(125);
        }
    }
    std::exit(runAgent(options));
}

// Its input into each file, made or replaced (a microVM's trust bundle at its start): no shell, no cat.
[[noreturn]] void writeFiles(int argc, char **argv)
{
    if (argc < 3)
        usage();
    std::string content;
    std::vector<char> buffer(relayBufferBytes);
    for (ssize_t got; (got = read(STDIN_FILENO, buffer.data(), buffer.size())) != 0;) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            std::fprintf(stderr, "paddock-guest: cannot read the input: %s\n", std::strerror(errno));
            std::exit(1);
        }
        content.append(buffer.data(), size_t(got));
    }
    for (int i = 2; i < argc; ++i) {
        const int file = ::open(argv[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (file < 0 || !writeAll(file, content) || close(file) != 0) {
            std::fprintf(stderr, "paddock-guest: cannot write %s: %s\n", argv[i], std::strerror(errno));
            std::exit(1);
        }
    }
    std::exit(0);
}

} // namespace

int main(int argc, char **argv)
{
    if (getpid() == 1 && std::strcmp(argv[0], "/init") == 0) {
        prctl(PR_SET_NAME, "paddock-guest"); // what ps shows for PID 1, rather than the link's name
        bootMachine();
        char *agentArguments[] = {argv[0],
                                  const_cast<char *>("agent"),
                                  const_cast<char *>("--port-name"),
                                  const_cast<char *>("org.paddock.agent"),
                                  const_cast<char *>("--self-test"),
                                  nullptr};
        agent(5, agentArguments);
    }
    if (argc >= 2 && std::strcmp(argv[1], "agent") == 0)
        agent(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "connect") == 0)
        connectPort(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "write") == 0)
        writeFiles(argc, argv);
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
    if (port <= 0 || port > 65535 || i + 1 >= argc)
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
