#pragma once

#include <QByteArray>

namespace Paddock::Proxy {

// Reads the first bytes of a CONNECT tunnel and tells whether they are a TLS ClientHello, and its SNI
// (security.md item 5). Pure and bounded: it never trusts a length field and never looks past maxBytes.
class ClientHelloReader
{
public:
    enum class Verdict { NeedMore, ClientHello, NotTls };
    struct Outcome
    {
        Verdict verdict = Verdict::NeedMore;
        QByteArray serverName; // empty when the ClientHello has no server_name
    };

    static constexpr qsizetype maxBytes = 16 * 1024 + 5 * 8;

    static Outcome read(QByteArrayView bytes);
};

} // namespace Paddock::Proxy
