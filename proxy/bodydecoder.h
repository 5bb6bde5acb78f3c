#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>

#include <memory>
#include <optional>

namespace Paddock::Proxy {

// Decompresses a request or response body incrementally with zlib, so the secret scanner sees what the
// upstream would (security.md item 7). Bounded (item 4): the output may grow to `maxRatio` times the input
// plus `allowance`, and never past `maxOutput`; a decompression bomb stops with an error, which callers
// treat as a deny. Pure: bytes in, bytes out.
class BodyDecoder
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::BodyDecoder)

public:
    enum class Format {
        Gzip,       // RFC 1952; several members one after the other are one body
        Zlib,       // RFC 1950
        RawDeflate, // RFC 1951
        Deflate, // RFC 9110 §8.4.1.2 "deflate": zlib, though some senders use raw deflate; told apart by the
                 // header
    };

    struct Limits
    {
        qint64 maxRatio = 100;
        qint64 allowance = 1 << 20;
        qint64 maxOutput = qint64(1) << 30;
    };

    // From a Content-Encoding value ("gzip", "x-gzip", "deflate"); nothing for others (identity included).
    static std::optional<Format> formatFor(QByteArrayView contentEncoding);

    explicit BodyDecoder(Format format);
    BodyDecoder(Format format, Limits limits);
    BodyDecoder(BodyDecoder &&other) noexcept;
    BodyDecoder &operator=(BodyDecoder &&other) noexcept;
    ~BodyDecoder();

    // The bytes `compressed` decodes to. After an error every later call fails too.
    Core::Result<QByteArray> decode(QByteArrayView compressed);
    // The body ended: an error unless the compressed stream ended properly.
    Core::Result<> finish();

    qint64 bytesIn() const;
    qint64 bytesOut() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Paddock::Proxy
