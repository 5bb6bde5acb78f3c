#include "proxy/httprequestparser.h"

#include <algorithm>

namespace Paddock::Proxy {

namespace {

// RFC 9110 §5.6.2: tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArrayView trimmedOws(QByteArrayView value)
{
    while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t'))
        value = value.sliced(1);
    while (!value.isEmpty() && (value.back() == ' ' || value.back() == '\t'))
        value.chop(1);
    return value;
}

bool isHopByHop(QByteArrayView name)
{
    for (const char *hop :
         {"connection", "proxy-connection", "keep-alive", "proxy-authorization", "proxy-authenticate", "te",
          "trailer", "transfer-encoding", "upgrade", "content-length", "host"}) {
        if (equalsIgnoreCase(name, hop))
            return true;
    }
    return false;
}

// The authority with the scheme's default port removed, lower-cased, so that `Host: a` equals `http://A:80/`.
QByteArray normalisedAuthority(QByteArrayView authority, QByteArrayView defaultPort)
{
    QByteArray result = authority.toByteArray().toLower();
    const QByteArray suffix = ':' + defaultPort.toByteArray();
    if (result.endsWith(suffix) && !result.endsWith("]")) // never strip inside an IPv6 literal
        result.chop(suffix.size());
    if (result.endsWith('.')) // one trailing dot names the same host
        result.chop(1);
    return result;
}

// The path and query as sent upstream: without the fragment, and "/" when empty.
QByteArray originForm(QByteArrayView path)
{
    if (path.contains('#'))
        path = path.first(path.indexOf('#'));
    return path.isEmpty()         ? QByteArray("/")
           : path.startsWith('?') ? '/' + path.toByteArray()
                                  : path.toByteArray();
}

} // namespace

QByteArray HttpRequestHead::header(QByteArrayView name) const
{
    for (const HttpHeader &h : headers) {
        if (equalsIgnoreCase(h.name, name))
            return h.value;
    }
    return {};
}

QByteArray HttpRequestHead::serializeForUpstream(bool keepUpstreamAlive,
                                                 const QList<HttpHeader> &overrides) const
{
    QByteArray out;
    out.reserve(512);
    out += method + ' ' + pathAndQuery + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    // RFC 9110 §7.6.1: headers named in Connection are hop-by-hop too.
    QList<QByteArray> connectionTokens;
    for (const HttpHeader &h : headers) {
        if (equalsIgnoreCase(h.name, "connection")) {
            for (const QByteArray &token : h.value.split(','))
                connectionTokens.append(trimmedOws(token).toByteArray().toLower());
        }
    }
    for (const HttpHeader &h : headers) {
        if (isHopByHop(h.name) || connectionTokens.contains(h.name.toLower()))
            continue;
        const bool overridden = std::any_of(overrides.begin(), overrides.end(), [&h](const HttpHeader &o) {
            return equalsIgnoreCase(o.name, h.name);
        });
        if (!overridden)
            out += h.name + ": " + h.value + "\r\n";
    }
    for (const HttpHeader &h : overrides)
        out += h.name + ": " + h.value + "\r\n";
    if (chunked)
        out += "Transfer-Encoding: chunked\r\n";
    else if (contentLength &&
             (*contentLength > 0 || method == "POST" || method == "PUT" || method == "PATCH"))
        out += "Content-Length: " + QByteArray::number(*contentLength) + "\r\n";
    out += keepUpstreamAlive ? "\r\n" : "Connection: close\r\n\r\n";
    return out;
}

HttpRequestParser::HttpRequestParser(HttpLimits limits, TargetForm form)
    : m_limits(limits)
    , m_form(form)
{}

void HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_state == State::Failed)
        return;
    compact();
    m_buffer.append(bytes);
}

void HttpRequestParser::compact()
{
    if (m_offset > 0 && (m_offset == m_buffer.size() || m_offset > 64 * 1024)) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
}

