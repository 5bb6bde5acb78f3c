#pragma once

// Internal to SecretKeywordFilter: what its constructor and its kernels (scalar, AVX2, AVX-512) share. Never
// include outside proxy/secretkeyword*.

#include "proxy/secretkeywordfilter.h"

#include <array>

#if defined(__x86_64__)
#define PADDOCK_HAVE_VECTOR_KERNELS 1
#endif

namespace Paddock::Proxy::KeywordKernels {

using Tables = SecretKeywordFilter::Tables;
using Candidate = SecretKeywordFilter::Candidate;
using Screen = SecretKeywordFilter::Screen;
using Marks = SecretKeywordFilter::Marks;

// The fingerprint ignores case the cheap way: bit 5 set. That also merges a few punctuation pairs
// ('_' with DEL, '@' with '`'), which the full comparison afterwards tells apart.
constexpr uchar fold(uchar c)
{
    return c | 0x20;
}

constexpr std::array<uchar, 256> lowerTable = [] {
    std::array<uchar, 256> table{};
    for (int i = 0; i < 256; ++i)
        table[i] = uchar(i >= 'A' && i <= 'Z' ? i + 32 : i);
    return table;
}();

constexpr bool isBase64Alphabet(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '-' || c == '_';
}

// The alphabet as nibble tables: a byte is in it when low[lo] & high[hi] != 0 (high[hi] is the bit 1 << hi).
constexpr std::array<quint8, 16> alphabetHigh = [] {
    std::array<quint8, 16> table{};
    for (int hi = 0; hi < 8; ++hi)
        table[hi] = quint8(1 << hi);
    return table;
}();
constexpr std::array<quint8, 16> alphabetLow = [] {
    std::array<quint8, 16> table{};
    for (int lo = 0; lo < 16; ++lo) {
        for (int hi = 0; hi < 8; ++hi) {
            if (isBase64Alphabet(hi << 4 | lo))
                table[lo] |= quint8(1 << hi);
        }
    }
    return table;
}();

// A 12-bit hash of a fingerprint, for the bit sets of them.
inline quint32 fingerprintHash(quint32 fingerprint)
{
    return (fingerprint * 0x9E3779B1u) >> 20;
}

inline bool has(const std::array<quint64, 64> &bits, quint32 fingerprint)
{
    const quint32 hash = fingerprintHash(fingerprint);
    return (bits[hash >> 6] >> (hash & 63)) & 1;
}

inline void add(std::array<quint64, 64> &bits, quint32 fingerprint)
{
    const quint32 hash = fingerprintHash(fingerprint);
    bits[hash >> 6] |= quint64(1) << (hash & 63);
}

// Whether the (up to) 3 bytes at `at` are some keyword's fingerprint, by their hashes.
inline bool screenPasses(const Screen &screen, const uchar *at, qsizetype available)
{
    const quint32 raw = quint32(at[0]) | (available > 1 ? quint32(at[1]) << 8 : 0) |
                        (available > 2 ? quint32(at[2]) << 16 : 0);
    const quint32 folded = raw | (available > 2 ? 0x202020 : available > 1 ? 0x2020 : 0x20);
    return has(screen.folded3, folded) || has(screen.folded2, folded & 0xffff) || has(screen.exact3, raw) ||
           has(screen.exact2, raw & 0xffff);
}

// Which buckets a byte can stand in at fingerprint position k.
inline quint8 lookup(const Tables &tables, int k, uchar c)
{
    const uchar f = fold(c);
    if (f & 0x80)
        return tables.any[k];
    return tables.sets[k][(f >> 5 & 2) | (f >> 4 & 1)][f & 15] | tables.any[k];
}

// Each appends the candidates among its positions that pass the screen, and fills `marks` if given (sized by
// the caller). Scalar: positions [from, size); a byte past the end counts as a space, which only a wildcard
// accepts.
void candidatesScalar(const Tables &tables, const Screen &screen, const uchar *data, qsizetype from,
                      qsizetype size, std::vector<Candidate> &out, Marks *marks);
#ifdef PADDOCK_HAVE_VECTOR_KERNELS
// Positions [from, from + 32 * blocks), from a multiple of 32; reads 2 bytes past them.
void candidatesAvx2(const Tables &tables, const Screen &screen, const uchar *data, qsizetype from,
                    qsizetype blocks, std::vector<Candidate> &out, Marks *marks);
// Positions [0, 64 * blocks); reads 2 bytes past them.
void candidatesAvx512(const Tables &tables, const Screen &screen, const uchar *data, qsizetype blocks,
                      std::vector<Candidate> &out, Marks *marks);
#endif

} // namespace Paddock::Proxy::KeywordKernels
