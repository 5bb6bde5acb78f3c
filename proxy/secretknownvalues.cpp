#include "proxy/secretknownvalues.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace Paddock::Proxy {

namespace {

quint32 gramAt(const char *at)
{
    quint32 gram;
    std::memcpy(&gram, at, 4);
    return gram;
}

quint32 hashOf(quint32 gram, int shift)
{
    return (gram * 0x9E3779B1u) >> shift;
}

QByteArray lowerCaseEscapes(QByteArray percent)
{
    const auto lower = [](char c) { return c >= 'A' && c <= 'F' ? char(c + 32) : c; };
    for (qsizetype i = 0; i + 2 < percent.size(); ++i) {
        if (percent[i] == '%') {
            percent[i + 1] = lower(percent[i + 1]);
            percent[i + 2] = lower(percent[i + 2]);
            i += 2;
        }
    }
    return percent;
}

} // namespace

QList<SecretKnownValues::Needle> SecretKnownValues::needlesFor(QByteArrayView value)
{
    QList<Needle> needles;
    const auto add = [&needles](const QByteArray &bytes, Encoding encoding) {
        const bool known = std::any_of(needles.cbegin(), needles.cend(),
                                       [&bytes](const Needle &needle) { return needle.bytes == bytes; });
        if (!bytes.isEmpty() && !known)
            needles.append({bytes, encoding});
    };
    add(value.toByteArray(), Encoding::Raw);
    // RFC 4648 §4: the value may start at any of the three byte positions of a group. The characters
    // holding only its bits are the same whatever surrounds it; those at either end also hold a neighbour's.
    const qsizetype size = value.size();
    for (int offset = 0; offset < 3; ++offset) {
        const QByteArray shifted = QByteArray(offset, '\0') + value;
        const QByteArray encoded = shifted.toBase64(QByteArray::OmitTrailingEquals);
        const qsizetype first = (8 * offset + 5) / 6;
        const qsizetype last = 8 * (offset + size) / 6;
        QByteArray inner = encoded.mid(first, last - first);
        add(inner, Encoding::Base64);
        add(inner.replace('+', '-').replace('/', '_'), Encoding::Base64); // §5, the URL alphabet
    }
    const QByteArray hex = value.toByteArray().toHex();
    add(hex, Encoding::Hex);
    add(hex.toUpper(), Encoding::Hex);
    const QByteArray percent = value.toByteArray().toPercentEncoding();
    add(percent, Encoding::Percent);
    add(lowerCaseEscapes(percent), Encoding::Percent);
    return needles;
}

void SecretKnownValues::add(QByteArrayView value)
{
    Q_ASSERT(value.size() >= SecretScanner::minKnownSecretLength);
    for (const Needle &needle : needlesFor(value))
        m_needles.push_back({needle.bytes, m_count, needle.encoding});
    m_longestValue = std::max(m_longestValue, value.size());
    ++m_count;
    rebuild();
}

void SecretKnownValues::rebuild()
{
    m_shortestNeedle = m_needles.front().bytes.size();
    for (const Stored &needle : m_needles)
        m_shortestNeedle = std::min(m_shortestNeedle, needle.bytes.size());
    // Every occurrence of a needle covers one sample position, and the 4 bytes there lie inside it.
    m_step = std::max<qsizetype>(1, m_shortestNeedle - 3);
    m_entries.clear();
    for (size_t i = 0; i < m_needles.size(); ++i) {
        for (qsizetype offset = 0; offset < m_step; ++offset)
            m_entries.push_back(
                {gramAt(m_needles[i].bytes.constData() + offset), quint32(i), quint32(offset)});
    }
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry &a, const Entry &b) { return a.gram < b.gram; });
    // About one false sample in 4096 positions, at most 1 MiB.
    const int bits = std::clamp(int(std::bit_width(m_needles.size())) + 12, 16, 23);
    m_filterShift = 32 - bits;
    m_filter.assign(size_t(1) << (bits - 6), 0);
    for (const Entry &entry : m_entries) {
        const quint32 h = hashOf(entry.gram, m_filterShift);
        m_filter[h >> 6] |= quint64(1) << (h & 63);
    }
}

void SecretKnownValues::find(QByteArrayView text, std::vector<Match> &out) const
{
    if (m_needles.empty() || text.size() < m_shortestNeedle)
        return;
    const char *data = text.data();
    const qsizetype size = text.size();
    for (qsizetype q = 0; q + 4 <= size; q += m_step) {
        const quint32 gram = gramAt(data + q);
        const quint32 h = hashOf(gram, m_filterShift);
        if (!((m_filter[h >> 6] >> (h & 63)) & 1))
            continue;
        const auto range = std::equal_range(m_entries.begin(), m_entries.end(), Entry{gram, 0, 0},
                                            [](const Entry &a, const Entry &b) { return a.gram < b.gram; });
        for (auto it = range.first; it != range.second; ++it) {
            const Stored &needle = m_needles[it->needle];
            const qsizetype start = q - qsizetype(it->offset);
            const qsizetype length = needle.bytes.size();
            if (start < 0 || start + length > size)
                continue;
            if (std::memcmp(data + start, needle.bytes.constData(), size_t(length)) == 0)
                out.push_back({start, length, needle.value, needle.encoding});
        }
    }
}

} // namespace Paddock::Proxy
