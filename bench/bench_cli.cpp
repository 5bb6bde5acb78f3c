// Times command lines side by side, interleaved, and prints p50/p95 in milliseconds and each one's ratio to
// the first. A case is a label and one or more commands run one after the other (timed together), then an
// optional untimed clean-up after "--cleanup" (its commands also apart by "::"); "{n}" in any argument
// becomes the run's number.
//   bench_cli RUNS LABEL CMD ARG... [:: CMD ARG...] [--cleanup CMD ARG... [:: CMD ARG...]] ;; LABEL ...
// Every command must exit 0; output goes to /dev/null. (sandbox-bench.sh uses it for the CLI figures.)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

using Command = std::vector<std::string>;

struct Case
{
    std::string label;
    std::vector<Command> timed;
    std::vector<Command> cleanup;
    std::vector<double> millis;
};

bool run(const Command &command, int n)
{
    std::vector<std::string> expanded;
    for (std::string argument : command) {
        for (std::size_t at; (at = argument.find("{n}")) != std::string::npos;)
            argument.replace(at, 3, std::to_string(n));
        expanded.push_back(argument);
    }
    std::vector<char *> argv;
    for (auto &argument : expanded)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        return false;
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p * double(values.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_cli RUNS LABEL CMD... [:: CMD...] [--cleanup CMD...] ;; ...\n");
        return 2;
    }
    const int runs = std::atoi(argv[1]);
    std::vector<Case> cases(1);
    bool expectLabel = true, cleanup = false;
    for (int i = 2; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == ";;") {
            cases.emplace_back();
            expectLabel = true, cleanup = false;
        } else if (expectLabel) {
            cases.back().label = word;
            cases.back().timed.emplace_back();
            expectLabel = false;
        } else if (word == "::") { // the next command, timed or in the clean-up
            (cleanup ? cases.back().cleanup : cases.back().timed).emplace_back();
        } else if (word == "--cleanup") {
            cases.back().cleanup.emplace_back();
            cleanup = true;
        } else {
            (cleanup ? cases.back().cleanup : cases.back().timed).back().push_back(word);
        }
    }
    for (int n = 0; n < runs; ++n) {
        for (Case &c : cases) {
            const auto start = std::chrono::steady_clock::now();
            for (const Command &command : c.timed) {
                if (!run(command, n)) {
                    std::fprintf(stderr, "bench_cli: %s failed (run %d)\n", command.front().c_str(), n);
                    return 1;
                }
            }
            c.millis.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            for (const Command &command : c.cleanup)
                run(command, n);
        }
    }
    const double base = percentile(cases.front().millis, 0.5);
    std::printf("| case | p50 (ms) | p95 (ms) | p50 vs %s |\n|---|---|---|---|\n",
                cases.front().label.c_str());
    for (const Case &c : cases)
        std::printf("| %s | %.1f | %.1f | %.2fx |\n", c.label.c_str(), percentile(c.millis, 0.5),
                    percentile(c.millis, 0.95), percentile(c.millis, 0.5) / base);
    return 0;
}
