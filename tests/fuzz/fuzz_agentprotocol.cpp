// Fuzzes the agent protocol's frame decoder, which reads what a microVM's guest sends (and the guest what the
// host sends). The first byte says how many chunk sizes follow (1 to 8); the stream after them is fed in
// chunks of those sizes, over and over (a size's top bit: take no frames after this chunk). Every frame must
// re-encode to exactly the bytes it consumed, stay within the limit and have a known type; a failure is
// sticky and keeps nothing more, and it happens exactly when decoding stopped at a bad header. The payload
// helpers are checked on every payload as well.
#include "vm/guest/agentprotocol.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace Paddock::Guest::Agent;

namespace {

std::uint32_t readLittleEndian(const std::string &bytes, std::size_t at)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value |= std::uint32_t(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return value;
}

bool knownType(unsigned char type)
{
    return type >= std::uint8_t(FrameType::Hello) && type <= std::uint8_t(FrameType::Shutdown);
}

void checkHelpers(const std::string &payload)
{
    if (const auto size = decodeSize(payload)) {
        if (payload.size() < 4 || encodeSize(size->first, size->second) != payload.substr(0, 4))
            abort();
    } else if (payload.size() >= 4) {
        abort();
    }
    if (const auto count = decodeCount(payload)) {
        if (encodeCount(*count) != payload)
            abort();
    } else if (payload.size() == 4) {
        abort();
    }
    // A decimal: an optional minus, then 1 to 10 digits; its value is those digits.
    const bool negative = !payload.empty() && payload[0] == '-';
    const std::string digits = payload.substr(negative ? 1 : 0);
    const bool decimal =
        !digits.empty() && digits.size() <= 10 && digits.find_first_not_of("0123456789") == std::string::npos;
    const auto number = decodeDecimal(payload);
    if (bool(number) != decimal)
        abort();
    if (number) {
        const std::size_t first = digits.find_first_not_of('0');
        const std::string canonical = first == std::string::npos ? "0" : digits.substr(first);
        if (std::to_string(negative ? -*number : *number) != canonical || (*number > 0 && negative))
            abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const std::size_t sizeCount = std::size_t(data[0] % 8) + 1;
    if (size < 1 + sizeCount)
        return 0;
    const uint8_t *sizes = data + 1;
    const std::string stream(reinterpret_cast<const char *>(data + 1 + sizeCount), size - 1 - sizeCount);

    FrameDecoder decoder;
    std::size_t fed = 0;       // bytes given to the decoder
    std::size_t framesEnd = 0; // where the last frame taken ends in the stream
    std::string error;         // the decoder's error, once it failed
    std::size_t bufferedAtFailure = 0;
    const auto take = [&] {
        while (auto frame = decoder.next()) {
            if (!error.empty())
                abort(); // a frame after a failure
            const std::string bytes = encodeFrame(*frame);
            if (stream.compare(framesEnd, bytes.size(), bytes) != 0)
                abort();
            if (frame->payload.size() > maxPayloadBytes || !knownType(std::uint8_t(frame->type)))
                abort();
            framesEnd += bytes.size();
            checkHelpers(frame->payload);
        }
        if (!error.empty()) {
            if (!decoder.failed() || decoder.error() != error || decoder.buffered() != bufferedAtFailure)
                abort(); // not sticky, or it kept what came after
            return;
        }
        if (decoder.buffered() != fed - framesEnd)
            abort();
        if (decoder.failed()) {
            error = decoder.error();
            bufferedAtFailure = decoder.buffered();
            if (error.empty())
                abort();
        }
    };
    for (std::size_t chunk = 0; fed < stream.size(); ++chunk) {
        const uint8_t spec = sizes[chunk % sizeCount];
        const std::size_t length = std::min<std::size_t>(stream.size() - fed, std::size_t(spec & 0x7f) + 1);
        decoder.feed(stream.data() + fed, length);
        fed += length;
        if (!(spec & 0x80))
            take();
    }
    take();

    // Where decoding stopped: a bad header exactly when it failed, otherwise an unfinished frame.
    const std::size_t left = stream.size() - framesEnd;
    if (!error.empty() && left < frameHeaderBytes)
        abort();
    if (left >= frameHeaderBytes) {
        const std::uint32_t length = readLittleEndian(stream, framesEnd);
        const bool badHeader = length > maxPayloadBytes || !knownType(std::uint8_t(stream[framesEnd + 4]));
        if (badHeader != !error.empty())
            abort();
        if (!badHeader && frameHeaderBytes + length <= left)
            abort(); // a whole frame left behind
    }
    return 0;
}
