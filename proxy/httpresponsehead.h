#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

namespace Paddock::Proxy {

// Reads an upstream response head (RFC 9112 §4) to learn its framing, and rewrites its hop-by-hop headers for
// the client. Pure; bounded by maxHeadBytes.
class HttpResponseHead
{
public:
    enum class Framing {
        ContentLength, // the client can tell where it ends
        Chunked,
        NoBody,     // HEAD, 1xx, 204, 304
        UntilClose, // ends when the upstream closes: the client connection must close too
    };
    static constexpr qsizetype maxHeadBytes = 64 * 1024;

    // nullopt: need more bytes. Otherwise the parsed head, or an invalid one (isValid() false).
    static std::optional<HttpResponseHead> parse(QByteArrayView bytes, bool requestWasHead);

    bool isValid() const { return m_valid; }
    int status() const { return m_status; }
    Framing framing() const { return m_framing; }
    qsizetype headSize() const { return m_headSize; } // bytes of the head in the input, CRLFCRLF included
    qint64 contentLength() const { return m_contentLength; } // with Framing::ContentLength
    // Whether the upstream lets its connection carry another request (HTTP/1.1 without Connection: close).
    bool upstreamKeepsAlive() const { return m_upstreamKeepsAlive; }
    // The head for the client: hop-by-hop headers dropped, our own Connection header added.
    QByteArray rewrite(bool keepAlive) const;

private:
    bool m_valid = false;
    int m_status = 0;
    Framing m_framing = Framing::UntilClose;
    qsizetype m_headSize = 0;
    qint64 m_contentLength = 0;
    bool m_upstreamKeepsAlive = false;
    QByteArray m_statusLine;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

} // namespace Paddock::Proxy
