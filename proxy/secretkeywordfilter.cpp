#include "proxy/secretkeywordfilter.h"

#include "proxy/secretkeywordfilter_p.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>
#include <string_view>

namespace Paddock::Proxy {

using namespace KeywordKernels;

namespace {

// Letter frequencies of English in percent, a to z.
constexpr double letterFrequency[26] = {8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4,
                                        6.7, 7.5, 1.9, 0.1, 6.0,  6.3, 9.1, 2.8, 1.0, 2.4,  0.15, 2.0, 0.07};

// How often a byte shows up in prose and code, roughly; the fingerprint is the keyword's rarest 3 bytes.
double textFrequency(uchar c)
{
    c = lowerTable[c];
    if (c >= 'a' && c <= 'z')
        return letterFrequency[c - 'a'] * 0.006;
    if (c >= '0' && c <= '9')
        return 0.01;
    switch (c) {
    case ' ':
        return 0.15;
    case '_':
    case '.':
        return 0.02;
    case '-':
        return 0.015;
    case ':':
    case '/':
    case '=':
        return 0.01;
    case '~':
        return 0.001;
    default:
        return 0.005;
    }
}

// Three-letter sequences common in English prose and in code: a fingerprint made of one would make most of
// its candidates real fingerprint matches that then fail the full comparison.
constexpr std::string_view commonTrigrams[] = {
    "the", "and", "ing", "her", "hat", "his", "tha", "ere", "for", "ent", "ion", "ter", "was", "you", "ith",
    "ver", "all", "wit", "thi", "tio", "con", "ret", "urn", "int", "str", "ist", "ons", "pro", "ate", "res",
    "com", "ati", "nam", "ame", "ill", "wil", "ast", "ase", "ess", "oun", "ort", "ect", "ser", "per", "ock",
    "fil", "box", "pac", "pos", "app", "ack", "key", "val", "get", "set", "tex", "ext", "tes", "est", "err",
    "ror", "len", "ine", "lin", "bot", "ote", "dis", "isc", "cor", "ord", "her", "ero", "ail", "mai", "sec",
    "cre", "acc", "cce", "cou", "unt", "sha", "har", "are", "red", "pri", "riv", "iva", "vat", "api", "tok",
    "oke", "ken", "sk_", "id_", "es_", "ed_", "ng_", "ey_", "ey=", "ot "};

// Where a keyword's fingerprint starts: its rarest 3 bytes by the frequencies above, avoiding common
// trigrams.
int rarestWindow(const QByteArray &keyword)
{
    constexpr int length = SecretKeywordFilter::fingerprintLength;
    double best = 2;
    int offset = 0;
    for (qsizetype o = 0; o + length <= keyword.size(); ++o) {
        double frequency = 1;
        for (int k = 0; k < length; ++k)
            frequency *= textFrequency(uchar(keyword[o + k]));
        const std::string_view window(keyword.constData() + o, length);
        const auto isWindow = [&window](std::string_view common) {
            return std::equal(common.begin(), common.end(), window.begin(),
                              [](char a, char b) { return a == char(lowerTable[uchar(b)]); });
        };
        if (std::any_of(std::begin(commonTrigrams), std::end(commonTrigrams), isWindow))
            frequency *= 100;
        if (frequency < best) {
            best = frequency;
            offset = int(o);
        }
    }
    return offset;
}

} // namespace

SecretKeywordFilter::SecretKeywordFilter(const QList<QByteArray> &keywords)
    : m_keywords(keywords)
    , m_kernel(availableKernels().back())
{
    for (const QByteArray &keyword : keywords) {
        Entry entry;
        entry.exact =
            std::any_of(keyword.begin(), keyword.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        entry.text = entry.exact ? keyword : keyword.toLower();
        entry.fingerprintOffset = rarestWindow(entry.text);
        quint32 raw = 0;
        for (int k = 0; k < fingerprintLength && entry.fingerprintOffset + k < entry.text.size(); ++k) {
            const uchar c = uchar(entry.text[entry.fingerprintOffset + k]);
            raw |= quint32(c) << (8 * k);
            entry.fingerprint |= quint32(fold(c)) << (8 * k);
            entry.fingerprintMask |= quint32(0xff) << (8 * k);
        }
        const bool isShort = entry.text.size() < fingerprintLength;
        if (entry.exact)
            add(isShort ? m_screen.exact2 : m_screen.exact3, raw);
        else
            add(isShort ? m_screen.folded2 : m_screen.folded3, entry.fingerprint);
        for (qsizetype i = 0; i < entry.text.size(); ++i)
            m_holding[lowerTable[uchar(entry.text[i])]].push_back({int(m_entries.size()), int(i)});
        m_entries.push_back(entry);
    }
    chooseBuckets();
}

// Keywords shorter than the fingerprint accept any byte after them; they get a bucket of their own so they do
// not widen the others. The rest join, one by one, the bucket whose expected rate of false candidates grows
// least, so similar fingerprints share a bucket.
void SecretKeywordFilter::chooseBuckets()
{
    const bool shortOnes = std::any_of(m_entries.begin(), m_entries.end(),
                                       [](const Entry &e) { return e.text.size() < fingerprintLength; });
    const int longBuckets = shortOnes ? bucketCount - 1 : bucketCount;
    using ByteSet = std::array<bool, 128>;
    std::array<std::array<ByteSet, fingerprintLength>, bucketCount> members{};
    const auto rate = [](const std::array<ByteSet, fingerprintLength> &sets) {
        double product = 1;
        for (const ByteSet &set : sets) {
            double sum = 0;
            for (int c = 0; c < 128; ++c)
                sum += set[c] ? textFrequency(uchar(c)) : 0;
            product *= sum;
        }
        return product;
    };
    std::vector<int> order(m_entries.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return m_entries[a].text.mid(m_entries[a].fingerprintOffset).toLower() <
               m_entries[b].text.mid(m_entries[b].fingerprintOffset).toLower();
    });
    for (int index : order) {
        const Entry &entry = m_entries[index];
        const auto with = [&](int bucket) {
            auto sets = members[bucket];
            for (int k = 0; k < fingerprintLength; ++k) {
                const qsizetype i = entry.fingerprintOffset + k;
                if (i < entry.text.size())
                    sets[k][fold(uchar(entry.text[i])) & 0x7f] = true;
                else
                    sets[k].fill(true);
            }
            return sets;
        };
        int bucket = longBuckets; // the short keywords' own
        if (entry.text.size() >= fingerprintLength) {
            double bestGrowth = 0;
            for (int b = 0; b < longBuckets; ++b) {
                const double growth = rate(with(b)) - rate(members[b]);
                if (b == 0 || growth < bestGrowth) {
                    bestGrowth = growth;
                    bucket = b;
                }
            }
        }
        members[bucket] = with(bucket);
        m_buckets[bucket].push_back(index);
        for (qsizetype k = entry.text.size() - entry.fingerprintOffset; k < fingerprintLength; ++k)
            m_tables.any[k] |= quint8(1 << bucket); // any byte, those past ASCII too
    }
    for (int b = 0; b < bucketCount; ++b) {
        for (int k = 0; k < fingerprintLength; ++k) {
            for (int c = 0x20; c < 0x80; ++c) {
                if (fold(uchar(c)) == c && members[b][k][c])
                    m_tables.sets[k][(c >> 5 & 2) | (c >> 4 & 1)][c & 15] |= quint8(1 << b);
            }
        }
    }
}

QList<SecretKeywordFilter::Kernel> SecretKeywordFilter::availableKernels()
{
    QList<Kernel> kernels{Kernel::Scalar};
#ifdef PADDOCK_HAVE_VECTOR_KERNELS
    if (__builtin_cpu_supports("avx2"))
        kernels.append(Kernel::Avx2);
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("avx512bw"))
        kernels.append(Kernel::Avx512);
#endif
    return kernels;
}

