#pragma once

#include <QByteArray>

#include <vector>

namespace Paddock::Proxy {

// The one level of decoding the secret scanner applies before it looks again (security.md item 7): runs of
// base64 or hex in the text, and percent-escapes. Pure functions; decoded output is never longer than the
// input it came from.
class SecretDecoding
{
public:
    struct Run
    {
        qsizetype start; // negative when the run began before this buffer
        qsizetype end;
    };

    // Appends the runs of at least `minLength` alphabet bytes, from the bits SecretKeywordFilter::find marks.
    // `leadIn` alphabet bytes came right before the buffer: a run at its start continues them.
    static void findRuns(const std::vector<quint64> &alphabetBits, qsizetype size, qsizetype leadIn,
                         qsizetype minLength, std::vector<Run> &out);

    static bool isHex(QByteArrayView text);
    // Whole 4-character groups, either alphabet; a last group of 2 or 3 characters gives 1 or 2 bytes.
    static void appendBase64Decoded(QByteArrayView text, QByteArray &out);
    static void appendHexDecoded(QByteArrayView text, QByteArray &out);

    // Offsets of the %XX escapes (two hex digits) in text, from the bits SecretKeywordFilter::find marks.
    static void findPercentEscapes(QByteArrayView text, const std::vector<quint64> &percentBits,
                                   std::vector<qsizetype> &out);
    // Decodes %XX escapes, appending to `out`; for each escape, appends its index in `out` to `escapes`, so a
    // match in the decoded bytes can be placed in the original ones.
    static void appendPercentDecoded(QByteArrayView text, QByteArray &out, std::vector<qsizetype> &escapes);
};

} // namespace Paddock::Proxy
