// Intercepted HTTPS load: C connections each open a CONNECT tunnel through an intercepting proxy, complete
// TLS with the proxy's leaf (verified against the proxy's CA, SNI = the target host), then send keep-alive
// POSTs of B bytes for T seconds, reading each whole response before the next. Prints one JSON line:
// requests/s and p50/p99 latency. Blocking sockets and one thread per connection, so the client stays simple
// and cheap next to the proxies it measures (bench/interception-bench.sh runs it against Paddock and
// mitmproxy side by side).
//
// Usage: bench_interception PROXY_HOST:PORT TARGET_HOST:PORT CA_PEM CONNECTIONS SECONDS BODY_BYTES
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <latch>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct HostPort
{
    std::string host;
    std::string port;
};

std::optional<HostPort> splitHostPort(const std::string &text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        return std::nullopt;
    return HostPort{text.substr(0, colon), text.substr(colon + 1)};
}

std::string opensslErrors()
{
    std::string text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += text.empty() ? "" : "; ";
        text += buffer;
    }
    return text.empty() ? std::string(std::strerror(errno)) : text;
}

int connectTo(const HostPort &where, std::string &error)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    if (const int rc = getaddrinfo(where.host.c_str(), where.port.c_str(), &hints, &found); rc != 0) {
        error = "cannot resolve " + where.host + ": " + gai_strerror(rc);
        return -1;
    }
    int fd = -1;
    for (addrinfo *a = found; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0) {
        error = "cannot connect to " + where.host + ":" + where.port + ": " + std::strerror(errno);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    // A stalled proxy must show up as an error, not as a benchmark that never ends.
    timeval timeout{30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    return fd;
}

// Sends CONNECT and reads the proxy's response head byte by byte (nothing may follow it before TLS starts).
bool openTunnel(int fd, const std::string &target, std::string &error)
{
    const std::string request = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
    if (write(fd, request.data(), request.size()) != ssize_t(request.size())) {
        error = std::string("CONNECT write failed: ") + std::strerror(errno);
        return false;
    }
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos) {
        if (read(fd, &c, 1) != 1) {
            error = "proxy closed or timed out during CONNECT; got: " + head;
            return false;
        }
        head += c;
    }
    if (head.rfind("HTTP/1.1 200", 0) != 0 && head.rfind("HTTP/1.0 200", 0) != 0) {
        error = "CONNECT refused: " + head.substr(0, head.find("\r\n"));
        return false;
    }
    return true;
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char ch) { return char(std::tolower(ch)); });
    return text;
}

// Reads one response into `in` (which may keep bytes of the next); framed by Content-Length or chunked.
class ResponseReader
{
public:
    explicit ResponseReader(SSL *ssl)
        : m_ssl(ssl)
    {}

    // True on a complete response; `status` and `body` describe it.
    bool read(int &status, std::string &body, std::string &error)
    {
        size_t headEnd;
        while ((headEnd = m_in.find("\r\n\r\n")) == std::string::npos) {
            if (!fill(error))
                return false;
        }
        const std::string head = m_in.substr(0, headEnd);
        m_in.erase(0, headEnd + 4);
        if (head.size() < 12 || head.compare(0, 5, "HTTP/") != 0) {
            error = "malformed response head: " + head.substr(0, 200);
            return false;
        }
        status = std::atoi(head.c_str() + 9);
        std::optional<size_t> length;
        bool chunked = false;
        size_t lineStart = head.find("\r\n");
        while (lineStart != std::string::npos) {
            lineStart += 2;
            const size_t lineEnd = std::min(head.find("\r\n", lineStart), head.size());
            const std::string line = head.substr(lineStart, lineEnd - lineStart);
            const size_t colon = line.find(':');
            if (colon != std::string::npos) {
                const std::string name = lower(line.substr(0, colon));
                const std::string value = lower(line.substr(colon + 1));
                if (name == "content-length")
                    length = std::strtoull(value.c_str(), nullptr, 10);
                else if (name == "transfer-encoding" && value.find("chunked") != std::string::npos)
                    chunked = true;
            }
            lineStart = lineEnd < head.size() ? lineEnd : std::string::npos;
        }
        body.clear();
        if (chunked)
            return readChunked(body, error);
        if (!length) {
            error = "response has neither Content-Length nor chunked framing: " + head.substr(0, 200);
            return false;
        }
        while (m_in.size() < *length) {
            if (!fill(error))
                return false;
        }
        body = m_in.substr(0, *length);
        m_in.erase(0, *length);
        return true;
    }

private:
    bool fill(std::string &error)
    {
        char buffer[16384];
        const int n = SSL_read(m_ssl, buffer, sizeof buffer);
        if (n <= 0) {
            const int reason = SSL_get_error(m_ssl, n);
            error = reason == SSL_ERROR_ZERO_RETURN
                        ? std::string("connection closed by the proxy")
                        : "read failed (SSL error " + std::to_string(reason) + "): " + opensslErrors();
            return false;
        }
        m_in.append(buffer, size_t(n));
        return true;
    }

