// Fuzzes git's pack format as Paddock's pack cache reads it (a direct-mode agent can write into the user's
// .git): the first byte chooses entry headers or deltas. A header must stay inside the pack and point a delta
// at an earlier entry; a delta's result must have exactly the size it announces.
#include "core/packformat_p.h"

#include <cstdint>
#include <cstdlib>

using namespace Paddock::Core::Git::PackFormat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t mode = data[0];
    ++data;
    --size;
    if (mode & 1) {
        // Entry headers at every offset of the input read as a pack (12 bytes of pack header first).
        for (std::uint64_t offset = 12; offset < size; ++offset) {
            const auto entry = entryAt(data, size, offset);
            if (!entry)
                continue;
            if (entry->dataAt <= offset || entry->dataAt > size || entry->size > maxObjectBytes)
                abort();
            if (entry->type == OffsetDelta && (entry->baseOffset >= offset))
                abort();
        }
        return 0;
    }
    // A base of the length the next two bytes say, the rest a delta.
    if (size < 2)
        return 0;
    const std::size_t baseLength = std::min<std::size_t>(size - 2, std::size_t(data[0]) << 8 | data[1]);
    const QByteArray base(reinterpret_cast<const char *>(data + 2), qsizetype(baseLength));
    const QByteArray delta(reinterpret_cast<const char *>(data + 2 + baseLength),
                           qsizetype(size - 2 - baseLength));
    const auto result = applyDelta(base, delta);
    if (result && std::uint64_t(result->size()) > maxObjectBytes)
        abort();
    return 0;
}
