#include "proxy/secretdecoding.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

namespace Paddock::Proxy {

namespace {

// Standard and URL-safe alphabets at once (RFC 4648 §4 and §5); -1 outside both.
constexpr std::array<qint8, 256> base64Values = [] {
    std::array<qint8, 256> table{};
    table.fill(-1);
    for (int i = 0; i < 26; ++i) {
        table['A' + i] = qint8(i);
        table['a' + i] = qint8(26 + i);
    }
    for (int i = 0; i < 10; ++i)
        table['0' + i] = qint8(52 + i);
    table['+'] = table['-'] = 62;
    table['/'] = table['_'] = 63;
    return table;
}();

constexpr std::array<qint8, 256> hexValues = [] {
    std::array<qint8, 256> table{};
    table.fill(-1);
    for (int i = 0; i < 10; ++i)
        table['0' + i] = qint8(i);
    for (int i = 0; i < 6; ++i) {
        table['a' + i] = qint8(10 + i);
        table['A' + i] = qint8(10 + i);
    }
    return table;
}();

// Whether x has `length` consecutive set bits (length 1..64): each step doubles the run a bit stands for.
bool hasRunOf(quint64 x, qsizetype length)
{
    if (length > 64)
        return false;
    for (qsizetype covered = 1; covered < length && x;) {
        const qsizetype shift = std::min(covered, length - covered);
        x &= x >> shift;
        covered += shift;
    }
    return x != 0;
}

quint32 value(qint8 v)
{
    return v < 0 ? 0 : quint32(v);
}

} // namespace

void SecretDecoding::findRuns(const std::vector<quint64> &alphabetBits, qsizetype size, qsizetype leadIn,
                              qsizetype minLength, std::vector<Run> &out)
{
    const auto emit = [&](qsizetype start, qsizetype end) {
        if (end - start >= minLength)
            out.push_back({start, end});
    };
    const qsizetype words = (size + 63) / 64;
    bool open = leadIn > 0 && size > 0 && (alphabetBits[0] & 1);
    qsizetype start = open ? -leadIn : 0;
    // Most words hold only short runs (words of prose, identifiers): those cost a few bit operations.
    for (qsizetype w = 0; w < words; ++w) {
        quint64 word = alphabetBits[size_t(w)];
        const qsizetype base = w * 64;
        if (open) {
            const int lead = std::countr_one(word);
            if (lead == 64)
                continue;
            emit(start, base + lead);
            open = false;
            word &= ~((quint64(1) << lead) - 1);
        }
        if (word == 0)
            continue;
        const int trail = std::countl_one(word);
        if (trail == 64) {
            open = true;
            start = base;
            continue;
        }
        quint64 inner = trail ? word & ~(~quint64(0) << (64 - trail)) : word;
        if (hasRunOf(inner, minLength)) {
            while (inner) {
                const int first = std::countr_zero(inner);
                const int length = std::countr_one(inner >> first);
                emit(base + first, base + first + length);
                inner &= length == 64 ? 0 : ~(((quint64(1) << length) - 1) << first);
            }
        }
        if (trail) {
            open = true;
            start = base + 64 - trail;
        }
    }
    if (open)
        emit(start, size);
}

bool SecretDecoding::isHex(QByteArrayView text)
{
    for (char c : text) {
        if (hexValues[uchar(c)] < 0)
            return false;
    }
    return true;
}

void SecretDecoding::appendBase64Decoded(QByteArrayView text, QByteArray &out)
{
    const auto *in = reinterpret_cast<const uchar *>(text.data());
    const qsizetype groups = text.size() / 4;
    const qsizetype rest = text.size() % 4;
    const qsizetype old = out.size();
    out.resize(old + groups * 3 + (rest >= 2 ? rest - 1 : 0));
    auto *o = reinterpret_cast<uchar *>(out.data()) + old;
    for (qsizetype g = 0; g < groups; ++g, in += 4, o += 3) {
        const quint32 v = value(base64Values[in[0]]) << 18 | value(base64Values[in[1]]) << 12 |
                          value(base64Values[in[2]]) << 6 | value(base64Values[in[3]]);
        o[0] = uchar(v >> 16);
        o[1] = uchar(v >> 8);
        o[2] = uchar(v);
    }
    if (rest >= 2) {
        quint32 v = value(base64Values[in[0]]) << 18 | value(base64Values[in[1]]) << 12;
        if (rest == 3)
            v |= value(base64Values[in[2]]) << 6;
        o[0] = uchar(v >> 16);
        if (rest == 3)
            o[1] = uchar(v >> 8);
    }
}

void SecretDecoding::appendHexDecoded(QByteArrayView text, QByteArray &out)
{
    const qsizetype pairs = text.size() / 2;
    const qsizetype old = out.size();
    out.resize(old + pairs);
    for (qsizetype i = 0; i < pairs; ++i) {
        out[old + i] =
            char(value(hexValues[uchar(text[2 * i])]) << 4 | value(hexValues[uchar(text[2 * i + 1])]));
    }
}

void SecretDecoding::findPercentEscapes(QByteArrayView text, const std::vector<quint64> &percentBits,
                                        std::vector<qsizetype> &out)
{
    const qsizetype size = text.size();
    for (size_t w = 0; w < percentBits.size(); ++w) {
        for (quint64 word = percentBits[w]; word; word &= word - 1) {
            const qsizetype p = qsizetype(w) * 64 + std::countr_zero(word);
            if (p + 2 < size && hexValues[uchar(text[p + 1])] >= 0 && hexValues[uchar(text[p + 2])] >= 0)
                out.push_back(p);
        }
    }
}

void SecretDecoding::appendPercentDecoded(QByteArrayView text, QByteArray &out,
                                          std::vector<qsizetype> &escapes)
{
    // Copies the stretches between escapes whole: most of a region is not escapes.
    const char *at = text.data();
    const char *const end = at + text.size();
    while (at < end) {
        const auto *percent = static_cast<const char *>(std::memchr(at, '%', size_t(end - at)));
        if (!percent) {
            out.append(at, end - at);
            break;
        }
        out.append(at, percent - at);
        if (end - percent >= 3 && hexValues[uchar(percent[1])] >= 0 && hexValues[uchar(percent[2])] >= 0) {
            escapes.push_back(out.size());
            out.append(char(hexValues[uchar(percent[1])] << 4 | hexValues[uchar(percent[2])]));
            at = percent + 3;
        } else {
            out.append('%');
            at = percent + 1;
        }
    }
}

} // namespace Paddock::Proxy
