#pragma once

// Helpers for tests that run real sandboxes and talk to them.

#include <QByteArray>
#include <QTcpServer>
#include <QTcpSocket>

#include <poll.h>
#include <unistd.h>

namespace Paddock::Test {

// A loopback origin on the host, the kind of service a sandbox must never reach directly: reachable from a
// sandbox only through the proxy, and only with a CIDR rule. Answers every request with "hello-from-origin".
class LoopbackOrigin : public QTcpServer
{
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(descriptor);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            socket->write(
                "HTTP/1.1 200 OK\r\nContent-Length: 17\r\nConnection: close\r\n\r\nhello-from-origin");
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
};

// What a descriptor delivers: waits up to waitMs for the first bytes, then 50 ms for each further chunk.
inline QByteArray readAvailable(int fd, int waitMs)
{
    QByteArray data;
    pollfd watched{fd, POLLIN, 0};
    while (::poll(&watched, 1, waitMs) > 0) {
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        data.append(buffer, n);
        waitMs = 50;
    }
    return data;
}

} // namespace Paddock::Test
