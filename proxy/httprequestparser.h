#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace Paddock::Proxy {

// Bounds on what one client may make the parser hold (security.md item 4).
struct HttpLimits
{
    qsizetype maxRequestLine = 8 * 1024;
    qsizetype maxHeaderBytes = 64 * 1024;
    int maxHeaderCount = 100;
    qsizetype maxChunkLine = 1024;
    qint64 maxBodyBytes = -1; // -1: unbounded (bodies are streamed, never held)
};

struct HttpHeader
{
    QByteArray name;
    QByteArray value;
};

// A parsed request head. For absolute-form the authority comes from the target; for CONNECT it is the target.
struct HttpRequestHead
{
    QByteArray method;
    QByteArray target;       // as sent
    QByteArray authority;    // raw host[:port]; canonicalised by the caller
    QByteArray pathAndQuery; // origin-form for the upstream; empty for CONNECT
    int versionMinor = 1;    // HTTP/1.x
    QList<HttpHeader> headers;
    bool isConnect = false;
    bool chunked = false;
    std::optional<qint64> contentLength;
    bool keepAlive = true;

    QByteArray header(QByteArrayView name) const; // first value, case-insensitive name
    // The head as sent upstream: origin-form, hop-by-hop headers removed (RFC 9110 §7.6.1), Host first,
    // `Connection: close` unless the upstream connection is to be kept for the next request, and the body
    // framing the parser re-creates (Content-Length or chunked). Every header named in overrides is replaced
    // by the override (an injected credential): the client's own value never goes out.
    QByteArray serializeForUpstream(bool keepUpstreamAlive = false,
                                    const QList<HttpHeader> &overrides = {}) const;
};

// An incremental, strict RFC 9112 request parser without I/O: feed bytes, then pull events until NeedMore.
// The body is delivered in pieces as it arrives (de-chunked), so memory stays bounded whatever its size.
class HttpRequestParser
{
public:
    enum class Event { NeedMore, Head, BodyData, MessageComplete, Error };
    enum class ErrorCode {
        None,
        BadRequestLine,
        UnsupportedTarget, // a target the form does not take: origin-form at a proxy, CONNECT inside TLS
        UnsupportedVersion,
        RequestLineTooLong,
        HeadersTooLarge,
        TooManyHeaders,
        BadHeader,
        ObsoleteLineFolding,
        BareLineFeed,
        BadContentLength,
        ConflictingFraming, // Transfer-Encoding together with Content-Length
        UnsupportedTransferEncoding,
        BadHost, // missing, duplicate or differing from the target
        BadChunk,
        BodyTooLarge,
    };

    // Proxy: absolute-form http:// and CONNECT, as a sandbox sends them to its proxy. Origin: what a client
    // sends inside an intercepted TLS connection: origin-form ("/path") or absolute-form https://, the
    // authority from Host (default port 443), no CONNECT.
    enum class TargetForm { Proxy, Origin };

    explicit HttpRequestParser(HttpLimits limits = {}, TargetForm form = TargetForm::Proxy);

    void feed(QByteArrayView bytes);
    Event next();

    const HttpRequestHead &head() const { return m_head; }
    QByteArray takeBodyData() { return std::exchange(m_body, {}); }
    ErrorCode error() const { return m_error; }
    int errorStatus() const; // the HTTP status to answer with: 400, 413, 414, 431, 501, 505
    QByteArray errorReason() const;
    // Bytes received but not yet consumed (for a CONNECT, what the client sent after the head).
    QByteArray takeUnparsed();
    // Unconsumed bytes held; the caller stops reading from the socket when this grows.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }

private:
    enum class State {
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done,
        Tunnel,
        Failed
    };

    Event fail(ErrorCode code);
    std::optional<QByteArrayView> takeLine(qsizetype limit, ErrorCode tooLong, bool &failed);
    Event parseRequestLine(QByteArrayView line);
    Event parseOriginTarget(QByteArrayView method, QByteArrayView target);
    Event takeAbsoluteTarget(QByteArrayView afterScheme); // "host[:port]/path?query" after "scheme://"
    Event parseHeader(QByteArrayView line);
    Event finishHead();
    void compact();

    HttpLimits m_limits;
    TargetForm m_form;
    State m_state = State::RequestLine;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    HttpRequestHead m_head;
    QByteArray m_body;
    ErrorCode m_error = ErrorCode::None;
    qsizetype m_headerBytes = 0;
    qint64 m_remaining = 0; // of the body or the current chunk
    qint64 m_bodyBytes = 0;
};

} // namespace Paddock::Proxy
