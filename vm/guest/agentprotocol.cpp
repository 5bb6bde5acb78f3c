#include "agentprotocol.h"

namespace Paddock::Guest::Agent {

namespace {

void appendLittleEndian(std::string &out, std::uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out += char((value >> (8 * i)) & 0xff);
}

std::uint32_t readLittleEndian(const char *in, int bytes)
{
    std::uint32_t value = 0;
    for (int i = 0; i < bytes; ++i)
        value |= std::uint32_t(static_cast<unsigned char>(in[i])) << (8 * i);
    return value;
}

bool knownType(std::uint8_t type)
{
    return type >= std::uint8_t(FrameType::Hello) && type <= std::uint8_t(FrameType::Shutdown);
}

} // namespace

std::string encodeFrame(FrameType type, std::uint32_t channel, const std::string &payload)
{
    std::string out;
    out.reserve(frameHeaderBytes + payload.size());
    appendLittleEndian(out, std::uint32_t(payload.size()), 4);
    out += char(type);
    appendLittleEndian(out, channel, 4);
    out += payload;
    return out;
}

std::string encodeFrame(const Frame &frame)
{
    return encodeFrame(frame.type, frame.channel, frame.payload);
}

std::string encodeSize(std::uint16_t rows, std::uint16_t cols)
{
    std::string out;
    appendLittleEndian(out, rows, 2);
    appendLittleEndian(out, cols, 2);
    return out;
}

std::optional<std::pair<std::uint16_t, std::uint16_t>> decodeSize(const std::string &payload)
{
    if (payload.size() < 4)
        return std::nullopt;
    return std::pair{std::uint16_t(readLittleEndian(payload.data(), 2)),
                     std::uint16_t(readLittleEndian(payload.data() + 2, 2))};
}

std::string encodeCount(std::uint32_t count)
{
    std::string out;
    appendLittleEndian(out, count, 4);
    return out;
}

std::optional<std::uint32_t> decodeCount(const std::string &payload)
{
    if (payload.size() != 4)
        return std::nullopt;
    return readLittleEndian(payload.data(), 4);
}

std::string helloPayload()
{
    return "paddock-agent " + std::to_string(protocolVersion);
}

std::optional<long long> decodeDecimal(const std::string &payload)
{
    const std::size_t digits = payload.size() - (!payload.empty() && payload[0] == '-' ? 1 : 0);
    if (digits == 0 || digits > 10 ||
        payload.find_first_not_of("0123456789", payload.size() - digits) != std::string::npos)
        return std::nullopt;
    return std::stoll(payload);
}

void FrameDecoder::feed(const char *data, std::size_t size)
{
    if (failed())
        return;
    if (m_offset > 0 && m_offset >= m_buffer.size() / 2) { // drop what was consumed, now and then
        m_buffer.erase(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(data, size);
}

std::optional<Frame> FrameDecoder::next()
{
    if (failed() || buffered() < frameHeaderBytes)
        return std::nullopt;
    const char *header = m_buffer.data() + m_offset;
    const std::uint32_t length = readLittleEndian(header, 4);
    const auto type = static_cast<std::uint8_t>(header[4]);
    if (length > maxPayloadBytes) {
        m_error = "a frame of " + std::to_string(length) + " bytes is over the limit";
        return std::nullopt;
    }
    if (!knownType(type)) {
        m_error = "unknown frame type " + std::to_string(type);
        return std::nullopt;
    }
    if (buffered() < frameHeaderBytes + length)
        return std::nullopt;
    Frame frame;
    frame.type = FrameType(type);
    frame.channel = readLittleEndian(header + 5, 4);
    frame.payload.assign(header + frameHeaderBytes, length);
    m_offset += frameHeaderBytes + length;
    if (m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    return frame;
}

} // namespace Paddock::Guest::Agent
