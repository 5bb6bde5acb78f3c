#include "core/packformat_p.h"

#include <cstring>

namespace Paddock::Core::Git::PackFormat {

std::optional<Entry> entryAt(const unsigned char *data, std::uint64_t end, std::uint64_t offset)
{
    std::uint64_t at = offset;
    if (at < 12 || at >= end)
        return std::nullopt;
    unsigned char c = data[at++];
    Entry entry;
    entry.type = (c >> 4) & 7;
    entry.size = c & 15;
    for (int shift = 4; c & 0x80; shift += 7) {
        if (at >= end || shift > 57)
            return std::nullopt;
        c = data[at++];
        entry.size += std::uint64_t(c & 0x7f) << shift;
    }
    if (entry.type == OffsetDelta) {
        if (at >= end)
            return std::nullopt;
        c = data[at++];
        std::uint64_t distance = c & 0x7f;
        while (c & 0x80) {
            if (at >= end || distance > (std::uint64_t(1) << 56))
                return std::nullopt;
            c = data[at++];
            distance = ((distance + 1) << 7) | (c & 0x7f);
        }
        if (distance == 0 || distance > offset)
            return std::nullopt;
        entry.baseOffset = offset - distance;
    } else if (entry.type == ReferenceDelta) {
        if (at + 20 > end)
            return std::nullopt;
        std::memcpy(entry.baseId, data + at, 20);
        at += 20;
    } else if (entry.type < Commit || entry.type > Tag) {
        return std::nullopt;
    }
    if (entry.size > maxObjectBytes)
        return std::nullopt;
    entry.dataAt = at;
    return entry;
}

std::optional<QByteArray> applyDelta(const QByteArray &base, const QByteArray &delta)
{
    const auto *at = reinterpret_cast<const unsigned char *>(delta.constData());
    const unsigned char *const top = at + delta.size();
    const auto size = [&at, top]() -> std::optional<std::uint64_t> {
        std::uint64_t value = 0;
        for (int shift = 0; at < top; shift += 7) {
            const unsigned char c = *at++;
            value |= std::uint64_t(c & 0x7f) << shift;
            if (!(c & 0x80))
                return value;
            if (shift > 56)
                return std::nullopt;
        }
        return std::nullopt;
    };
    const auto baseSize = size();
    const auto resultSize = size();
    if (!baseSize || !resultSize || *baseSize != std::uint64_t(base.size()) || *resultSize > maxObjectBytes)
        return std::nullopt;
    QByteArray result(qsizetype(*resultSize), Qt::Uninitialized);
    char *out = result.data();
    std::uint64_t left = *resultSize;
    while (at < top) {
        const unsigned char command = *at++;
        if (command & 0x80) {
            std::uint64_t offset = 0;
            std::uint64_t length = 0;
            for (int bit = 0; bit < 4; ++bit) {
                if (command & (1 << bit)) {
                    if (at >= top)
                        return std::nullopt;
                    offset |= std::uint64_t(*at++) << (8 * bit);
                }
            }
            for (int bit = 0; bit < 3; ++bit) {
                if (command & (0x10 << bit)) {
                    if (at >= top)
                        return std::nullopt;
                    length |= std::uint64_t(*at++) << (8 * bit);
                }
            }
            if (length == 0)
                length = 0x10000;
            if (offset + length > std::uint64_t(base.size()) || length > left)
                return std::nullopt;
            std::memcpy(out, base.constData() + offset, length);
            out += length;
            left -= length;
        } else if (command != 0) {
            if (command > left || command > std::uint64_t(top - at))
                return std::nullopt;
            std::memcpy(out, at, command);
            at += command;
            out += command;
            left -= command;
        } else {
            return std::nullopt; // reserved
        }
    }
    if (left != 0)
        return std::nullopt;
    return result;
}

} // namespace Paddock::Core::Git::PackFormat
