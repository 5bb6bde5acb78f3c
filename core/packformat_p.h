#pragma once

// Internal to core: git's pack format as pure functions over bytes (no I/O, no libgit2), for the pack cache
// (packcache.cpp) and its fuzz target. Every size and offset comes from a file and is checked.

#include <QByteArray>

#include <cstdint>
#include <optional>

namespace Paddock::Core::Git::PackFormat {

inline constexpr std::uint64_t maxObjectBytes = std::uint64_t(1) << 30;

enum PackType { Commit = 1, Tree = 2, Blob = 3, Tag = 4, OffsetDelta = 6, ReferenceDelta = 7 };

// An object's header in a pack: its type, its inflated size, where its data starts, and for a delta its base.
struct Entry
{
    int type = 0;
    std::uint64_t size = 0;
    std::uint64_t dataAt = 0;
    std::uint64_t baseOffset = 0;  // OffsetDelta
    unsigned char baseId[20] = {}; // ReferenceDelta: the base's raw id
};

// The header of the entry at offset in a pack of end bytes (its trailing checksum excluded); nothing when it
// is malformed, runs past the end or names an impossible base.
std::optional<Entry> entryAt(const unsigned char *data, std::uint64_t end, std::uint64_t offset);

// git's delta format: the base's size, the result's size, then copy and insert instructions. Nothing when the
// delta does not fit its base or does not produce exactly the size it announces.
std::optional<QByteArray> applyDelta(const QByteArray &base, const QByteArray &delta);

} // namespace Paddock::Core::Git::PackFormat