void SecretKeywordFilter::find(QByteArrayView text, std::vector<Occurrence> &out, Marks *marks) const
{
    std::vector<Candidate> candidates;
    find(text, out, marks, candidates);
}

void SecretKeywordFilter::find(QByteArrayView text, std::vector<Occurrence> &out, Marks *marks,
                               std::vector<Candidate> &candidates) const
{
    const auto *data = reinterpret_cast<const uchar *>(text.data());
    const qsizetype size = text.size();
    if (marks) {
        marks->alphabet.assign(size_t((size + 63) / 64), 0);
        marks->percent.assign(size_t((size + 63) / 64), 0);
    }
    candidates.clear();
    qsizetype done = 0;
#ifdef PADDOCK_HAVE_VECTOR_KERNELS
    // Each kernel reads 2 bytes past its last position.
    if (m_kernel == Kernel::Avx512 && size >= 66) {
        const qsizetype blocks = (size - 2) / 64;
        candidatesAvx512(m_tables, m_screen, data, blocks, candidates, marks);
        done = blocks * 64;
    }
    if (m_kernel != Kernel::Scalar && size - done >= 34) {
        const qsizetype blocks = (size - done - 2) / 32;
        candidatesAvx2(m_tables, m_screen, data, done, blocks, candidates, marks);
        done += blocks * 32;
    }
#endif
    candidatesScalar(m_tables, m_screen, data, done, size, candidates, marks);
    for (const Candidate &candidate : candidates)
        verify(data, size, candidate, out);
}

void SecretKeywordFilter::verify(const uchar *data, qsizetype size, const Candidate &candidate,
                                 std::vector<Occurrence> &out) const
{
    // The folded bytes at the candidate, compared with each keyword's fingerprint first.
    quint32 here = 0;
    for (int k = 0; k < fingerprintLength && candidate.position + k < size; ++k)
        here |= quint32(fold(data[candidate.position + k])) << (8 * k);
    for (quint32 buckets = candidate.buckets; buckets; buckets &= buckets - 1) {
        for (int index : m_buckets[std::countr_zero(buckets)]) {
            const Entry &entry = m_entries[size_t(index)];
            if ((here & entry.fingerprintMask) != entry.fingerprint)
                continue;
            const qsizetype start = qsizetype(candidate.position) - entry.fingerprintOffset;
            if (matchesAt(data, size, entry, start))
                out.push_back({start, index});
        }
    }
}

bool SecretKeywordFilter::matchesAt(const uchar *data, qsizetype size, const Entry &entry,
                                    qsizetype start) const
{
    const qsizetype length = entry.text.size();
    if (start < 0 || start + length > size)
        return false;
    const uchar *at = data + start;
    const auto *keyword = reinterpret_cast<const uchar *>(entry.text.constData());
    if (entry.exact)
        return std::memcmp(at, keyword, size_t(length)) == 0;
    for (qsizetype i = 0; i < length; ++i) {
        if (lowerTable[at[i]] != keyword[i])
            return false;
    }
    return true;
}

void SecretKeywordFilter::findCovering(QByteArrayView text, qsizetype at, std::vector<Occurrence> &out) const
{
    const auto *data = reinterpret_cast<const uchar *>(text.data());
    for (const auto &[index, offset] : m_holding[lowerTable[data[at]]]) {
        if (matchesAt(data, text.size(), m_entries[size_t(index)], at - offset))
            out.push_back({at - offset, index});
    }
}

} // namespace Paddock::Proxy
