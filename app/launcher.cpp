// paddock: the command users type. It hands every command to paddock-cli (and no command to paddock-gui),
// except `paddock exec [-i] NAME -- COMMAND…` on a sandbox that a running Paddock process hosts: that one it
// runs itself, without Qt, because it is the command scripts and agents run in loops, and loading Qt alone
// takes longer than starting a bubblewrap sandbox (docs/benchmarks.md).
#include "vm/guest/sessionattachment.h"
#include "vm/guest/sessionclient.h"
#include "vm/guest/sessionprotocol.h"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int hostReplyTimeoutMs = 60'000; // a start may run the network self-test
constexpr int sessionStartTimeoutMs = 10'000;

std::string ownDirectory()
{
    char path[4096];
    const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0)
        return ".";
    const std::string self(path, std::size_t(n));
    return self.substr(0, self.rfind('/'));
}

[[noreturn]] void handOver(const std::string &program, char **argv)
{
    const std::string path = ownDirectory() + "/" + program;
    argv[0] = const_cast<char *>(path.c_str());
    ::execv(path.c_str(), argv);
    std::fprintf(stderr, "paddock: cannot start %s: %s\n", path.c_str(), std::strerror(errno));
    std::exit(1);
}

int fail(const std::string &message)
{
    std::fprintf(stderr, "paddock: %s\n", message.c_str());
    return 1;
}

// Sandbox names as SandboxRecord::validateName accepts them; anything else goes to paddock-cli to explain.
bool plainName(const std::string &name)
{
    if (name.empty() || name.size() > 63 || name == "." || name == ".." ||
        !std::isalnum((unsigned char)name[0]))
        return false;
    for (const char c : name) {
        if (!(std::islower((unsigned char)c) || std::isdigit((unsigned char)c) || c == '.' || c == '_' ||
              c == '-'))
            return false;
    }
    return name.find("..") == std::string::npos;
}

// The control socket of the hosting process, as core/paths.cpp places it; only in a folder that is ours
// alone, so that no other user's process can pose as the host.
std::optional<std::string> controlSocketPath()
{
    const char *runtime = std::getenv("XDG_RUNTIME_DIR");
    const std::string base =
        runtime && runtime[0] == '/' ? runtime : "/tmp/paddock-runtime-" + std::to_string(::getuid());
    const std::string folder = base + "/paddock";
    struct stat info
    {
    };
    if (::lstat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::getuid() ||
        (info.st_mode & 077) != 0)
        return std::nullopt;
    return folder + "/control.sock";
}

// The string value of key in the host's one-line JSON reply (QJsonDocument::Compact), unescaped.
std::optional<std::string> jsonString(const std::string &json, const std::string &key)
{
    const std::string marker = "\"" + key + "\":\"";
    std::size_t at = json.find(marker);
    if (at == std::string::npos)
        return std::nullopt;
    std::string value;
    for (at += marker.size(); at < json.size(); ++at) {
        const char c = json[at];
        if (c == '"')
            return value;
        if (c != '\\') {
            value += c;
            continue;
        }
        if (++at >= json.size())
            return std::nullopt;
        switch (json[at]) {
        case 'n':
            value += '\n';
            break;
        case 't':
            value += '\t';
            break;
        case 'r':
            value += '\r';
            break;
        case 'b':
            value += '\b';
            break;
        case 'f':
            value += '\f';
            break;
        case 'u': {
            if (at + 4 >= json.size())
                return std::nullopt;
            const unsigned code = unsigned(std::stoul(json.substr(at + 1, 4), nullptr, 16));
            at += 4;
            if (code < 0x80) {
                value += char(code);
            } else if (code < 0x800) {
                value += char(0xc0 | (code >> 6));
                value += char(0x80 | (code & 0x3f));
            } else {
                value += char(0xe0 | (code >> 12));
                value += char(0x80 | ((code >> 6) & 0x3f));
                value += char(0x80 | (code & 0x3f));
            }
            break;
        }
        default:
            value += json[at]; // \" \\ \/
        }
    }
    return std::nullopt;
}

int g_signalPipe[2] = {-1, -1};