QByteArray HttpRequestParser::takeUnparsed()
{
    QByteArray rest = m_buffer.mid(m_offset);
    m_buffer.clear();
    m_offset = 0;
    return rest;
}

HttpRequestParser::Event HttpRequestParser::fail(ErrorCode code)
{
    m_error = code;
    m_state = State::Failed;
    m_buffer.clear();
    m_offset = 0;
    return Event::Error;
}

int HttpRequestParser::errorStatus() const
{
    switch (m_error) {
    case ErrorCode::RequestLineTooLong:
        return 414;
    case ErrorCode::HeadersTooLarge:
    case ErrorCode::TooManyHeaders:
        return 431;
    case ErrorCode::BodyTooLarge:
        return 413;
    case ErrorCode::UnsupportedTransferEncoding:
        return 501;
    case ErrorCode::UnsupportedVersion:
        return 505;
    default:
        return 400;
    }
}

QByteArray HttpRequestParser::errorReason() const
{
    switch (m_error) {
    case ErrorCode::None:
        return {};
    case ErrorCode::BadRequestLine:
        return "malformed request line";
    case ErrorCode::UnsupportedTarget:
        return "not a proxy request: use an absolute http:// URL or CONNECT host:port";
    case ErrorCode::UnsupportedVersion:
        return "only HTTP/1.0 and HTTP/1.1 are supported";
    case ErrorCode::RequestLineTooLong:
        return "request line too long";
    case ErrorCode::HeadersTooLarge:
        return "header section too large";
    case ErrorCode::TooManyHeaders:
        return "too many header fields";
    case ErrorCode::BadHeader:
        return "malformed header field";
    case ErrorCode::ObsoleteLineFolding:
        return "obsolete line folding is not accepted";
    case ErrorCode::BareLineFeed:
        return "line ends without CR";
    case ErrorCode::BadContentLength:
        return "invalid or repeated Content-Length";
    case ErrorCode::ConflictingFraming:
        return "Transfer-Encoding together with Content-Length";
    case ErrorCode::UnsupportedTransferEncoding:
        return "unsupported Transfer-Encoding";
    case ErrorCode::BadHost:
        return "missing, repeated or mismatching Host";
    case ErrorCode::BadChunk:
        return "malformed chunked body";
    case ErrorCode::BodyTooLarge:
        return "request body too large";
    }
    return {};
}

// Returns the next CRLF-terminated line without its CRLF, or nullopt when more bytes are needed.
std::optional<QByteArrayView> HttpRequestParser::takeLine(qsizetype limit, ErrorCode tooLong, bool &failed)
{
    const QByteArrayView pending = QByteArrayView(m_buffer).sliced(m_offset);
    const qsizetype lf = pending.indexOf('\n');
    if (lf < 0) {
        if (pending.size() > limit) {
            fail(tooLong);
            failed = true;
        }
        return std::nullopt;
    }
    // RFC 9112 §2.2: a bare LF could be read differently by the upstream, so it is refused (smuggling).
    if (lf == 0 || pending[lf - 1] != '\r') {
        fail(ErrorCode::BareLineFeed);
        failed = true;
        return std::nullopt;
    }
    if (lf - 1 > limit) {
        fail(tooLong);
        failed = true;
        return std::nullopt;
    }
    m_offset += lf + 1;
    return pending.first(lf - 1);
}

