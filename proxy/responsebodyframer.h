#pragma once

#include "proxy/httpresponsehead.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Paddock::Proxy {

// Finds where an upstream response body ends (RFC 9112 §6) so that nothing past it reaches the client and the
// upstream connection can carry the next request. Pure: bytes in, how many of them belong to this response
// out. Chunked bodies are followed, not decoded: the client gets the bytes exactly as sent.
class ResponseBodyFramer
{
public:
    static constexpr qsizetype maxChunkLineBytes = 4096; // chunk size plus extensions
    static constexpr qsizetype maxTrailerBytes = 64 * 1024;

    explicit ResponseBodyFramer(const HttpResponseHead &head);

    // Consumes the body's bytes from the front of data and returns how many belong to this response; the rest
    // (if any) came after its end. Returns what was consumed before an error when the framing is broken.
    qsizetype consume(QByteArrayView data);

    bool isComplete() const { return m_state == State::Done; }
    bool hasError() const { return m_state == State::Error; }
    // The body ends only when the upstream closes (no length, not chunked).
    bool endsAtClose() const { return m_state == State::UntilClose; }

private:
    enum class State {
        Length,     // m_remaining bytes of a Content-Length body
        UntilClose, // everything until the upstream closes
        ChunkLine,  // reading "hex-size[;ext]\r\n"
        ChunkData,  // m_remaining bytes of chunk data
        ChunkDataCr,
        ChunkDataLf,
        Trailer, // trailer lines up to the empty line
        Done,
        Error,
    };

    bool finishChunkLine();
    bool finishTrailerLine();

    State m_state = State::Done;
    qint64 m_remaining = 0;
    QByteArray m_line;
    qsizetype m_trailerBytes = 0;
};

} // namespace Paddock::Proxy