    bool readLine(std::string &line, std::string &error)
    {
        size_t end;
        while ((end = m_in.find("\r\n")) == std::string::npos) {
            if (!fill(error))
                return false;
        }
        line = m_in.substr(0, end);
        m_in.erase(0, end + 2);
        return true;
    }

    bool readChunked(std::string &body, std::string &error)
    {
        std::string line;
        for (;;) {
            if (!readLine(line, error))
                return false;
            const size_t size = std::strtoull(line.c_str(), nullptr, 16);
            if (size == 0) {
                do { // trailers, up to the empty line
                    if (!readLine(line, error))
                        return false;
                } while (!line.empty());
                return true;
            }
            while (m_in.size() < size + 2) {
                if (!fill(error))
                    return false;
            }
            body.append(m_in, 0, size);
            m_in.erase(0, size + 2);
        }
    }

    SSL *m_ssl;
    std::string m_in;
};

// A JSON-ish body of exactly `bytes` bytes: ids, words, numbers, hex digests; nothing a secret scanner should
// flag.
std::string makeBody(size_t bytes)
{
    static const char *const words[] = {
        "alpha",  "bravo", "charlie", "delta",  "echo",     "foxtrot", "golf",   "hotel",  "india",
        "juliet", "kilo",  "lima",    "mike",   "november", "oscar",   "papa",   "quebec", "romeo",
        "sierra", "tango", "uniform", "victor", "whiskey",  "xray",    "yankee", "zulu"};
    std::string body = "{\"items\":[";
    unsigned state = 12345;
    for (int i = 0; body.size() < bytes; ++i) {
        state = state * 1103515245u + 12345u;
        char digest[17];
        std::snprintf(digest, sizeof digest, "%08x%08x", state, state ^ 0x5bd1e995u);
        body += "{\"id\":" + std::to_string(i) + ",\"name\":\"" + words[state % 26] + " " +
                words[(state >> 8) % 26] + "\",\"count\":" + std::to_string(state % 1000) + ",\"ratio\":0." +
                std::to_string(state % 97) + ",\"digest\":\"" + digest +
                "\",\"note\":\"the quick brown fox jumps over the lazy dog\"},";
    }
    body.resize(bytes);
    if (bytes >= 2)
        body.replace(bytes - 2, 2, "]}");
    return body;
}

struct Shared
{
    HostPort proxy;
    HostPort target;
    std::string targetText;
    SSL_CTX *ctx = nullptr;
    std::string request;
    Clock::time_point deadline;
    std::latch ready;
    std::latch start{1};
    std::atomic<long> errors{0};
    std::mutex printing;

    explicit Shared(int connections)
        : ready(connections)
    {}

    void report(int connection, const std::string &what)
    {
        ++errors;
        const std::lock_guard lock(printing);
        std::fprintf(stderr, "bench_interception: connection %d: %s\n", connection, what.c_str());
    }
};

