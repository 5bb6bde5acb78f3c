// The candidate kernels of SecretKeywordFilter: the same answer from a scalar loop, AVX2 and AVX-512BW.
#include "proxy/secretkeywordfilter_p.h"

#include <bit>
#include <cstring>

#ifdef PADDOCK_HAVE_VECTOR_KERNELS
#include <immintrin.h>
#endif

namespace Paddock::Proxy::KeywordKernels {

void candidatesScalar(const Tables &tables, const Screen &screen, const uchar *data, qsizetype from,
                      qsizetype size, std::vector<Candidate> &out, Marks *marks)
{
    for (qsizetype p = from; p < size; ++p) {
        const uchar c1 = p + 1 < size ? data[p + 1] : uchar(' ');
        const uchar c2 = p + 2 < size ? data[p + 2] : uchar(' ');
        const quint8 buckets = lookup(tables, 0, data[p]) & lookup(tables, 1, c1) & lookup(tables, 2, c2);
        if (buckets && screenPasses(screen, data + p, size - p))
            out.push_back({quint32(p), buckets});
        if (marks) {
            if (isBase64Alphabet(data[p]))
                marks->alphabet[size_t(p / 64)] |= quint64(1) << (p % 64);
            if (data[p] == '%')
                marks->percent[size_t(p / 64)] |= quint64(1) << (p % 64);
        }
    }
}

#ifdef PADDOCK_HAVE_VECTOR_KERNELS

__attribute__((target("avx2"), always_inline)) inline __m256i broadcast(const std::array<quint8, 16> &table)
{
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i *>(table.data())));
}

// Buckets of the folded bytes in x at one fingerprint position: a 64-entry lookup as four 16-entry ones,
// chosen by bit 4 and bit 6 (each moved to bit 7, which blendv reads). pshufb gives 0 for bytes >= 0x80.
__attribute__((target("avx2"), always_inline)) inline __m256i exactLookup(__m256i x,
                                                                          const __m256i (&quarters)[4])
{
    const __m256i bit4 = _mm256_slli_epi16(x, 3);
    const __m256i bit6 = _mm256_slli_epi16(x, 1);
    const __m256i low =
        _mm256_blendv_epi8(_mm256_shuffle_epi8(quarters[0], x), _mm256_shuffle_epi8(quarters[1], x), bit4);
    const __m256i high =
        _mm256_blendv_epi8(_mm256_shuffle_epi8(quarters[2], x), _mm256_shuffle_epi8(quarters[3], x), bit4);
    return _mm256_blendv_epi8(low, high, bit6);
}

// Positions [from, from + 32 * blocks), from a multiple of 32; reads 2 bytes past them, which the caller
// guarantees.
__attribute__((target("avx2"))) void candidatesAvx2(const Tables &tables, const Screen &screen,
                                                    const uchar *data, qsizetype from, qsizetype blocks,
                                                    std::vector<Candidate> &out, Marks *marks)
{
    constexpr int fingerprint = SecretKeywordFilter::fingerprintLength;
    __m256i sets[fingerprint][4];
    __m256i any[fingerprint];
    for (int k = 0; k < fingerprint; ++k) {
        for (int q = 0; q < 4; ++q)
            sets[k][q] = broadcast(tables.sets[k][q]);
        any[k] = _mm256_set1_epi8(char(tables.any[k]));
    }
    const __m256i alphaLow = broadcast(alphabetLow), alphaHigh = broadcast(alphabetHigh);
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    const __m256i caseBit = _mm256_set1_epi8(0x20);
    const __m256i percent = _mm256_set1_epi8('%');
    const __m256i zero = _mm256_setzero_si256();
    for (qsizetype block = 0; block < blocks; ++block) {
        const qsizetype base = from + block * 32;
        const uchar *p = data + base;
        const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
        const __m256i x0 = _mm256_or_si256(raw, caseBit);
        const __m256i x1 =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 1)), caseBit);
        const __m256i x2 =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + 2)), caseBit);
        const __m256i buckets =
            _mm256_and_si256(_mm256_and_si256(_mm256_or_si256(exactLookup(x0, sets[0]), any[0]),
                                              _mm256_or_si256(exactLookup(x1, sets[1]), any[1])),
                             _mm256_or_si256(exactLookup(x2, sets[2]), any[2]));
        if (marks) {
            const __m256i lo = _mm256_shuffle_epi8(alphaLow, _mm256_and_si256(raw, nibble));
            const __m256i hi =
                _mm256_shuffle_epi8(alphaHigh, _mm256_and_si256(_mm256_srli_epi16(raw, 4), nibble));
            const quint32 inside =
                ~quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), zero)));
            const quint32 percents = quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(raw, percent)));
            // Halves of 64-bit words, little-endian.
            std::memcpy(reinterpret_cast<char *>(marks->alphabet.data()) + base / 8, &inside, 4);
            std::memcpy(reinterpret_cast<char *>(marks->percent.data()) + base / 8, &percents, 4);
        }
        quint32 mask = ~quint32(_mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, zero)));
        if (mask) {
            alignas(32) quint8 bucketBytes[32];
            _mm256_store_si256(reinterpret_cast<__m256i *>(bucketBytes), buckets);
            for (; mask; mask &= mask - 1) {
                const int j = std::countr_zero(mask);
                if (screenPasses(screen, p + j, 3))
                    out.push_back({quint32(base + j), bucketBytes[j]});
            }
        }
    }
}

