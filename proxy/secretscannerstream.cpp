// SecretScanner::Stream: a body in chunks, with an overlap between them, and the one level of decoding.
#include "proxy/secretscanner.h"

#include "proxy/secretdecoding.h"
#include "proxy/secretscanner_p.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace Paddock::Proxy {

using namespace Scanning;

namespace {

constexpr qsizetype minBase64Run = 24;
constexpr qsizetype minHexRun = 32;

// Where a stretch of decoded bytes came from, to place a match in the original bytes.
struct Segment
{
    qsizetype decodedStart;
    qsizetype rawStart;
    Encoding encoding;
    // Percent-decoded only: the raw bytes it covers, and where its escapes start in the decoded and the raw
    // lists of them.
    qsizetype rawEnd = 0;
    size_t firstEscape = 0;
    size_t firstRawEscape = 0;
};

// Roughly where decoded byte `decoded` came from: within its group (base64) or its escape (percent).
qsizetype rawOffset(const Segment &segment, qsizetype decoded, const std::vector<qsizetype> &escapes = {},
                    size_t escapesEnd = 0)
{
    const qsizetype d = decoded - segment.decodedStart;
    switch (segment.encoding) {
    case Encoding::Hex:
        return segment.rawStart + 2 * d;
    case Encoding::Percent: {
        const auto first = escapes.begin() + qsizetype(segment.firstEscape);
        const auto before = std::lower_bound(first, escapes.begin() + qsizetype(escapesEnd), decoded) - first;
        return segment.rawStart + d + 2 * before;
    }
    default:
        return segment.rawStart + d / 3 * 4 + d % 3;
    }
}

// The segment after the one that holds decoded byte `decoded` (or end).
std::vector<Segment>::const_iterator segmentAfter(const std::vector<Segment> &segments, qsizetype decoded)
{
    return std::upper_bound(segments.begin(), segments.end(), decoded,
                            [](qsizetype offset, const Segment &s) { return offset < s.decodedStart; });
}

} // namespace

struct SecretScanner::Stream::State
{
    struct Reported
    {
        int key;
        qint64 start;
        qint64 end;
    };

    const Private *d = nullptr;
    QString location;
    std::vector<char> buffer; // the overlap kept from earlier chunks, then the new chunk
    qint64 bufferStart = 0;   // offset of buffer[0] in the body
    qint64 scanned = 0;
    qint64 runStart = -1; // where the base64/hex run reaching the end of the buffer began, or -1
    std::vector<Reported> reported;
    int hitCount = 0;

    Scratch scratch;
    std::vector<Found> found;
    SecretKeywordFilter::Marks marks;
    std::vector<SecretDecoding::Run> runs;
    std::vector<qsizetype> escapes;                              // offsets of %XX in the buffer
    std::vector<qsizetype> decodedEscapes;                       // where each decoded escape landed
    std::vector<SecretKeywordFilter::Occurrence> rawOccurrences; // the raw pass's keywords
    std::vector<SecretKeywordFilter::Occurrence> nearEscapes;
    std::vector<Segment> segments;
    QByteArray decoded;

    QByteArrayView bytes() const { return QByteArrayView(buffer.data(), qsizetype(buffer.size())); }
    void report(int key, qint64 start, qint64 end, Encoding encoding, qint64 newFrom, QList<SecretHit> &hits);
    Core::Result<> scanRuns(qsizetype newFrom, QList<SecretHit> &hits);
    Core::Result<> scanPercentDecoded(qsizetype newFrom, QList<SecretHit> &hits);
    void rememberTrailingRun();
};

void SecretScanner::Stream::State::report(int key, qint64 start, qint64 end, Encoding encoding,
                                          qint64 newFrom, QList<SecretHit> &hits)
{
    // Ended in bytes an earlier chunk already had: it was reported then. Past the cap nothing more is
    // reported, and nothing is remembered, so a body full of tokens costs no more than one without.
    if (end <= newFrom || hitCount >= maxHitsPerStream)
        return;
    // The same secret seen again: a longer match of it now that more bytes came, or in a decoded form.
    const bool seen = std::any_of(reported.begin(), reported.end(), [&](const Reported &r) {
        return r.key == key && r.start < end && start < r.end;
    });
    if (seen)
        return;
    reported.push_back({key, start, end});
    ++hitCount;
    hits.append(d->hit(key, encoding, location, start, end - start));
}

