// BodyDecoder: gzip, zlib and raw deflate bodies compressed here with zlib, fed whole and byte by byte;
// truncated and corrupt ones; a decompression bomb of 1 GB of zeros stops at the bound with bounded memory.
#include "proxy/bodydecoder.h"

#include <zlib.h>

#include <QRandomGenerator>
#include <QTest>

using namespace Paddock::Proxy;
using Format = BodyDecoder::Format;

namespace {

enum class Wrapper { Gzip, Zlib, Raw };

int windowBitsFor(Wrapper wrapper)
{
    return wrapper == Wrapper::Gzip ? 16 + MAX_WBITS : wrapper == Wrapper::Zlib ? MAX_WBITS : -MAX_WBITS;
}

QByteArray compress(const QByteArray &data, Wrapper wrapper)
{
    z_stream stream{};
    deflateInit2(&stream, 6, Z_DEFLATED, windowBitsFor(wrapper), 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size())) + 64), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    Q_ASSERT(rc == Z_STREAM_END);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

// `size` zero bytes, compressed a megabyte at a time: the bomb is never held uncompressed.
QByteArray compressedZeros(qint64 size, Wrapper wrapper)
{
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, windowBitsFor(wrapper), 9, Z_RLE);
    const QByteArray zeros(1 << 20, '\0');
    QByteArray out;
    char buffer[1 << 16];
    for (qint64 left = size; left >= 0; left -= zeros.size()) {
        const bool last = left <= zeros.size();
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.data()));
        stream.avail_in = uInt(std::min<qint64>(left, zeros.size()));
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
        } while (stream.avail_out == 0);
        if (last)
            break;
    }
    deflateEnd(&stream);
    return out;
}

QByteArray sampleData(int size)
{
    QRandomGenerator random(size);
    QByteArray data;
    while (data.size() < size) {
        if (random.bounded(2)) {
            data += "The quick brown fox jumps over the lazy dog, line " + QByteArray::number(data.size()) +
                    ".\n";
        } else {
            for (int i = 0; i < 64; ++i)
                data += char(random.bounded(256));
        }
    }
    data.truncate(size);
    return data;
}

struct Decoded
{
    QByteArray bytes;
    bool decodeFailed = false;
    bool finishFailed = false;
    qsizetype largestPiece = 0;
};

Decoded decodeAll(BodyDecoder &decoder, QByteArrayView input, qsizetype chunk)
{
    Decoded result;
    for (qsizetype at = 0; at < input.size(); at += chunk) {
        auto piece = decoder.decode(input.sliced(at, std::min(chunk, input.size() - at)));
        if (!piece) {
            result.decodeFailed = true;
            return result;
        }
        result.largestPiece = std::max(result.largestPiece, piece->size());
        result.bytes += *piece;
    }
    result.finishFailed = !decoder.finish();
    return result;
}

} // namespace

class TestBodyDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrips_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("compressed");
        QTest::addColumn<QByteArray>("plain");
        const QByteArray plain = sampleData(200000);
        QTest::newRow("gzip") << int(Format::Gzip) << compress(plain, Wrapper::Gzip) << plain;
        QTest::newRow("zlib") << int(Format::Zlib) << compress(plain, Wrapper::Zlib) << plain;
        QTest::newRow("raw deflate") << int(Format::RawDeflate) << compress(plain, Wrapper::Raw) << plain;
        QTest::newRow("deflate as zlib") << int(Format::Deflate) << compress(plain, Wrapper::Zlib) << plain;
        QTest::newRow("deflate as raw") << int(Format::Deflate) << compress(plain, Wrapper::Raw) << plain;
        const QByteArray second = sampleData(5000);
        QTest::newRow("gzip, two members")
            << int(Format::Gzip)
            << QByteArray(compress(plain, Wrapper::Gzip) + compress(second, Wrapper::Gzip))
            << QByteArray(plain + second);
        QTest::newRow("gzip, empty") << int(Format::Gzip) << compress({}, Wrapper::Gzip) << QByteArray();
    }

    void roundTrips()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, compressed);
        QFETCH(QByteArray, plain);
        for (qsizetype chunk : {compressed.size() + 1, qsizetype(4096), qsizetype(1)}) {
            BodyDecoder decoder{Format(format)};
            const Decoded decoded = decodeAll(decoder, compressed, chunk);
            QVERIFY(!decoded.decodeFailed);
            QVERIFY(!decoded.finishFailed);
            QCOMPARE(decoded.bytes, plain);
            QCOMPARE(decoder.bytesIn(), qint64(compressed.size()));
            QCOMPARE(decoder.bytesOut(), qint64(plain.size()));
        }
    }

    void truncatedBodiesAreErrors_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("compressed");
        const QByteArray plain = sampleData(50000);
        const QByteArray gzip = compress(plain, Wrapper::Gzip);
        const QByteArray zlib = compress(plain, Wrapper::Zlib);
        for (qsizetype cut : {qsizetype(1), qsizetype(4), qsizetype(100), gzip.size() / 2, gzip.size() - 1}) {
            QTest::addRow("gzip without its last %lld bytes", qint64(gzip.size() - cut))
                << int(Format::Gzip) << gzip.first(cut);
        }
        QTest::newRow("zlib without its checksum") << int(Format::Zlib) << zlib.first(zlib.size() - 4);
        QTest::newRow("deflate, one byte") << int(Format::Deflate) << zlib.first(1);
    }

    void truncatedBodiesAreErrors()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, compressed);
        BodyDecoder decoder{Format(format)};
        const Decoded decoded = decodeAll(decoder, compressed, 1000);
        QVERIFY(!decoded.decodeFailed);
        QVERIFY(decoded.finishFailed);
    }

    void corruptBodiesAreErrors_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("compressed");
        const QByteArray plain = sampleData(50000);
        QByteArray flipped = compress(plain, Wrapper::Gzip);
        for (qsizetype i = 100; i < flipped.size() - 100; i += 997)
            flipped[i] = char(~flipped[i]);
        QTest::newRow("gzip with flipped bytes") << int(Format::Gzip) << flipped;
        QByteArray badChecksum = compress(plain, Wrapper::Zlib);
        badChecksum[badChecksum.size() - 1] = char(badChecksum.back() ^ 1);
        QTest::newRow("zlib with a wrong checksum") << int(Format::Zlib) << badChecksum;
        QTest::newRow("plain text as gzip")
            << int(Format::Gzip) << QByteArray("hello, this is not gzip at all");
        QTest::newRow("zlib with data after its end")
            << int(Format::Zlib) << QByteArray(compress(plain, Wrapper::Zlib) + "trailing");
        QTest::newRow("gzip with garbage after a member")
            << int(Format::Gzip) << QByteArray(compress(plain, Wrapper::Gzip) + "garbage!");
    }

    void corruptBodiesAreErrors()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, compressed);
        for (qsizetype chunk : {compressed.size(), qsizetype(7)}) {
            BodyDecoder decoder{Format(format)};
            const Decoded decoded = decodeAll(decoder, compressed, chunk);
            QVERIFY(decoded.decodeFailed || decoded.finishFailed);
            // Once failed, it stays failed.
            QVERIFY(!decoder.decode("more"));
        }
    }

    void stopsADecompressionBomb_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("wrapper");
        QTest::newRow("gzip") << int(Format::Gzip) << int(Wrapper::Gzip);
        QTest::newRow("deflate") << int(Format::Deflate) << int(Wrapper::Zlib);
    }

    void stopsADecompressionBomb()
    {
        QFETCH(int, format);
        QFETCH(int, wrapper);
        // SECURITY: 1 GB of zeros in about a megabyte must not make the proxy hold a gigabyte.
        const QByteArray bomb = compressedZeros(qint64(1) << 30, Wrapper(wrapper));
        QVERIFY(bomb.size() < 4 << 20);
        BodyDecoder decoder{Format(format)};
        const BodyDecoder::Limits limits;
        qint64 in = 0;
        qint64 out = 0;
        bool stopped = false;
        for (qsizetype at = 0; at < bomb.size() && !stopped; at += 65536) {
            const QByteArrayView chunk =
                QByteArrayView(bomb).sliced(at, std::min<qsizetype>(65536, bomb.size() - at));
            in += chunk.size();
            auto piece = decoder.decode(chunk);
            if (!piece) {
                QCOMPARE(piece.error().code, Paddock::Core::ErrorCode::Denied);
                QVERIFY(piece.error().message.contains(QString::number(limits.maxRatio)));
                stopped = true;
                break;
            }
            QVERIFY(piece->size() <= limits.maxRatio * chunk.size() + limits.allowance);
            out += piece->size();
        }
        QVERIFY(stopped);
        QVERIFY(out <= limits.maxRatio * in + limits.allowance);
        QVERIFY(decoder.bytesOut() <= limits.maxRatio * in + limits.allowance + 1);
    }

    void stopsAtTheAbsoluteCap()
    {
        const QByteArray zeros = compressedZeros(64 << 20, Wrapper::Gzip);
        BodyDecoder::Limits limits;
        limits.maxRatio = 100000;
        limits.maxOutput = 10 << 20;
        BodyDecoder decoder(Format::Gzip, limits);
        const auto decoded = decoder.decode(zeros);
        QVERIFY(!decoded);
        QVERIFY(decoded.error().message.contains(QStringLiteral("10 MiB")));
        QVERIFY(decoder.bytesOut() <= limits.maxOutput + 1);
    }

    void emptyBodyIsFine()
    {
        BodyDecoder decoder(Format::Gzip);
        QVERIFY(decoder.finish());
    }

    void formatFromContentEncoding()
    {
        QVERIFY(BodyDecoder::formatFor("gzip") == Format::Gzip);
        QVERIFY(BodyDecoder::formatFor(" X-GZIP ") == Format::Gzip);
        QVERIFY(BodyDecoder::formatFor("deflate") == Format::Deflate);
        QVERIFY(!BodyDecoder::formatFor("br"));
        QVERIFY(!BodyDecoder::formatFor("identity"));
    }
};

QTEST_GUILESS_MAIN(TestBodyDecoder)
#include "tst_bodydecoder.moc"
