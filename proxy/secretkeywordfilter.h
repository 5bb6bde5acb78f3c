#pragma once

#include <QByteArray>
#include <QList>

#include <array>
#include <vector>

namespace Paddock::Proxy {

// Finds every occurrence of the rules' keywords in a buffer, so text without one never reaches RE2. It is
// the "Teddy" algorithm of Hyperscan and Rust's aho-corasick: a 3-byte fingerprint of each keyword is looked
// up 32 or 64 bytes at a time (AVX2 or AVX-512, with a scalar path that gives the same answer), candidates
// are screened by a hash of their fingerprint, and the rest compared in full. Unlike Teddy's nibble tables,
// the lookup is exact per byte: case-folded ASCII has only 64 values, which four pshufb tables cover. The
// same pass marks the bytes of the base64 alphabet and the '%' signs, for the decoding passes. Keywords in
// lower case match ignoring case; capitals match exactly.
class SecretKeywordFilter
{
public:
    struct Occurrence
    {
        qsizetype position; // of the keyword's first byte
        int keyword;        // index into the list given to the constructor
    };
    struct Candidate
    {
        quint32 position; // of the fingerprint
        quint8 buckets;
    };
    // One bit per byte of the text (bit i % 64 of word i / 64 for byte i).
    struct Marks
    {
        std::vector<quint64> alphabet; // A-Z a-z 0-9 + / - _
        std::vector<quint64> percent;  // '%'
    };
    enum class Kernel { Scalar, Avx2, Avx512 };

    explicit SecretKeywordFilter(const QList<QByteArray> &keywords = {});

    // Appends every occurrence in `text` to `out` (unordered), and fills `marks` if given. `candidates` is
    // scratch space, kept by the caller so a warm scan allocates nothing.
    void find(QByteArrayView text, std::vector<Occurrence> &out, Marks *marks,
              std::vector<Candidate> &candidates) const;
    void find(QByteArrayView text, std::vector<Occurrence> &out, Marks *marks = nullptr) const;

    // Appends the occurrences that cover byte `at` of `text` (unordered): after percent-decoding, the
    // keywords an escape turned into, found without scanning all of the decoded text.
    void findCovering(QByteArrayView text, qsizetype at, std::vector<Occurrence> &out) const;

    const QList<QByteArray> &keywords() const { return m_keywords; }

    // The best this CPU has by default; tests compare them all with the scalar one.
    static QList<Kernel> availableKernels();
    void setKernel(Kernel kernel) { m_kernel = kernel; }
    Kernel kernel() const { return m_kernel; }

    static constexpr int fingerprintLength = 3;
    static constexpr int bucketCount = 8;
    // For fingerprint byte k, the buckets a case-folded byte can belong to: folded ASCII is 0b0x1y'zzzz, so
    // quarter (x, y) and low nibble z index it. Bytes outside ASCII belong to none, except to `any`.
    struct Tables
    {
        alignas(32) std::array<std::array<std::array<quint8, 16>, 4>, fingerprintLength> sets{};
        std::array<quint8, fingerprintLength> any{}; // buckets that take every byte here (short keywords)
    };
    // Hashed fingerprints, folded (keywords that ignore case) and as they are (exact ones), of 3 bytes and
    // of 2 (keywords shorter than 3): a candidate that has none is dropped after a few lookups.
    struct Screen
    {
        std::array<quint64, 64> folded3{}, folded2{}, exact3{}, exact2{};
    };

private:
    struct Entry
    {
        QByteArray text; // lower case unless exact
        bool exact = false;
        int fingerprintOffset = 0;
        quint32 fingerprint = 0; // the folded fingerprint bytes, little-endian, for a quick first check
        quint32 fingerprintMask = 0;
    };

    void chooseBuckets();
    void verify(const uchar *data, qsizetype size, const Candidate &candidate,
                std::vector<Occurrence> &out) const;
    bool matchesAt(const uchar *data, qsizetype size, const Entry &entry, qsizetype start) const;

    QList<QByteArray> m_keywords;
    std::vector<Entry> m_entries;
    std::array<std::vector<int>, bucketCount> m_buckets;
    Tables m_tables;
    Screen m_screen;
    // For each lower-cased byte, the keywords holding it and where.
    std::array<std::vector<std::pair<int, int>>, 256> m_holding;
    Kernel m_kernel = Kernel::Scalar;
};

} // namespace Paddock::Proxy