Core::Result<> SecretScanner::Stream::State::scanRuns(qsizetype newFrom, QList<SecretHit> &hits)
{
    runs.clear();
    const qsizetype size = qsizetype(buffer.size());
    const qint64 leadIn = runStart >= 0 && runStart < bufferStart ? bufferStart - runStart : 0;
    SecretDecoding::findRuns(marks.alphabet, size, leadIn, minBase64Run, runs);
    rememberTrailingRun();
    decoded.resize(0); // keeps the capacity, unlike clear()
    segments.clear();
    for (const SecretDecoding::Run &run : runs) {
        if (run.end < newFrom)
            continue; // complete in an earlier chunk, and decoded then
        const qsizetype from = std::max<qsizetype>(0, run.start);
        const QByteArrayView present = bytes().sliced(from, run.end - from);
        const bool hex = run.end - run.start >= minHexRun && SecretDecoding::isHex(present);
        // Decode from a group boundary counted from where the run began, even if that was chunks ago.
        const qsizetype unit = hex ? 2 : 4;
        const qsizetype aligned = from + (unit - (from - run.start) % unit) % unit;
        if (run.end - aligned < 2)
            continue;
        if (!decoded.isEmpty())
            decoded.append('\n'); // so no match spans two runs
        segments.push_back({decoded.size(), aligned, hex ? Encoding::Hex : Encoding::Base64});
        const QByteArrayView text = bytes().sliced(aligned, run.end - aligned);
        if (hex)
            SecretDecoding::appendHexDecoded(text, decoded);
        else
            SecretDecoding::appendBase64Decoded(text, decoded);
    }
    if (decoded.isEmpty())
        return {};
    found.clear();
    if (auto scanned = d->scanText(decoded, Encoding::Base64, scratch, found, nullptr); !scanned)
        return scanned;
    for (const Found &f : found) {
        const Segment &segment = *std::prev(segmentAfter(segments, f.start));
        const qsizetype start = rawOffset(segment, f.start);
        const qsizetype end = rawOffset(segment, f.end - 1) + 2;
        report(f.key, bufferStart + start, bufferStart + std::min(end, size), segment.encoding,
               bufferStart + newFrom, hits);
    }
    return {};
}

// Where the run of alphabet bytes at the end of the buffer began, for the next chunk's alignment.
void SecretScanner::Stream::State::rememberTrailingRun()
{
    const qsizetype size = qsizetype(buffer.size());
    const qint64 previous = runStart;
    runStart = -1;
    qsizetype start = size;
    for (qsizetype w = (size - 1) / 64; w >= 0 && start > 0; --w) {
        const int valid = int(std::min<qsizetype>(64, size - w * 64));
        const quint64 word = marks.alphabet[size_t(w)] << (64 - valid); // the valid bits at the top
        const int ones = std::countl_one(word);
        start = w * 64 + valid - std::min(ones, valid);
        if (ones < valid)
            break;
    }
    if (start == size)
        return;
    runStart = bufferStart + start;
    if (start == 0 && previous >= 0 && previous < bufferStart)
        runStart = previous; // the run goes on from an earlier chunk
}