HttpRequestParser::Event HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    // RFC 9112 §3: method SP request-target SP HTTP-version, single spaces.
    const qsizetype first = line.indexOf(' ');
    const qsizetype last = line.lastIndexOf(' ');
    if (first <= 0 || last <= first)
        return fail(ErrorCode::BadRequestLine);
    const QByteArrayView method = line.first(first);
    const QByteArrayView target = line.sliced(first + 1, last - first - 1);
    const QByteArrayView version = line.sliced(last + 1);
    if (!isToken(method) || target.isEmpty() || target.contains(' '))
        return fail(ErrorCode::BadRequestLine);
    for (char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return fail(ErrorCode::BadRequestLine);
    }
    if (version == "HTTP/1.1")
        m_head.versionMinor = 1;
    else if (version == "HTTP/1.0")
        m_head.versionMinor = 0;
    else if (version.startsWith("HTTP/"))
        return fail(ErrorCode::UnsupportedVersion);
    else
        return fail(ErrorCode::BadRequestLine);

    m_head.method = method.toByteArray();
    m_head.target = target.toByteArray();
    if (m_form == TargetForm::Origin)
        return parseOriginTarget(method, target);
    if (method == "CONNECT") {
        // RFC 9112 §3.2.3: CONNECT uses authority-form; the port is required.
        if (target.contains('/') || target.contains('@') || !target.contains(':'))
            return fail(ErrorCode::UnsupportedTarget);
        m_head.isConnect = true;
        m_head.authority = m_head.target;
        return Event::NeedMore;
    }
    // RFC 9112 §3.2.2: absolute-form; only http (https goes through CONNECT).
    if (!target.startsWith("http://") && !target.startsWith("HTTP://"))
        return fail(ErrorCode::UnsupportedTarget);
    return takeAbsoluteTarget(target.sliced(7));
}

HttpRequestParser::Event HttpRequestParser::parseOriginTarget(QByteArrayView method, QByteArrayView target)
{
    // Inside TLS the client talks to the origin: CONNECT and the asterisk-form have nothing to reach.
    if (method == "CONNECT" ||
        !(target.startsWith('/') || target.startsWith("https://") || target.startsWith("HTTPS://")))
        return fail(ErrorCode::UnsupportedTarget);
    if (!target.startsWith('/'))
        return takeAbsoluteTarget(target.sliced(8));
    m_head.pathAndQuery = originForm(target);
    return Event::NeedMore;
}

HttpRequestParser::Event HttpRequestParser::takeAbsoluteTarget(QByteArrayView afterScheme)
{
    qsizetype end = 0;
    while (end < afterScheme.size() && afterScheme[end] != '/' && afterScheme[end] != '?' &&
           afterScheme[end] != '#')
        ++end;
    const QByteArrayView authority = afterScheme.first(end);
    // SECURITY: userinfo ("user@host") makes parsers disagree about the host; RFC 9110 §4.2.4 deprecates it.
    if (authority.isEmpty() || authority.contains('@'))
        return fail(ErrorCode::BadRequestLine);
    m_head.authority = authority.toByteArray();
    m_head.pathAndQuery = originForm(afterScheme.sliced(end));
    return Event::NeedMore;
}

HttpRequestParser::Event HttpRequestParser::parseHeader(QByteArrayView line)
{
    // RFC 9112 §5.2: obs-fold is refused, not unfolded.
    if (line.front() == ' ' || line.front() == '\t')
        return fail(ErrorCode::ObsoleteLineFolding);
    const qsizetype colon = line.indexOf(':');
    // RFC 9112 §5.1: no whitespace between the field name and the colon.
    if (colon <= 0 || !isToken(line.first(colon)))
        return fail(ErrorCode::BadHeader);
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    for (char c : value) {
        if (c == '\0' || c == '\r' || c == '\n')
            return fail(ErrorCode::BadHeader);
    }
    if (m_head.headers.size() >= m_limits.maxHeaderCount)
        return fail(ErrorCode::TooManyHeaders);
    m_head.headers.append({line.first(colon).toByteArray(), value.toByteArray()});
    return Event::NeedMore;
}

