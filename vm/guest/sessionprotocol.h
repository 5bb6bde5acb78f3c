#pragma once
// The session protocol between the host and paddock-guest (plain C++: the guest has no Qt).
//
// Paddock serves it on each running sandbox's control socket (vm/sessionbridge.h), where GuestSession,
// terminals and `paddock exec` start sessions; the bridge carries them on to the sandbox's agent. Each
// session is a new connection:
//   host → guest  one request: "PDK1", a 4-byte little-endian payload length, then the payload, a list of
//                 NUL-terminated strings (see SessionRequest). The request's first byte carries three
//                 descriptors (SCM_RIGHTS): the session's stdin, stdout and stderr (for a terminal session,
//                 the PTY's slave side three times; the host keeps the master).
//   guest → host  lines: "started PID", then "exit CODE" (the shell's convention: 128 + signal when a signal
//                 ended it), or "error MESSAGE" at any point instead.
//   host → guest  after "started": lines "signal N" for the session's process group, and "resize ROWS COLS"
//                 once the host resized a terminal session's PTY. Closing the connection hangs the session
//                 up (SIGHUP, then SIGKILL).
// A request of kind "shutdown" (no descriptors) ends every process in the sandbox and then the guest.
// Everything the guest sends is untrusted by the host: lines are bounded and parsed, never asserted.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Paddock::Guest {

inline constexpr char requestMagic[4] = {'P', 'D', 'K', '1'};
inline constexpr std::size_t requestHeaderBytes = 8;
inline constexpr std::uint32_t maxRequestBytes = 1024 * 1024; // argv and environment together
inline constexpr std::size_t maxReplyLineBytes = 4096;
inline constexpr int sessionDescriptors = 3;

struct SessionRequest
{
    std::string kind = "exec"; // "exec" or "shutdown"
    bool terminal = false;     // the descriptors are a PTY slave: make it the controlling terminal
    std::string workingDirectory = "/workspace";
    std::vector<std::string> arguments;   // argv; argv[0] is looked up in PATH
    std::vector<std::string> environment; // "NAME=VALUE", on top of the sandbox's own
};

// payload: kind, "pty"|"pipes", cwd, argc, argv..., envc, env...
inline std::string encodeRequest(const SessionRequest &request)
{
    std::string payload;
    const auto add = [&payload](const std::string &text) {
        payload += text;
        payload += '\0';
    };
    add(request.kind);
    add(request.terminal ? "pty" : "pipes");
    add(request.workingDirectory);
    add(std::to_string(request.arguments.size()));
    for (const auto &argument : request.arguments)
        add(argument);
    add(std::to_string(request.environment.size()));
    for (const auto &variable : request.environment)
        add(variable);
    std::string message(requestMagic, sizeof requestMagic);
    const auto length = std::uint32_t(payload.size());
    for (int shift = 0; shift < 32; shift += 8)
        message += char((length >> shift) & 0xff);
    return message + payload;
}

// The payload length from a header, or nothing when the header is not ours or too large.
inline std::optional<std::uint32_t> decodeHeader(const char *header)
{
    for (std::size_t i = 0; i < sizeof requestMagic; ++i) {
        if (header[i] != requestMagic[i])
            return std::nullopt;
    }
    std::uint32_t length = 0;
    for (int i = 0; i < 4; ++i)
        length |= std::uint32_t(static_cast<unsigned char>(header[4 + i])) << (8 * i);
    if (length > maxRequestBytes)
        return std::nullopt;
    return length;
}

inline std::optional<SessionRequest> decodeRequest(const std::string &payload)
{
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (start < payload.size()) {
        const std::size_t end = payload.find('\0', start);
        if (end == std::string::npos)
            return std::nullopt; // every field ends with a NUL
        fields.push_back(payload.substr(start, end - start));
        start = end + 1;
    }
    std::size_t next = 0;
    const auto take = [&]() -> const std::string * {
        return next < fields.size() ? &fields[next++] : nullptr;
    };
    const auto takeCount = [&]() -> std::optional<std::size_t> {
        const std::string *text = take();
        if (!text || text->empty() || text->size() > 7 ||
            text->find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        return std::stoul(*text);
    };
    SessionRequest request;
    const std::string *kind = take();
    const std::string *mode = take();
    const std::string *cwd = take();
    if (!kind || !mode || !cwd || (*mode != "pty" && *mode != "pipes"))
        return std::nullopt;
    request.kind = *kind;
    request.terminal = *mode == "pty";
    request.workingDirectory = *cwd;
    const auto argc = takeCount();
    if (!argc || next + *argc > fields.size())
        return std::nullopt;
    for (std::size_t i = 0; i < *argc; ++i)
        request.arguments.push_back(*take());
    const auto envc = takeCount();
    if (!envc || next + *envc != fields.size())
        return std::nullopt;
    for (std::size_t i = 0; i < *envc; ++i) {
        const std::string *variable = take();
        if (variable->find('=') == std::string::npos || variable->front() == '=')
            return std::nullopt;
        request.environment.push_back(*variable);
    }
    if (request.kind != "exec" && request.kind != "shutdown")
        return std::nullopt;
    if (request.kind == "exec" && request.arguments.empty())
        return std::nullopt;
    return request;
}

} // namespace Paddock::Guest