// One connection: tunnel and TLS before the clock starts, then requests until the deadline.
void runConnection(Shared &shared, int index, std::vector<double> &latenciesMs)
{
    std::string error;
    SSL *ssl = nullptr;
    const int fd = connectTo(shared.proxy, error);
    bool ok = fd >= 0 && openTunnel(fd, shared.targetText, error);
    if (ok) {
        ssl = SSL_new(shared.ctx);
        SSL_set_fd(ssl, fd);
        SSL_set_tlsext_host_name(ssl, shared.target.host.c_str());
        // The leaf must name the host, not just chain to the CA.
        SSL_set1_host(ssl, shared.target.host.c_str());
        if (SSL_connect(ssl) != 1) {
            const long verify = SSL_get_verify_result(ssl);
            error =
                "TLS handshake failed: " + opensslErrors() +
                (verify != X509_V_OK ? std::string(" (verify: ") + X509_verify_cert_error_string(verify) + ")"
                                     : std::string());
            ok = false;
        }
    }
    if (!ok)
        shared.report(index, error);
    shared.ready.count_down();
    shared.start.wait();

    if (ok) {
        ResponseReader reader(ssl);
        std::string body;
        int status = 0;
        while (Clock::now() < shared.deadline) {
            const auto sent = Clock::now();
            if (SSL_write(ssl, shared.request.data(), int(shared.request.size())) !=
                int(shared.request.size())) {
                shared.report(index, "write failed: " + opensslErrors());
                break;
            }
            if (!reader.read(status, body, error)) {
                shared.report(index, error);
                break;
            }
            if (status != 200) {
                shared.report(index, "status " + std::to_string(status) + ": " + body.substr(0, 300));
                break;
            }
            latenciesMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        }
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    if (fd >= 0)
        close(fd);
}

double percentile(std::vector<double> &values, double p)
{
    if (values.empty())
        return 0;
    const size_t rank = std::min(values.size() - 1, size_t(p * double(values.size())));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank), values.end());
    return values[rank];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 7) {
        std::fprintf(stderr,
                     "usage: %s PROXY_HOST:PORT TARGET_HOST:PORT CA_PEM CONNECTIONS SECONDS BODY_BYTES\n",
                     argv[0]);
        return 2;
    }
    const auto proxy = splitHostPort(argv[1]);
    const auto target = splitHostPort(argv[2]);
    const int connections = std::atoi(argv[4]);
    const double seconds = std::atof(argv[5]);
    const long bodyBytes = std::atol(argv[6]);
    if (!proxy || !target || connections < 1 || seconds <= 0 || bodyBytes < 0) {
        std::fprintf(stderr, "bench_interception: bad arguments\n");
        return 2;
    }

    // A proxy that closes a connection must show up as a reported write error, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    Shared shared(connections);
    shared.proxy = *proxy;
    shared.target = *target;
    shared.targetText = argv[2];
    shared.ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(shared.ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(shared.ctx, SSL_VERIFY_PEER, nullptr);
    if (SSL_CTX_load_verify_locations(shared.ctx, argv[3], nullptr) != 1) {
        std::fprintf(stderr, "bench_interception: cannot load CA %s: %s\n", argv[3], opensslErrors().c_str());
        return 1;
    }
    shared.request = "POST /upload HTTP/1.1\r\nHost: " + shared.targetText +
                     "\r\nUser-Agent: bench_interception\r\nAccept: */*\r\nContent-Type: application/json\r\n"
                     "Content-Length: " +
                     std::to_string(bodyBytes) + "\r\n\r\n" + makeBody(size_t(bodyBytes));

    std::vector<std::vector<double>> latencies(static_cast<size_t>(connections));
    std::vector<std::thread> threads;
    for (int i = 0; i < connections; ++i)
        threads.emplace_back(runConnection, std::ref(shared), i, std::ref(latencies[size_t(i)]));
    shared.ready.wait();
    const auto started = Clock::now();
    shared.deadline =
        started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    shared.start.count_down();
    for (auto &thread : threads)
        thread.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    SSL_CTX_free(shared.ctx);

    std::vector<double> all;
    for (const auto &one : latencies)
        all.insert(all.end(), one.begin(), one.end());
    const size_t requests = all.size();
    const double p50 = percentile(all, 0.50);
    const double p99 = percentile(all, 0.99);
    std::printf("{\"connections\":%d,\"seconds\":%.3f,\"body_bytes\":%ld,\"requests\":%zu,\"errors\":%ld,"
                "\"requests_per_second\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f}\n",
                connections, elapsed, bodyBytes, requests, shared.errors.load(), double(requests) / elapsed,
                p50, p99);
    // Any failed connection makes the figure meaningless: say so through the exit status too.
    return shared.errors.load() == 0 && requests > 0 ? 0 : 1;
}