HttpRequestParser::Event HttpRequestParser::finishHead()
{
    int hostCount = 0;
    int lengthCount = 0;
    int encodingCount = 0;
    QByteArray host;
    for (const HttpHeader &h : m_head.headers) {
        if (equalsIgnoreCase(h.name, "host")) {
            ++hostCount;
            host = h.value;
        } else if (equalsIgnoreCase(h.name, "content-length")) {
            ++lengthCount;
            // RFC 9112 §6.3: a list or repeated Content-Length is refused outright, even if the values agree.
            bool ok = !h.value.isEmpty() && h.value.size() <= 18;
            for (char c : h.value)
                ok = ok && c >= '0' && c <= '9';
            if (!ok)
                return fail(ErrorCode::BadContentLength);
            m_head.contentLength = h.value.toLongLong();
        } else if (equalsIgnoreCase(h.name, "transfer-encoding")) {
            ++encodingCount;
            // Only exactly "chunked" is relayed; anything else could be framed differently upstream.
            if (!equalsIgnoreCase(h.value, "chunked"))
                return fail(ErrorCode::UnsupportedTransferEncoding);
            m_head.chunked = true;
        } else if (equalsIgnoreCase(h.name, "connection")) {
            for (const QByteArray &token : h.value.split(',')) {
                if (equalsIgnoreCase(trimmedOws(token), "close"))
                    m_head.keepAlive = false;
                else if (equalsIgnoreCase(trimmedOws(token), "keep-alive") && m_head.versionMinor == 0)
                    m_head.keepAlive = true;
            }
        }
    }
    if (m_head.versionMinor == 0 && m_head.header("connection").toLower().indexOf("keep-alive") < 0)
        m_head.keepAlive = false;
    if (lengthCount > 1)
        return fail(ErrorCode::BadContentLength);
    if (encodingCount > 1)
        return fail(ErrorCode::UnsupportedTransferEncoding);
    // RFC 9112 §6.1: Transfer-Encoding with Content-Length is a smuggling attempt; refuse and close.
    if (encodingCount && lengthCount)
        return fail(ErrorCode::ConflictingFraming);
    // RFC 9112 §3.2: HTTP/1.1 needs exactly one Host; it must name the target's authority.
    if (hostCount > 1 || (hostCount == 0 && m_head.versionMinor == 1))
        return fail(ErrorCode::BadHost);
    if (m_form == TargetForm::Origin && m_head.authority.isEmpty()) {
        // Origin-form: Host is the authority, so a request without one cannot be placed.
        if (hostCount == 0 || host.isEmpty() || host.contains('@'))
            return fail(ErrorCode::BadHost);
        m_head.authority = host;
    }
    if (hostCount == 1) {
        const QByteArrayView defaultPort = m_head.isConnect               ? QByteArrayView()
                                           : m_form == TargetForm::Origin ? QByteArrayView("443")
                                                                          : QByteArrayView("80");
        if (normalisedAuthority(host, defaultPort) != normalisedAuthority(m_head.authority, defaultPort))
            return fail(ErrorCode::BadHost);
    }
    if (m_head.contentLength && m_limits.maxBodyBytes >= 0 && *m_head.contentLength > m_limits.maxBodyBytes)
        return fail(ErrorCode::BodyTooLarge);

    if (m_head.isConnect)
        m_state = State::Done; // what follows belongs to the tunnel
    else if (m_head.chunked)
        m_state = State::ChunkSize;
    else if (m_head.contentLength && *m_head.contentLength > 0) {
        m_remaining = *m_head.contentLength;
        m_state = State::Body;
    } else
        m_state = State::Done;
    return Event::Head;
}