void forwardSignal(int signal)
{
    const auto byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

// Waits for the session's end, passing SIGINT, SIGTERM and SIGHUP on to it.
int waitForExit(int session, Paddock::Guest::ReplyReader &reader)
{
    using Paddock::Guest::ReplyReader;
    ::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK);
    struct sigaction action
    {
    };
    action.sa_handler = forwardSignal;
    for (int signal : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(signal, &action, nullptr);
    for (;;) {
        pollfd watched[2] = {{session, POLLIN, 0}, {g_signalPipe[0], POLLIN, 0}};
        if (::poll(watched, 2, -1) < 0 && errno != EINTR)
            return fail("lost the session: " + std::string(std::strerror(errno)));
        unsigned char signal;
        while (watched[1].revents && ::read(g_signalPipe[0], &signal, 1) == 1) {
            const std::string line = "signal " + std::to_string(signal) + "\n";
            ::send(session, line.data(), line.size(), MSG_NOSIGNAL);
        }
        if (!watched[0].revents)
            continue;
        std::string line;
        switch (reader.next(line, 0)) {
        case ReplyReader::Status::WouldBlock:
        case ReplyReader::Status::TimedOut:
            continue;
        case ReplyReader::Status::Closed:
            return fail("the sandbox stopped before the command ended");
        case ReplyReader::Status::TooLong:
            return fail("the sandbox's guest sent something that is not a session reply");
        case ReplyReader::Status::Line:
            const auto reply = Paddock::Guest::parseReply(line);
            if (reply.kind == Paddock::Guest::Reply::Kind::Exit)
                return int(reply.number);
            return fail(reply.kind == Paddock::Guest::Reply::Kind::Error
                            ? "the sandbox's guest says: " + reply.message
                            : "the sandbox's guest sent something that is not a session reply");
        }
    }
}

// `exec [-i] NAME -- COMMAND…` through the running host; nothing when paddock-cli must do it instead (no
// host runs, options it alone knows, names it must explain).
std::optional<int> fastExec(int argc, char **argv)
{
    bool attachInput = false;
    int i = 2;
    for (; i < argc && argv[i][0] == '-' && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "-i") == 0 || std::strcmp(argv[i], "--interactive") == 0)
            attachInput = true;
        else
            return std::nullopt;
    }
    if (i + 2 >= argc || std::strcmp(argv[i + 1], "--") != 0 || !plainName(argv[i]))
        return std::nullopt;
    const std::string name = argv[i];
    Paddock::Guest::SessionRequest request;
    for (int k = i + 2; k < argc; ++k)
        request.arguments.emplace_back(argv[k]);

    const auto controlPath = controlSocketPath();
    std::string error;
    const int host = controlPath ? Paddock::Guest::connectUnix(*controlPath, error) : -1;
    if (host < 0)
        return std::nullopt; // paddock-cli hosts the sandbox itself
    const std::string ask = "{\"op\":\"start\",\"name\":\"" + name + "\"}\n";
    Paddock::Guest::ReplyReader hostReader(host);
    std::string reply;
    if (::send(host, ask.data(), ask.size(), MSG_NOSIGNAL) != ssize_t(ask.size()) ||
        hostReader.next(reply, hostReplyTimeoutMs) != Paddock::Guest::ReplyReader::Status::Line)
        return fail("the Paddock process that hosts sandboxes did not answer");
    ::close(host);
    const auto control = jsonString(reply, "control");
    if (reply.find("\"ok\":true") == std::string::npos || !control)
        return fail(jsonString(reply, "error").value_or("the Paddock process that hosts sandboxes refused"));

    const auto attachment = Paddock::Guest::SessionAttachment::pipes(attachInput || !::isatty(0), error);
    if (!attachment)
        return fail(error);
    const int session = Paddock::Guest::connectUnix(*control, error);
    if (session < 0)
        return fail("the sandbox is not running (" + error + ")");
    const auto descriptors = attachment->sessionDescriptors();
    if (!Paddock::Guest::sendRequest(session, Paddock::Guest::encodeRequest(request), descriptors.data(),
                                     Paddock::Guest::sessionDescriptors))
        return fail("the sandbox's guest did not take the request");
    Paddock::Guest::ReplyReader reader(session);
    std::string line;
    const auto started = reader.next(line, sessionStartTimeoutMs) == Paddock::Guest::ReplyReader::Status::Line
                             ? Paddock::Guest::parseReply(line)
                             : Paddock::Guest::Reply{};
    if (started.kind == Paddock::Guest::Reply::Kind::Error)
        return fail("the sandbox could not start the command: " + started.message);
    if (started.kind != Paddock::Guest::Reply::Kind::Started)
        return fail("the sandbox's guest did not answer as expected");
    attachment->sessionStarted();
    const int exitCode = waitForExit(session, reader);
    attachment->finish();
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2 && ::access((ownDirectory() + "/paddock-gui").c_str(), X_OK) == 0)
        handOver("paddock-gui", argv);
    if (argc >= 2 && std::strcmp(argv[1], "exec") == 0) {
        if (const auto exitCode = fastExec(argc, argv))
            return *exitCode;
    }
    handOver("paddock-cli", argv); // a build without the desktop application shows the CLI's help
}
