#include "proxy/descriptortunnel.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Paddock::Proxy {

DescriptorTunnel::DescriptorTunnel(int clientFd, int upstreamFd, QObject *parent)
    : QObject(parent)
    , m_clientFd(clientFd)
    , m_upstreamFd(upstreamFd)
{
    m_lastActivity.start();
    const std::array<std::pair<int, int>, 2> ends{{{clientFd, upstreamFd}, {upstreamFd, clientFd}}};
    for (int fd : {clientFd, upstreamFd})
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    for (std::size_t i = 0; i < ends.size(); ++i) {
        Direction &direction = m_directions[i];
        direction.from = ends[i].first;
        direction.to = ends[i].second;
        direction.buffer = std::make_unique<char[]>(bufferBytes);
        direction.readable = std::make_unique<QSocketNotifier>(direction.from, QSocketNotifier::Read);
        direction.writable = std::make_unique<QSocketNotifier>(direction.to, QSocketNotifier::Write);
        direction.writable->setEnabled(false);
        connect(direction.readable.get(), &QSocketNotifier::activated, this,
                [this, &direction] { onReadable(direction); });
        connect(direction.writable.get(), &QSocketNotifier::activated, this,
                [this, &direction] { flush(direction); });
    }
}

DescriptorTunnel::~DescriptorTunnel()
{
    for (Direction &direction : m_directions) {
        direction.readable.reset(); // notifiers go before their descriptors
        direction.writable.reset();
    }
    ::close(m_clientFd);
    ::close(m_upstreamFd);
}

void DescriptorTunnel::onReadable(Direction &direction)
{
    const ssize_t n = ::read(direction.from, direction.buffer.get(), std::size_t(bufferBytes));
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            fail();
        return;
    }
    m_lastActivity.start();
    direction.readable->setEnabled(false); // until the buffer is written out
    if (n == 0)
        direction.ended = true;
    direction.start = 0;
    direction.end = n;
    direction.bytes += n;
    flush(direction);
}

void DescriptorTunnel::flush(Direction &direction)
{
    while (direction.start < direction.end) {
        // MSG_NOSIGNAL: a peer that went away is an error to handle, not a SIGPIPE.
        const ssize_t n = ::send(direction.to, direction.buffer.get() + direction.start,
                                 std::size_t(direction.end - direction.start), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                direction.writable->setEnabled(true);
                return;
            }
            fail();
            return;
        }
        direction.start += n;
        m_lastActivity.start();
    }
    direction.writable->setEnabled(false);
    if (direction.ended) {
        ::shutdown(direction.to, SHUT_WR); // pass the half-close on
        direction.done = true;
        checkFinished();
        return;
    }
    direction.readable->setEnabled(true);
}

void DescriptorTunnel::fail()
{
    for (Direction &direction : m_directions) {
        direction.readable->setEnabled(false);
        direction.writable->setEnabled(false);
        direction.done = true;
    }
    checkFinished();
}

void DescriptorTunnel::checkFinished()
{
    if (m_finished || !m_directions[0].done || !m_directions[1].done)
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace Paddock::Proxy