__attribute__((target("avx512bw"), always_inline)) inline __m512i
broadcast512(const std::array<quint8, 16> &table)
{
    // The masked form: GCC 12 warns that the plain one's undefined source is "used uninitialized".
    return _mm512_mask_broadcast_i32x4(_mm512_setzero_si512(), __mmask16(0xffff),
                                       _mm_loadu_si128(reinterpret_cast<const __m128i *>(table.data())));
}

__attribute__((target("avx512bw"), always_inline)) inline __m512i exactLookup512(__m512i x,
                                                                                 const __m512i (&quarters)[4])
{
    const __mmask64 bit4 = _mm512_test_epi8_mask(x, _mm512_set1_epi8(0x10));
    const __mmask64 bit6 = _mm512_test_epi8_mask(x, _mm512_set1_epi8(0x40));
    const __m512i low = _mm512_mask_blend_epi8(bit4, _mm512_shuffle_epi8(quarters[0], x),
                                               _mm512_shuffle_epi8(quarters[1], x));
    const __m512i high = _mm512_mask_blend_epi8(bit4, _mm512_shuffle_epi8(quarters[2], x),
                                                _mm512_shuffle_epi8(quarters[3], x));
    return _mm512_mask_blend_epi8(bit6, low, high);
}

// As candidatesAvx2, 64 positions at a time, from position 0.
__attribute__((target("avx512bw"))) void candidatesAvx512(const Tables &tables, const Screen &screen,
                                                          const uchar *data, qsizetype blocks,
                                                          std::vector<Candidate> &out, Marks *marks)
{
    constexpr int fingerprint = SecretKeywordFilter::fingerprintLength;
    __m512i sets[fingerprint][4];
    __m512i any[fingerprint];
    for (int k = 0; k < fingerprint; ++k) {
        for (int q = 0; q < 4; ++q)
            sets[k][q] = broadcast512(tables.sets[k][q]);
        any[k] = _mm512_set1_epi8(char(tables.any[k]));
    }
    const __m512i alphaLow = broadcast512(alphabetLow), alphaHigh = broadcast512(alphabetHigh);
    const __m512i nibble = _mm512_set1_epi8(0x0f);
    const __m512i caseBit = _mm512_set1_epi8(0x20);
    const __m512i percent = _mm512_set1_epi8('%');
    for (qsizetype block = 0; block < blocks; ++block) {
        const uchar *p = data + block * 64;
        const __m512i raw = _mm512_loadu_si512(p);
        const __m512i x0 = _mm512_or_si512(raw, caseBit);
        const __m512i x1 = _mm512_or_si512(_mm512_loadu_si512(p + 1), caseBit);
        const __m512i x2 = _mm512_or_si512(_mm512_loadu_si512(p + 2), caseBit);
        const __m512i buckets =
            _mm512_and_si512(_mm512_and_si512(_mm512_or_si512(exactLookup512(x0, sets[0]), any[0]),
                                              _mm512_or_si512(exactLookup512(x1, sets[1]), any[1])),
                             _mm512_or_si512(exactLookup512(x2, sets[2]), any[2]));
        if (marks) {
            const __m512i lo = _mm512_shuffle_epi8(alphaLow, _mm512_and_si512(raw, nibble));
            const __m512i hi =
                _mm512_shuffle_epi8(alphaHigh, _mm512_and_si512(_mm512_srli_epi16(raw, 4), nibble));
            marks->alphabet[size_t(block)] = _mm512_test_epi8_mask(lo, hi);
            marks->percent[size_t(block)] = _mm512_cmpeq_epi8_mask(raw, percent);
        }
        quint64 mask = _mm512_test_epi8_mask(buckets, buckets);
        if (mask) {
            alignas(64) quint8 bucketBytes[64];
            _mm512_store_si512(bucketBytes, buckets);
            for (; mask; mask &= mask - 1) {
                const int j = std::countr_zero(mask);
                if (screenPasses(screen, p + j, 3))
                    out.push_back({quint32(block * 64 + j), bucketBytes[j]});
            }
        }
    }
}

#endif

} // namespace Paddock::Proxy::KeywordKernels
