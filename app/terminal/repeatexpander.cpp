#include "app/terminal/repeatexpander.h"

#include <algorithm>
#include <cstring>

namespace Paddock::App {

namespace {

// What a dropped sequence becomes: CAN, which returns libvterm's parser to text from wherever it was (an
// earlier sequence passed unfinished, say), so that nothing after it is read as part of a sequence.
const QByteArray cancel("\x18");
constexpr qsizetype maxOscDigits = 6;
constexpr qsizetype maxCsiArguments = 16;  // libvterm's CSI_ARGS_MAX
constexpr qsizetype maxPendingBytes = 256; // longer CSI sequences are dropped whole

bool isControl(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

// Numbers of ten digits or more overflow libvterm's parser (signed overflow, undefined in C; found by
// fuzzing): no sensible parameter is that large, so digits after the ninth are dropped.
QByteArray withBoundedNumbers(const QByteArray &sequence)
{
    QByteArray result;
    qsizetype run = 0;
    for (const char c : sequence) {
        if (c >= '0' && c <= '9') {
            if (++run < 10) // the first nine digits, at most 999999999
                result += c;
            continue;
        }
        if (!isControl(static_cast<unsigned char>(c))) // controls inside do not end a number for libvterm
            run = 0;
        result += c;
    }
    return result;
}

// libvterm 0.3.3 stores CSI parameters in a 16-slot array without checking the count: a sequence with more
// separators writes past it into the parser's own state, function pointers included (found by fuzzing).
// No real sequence has that many, so such a sequence is dropped whole.
QByteArray safeCsi(const QByteArray &sequence)
{
    if (sequence.count(';') + sequence.count(':') >= maxCsiArguments - 1)
        return cancel;
    return withBoundedNumbers(sequence);
}

} // namespace

void RepeatExpander::noteText(QByteArrayView text)
{
    // The last printable character: skip trailing controls, then back up to its UTF-8 lead byte.
    qsizetype end = text.size();
    while (end > 0 && isControl(static_cast<unsigned char>(text[end - 1])))
        --end;
    if (end == 0)
        return;
    qsizetype start = end - 1;
    while (start > 0 && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xc0) == 0x80)
        --start;
    m_lastGraphic = text.sliced(start, end - start).toByteArray();
}

QByteArray RepeatExpander::expand(const QByteArray &sequence, int limit) const
{
    // ESC [ params b: C0 controls inside are executed as they come; the first parameter is the count.
    QByteArray controls;
    QByteArray digits;
    bool firstParameter = true;
    const qsizetype introducer = sequence.indexOf('['); // ESC, maybe controls and ignored bytes, then [
    for (qsizetype at = 1; at < introducer; ++at) {
        if (static_cast<unsigned char>(sequence[at]) < 0x20)
            controls += sequence[at];
    }
    for (qsizetype at = introducer + 1; at < sequence.size() - 1; ++at) {
        const char c = sequence[at];
        if (static_cast<unsigned char>(c) < 0x20)
            controls += c;
        else if (c >= '0' && c <= '9')
            digits += firstParameter ? QByteArray(1, c) : QByteArray();
        else if (c == ';' || c == ':')
            firstParameter = false;
        else
            return controls.append(cancel); // a leader or an intermediate: not a REP libvterm should ever see
    }
    const long long count = digits.isEmpty() || digits.size() > 9 ? (digits.isEmpty() ? 1 : limit)
                                                                  : std::max(digits.toLongLong(), 1LL);
    QByteArray result = controls;
    if (m_lastGraphic.isEmpty())
        return result.append(cancel); // nothing to repeat
    for (long long i = 0; i < std::min<long long>(count, limit); ++i)
        result += m_lastGraphic;
    return result;
}

QByteArray RepeatExpander::filter(QByteArrayView bytes, int limit)
{
    QByteArray result;
    result.reserve(bytes.size());
    // Repetition makes a write at most 64 times larger, beyond a screenful: 4 KiB of REP would otherwise be
    // megabytes of text for the GUI thread to lay out (found by fuzzing). Real output is nowhere near that.
    qsizetype repeatBudget = 4 * qsizetype(limit) + 64 * bytes.size(); // in bytes
    qsizetype passFrom = 0;                                            // bytes[passFrom..] not yet copied
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (m_state == State::Ground) {
            // Most output is text: jump to the next ESC.
            const void *escape = std::memchr(bytes.data() + i, '\x1b', std::size_t(bytes.size() - i));
            if (!escape)
                break;
            i = static_cast<const char *>(escape) - bytes.data();
            noteText(bytes.sliced(passFrom, i - passFrom));
            result += bytes.sliced(passFrom, i - passFrom);
            passFrom = i + 1;
            m_pending = "\x1b";
            m_escapeIntermediates = false;
            m_state = State::Escape;
            continue;
        }
        const char c = bytes[i];
        passFrom = i + 1;
        if (m_state == State::Escape) {
            // As libvterm's parser reads an escape: C0 controls are executed and bytes from 0x7f up ignored,
            // both without ending it; intermediates collect; a final byte ends it. (Emulated so that
            // ESC <ignored> [ is seen as the CSI it is to libvterm; found by fuzzing.)
            const auto u = static_cast<unsigned char>(c);
            if (c == '\x1b') {
                // A second ESC restarts the escape; the first one is dropped (its controls still run).
                // Passed on, it could end a write with libvterm inside an escape within a string, where
                // libvterm 0.3.3 reads out of bounds (found by fuzzing).
                for (const char pendingByte : QByteArrayView(m_pending).sliced(1)) {
                    if (static_cast<unsigned char>(pendingByte) < 0x20)
                        result += pendingByte;
                }
                m_pending = "\x1b";
                m_escapeIntermediates = false;
            } else if (c == '\x18' || c == '\x1a') { // CAN, SUB: cancelled
                result += m_pending;
                result += c;
                m_pending.clear();
                m_state = State::Ground;
            } else if ((u < 0x20 || u >= 0x7f) && m_pending.size() < maxPendingBytes) {
                m_pending += c;
            } else if (u >= 0x20 && u < 0x30) {
                m_pending += c;
                m_escapeIntermediates = true;
            } else if (c == '[' && !m_escapeIntermediates) {
                m_pending += c;
                m_state = State::Csi;
            } else if (c == ']' && !m_escapeIntermediates) {
                m_pending += c;
                m_oscDigits = 0;
                m_state = State::OscCommand;
            } else {
                result += m_pending;
                result += c;
                m_pending.clear();
                m_state = State::Ground;
            }
            continue;
        }
        if (m_state == State::OscCommand) {
            // OSC numbers overflow libvterm's int (found by fuzzing); none has more than a few digits.
            if (c >= '0' && c <= '9') {
                if (++m_oscDigits <= maxOscDigits)
                    m_pending += c;
                continue;
            }
            if (isControl(static_cast<unsigned char>(c)) && c != '\x1b' && c != '\x18' && c != '\x1a' &&
                m_pending.size() < maxPendingBytes) {
                m_pending += c; // executed, and the number goes on after it
                continue;
            }
            result += m_pending;
            m_pending.clear();
            m_state = State::Ground;
            passFrom = i; // this byte and the string after it pass as text
            --i;
            continue;
        }
        if (c == '\x1b') { // abandons the sequence and starts another
            result += safeCsi(m_pending);
            m_pending = "\x1b";
            m_escapeIntermediates = false;
            m_state = State::Escape;
            continue;
        }
        m_pending += c;
        if (c >= 0x40 && c <= 0x7e) {
            if (m_oversized) {
                result += cancel;
            } else {
                const QByteArray safe = safeCsi(m_pending);
                if (c == 'b' && safe != cancel) {
                    const qsizetype affordable = repeatBudget / std::max<qsizetype>(m_lastGraphic.size(), 1);
                    const QByteArray expanded = expand(safe, int(std::min<qsizetype>(limit, affordable)));
                    repeatBudget -= expanded.size();
                    result += expanded;
                } else {
                    result += safe;
                }
            }
            m_pending.clear();
            m_oversized = false;
            m_state = State::Ground;
        } else if (m_pending.size() > maxPendingBytes) {
            m_oversized = true; // no real sequence is that long: it is dropped when it ends
            m_pending.truncate(2);
        }
    }
    if (m_state == State::Ground) {
        noteText(bytes.sliced(passFrom));
        result += bytes.sliced(passFrom);
    }
    return boundSeparatorRuns(result);
}

QByteArray RepeatExpander::boundSeparatorRuns(const QByteArray &bytes)
{
    // Whatever libvterm's parser makes of the bytes, it never sees 15 parameter separators without a byte
    // that ends a CSI between them: CAN is put before the 15th (libvterm writes parameters past its
    // 16-slot array otherwise; the sequence tracking above cannot mirror its parser exactly). One pass, as
    // a megabyte of ';' is ordinary output.
    QByteArray result;
    qsizetype copiedTo = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == ';' || c == ':') {
            if (++m_separatorRun >= maxCsiArguments - 1) {
                result.reserve(bytes.size() + bytes.size() / (maxCsiArguments - 1) + 1);
                result.append(bytes.constData() + copiedTo, i - copiedTo).append(cancel);
                copiedTo = i;
                m_separatorRun = 1; // this separator starts the next run
            }
        } else if ((c >= 0x40 && c <= 0x7e) || c >= 0x80 || c == 0x18 || c == 0x1a || c == 0x1b) {
            m_separatorRun = 0;
        }
    }
    if (result.isEmpty()) // no CAN was needed
        return bytes;
    return result.append(bytes.constData() + copiedTo, bytes.size() - copiedTo);
}

} // namespace Paddock::App
