// Small-file work of an agent: create, stat and read back COUNT files of 1 KiB in DIR, timing each phase.
// Plain POSIX calls, so that the figure is the file system's and not Qt's. Prints "create_ms stat_ms
// read_ms". Usage: bench_filework DIR [COUNT]   (sandbox-bench.sh runs it on the host and inside a sandbox)
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace {

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_filework DIR [COUNT]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const int count = argc > 2 ? std::atoi(argv[2]) : 10000;
    if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        return 1;
    const std::string payload(1024, 'x');
    char buffer[4096];
    auto path = [&dir](int i) { return dir + "/d" + std::to_string(i % 100) + "/f" + std::to_string(i); };
    auto start = std::chrono::steady_clock::now();
    for (int d = 0; d < 100; ++d)
        mkdir((dir + "/d" + std::to_string(d)).c_str(), 0755);
    for (int i = 0; i < count; ++i) {
        const int fd = open(path(i).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, payload.data(), payload.size()) != ssize_t(payload.size()))
            return 1;
        close(fd);
    }
    const double createMs = msSince(start);
    start = std::chrono::steady_clock::now();
    struct stat info;
    for (int i = 0; i < count; ++i)
        if (stat(path(i).c_str(), &info) != 0)
            return 1;
    const double statMs = msSince(start);
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        const int fd = open(path(i).c_str(), O_RDONLY);
        if (fd < 0 || read(fd, buffer, sizeof buffer) != ssize_t(payload.size()))
            return 1;
        close(fd);
    }
    std::printf("%.1f %.1f %.1f\n", createMs, statMs, msSince(start));
    return 0;
}