HttpRequestParser::Event HttpRequestParser::next()
{
    bool failed = false;
    for (;;) {
        switch (m_state) {
        case State::Failed:
            return Event::Error;
        case State::RequestLine: {
            // RFC 9112 §2.2: ignore at least one empty line before a request (robustness between requests).
            const auto line = takeLine(m_limits.maxRequestLine, ErrorCode::RequestLineTooLong, failed);
            if (failed)
                return Event::Error;
            if (!line)
                return Event::NeedMore;
            if (line->isEmpty())
                continue;
            m_head = {};
            m_headerBytes = 0;
            m_bodyBytes = 0;
            if (parseRequestLine(*line) == Event::Error)
                return Event::Error;
            m_state = State::Headers;
            continue;
        }
        case State::Headers: {
            const auto line = takeLine(m_limits.maxHeaderBytes, ErrorCode::HeadersTooLarge, failed);
            if (failed)
                return Event::Error;
            if (!line) {
                if (m_headerBytes + bufferedBytes() > m_limits.maxHeaderBytes)
                    return fail(ErrorCode::HeadersTooLarge);
                return Event::NeedMore;
            }
            m_headerBytes += line->size() + 2;
            if (m_headerBytes > m_limits.maxHeaderBytes)
                return fail(ErrorCode::HeadersTooLarge);
            if (line->isEmpty())
                return finishHead();
            if (parseHeader(*line) == Event::Error)
                return Event::Error;
            continue;
        }
        case State::Body:
        case State::ChunkData: {
            if (m_remaining == 0) {
                m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
                continue;
            }
            const qsizetype available = bufferedBytes();
            if (available == 0)
                return Event::NeedMore;
            const qsizetype take = qsizetype(std::min<qint64>(available, m_remaining));
            m_body = m_buffer.mid(m_offset, take);
            m_offset += take;
            m_remaining -= take;
            m_bodyBytes += take;
            if (m_limits.maxBodyBytes >= 0 && m_bodyBytes > m_limits.maxBodyBytes)
                return fail(ErrorCode::BodyTooLarge);
            compact();
            return Event::BodyData;
        }
        case State::ChunkSize: {
            const auto line = takeLine(m_limits.maxChunkLine, ErrorCode::BadChunk, failed);
            if (failed)
                return Event::Error;
            if (!line)
                return Event::NeedMore;
            // RFC 9112 §7.1: chunk-size [ chunk-ext ]; extensions are dropped, the size is strict hex.
            QByteArrayView size = *line;
            if (const qsizetype semicolon = size.indexOf(';'); semicolon >= 0)
                size = size.first(semicolon);
            if (size.isEmpty() || size.size() > 15)
                return fail(ErrorCode::BadChunk);
            qint64 value = 0;
            for (char c : size) {
                int digit;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (c >= 'a' && c <= 'f')
                    digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    digit = c - 'A' + 10;
                else
                    return fail(ErrorCode::BadChunk);
                value = value * 16 + digit;
            }
            m_remaining = value;
            m_state = value == 0 ? State::Trailers : State::ChunkData;
            continue;
        }
        case State::ChunkDataEnd: {
            if (bufferedBytes() < 2)
                return Event::NeedMore;
            if (m_buffer[m_offset] != '\r' || m_buffer[m_offset + 1] != '\n')
                return fail(ErrorCode::BadChunk);
            m_offset += 2;
            m_state = State::ChunkSize;
            continue;
        }
        case State::Trailers: {
            // Trailer fields are read (bounded) and dropped: none of them is forwarded.
            const auto line = takeLine(m_limits.maxHeaderBytes, ErrorCode::HeadersTooLarge, failed);
            if (failed)
                return Event::Error;
            if (!line)
                return Event::NeedMore;
            m_headerBytes += line->size() + 2;
            if (m_headerBytes > m_limits.maxHeaderBytes)
                return fail(ErrorCode::HeadersTooLarge);
            if (line->isEmpty())
                m_state = State::Done;
            continue;
        }
        case State::Tunnel:
            return Event::NeedMore; // after CONNECT the bytes belong to the tunnel: takeUnparsed()
        case State::Done:
            if (m_head.isConnect) {
                m_state = State::Tunnel;
                return Event::MessageComplete;
            }
            m_state = State::RequestLine;
            compact();
            return Event::MessageComplete;
        }
    }
}

} // namespace Paddock::Proxy
