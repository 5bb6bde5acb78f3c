#include "proxy/bodydecoder.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

namespace {

constexpr qsizetype outputStep = 64 * 1024;

QString formatName(BodyDecoder::Format format)
{
    switch (format) {
    case BodyDecoder::Format::Gzip:
        return u"gzip"_s;
    case BodyDecoder::Format::Zlib:
        return u"zlib"_s;
    case BodyDecoder::Format::RawDeflate:
    case BodyDecoder::Format::Deflate:
        break;
    }
    return u"deflate"_s;
}

// RFC 1950 §2.2: CM = 8 and the header, read as a 16-bit number, a multiple of 31.
bool looksLikeZlib(uchar first, uchar second)
{
    return (first & 0x0f) == 8 && (first >> 4) <= 7 && ((first << 8) | second) % 31 == 0;
}

} // namespace

struct BodyDecoder::Private
{
    Format format;
    Limits limits;
    z_stream stream{};
    bool initialised = false;
    bool ended = false; // the current gzip member, or the zlib/deflate stream, is complete
    bool failed = false;
    qint64 in = 0;
    qint64 out = 0;
    QByteArray header; // "deflate": the first bytes, until zlib and raw deflate can be told apart

    ~Private()
    {
        if (initialised)
            inflateEnd(&stream);
    }

    std::unexpected<Core::Error> fail(Core::ErrorCode code, const QString &message)
    {
        failed = true;
        return Core::fail(code, message);
    }
    std::unexpected<Core::Error> corrupt()
    {
        return fail(Core::ErrorCode::InvalidArgument,
                    BodyDecoder::tr("The body is not valid %1 data, so Paddock cannot check it for secrets.")
                        .arg(formatName(format)));
    }
    Core::Result<> start(Format actual)
    {
        const int windowBits = actual == Format::Gzip   ? 16 + MAX_WBITS
                               : actual == Format::Zlib ? MAX_WBITS
                                                        : -MAX_WBITS;
        if (inflateInit2(&stream, windowBits) != Z_OK)
            return fail(Core::ErrorCode::Internal,
                        BodyDecoder::tr("Paddock could not start decompressing the body."));
        initialised = true;
        return {};
    }
    Core::Result<> inflateInto(QByteArrayView input, QByteArray &output);
};

Core::Result<> BodyDecoder::Private::inflateInto(QByteArrayView input, QByteArray &output)
{
    while (!input.isEmpty()) {
        if (ended) {
            if (format != Format::Gzip)
                return corrupt();  // data after the end
            inflateReset(&stream); // RFC 1952 §2.2: the next member
            ended = false;
        }
        const qsizetype piece = std::min<qsizetype>(input.size(), INT_MAX);
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
        stream.avail_in = uInt(piece);
        while (true) {
            // SECURITY: a decompression bomb. One byte of room more than allowed shows that it overflows.
            const qint64 bound = std::min(limits.maxOutput, limits.maxRatio * in + limits.allowance);
            const qsizetype room = qsizetype(std::min<qint64>(bound - out + 1, outputStep));
            const qsizetype old = output.size();
            output.resize(old + room);
            stream.next_out = reinterpret_cast<Bytef *>(output.data() + old);
            stream.avail_out = uInt(room);
            const int rc = inflate(&stream, Z_NO_FLUSH);
            const qsizetype produced = room - qsizetype(stream.avail_out);
            output.resize(old + produced);
            out += produced;
            if (out > bound) {
                if (out > limits.maxOutput) {
                    return fail(Core::ErrorCode::Denied,
                                BodyDecoder::tr(
                                    "The body is larger than %1 MiB when decompressed, so Paddock does not "
                                    "decompress it.")
                                    .arg(limits.maxOutput >> 20));
                }
                return fail(Core::ErrorCode::Denied,
                            BodyDecoder::tr(
                                "The body grows more than %1 times when decompressed, so Paddock does not "
                                "decompress it.")
                                .arg(limits.maxRatio));
            }
            if (rc == Z_STREAM_END) {
                ended = true;
                break;
            }
            if (rc == Z_BUF_ERROR && stream.avail_in == 0)
                break; // needs more input
            if (rc != Z_OK)
                return corrupt();
            if (stream.avail_in == 0 && stream.avail_out != 0)
                break;
        }
        input = input.sliced(piece - qsizetype(stream.avail_in));
    }
    return {};
}

std::optional<BodyDecoder::Format> BodyDecoder::formatFor(QByteArrayView contentEncoding)
{
    const QByteArray name = contentEncoding.trimmed().toByteArray().toLower();
    if (name == "gzip" || name == "x-gzip")
        return Format::Gzip;
    if (name == "deflate")
        return Format::Deflate;
    return std::nullopt;
}

BodyDecoder::BodyDecoder(Format format)
    : BodyDecoder(format, Limits{})
{}

BodyDecoder::BodyDecoder(Format format, Limits limits)
    : d(std::make_unique<Private>())
{
    d->format = format;
    d->limits = limits;
}

BodyDecoder::BodyDecoder(BodyDecoder &&other) noexcept = default;
BodyDecoder &BodyDecoder::operator=(BodyDecoder &&other) noexcept = default;
BodyDecoder::~BodyDecoder() = default;

Core::Result<QByteArray> BodyDecoder::decode(QByteArrayView compressed)
{
    if (d->failed)
        return d->corrupt();
    d->in += compressed.size();
    QByteArray output;
    if (!d->initialised) {
        Format actual = d->format;
        if (d->format == Format::Deflate) {
            d->header.append(compressed);
            if (d->header.size() < 2)
                return output;
            compressed = d->header;
            actual =
                looksLikeZlib(uchar(d->header[0]), uchar(d->header[1])) ? Format::Zlib : Format::RawDeflate;
        }
        if (auto started = d->start(actual); !started)
            return std::unexpected(started.error());
    }
    auto inflated = d->inflateInto(compressed, output);
    d->header.clear();
    if (!inflated)
        return std::unexpected(inflated.error());
    return output;
}

Core::Result<> BodyDecoder::finish()
{
    if (d->failed)
        return d->corrupt();
    if (d->in == 0 || d->ended)
        return {};
    return d->fail(
        Core::ErrorCode::InvalidArgument,
        BodyDecoder::tr("The compressed body is cut off, so Paddock cannot check it for secrets."));
}

qint64 BodyDecoder::bytesIn() const
{
    return d->in;
}

qint64 BodyDecoder::bytesOut() const
{
    return d->out;
}

} // namespace Paddock::Proxy
