#pragma once
// The agent protocol: framed and multiplexed, for a link that carries no descriptors (a microVM's
// virtio-serial port). Plain C++ without I/O: the guest has no Qt. docs/guest-protocol.md describes it.
//
// A frame: payload length (4 bytes, little-endian), type (1 byte), channel (4 bytes, little-endian),
// payload. Channel 0 is the link itself; a session or a proxy connection is one channel. The host numbers
// the channels it opens from 1 up, the guest those it opens with the top bit set, so they never collide.
//
// Data flows under credit: a side sends at most creditWindow bytes of Data and ErrorData on a channel
// beyond what the other side has acknowledged with Credit frames, sent once it wrote them on. A session
// that does not read its input therefore stalls only its own channel, never the link.
#include <cstdint>
#include <optional>
#include <string>

namespace Paddock::Guest::Agent {

inline constexpr int protocolVersion = 1;
inline constexpr std::size_t frameHeaderBytes = 9;
inline constexpr std::uint32_t maxPayloadBytes = 1024 * 1024 + 64; // an Open's argv and environment
inline constexpr std::uint32_t maxDataChunk = 32 * 1024;           // Data is sent in chunks of at most this
inline constexpr std::uint32_t creditWindow = 256 * 1024;
inline constexpr std::uint32_t guestChannelBit = 0x8000'0000u;

enum class FrameType : std::uint8_t {
    Hello = 1,      // both, channel 0: "paddock-agent VERSION"; the host speaks first, the guest answers
    Ready = 2,      // guest, channel 0: its self-test passed; sessions may start
    Open = 3,       // host: a session. rows (2), cols (2), then a session request payload (sessionprotocol.h)
    Started = 4,    // guest: the session's pid, in decimal
    Data = 5,       // both: a session's input or output (a PTY's both ways), or a connection's bytes
    ErrorData = 6,  // guest: a pipes session's stderr
    EndOfData = 7,  // both: no more Data from this side on the channel (stdin or stdout closed)
    Resize = 8,     // host: rows (2), cols (2) of a PTY session
    Signal = 9,     // host: one byte, a signal for the session's process group
    Exit = 10,      // guest: the session's exit code in decimal (128 + signal); the channel ends
    Failed = 11,    // guest: why a session or the self-test failed, as text; the channel ends
    Close = 12,     // both: the channel ends (a session is hung up: SIGHUP, then SIGKILL)
    Credit = 13,    // both: 4 bytes, how many Data bytes on the channel were written on
    Connect = 14,   // guest: a connection to the sandbox's proxy was accepted on its forwarder port
    Connected = 15, // host: the proxy took it (otherwise Close)
    Listening = 16, // guest, channel 0: "PORT" or "-PORT": a TCP port began or stopped listening
    Shutdown = 17,  // host, channel 0: end every process, then power off
};

struct Frame
{
    FrameType type = FrameType::Hello;
    std::uint32_t channel = 0;
    std::string payload;
};

std::string encodeFrame(const Frame &frame);
std::string encodeFrame(FrameType type, std::uint32_t channel, const std::string &payload = {});
std::string encodeSize(std::uint16_t rows, std::uint16_t cols);
std::optional<std::pair<std::uint16_t, std::uint16_t>> decodeSize(const std::string &payload);
std::string encodeCount(std::uint32_t count);
std::optional<std::uint32_t> decodeCount(const std::string &payload);
std::string helloPayload();
// A decimal number of at most 10 digits, optionally negative; nothing for anything else.
std::optional<long long> decodeDecimal(const std::string &payload);

// Splits a byte stream into frames. Everything that reaches it is untrusted: a bad header (unknown type,
// payload over the limit) is a sticky error, never an assertion.
class FrameDecoder
{
public:
    void feed(const char *data, std::size_t size);
    // The next complete frame, or nothing (more bytes needed, or failed()).
    std::optional<Frame> next();
    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }
    std::size_t buffered() const { return m_buffer.size() - m_offset; }

private:
    std::string m_buffer;
    std::size_t m_offset = 0;
    std::string m_error;
};

} // namespace Paddock::Guest::Agent