Core::Result<> SecretScanner::Stream::State::scanPercentDecoded(qsizetype newFrom, QList<SecretHit> &hits)
{
    escapes.clear();
    SecretDecoding::findPercentEscapes(bytes(), marks.percent, escapes);
    if (escapes.empty())
        return {};
    // Only a match that holds a decoded escape is new, so only text near escapes is decoded.
    const qsizetype reach = d->overlap();
    const qsizetype size = qsizetype(buffer.size());
    decoded.resize(0); // keeps the capacity, unlike clear()
    segments.clear();
    decodedEscapes.clear();
    for (size_t i = 0; i < escapes.size();) {
        const size_t first = i;
        const qsizetype start = std::max<qsizetype>(0, escapes[i] - reach);
        qsizetype end = std::min<qsizetype>(size, escapes[i] + 3 + reach);
        for (++i; i < escapes.size() && escapes[i] - reach <= end; ++i)
            end = std::min<qsizetype>(size, escapes[i] + 3 + reach);
        if (end <= newFrom)
            continue;
        if (!decoded.isEmpty())
            decoded.append('\n');
        segments.push_back({decoded.size(), start, Encoding::Percent, end, decodedEscapes.size(), first});
        SecretDecoding::appendPercentDecoded(bytes().sliced(start, end - start), decoded, decodedEscapes);
    }
    if (decoded.isEmpty())
        return {};

    // The keywords in the decoded text, without running the filter over all of it again: those the raw pass
    // found, moved to where they are now, and those an escape turned into (which hold a decoded escape).
    scratch.occurrences.clear();
    for (const auto &occurrence : rawOccurrences) {
        auto segment = std::upper_bound(segments.begin(), segments.end(), occurrence.position,
                                        [](qsizetype at, const Segment &s) { return at < s.rawStart; });
        if (segment == segments.begin() || occurrence.position >= std::prev(segment)->rawEnd)
            continue;
        --segment;
        const auto firstEscape = escapes.begin() + qsizetype(segment->firstRawEscape);
        const auto lastEscape =
            escapes.begin() + qsizetype(segment->firstRawEscape) +
            qsizetype((segment + 1 == segments.end() ? decodedEscapes.size() : (segment + 1)->firstEscape) -
                      segment->firstEscape);
        const qsizetype before = std::lower_bound(firstEscape, lastEscape, occurrence.position) - firstEscape;
        scratch.occurrences.push_back(
            {segment->decodedStart + occurrence.position - segment->rawStart - 2 * before,
             occurrence.keyword});
    }
    nearEscapes.clear();
    for (qsizetype escape : decodedEscapes)
        d->filter.findCovering(decoded, escape, nearEscapes);
    // An occurrence holding two escapes was found twice.
    std::sort(nearEscapes.begin(), nearEscapes.end(), [](const auto &a, const auto &b) {
        return std::tie(a.position, a.keyword) < std::tie(b.position, b.keyword);
    });
    nearEscapes.erase(std::unique(nearEscapes.begin(), nearEscapes.end(),
                                  [](const auto &a, const auto &b) {
                                      return a.position == b.position && a.keyword == b.keyword;
                                  }),
                      nearEscapes.end());
    scratch.occurrences.insert(scratch.occurrences.end(), nearEscapes.begin(), nearEscapes.end());
    found.clear();
    if (auto matched = d->matchAroundKeywords(decoded, Encoding::Percent, scratch, found); !matched)
        return matched;
    d->matchKnown(decoded, Encoding::Percent, scratch, found);
    for (const Found &f : found) {
        const auto next = segmentAfter(segments, f.start);
        const size_t escapesEnd = next == segments.end() ? decodedEscapes.size() : next->firstEscape;
        const Segment &segment = *std::prev(next);
        report(f.key, bufferStart + rawOffset(segment, f.start, decodedEscapes, escapesEnd),
               bufferStart + rawOffset(segment, f.end - 1, decodedEscapes, escapesEnd) + 1, Encoding::Percent,
               bufferStart + newFrom, hits);
    }
    return {};
}

SecretScanner::Stream::Stream(std::unique_ptr<State> state)
    : m_state(std::move(state))
{}

SecretScanner::Stream::Stream(Stream &&other) noexcept = default;
SecretScanner::Stream &SecretScanner::Stream::operator=(Stream &&other) noexcept = default;
SecretScanner::Stream::~Stream() = default;

Core::Result<QList<SecretHit>> SecretScanner::Stream::feed(QByteArrayView chunk)
{
    State &s = *m_state;
    QList<SecretHit> hits;
    if (chunk.isEmpty())
        return hits;
    // Keep the last `overlap` bytes: a match that straddles the boundary lies whole in the new buffer.
    const qsizetype keep = std::min<qsizetype>(qsizetype(s.buffer.size()), s.d->overlap());
    const qsizetype dropped = qsizetype(s.buffer.size()) - keep;
    if (dropped > 0) {
        std::memmove(s.buffer.data(), s.buffer.data() + dropped, size_t(keep));
        s.buffer.resize(size_t(keep));
        s.bufferStart += dropped;
    }
    s.buffer.insert(s.buffer.end(), chunk.begin(), chunk.end());
    s.scanned += chunk.size();
    std::erase_if(s.reported, [&s](const State::Reported &r) { return r.end <= s.bufferStart; });

    const qsizetype newFrom = keep;
    const bool decode = s.d->options.decode;
    s.found.clear();
    if (auto scanned =
            s.d->scanText(s.bytes(), Encoding::Raw, s.scratch, s.found, decode ? &s.marks : nullptr);
        !scanned) {
        return std::unexpected(scanned.error());
    }
    for (const Found &f : s.found)
        s.report(f.key, s.bufferStart + f.start, s.bufferStart + f.end, f.encoding, s.bufferStart + newFrom,
                 hits);
    if (decode) {
        std::swap(s.rawOccurrences, s.scratch.occurrences);
        if (auto decoded = s.scanPercentDecoded(newFrom, hits); !decoded)
            return std::unexpected(decoded.error());
        if (auto decoded = s.scanRuns(newFrom, hits); !decoded)
            return std::unexpected(decoded.error());
    }
    return hits;
}

qint64 SecretScanner::Stream::bytesScanned() const
{
    return m_state->scanned;
}

SecretScanner::Stream SecretScanner::stream(const QString &location) const
{
    auto state = std::make_unique<Stream::State>();
    state->d = d.get();
    state->location = location;
    return Stream(std::move(state));
}

} // namespace Paddock::Proxy
