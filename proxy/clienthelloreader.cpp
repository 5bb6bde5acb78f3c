#include "proxy/clienthelloreader.h"

namespace Paddock::Proxy {

namespace {

// A bounds-checked reader over a byte view: every read fails instead of running past the end.
class Cursor
{
public:
    explicit Cursor(QByteArrayView data)
        : m_data(data)
    {}
    bool ok() const { return m_ok; }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    quint32 u8() { return take(1) ? quint8(m_data[m_pos - 1]) : 0; }
    quint32 u16()
    {
        return take(2) ? (quint32(quint8(m_data[m_pos - 2])) << 8) | quint8(m_data[m_pos - 1]) : 0;
    }
    quint32 u24()
    {
        if (!take(3))
            return 0;
        return (quint32(quint8(m_data[m_pos - 3])) << 16) | (quint32(quint8(m_data[m_pos - 2])) << 8) |
               quint8(m_data[m_pos - 1]);
    }
    QByteArrayView bytes(qsizetype n) { return take(n) ? m_data.sliced(m_pos - n, n) : QByteArrayView(); }

private:
    bool take(qsizetype n)
    {
        if (!m_ok || n < 0 || n > remaining()) {
            m_ok = false;
            return false;
        }
        m_pos += n;
        return true;
    }
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

ClientHelloReader::Outcome notTls()
{
    return {ClientHelloReader::Verdict::NotTls, {}};
}

// RFC 8446 §4.1.2 ClientHello body, after the 4-byte handshake header.
ClientHelloReader::Outcome parseClientHello(QByteArrayView body)
{
    Cursor c(body);
    const quint32 version = c.u16();
    if (version < 0x0301 || version > 0x0304)
        return notTls();
    c.bytes(32);     // random
    c.bytes(c.u8()); // legacy_session_id (0-32)
    const quint32 suites = c.u16();
    if (suites == 0 || suites % 2)
        return notTls();
    c.bytes(suites);
    const quint32 compressions = c.u8();
    if (compressions == 0)
        return notTls();
    c.bytes(compressions);
    if (!c.ok())
        return notTls();
    if (c.remaining() == 0)
        return {ClientHelloReader::Verdict::ClientHello, {}}; // no extensions at all
    Cursor extensions(c.bytes(c.u16()));
    if (!c.ok() || c.remaining() != 0)
        return notTls();
    QByteArray serverName;
    bool seenServerName = false;
    while (extensions.remaining() > 0) {
        const quint32 type = extensions.u16();
        Cursor data(extensions.bytes(extensions.u16()));
        if (!extensions.ok())
            return notTls();
        if (type != 0)
            continue;
        // RFC 6066 §3: one server_name extension holding a list; only host_name (0) entries exist.
        if (seenServerName)
            return notTls();
        seenServerName = true;
        Cursor list(data.bytes(data.u16()));
        if (!data.ok() || data.remaining() != 0)
            return notTls();
        while (list.remaining() > 0) {
            const quint32 nameType = list.u8();
            const QByteArrayView name = list.bytes(list.u16());
            if (!list.ok() || name.isEmpty())
                return notTls();
            if (nameType == 0 && serverName.isEmpty()) {
                for (char ch : name) {
                    if (uchar(ch) <= 0x20 || uchar(ch) >= 0x7f)
                        return notTls();
                }
                serverName = name.toByteArray();
            }
        }
    }
    return {ClientHelloReader::Verdict::ClientHello, serverName};
}

} // namespace

ClientHelloReader::Outcome ClientHelloReader::read(QByteArrayView bytes)
{
    bytes = bytes.first(std::min(bytes.size(), maxBytes));
    // Reassemble the handshake message from consecutive handshake records (it may span several).
    QByteArray handshake;
    qsizetype pos = 0;
    while (true) {
        if (bytes.size() - pos < 5)
            return bytes.size() >= maxBytes ? notTls() : Outcome{};
        const quint8 type = quint8(bytes[pos]);
        const quint8 major = quint8(bytes[pos + 1]);
        const quint8 minor = quint8(bytes[pos + 2]);
        const qsizetype length = (qsizetype(quint8(bytes[pos + 3])) << 8) | quint8(bytes[pos + 4]);
        // RFC 8446 §5.1: content type 22 (handshake), legacy version 3.x, at most 2^14 bytes.
        if (type != 22 || major != 3 || minor > 4 || length == 0 || length > 16384)
            return notTls();
        if (bytes.size() - pos - 5 < length)
            return bytes.size() >= maxBytes ? notTls() : Outcome{};
        handshake.append(bytes.sliced(pos + 5, length));
        pos += 5 + length;
        if (handshake.size() >= 4) {
            if (quint8(handshake[0]) != 1) // client_hello
                return notTls();
            const qsizetype bodyLength = (qsizetype(quint8(handshake[1])) << 16) |
                                         (qsizetype(quint8(handshake[2])) << 8) | quint8(handshake[3]);
            if (bodyLength > maxBytes)
                return notTls();
            if (handshake.size() - 4 >= bodyLength) {
                if (handshake.size() - 4 > bodyLength)
                    return notTls(); // something else interleaved in the first flight
                return parseClientHello(QByteArrayView(handshake).sliced(4, bodyLength));
            }
        }
    }
}

} // namespace Paddock::Proxy
