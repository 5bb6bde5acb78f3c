#pragma once

#include "proxy/secretscanner.h"

#include <QByteArray>
#include <QList>

#include <vector>

namespace Paddock::Proxy {

// Exact matching of the secrets Paddock knows, in the encodings a request may carry them in. Every encoded
// form is a "needle"; needles are found by sampling: with every needle at least m bytes long, looking at the
// 4 bytes at every (m-3)th position of the text is enough to see each occurrence once, so the cost per byte
// falls as the needles get longer.
class SecretKnownValues
{
public:
    using Encoding = SecretHit::Encoding;
    struct Needle
    {
        QByteArray bytes;
        Encoding encoding;
    };
    struct Match
    {
        qsizetype start;
        qsizetype length;
        int value; // in the order add() saw them
        Encoding encoding;
    };

    // The value raw; its base64 at the three alignments in both alphabets (the characters that depend on the
    // value alone, so padding and neighbours do not matter); hex in both cases; percent-encoded.
    static QList<Needle> needlesFor(QByteArrayView value);

    // Precondition: SecretScanner::minKnownSecretLength <= value.size() <= maxKnownSecretLength.
    void add(QByteArrayView value);
    int count() const { return m_count; }
    qsizetype longestValue() const { return m_longestValue; }

    void find(QByteArrayView text, std::vector<Match> &out) const;

private:
    struct Stored
    {
        QByteArray bytes;
        int value;
        Encoding encoding;
    };
    struct Entry
    {
        quint32 gram;
        quint32 needle;
        quint32 offset;
    };
    void rebuild();

    std::vector<Stored> m_needles;
    std::vector<Entry> m_entries; // sorted by gram
    std::vector<quint64> m_filter;
    int m_filterShift = 32;
    qsizetype m_step = 1;
    qsizetype m_shortestNeedle = 0;
    qsizetype m_longestValue = 0;
    int m_count = 0;
};

} // namespace Paddock::Proxy
