// The agent protocol's frames and helpers (vm/guest/agentprotocol.h): every frame type there and back, frames
// split at every byte and run together, the payload limit, unknown types, the small payload decoders, and a
// long stream fed in random pieces. Everything the decoder reads comes from the other side of a VM boundary.
#include "vm/guest/agentprotocol.h"
#include "vm/guest/sessionprotocol.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

using namespace Paddock::Guest::Agent;

namespace {

constexpr std::uint8_t firstType = std::uint8_t(FrameType::Hello);
constexpr std::uint8_t lastType = std::uint8_t(FrameType::Shutdown);

std::vector<Frame> drain(FrameDecoder &decoder)
{
    std::vector<Frame> frames;
    while (auto frame = decoder.next())
        frames.push_back(std::move(*frame));
    return frames;
}

void feed(FrameDecoder &decoder, const std::string &bytes)
{
    decoder.feed(bytes.data(), bytes.size());
}

// A header by hand, independent of encodeFrame: length, type, channel.
std::string header(std::uint32_t length, std::uint8_t type, std::uint32_t channel)
{
    std::string out;
    for (int i = 0; i < 4; ++i)
        out += char((length >> (8 * i)) & 0xff);
    out += char(type);
    for (int i = 0; i < 4; ++i)
        out += char((channel >> (8 * i)) & 0xff);
    return out;
}

// One frame of every type, with channels and payloads that exercise every byte of the header.
std::vector<Frame> everyType()
{
    std::vector<Frame> frames;
    for (std::uint8_t type = firstType; type <= lastType; ++type) {
        Frame frame;
        frame.type = FrameType(type);
        frame.channel = type % 2 ? std::uint32_t(type) : guestChannelBit | (0x00a1b2c3u + type);
        frame.payload = std::string(type * 3u, char('a' + type));
        if (type == std::uint8_t(FrameType::Data))
            frame.payload = std::string("\0\xff\n\r\x80 binary", 13); // any byte goes through
        frames.push_back(frame);
    }
    return frames;
}

bool sameFrame(const Frame &a, const Frame &b)
{
    return a.type == b.type && a.channel == b.channel && a.payload == b.payload;
}

} // namespace

class TestAgentProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theHeaderLayout()
    {
        const std::string bytes = encodeFrame(FrameType::Credit, 0x80000102u, "abc");
        QCOMPARE(bytes.size(), frameHeaderBytes + 3);
        QCOMPARE(bytes, header(3, 13, 0x80000102u) + "abc");
        QCOMPARE(bytes.substr(0, 9), std::string("\x03\x00\x00\x00\x0d\x02\x01\x00\x80", 9));
        Frame frame;
        frame.type = FrameType::Shutdown;
        QCOMPARE(encodeFrame(frame), std::string("\0\0\0\0\x11\0\0\0\0", 9));
    }

    void everyTypeThereAndBack()
    {
        for (const Frame &sent : everyType()) {
            FrameDecoder decoder;
            feed(decoder, encodeFrame(sent));
            const auto received = decoder.next();
            QVERIFY2(received, std::to_string(int(sent.type)).c_str());
            QCOMPARE(int(received->type), int(sent.type));
            QCOMPARE(received->channel, sent.channel);
            QCOMPARE(received->payload, sent.payload);
            QVERIFY(!decoder.next());
            QVERIFY(!decoder.failed());
            QCOMPARE(decoder.buffered(), std::size_t(0));
        }
    }

    void anEmptyPayload()
    {
        FrameDecoder decoder;
        feed(decoder, encodeFrame(FrameType::Ready, 0));
        const auto frame = decoder.next();
        QVERIFY(frame);
        QCOMPARE(int(frame->type), int(FrameType::Ready));
        QVERIFY(frame->payload.empty());
    }

    void oneByteAtATime()
    {
        const std::vector<Frame> sent = everyType();
        std::string stream;
        std::vector<std::size_t> ends; // where each frame's last byte is
        for (const Frame &frame : sent) {
            stream += encodeFrame(frame);
            ends.push_back(stream.size());
        }
        FrameDecoder decoder;
        std::vector<Frame> received;
        for (std::size_t at = 0; at < stream.size(); ++at) {
            decoder.feed(stream.data() + at, 1);
            auto frame = decoder.next();
            const bool complete = std::find(ends.begin(), ends.end(), at + 1) != ends.end();
            QCOMPARE(bool(frame), complete); // a frame exactly when its last byte arrives, not before
            if (frame)
                received.push_back(std::move(*frame));
            QVERIFY(!decoder.next());
        }
        QVERIFY(!decoder.failed());
        QCOMPARE(received.size(), sent.size());
        for (std::size_t i = 0; i < sent.size(); ++i)
            QVERIFY2(sameFrame(received[i], sent[i]), std::to_string(i).c_str());
        QCOMPARE(decoder.buffered(), std::size_t(0));
    }

    void splitAtEveryBoundary()
    {
        // An Open as the host sends it (a session request without its header) and a Data, the stream cut in
        // two at every offset.
        Paddock::Guest::SessionRequest request;
        request.terminal = true;
        request.arguments = {"bash", "-l"};
        request.environment = {"TERM=xterm-256color"};
        const std::string open = encodeSize(24, 80) + Paddock::Guest::encodeRequest(request).substr(
                                                          Paddock::Guest::requestHeaderBytes);
        const std::string stream =
            encodeFrame(FrameType::Open, 7, open) + encodeFrame(FrameType::Data, 7, "hello");
        for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
            FrameDecoder decoder;
            decoder.feed(stream.data(), cut);
            std::vector<Frame> frames = drain(decoder);
            decoder.feed(stream.data() + cut, stream.size() - cut);
            for (Frame &frame : drain(decoder))
                frames.push_back(std::move(frame));
            QCOMPARE(frames.size(), std::size_t(2));
            QCOMPARE(int(frames[0].type), int(FrameType::Open));
            QCOMPARE(frames[0].channel, 7u);
            QCOMPARE(frames[0].payload, open);
            QCOMPARE(int(frames[1].type), int(FrameType::Data));
            QCOMPARE(frames[1].payload, std::string("hello"));
            QVERIFY(!decoder.failed());
        }
        // The guest reads it back as the size, then the request.
        const auto size = decodeSize(open);
        QVERIFY(size);
        QCOMPARE(size->first, std::uint16_t(24));
        QCOMPARE(size->second, std::uint16_t(80));
        const auto decoded = Paddock::Guest::decodeRequest(open.substr(4));
        QVERIFY(decoded);
        QVERIFY(decoded->terminal);
        QCOMPARE(decoded->arguments, request.arguments);
        QCOMPARE(decoded->environment, request.environment);
    }

    void severalFramesInOneFeed()
    {
        const std::vector<Frame> sent = everyType();
        std::string stream;
        for (const Frame &frame : sent)
            stream += encodeFrame(frame);
        stream += header(5, std::uint8_t(FrameType::Data), 3) + "ab"; // an unfinished last frame
        FrameDecoder decoder;
        feed(decoder, stream);
        const std::vector<Frame> received = drain(decoder);
        QCOMPARE(received.size(), sent.size());
        for (std::size_t i = 0; i < sent.size(); ++i)
            QVERIFY(sameFrame(received[i], sent[i]));
        QCOMPARE(decoder.buffered(), frameHeaderBytes + 2);
        feed(decoder, "cde");
        const auto last = decoder.next();
        QVERIFY(last);
        QCOMPARE(last->channel, 3u);
        QCOMPARE(last->payload, std::string("abcde"));
        QVERIFY(!decoder.failed());
    }

    void thePayloadLimit()
    {
        const std::string largest(maxPayloadBytes, 'x');
        FrameDecoder decoder;
        feed(decoder, encodeFrame(FrameType::Open, 1, largest));
        const auto frame = decoder.next();
        QVERIFY(frame);
        QCOMPARE(frame->payload.size(), std::size_t(maxPayloadBytes));
        QVERIFY(!decoder.failed());

        // One byte over: refused from the header alone, before any of the payload arrives.
        feed(decoder, header(maxPayloadBytes + 1, std::uint8_t(FrameType::Open), 2));
        QVERIFY(!decoder.next());
        QVERIFY(decoder.failed());
        QVERIFY(decoder.error().find(std::to_string(maxPayloadBytes + 1)) != std::string::npos);
    }

    void theLargestLengthIsRefused()
    {
        FrameDecoder decoder;
        feed(decoder, header(0xffffffffu, std::uint8_t(FrameType::Data), 1));
        QVERIFY(!decoder.next());
        QVERIFY(decoder.failed());
    }

    void anErrorIsSticky()
    {
        FrameDecoder decoder;
        feed(decoder, encodeFrame(FrameType::Hello, 0, helloPayload()) +
                          header(maxPayloadBytes + 1, std::uint8_t(FrameType::Data), 1));
        const auto hello = decoder.next(); // what came before the bad header is still delivered
        QVERIFY(hello);
        QCOMPARE(hello->payload, helloPayload());
        QVERIFY(!decoder.next());
        QVERIFY(decoder.failed());
        const std::string error = decoder.error();
        const std::size_t buffered = decoder.buffered();
        // Valid frames afterwards change nothing: nothing more comes out, ever, and nothing piles up.
        for (int i = 0; i < 3; ++i) {
            feed(decoder, encodeFrame(FrameType::Ready, 0));
            QVERIFY(!decoder.next());
            QVERIFY(decoder.failed());
            QCOMPARE(decoder.error(), error);
            QCOMPARE(decoder.buffered(), buffered);
        }
    }

    void unknownTypes_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("0") << 0;
        QTest::newRow("one after Shutdown") << int(lastType) + 1;
        QTest::newRow("255") << 255;
    }
    void unknownTypes()
    {
        QFETCH(int, type);
        QCOMPARE(lastType, std::uint8_t(17)); // a new type must be added to these tests as well
        FrameDecoder decoder;
        feed(decoder, header(0, std::uint8_t(type), 0));
        QVERIFY(!decoder.next());
        QVERIFY(decoder.failed());
        QVERIFY(decoder.error().find(std::to_string(type)) != std::string::npos);
        feed(decoder, encodeFrame(FrameType::Ready, 0));
        QVERIFY(!decoder.next());
        QVERIFY(decoder.failed());
    }

    void anUnknownTypeIsRefusedBeforeItsPayload()
    {
        FrameDecoder decoder;
        const std::string bad = header(100, 0, 1);
        decoder.feed(bad.data(), bad.size() - 1);
        QVERIFY(!decoder.next());
        QVERIFY(!decoder.failed()); // not a whole header yet
        decoder.feed(bad.data() + bad.size() - 1, 1);
        QVERIFY(!decoder.next());
        QVERIFY(decoder.failed());
    }

    void sizes()
    {
        QCOMPARE(encodeSize(0x1234, 0xabcd), std::string("\x34\x12\xcd\xab", 4));
        const auto size = decodeSize(encodeSize(65535, 1));
        QVERIFY(size);
        QCOMPARE(size->first, std::uint16_t(65535));
        QCOMPARE(size->second, std::uint16_t(1));
        QVERIFY(!decodeSize({}));
        QVERIFY(!decodeSize(std::string("\x18\0\x50", 3)));
        // An Open's payload is the size with the request behind it: the first four bytes count.
        const auto open = decodeSize(encodeSize(24, 80) + "exec");
        QVERIFY(open);
        QCOMPARE(open->first, std::uint16_t(24));
        QCOMPARE(open->second, std::uint16_t(80));
    }

    void counts()
    {
        QCOMPARE(encodeCount(0x01020304u), std::string("\x04\x03\x02\x01", 4));
        for (std::uint32_t count : {0u, 1u, creditWindow, 0x80000000u, 0xffffffffu}) {
            const auto decoded = decodeCount(encodeCount(count));
            QVERIFY(decoded);
            QCOMPARE(*decoded, count);
        }
        QVERIFY(!decodeCount({}));
        QVERIFY(!decodeCount(std::string("\1\0\0", 3)));
        QVERIFY(!decodeCount(std::string("\1\0\0\0\0", 5)));
    }

    void decimals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("value");
        QTest::newRow("0") << QByteArray("0") << true << qint64(0);
        QTest::newRow("pid") << QByteArray("4242") << true << qint64(4242);
        QTest::newRow("leading zeros") << QByteArray("007") << true << qint64(7);
        QTest::newRow("negative") << QByteArray("-8080") << true << qint64(-8080);
        QTest::newRow("10 digits") << QByteArray("9999999999") << true << qint64(9999999999);
        QTest::newRow("10 digits negative") << QByteArray("-9999999999") << true << qint64(-9999999999);
        QTest::newRow("11 digits") << QByteArray("10000000000") << false << qint64(0);
        QTest::newRow("11 digits negative") << QByteArray("-10000000000") << false << qint64(0);
        QTest::newRow("empty") << QByteArray("") << false << qint64(0);
        QTest::newRow("minus alone") << QByteArray("-") << false << qint64(0);
        QTest::newRow("two minuses") << QByteArray("--5") << false << qint64(0);
        QTest::newRow("plus") << QByteArray("+5") << false << qint64(0);
        QTest::newRow("letters") << QByteArray("12a") << false << qint64(0);
        QTest::newRow("hex") << QByteArray("0x10") << false << qint64(0);
        QTest::newRow("space") << QByteArray(" 12") << false << qint64(0);
        QTest::newRow("newline") << QByteArray("12\n") << false << qint64(0);
        QTest::newRow("minus inside") << QByteArray("1-2") << false << qint64(0);
        QTest::newRow("NUL") << QByteArray("12\0", 3) << false << qint64(0);
    }
    void decimals()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(qint64, value);
        const auto decoded = decodeDecimal(text.toStdString());
        QCOMPARE(bool(decoded), valid);
        if (valid)
            QCOMPARE(qint64(*decoded), value);
    }

    void theHello()
    {
        QCOMPARE(helloPayload(), "paddock-agent " + std::to_string(protocolVersion));
        QCOMPARE(helloPayload(), std::string("paddock-agent 1"));
    }

    void aLongStreamInRandomPieces()
    {
        QRandomGenerator random(20240611);
        std::vector<Frame> sent;
        std::string stream;
        for (int i = 0; i < 10000; ++i) {
            Frame frame;
            frame.type = FrameType(random.bounded(int(firstType), int(lastType) + 1));
            frame.channel = random.generate();
            // Mostly small, now and then a full Data chunk or more.
            const quint32 length =
                random.bounded(20) == 0 ? random.bounded(maxDataChunk * 2) : random.bounded(64);
            frame.payload.resize(length);
            for (char &c : frame.payload)
                c = char(random.bounded(256));
            stream += encodeFrame(frame);
            sent.push_back(std::move(frame));
        }
        FrameDecoder decoder;
        std::vector<Frame> received;
        for (std::size_t at = 0; at < stream.size();) {
            const std::size_t piece = std::min<std::size_t>(stream.size() - at, random.bounded(1, 70000));
            decoder.feed(stream.data() + at, piece);
            at += piece;
            if (random.bounded(4) != 0) { // now and then several feeds before anything is taken
                for (Frame &frame : drain(decoder))
                    received.push_back(std::move(frame));
            }
        }
        for (Frame &frame : drain(decoder))
            received.push_back(std::move(frame));
        QVERIFY(!decoder.failed());
        QCOMPARE(decoder.buffered(), std::size_t(0));
        QCOMPARE(received.size(), sent.size());
        for (std::size_t i = 0; i < sent.size(); ++i)
            QVERIFY2(sameFrame(received[i], sent[i]), std::to_string(i).c_str());
    }
};

QTEST_GUILESS_MAIN(TestAgentProtocol)
#include "tst_agentprotocol.moc"
