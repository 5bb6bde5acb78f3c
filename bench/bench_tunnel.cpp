// CONNECT tunnel throughput: streams bytes to a loopback sink directly and through an HTTP proxy's CONNECT
// tunnel, and prints MB/s for each. Plain POSIX sockets so the client itself costs as little as possible.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

int listenLoopback(int &port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || listen(fd, 16) != 0)
        return -1;
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    port = ntohs(addr.sin_port);
    return fd;
}

int connectLoopback(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(uint16_t(port));
    if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// Sends CONNECT and reads the proxy's response head; true on a 2xx.
bool openTunnel(int fd, int targetPort)
{
    const std::string request = "CONNECT 127.0.0.1:" + std::to_string(targetPort) +
                                " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(targetPort) + "\r\n\r\n";
    if (write(fd, request.data(), request.size()) != ssize_t(request.size()))
        return false;
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && read(fd, &c, 1) == 1)
        head += c;
    return head.rfind("HTTP/1.1 2", 0) == 0 || head.rfind("HTTP/1.0 2", 0) == 0;
}

// Streams `bytes` to a fresh sink connection (direct or through the proxy); returns MB/s, or -1 on failure.
double measure(int proxyPort, size_t bytes)
{
    int sinkPort = 0;
    const int listener = listenLoopback(sinkPort);
    std::atomic<size_t> received{0};
    std::thread sink([&] {
        const int conn = accept(listener, nullptr, nullptr);
        std::vector<char> buffer(256 * 1024);
        ssize_t n;
        while ((n = read(conn, buffer.data(), buffer.size())) > 0)
            received += size_t(n);
        close(conn);
    });
    const auto start = std::chrono::steady_clock::now();
    int fd = proxyPort ? connectLoopback(proxyPort) : connectLoopback(sinkPort);
    if (fd < 0 || (proxyPort && !openTunnel(fd, sinkPort))) {
        std::fprintf(stderr, "bench_tunnel: could not open %s\n",
                     proxyPort ? "the tunnel" : "the connection");
        if (fd >= 0)
            close(fd);
        shutdown(listener, SHUT_RDWR);
        fd = connectLoopback(sinkPort); // unblock the sink thread
        close(fd);
        sink.join();
        close(listener);
        return -1;
    }
    std::vector<char> chunk(256 * 1024, 'x');
    size_t sent = 0;
    while (sent < bytes) {
        const ssize_t n = write(fd, chunk.data(), std::min(chunk.size(), bytes - sent));
        if (n <= 0)
            break;
        sent += size_t(n);
    }
    shutdown(fd, SHUT_WR);
    sink.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    close(fd);
    close(listener);
    if (received != bytes)
        return -1;
    return double(bytes) / (1024.0 * 1024.0) / seconds;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: bench_tunnel PROXY_PORT|0 [MEGABYTES] [RUNS]\n  0 means a direct connection\n");
        return 2;
    }
    const int proxyPort = std::atoi(argv[1]);
    const size_t megabytes = argc > 2 ? size_t(std::atol(argv[2])) : 1024;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    std::vector<double> rates;
    for (int i = 0; i < runs; ++i) {
        const double rate = measure(proxyPort, megabytes * 1024 * 1024);
        if (rate < 0)
            return 1;
        rates.push_back(rate);
    }
    std::sort(rates.begin(), rates.end());
    std::printf("%.0f\n", rates[rates.size() / 2]); // median MB/s
    return 0;
}
