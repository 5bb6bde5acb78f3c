// The simplest fast CONNECT relay: a thread per direction copying with read()/write(), no policy, no parsing
// beyond the request head. proxy-bench.sh measures tunnels through it to show what this machine allows a
// user-space relay, next to the direct connection and Paddock. Usage: bench_relay PORT (runs until killed).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

void pump(int from, int to)
{
    std::vector<char> buffer(256 * 1024);
    ssize_t n;
    while ((n = read(from, buffer.data(), buffer.size())) > 0) {
        for (ssize_t done = 0; done < n;) {
            const ssize_t written = write(to, buffer.data() + done, size_t(n - done));
            if (written <= 0)
                return;
            done += written;
        }
    }
    shutdown(to, SHUT_WR);
}

void serve(int client)
{
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 4096 && read(client, &c, 1) == 1)
        head += c;
    const size_t colon = head.find(':');
    const int port = colon == std::string::npos ? 0 : std::atoi(head.c_str() + colon + 1);
    const int upstream = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(uint16_t(port));
    if (connect(upstream, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0) {
        const char established[] = "HTTP/1.1 200 Connection Established\r\n\r\n";
        if (write(client, established, sizeof established - 1) > 0) {
            std::thread up(pump, client, upstream);
            pump(upstream, client);
            up.join();
        }
    }
    close(upstream);
    close(client);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_relay PORT\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(uint16_t(std::atoi(argv[1])));
    if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || listen(listener, 64) != 0) {
        std::perror("bench_relay");
        return 1;
    }
    for (;;) {
        const int client = accept(listener, nullptr, nullptr);
        if (client >= 0)
            std::thread(serve, client).detach();
    }
}
