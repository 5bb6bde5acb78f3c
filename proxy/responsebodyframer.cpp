#include "proxy/responsebodyframer.h"

namespace Paddock::Proxy {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

ResponseBodyFramer::ResponseBodyFramer(const HttpResponseHead &head)
{
    switch (head.framing()) {
    case HttpResponseHead::Framing::NoBody:
        m_state = State::Done;
        break;
    case HttpResponseHead::Framing::ContentLength:
        m_remaining = head.contentLength();
        m_state = m_remaining > 0 ? State::Length : State::Done;
        break;
    case HttpResponseHead::Framing::Chunked:
        m_state = State::ChunkLine;
        break;
    case HttpResponseHead::Framing::UntilClose:
        m_state = State::UntilClose;
        break;
    }
}

qsizetype ResponseBodyFramer::consume(QByteArrayView data)
{
    qsizetype used = 0;
    while (used < data.size()) {
        switch (m_state) {
        case State::Done:
        case State::Error:
            return used;
        case State::UntilClose:
            return data.size();
        case State::Length:
        case State::ChunkData: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, data.size() - used));
            used += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = m_state == State::Length ? State::Done : State::ChunkDataCr;
            break;
        }
        case State::ChunkDataCr:
            m_state = data[used++] == '\r' ? State::ChunkDataLf : State::Error;
            break;
        case State::ChunkDataLf:
            m_state = data[used++] == '\n' ? State::ChunkLine : State::Error;
            break;
        case State::ChunkLine:
        case State::Trailer: {
            const char c = data[used++];
            m_line.append(c);
            if (m_state == State::Trailer && ++m_trailerBytes > maxTrailerBytes) {
                m_state = State::Error;
                break;
            }
            if (m_line.size() > maxChunkLineBytes && m_state == State::ChunkLine) {
                m_state = State::Error;
                break;
            }
            if (c != '\n')
                break;
            // SECURITY: only CRLF ends a line; a bare LF is where parsers disagree about framing.
            if (m_line.size() < 2 || m_line[m_line.size() - 2] != '\r') {
                m_state = State::Error;
                break;
            }
            m_line.chop(2);
            if (!(m_state == State::ChunkLine ? finishChunkLine() : finishTrailerLine()))
                m_state = State::Error;
            m_line.clear();
            break;
        }
        }
    }
    return used;
}

bool ResponseBodyFramer::finishChunkLine()
{
    // chunk-size [ chunk-ext ]: hex digits, then nothing or extensions starting with ';' (after optional
    // BWS).
    qsizetype i = 0;
    qint64 size = 0;
    for (; i < m_line.size(); ++i) {
        const int digit = hexValue(m_line[i]);
        if (digit < 0)
            break;
        if (size > (qint64(1) << 55))
            return false; // absurd size: refuse rather than overflow
        size = size * 16 + digit;
    }
    if (i == 0)
        return false;
    while (i < m_line.size() && (m_line[i] == ' ' || m_line[i] == '\t'))
        ++i;
    if (i < m_line.size() && m_line[i] != ';')
        return false;
    if (m_line.contains('\r'))
        return false;
    if (size == 0) {
        m_state = State::Trailer;
    } else {
        m_remaining = size;
        m_state = State::ChunkData;
    }
    return true;
}

bool ResponseBodyFramer::finishTrailerLine()
{
    if (m_line.isEmpty()) {
        m_state = State::Done;
        return true;
    }
    // A trailer field: a name, a colon, no continuation lines.
    const qsizetype colon = m_line.indexOf(':');
    return colon > 0 && !m_line.contains('\r') && m_line.front() != ' ' && m_line.front() != '\t';
}

} // namespace Paddock::Proxy
