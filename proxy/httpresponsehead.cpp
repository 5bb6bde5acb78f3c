#include "proxy/httpresponsehead.h"

#include <QList>

#include <algorithm>

namespace Paddock::Proxy {

namespace {

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArrayView trimmed(QByteArrayView value)
{
    while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t'))
        value = value.sliced(1);
    while (!value.isEmpty() && (value.back() == ' ' || value.back() == '\t'))
        value.chop(1);
    return value;
}

} // namespace

std::optional<HttpResponseHead> HttpResponseHead::parse(QByteArrayView bytes, bool requestWasHead)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    HttpResponseHead head;
    if (end < 0) {
        if (bytes.size() > maxHeadBytes)
            return head; // invalid
        return std::nullopt;
    }
    head.m_headSize = end + 4;
    const QList<QByteArrayView> lines = [&] {
        QList<QByteArrayView> result;
        QByteArrayView rest = bytes.first(end);
        while (true) {
            const qsizetype crlf = rest.indexOf("\r\n");
            if (crlf < 0) {
                result.append(rest);
                return result;
            }
            result.append(rest.first(crlf));
            rest = rest.sliced(crlf + 2);
        }
    }();
    // RFC 9112 §4: HTTP-version SP status-code SP [reason-phrase]
    const QByteArrayView statusLine = lines.first();
    if (statusLine.size() < 12 || !(statusLine.startsWith("HTTP/1.1 ") || statusLine.startsWith("HTTP/1.0 ")))
        return head;
    bool ok = false;
    head.m_status = statusLine.sliced(9, 3).toInt(&ok);
    if (!ok || head.m_status < 100 || head.m_status > 999 ||
        (statusLine.size() > 12 && statusLine[12] != ' '))
        return head;
    head.m_statusLine = statusLine.toByteArray();
    int lengths = 0;
    bool chunked = false;
    QList<QByteArray> connectionTokens;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.contains('\n') || line.front() == ' ' || line.front() == '\t')
            return head;
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (equalsIgnoreCase(name, "content-length")) {
            ++lengths;
            // SECURITY: digits only, so that we and the client cannot read a different length.
            if (value.isEmpty() || value.size() > 18 ||
                !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return head;
            head.m_contentLength = value.toLongLong();
        }
        if (equalsIgnoreCase(name, "transfer-encoding"))
            chunked = chunked || value.toByteArray().toLower().contains("chunked");
        if (equalsIgnoreCase(name, "connection")) {
            for (const QByteArray &token : value.toByteArray().split(','))
                connectionTokens.append(trimmed(token).toByteArray().toLower());
        }
        head.m_headers.append({name.toByteArray(), value.toByteArray()});
    }
    // Drop hop-by-hop headers (RFC 9110 §7.6.1) so our own connection management is the only one the client
    // sees.
    QList<QPair<QByteArray, QByteArray>> kept;
    for (const auto &header : std::as_const(head.m_headers)) {
        const QByteArray lower = header.first.toLower();
        if (lower == "connection" || lower == "keep-alive" || lower == "proxy-connection" || lower == "te" ||
            lower == "trailer" || lower == "upgrade" || connectionTokens.contains(lower))
            continue;
        kept.append(header);
    }
    head.m_headers = kept;
    head.m_upstreamKeepsAlive = statusLine.startsWith("HTTP/1.1 ") ? !connectionTokens.contains("close")
                                                                   : connectionTokens.contains("keep-alive");
    if (lengths > 1 && !chunked)
        return head; // ambiguous framing from upstream: invalid
    if (requestWasHead || head.m_status < 200 || head.m_status == 204 || head.m_status == 304)
        head.m_framing = Framing::NoBody;
    else if (chunked)
        head.m_framing = Framing::Chunked;
    else if (lengths == 1)
        head.m_framing = Framing::ContentLength;
    else
        head.m_framing = Framing::UntilClose;
    head.m_valid = true;
    return head;
}

QByteArray HttpResponseHead::rewrite(bool keepAlive) const
{
    QByteArray out = m_statusLine + "\r\n";
    for (const auto &header : m_headers)
        out += header.first + ": " + header.second + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    return out;
}

} // namespace Paddock::Proxy
