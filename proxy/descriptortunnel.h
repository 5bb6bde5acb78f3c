#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QSocketNotifier>

#include <array>
#include <memory>

namespace Paddock::Proxy {

// The byte relay of an established tunnel, on the two sockets' descriptors directly: one read() and one
// write() per chunk into a fixed buffer, where going through QIODevice would copy every byte twice more. Each
// direction reads only while its buffer is empty (backpressure), passes the other side's end of stream on as
// a half-close, and the tunnel finishes when both directions have ended or either fails. POSIX only.
class DescriptorTunnel : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype bufferBytes = 256 * 1024;

    // Takes ownership of both descriptors (connected stream sockets) and makes them non-blocking.
    DescriptorTunnel(int clientFd, int upstreamFd, QObject *parent = nullptr);
    ~DescriptorTunnel() override;

    qint64 bytesUp() const { return m_directions[0].bytes; }
    qint64 bytesDown() const { return m_directions[1].bytes; }
    qint64 msSinceActivity() const { return m_lastActivity.elapsed(); }

Q_SIGNALS:
    void finished();

private:
    struct Direction
    {
        int from = -1;
        int to = -1;
        std::unique_ptr<QSocketNotifier> readable;
        std::unique_ptr<QSocketNotifier> writable;
        std::unique_ptr<char[]> buffer;
        qsizetype start = 0;
        qsizetype end = 0;
        bool ended = false; // the reading side sent its end of stream
        bool done = false;  // ...and it was passed on
        qint64 bytes = 0;
    };

    void onReadable(Direction &direction);
    void flush(Direction &direction);
    void fail();
    void checkFinished();

    int m_clientFd;
    int m_upstreamFd;
    std::array<Direction, 2> m_directions; // [0] client → upstream, [1] upstream → client
    QElapsedTimer m_lastActivity;
    bool m_finished = false;
};

} // namespace Paddock::Proxy
