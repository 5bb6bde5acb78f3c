#include "vm/publishedport.h"

#include "vm/guestsession.h"

#include <QHostAddress>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::Vm {

PublishedPort::PublishedPort(const QString &controlSocket, int sandboxPort)
    : m_controlSocket(controlSocket)
    , m_sandboxPort(sandboxPort)
{}

PublishedPort::~PublishedPort()
{
    close();
    m_sessions.clear(); // the guest hangs each relay up
}

Result<std::unique_ptr<PublishedPort>> PublishedPort::open(const QString &controlSocket, int sandboxPort,
                                                           int hostPort)
{
    if (sandboxPort < 1 || sandboxPort > 65535 || hostPort < 0 || hostPort > 65535)
        return fail(ErrorCode::InvalidArgument, tr("A port is a number from 1 to 65535."));
    std::unique_ptr<PublishedPort> port(new PublishedPort(controlSocket, sandboxPort));
    // Loopback only: a published port is for this computer, never for the network it is on.
    const bool listening = hostPort != 0 ? port->listen(QHostAddress::LocalHost, quint16(hostPort))
                                         : port->listen(QHostAddress::LocalHost, quint16(sandboxPort)) ||
                                               port->listen(QHostAddress::LocalHost, 0);
    if (!listening)
        return fail(ErrorCode::Unavailable, tr("Cannot listen on 127.0.0.1:%1 on this computer: %2")
                                                .arg(hostPort != 0 ? hostPort : sandboxPort)
                                                .arg(port->errorString()));
    return port;
}

void PublishedPort::incomingConnection(qintptr descriptor)
{
    const int socket = int(descriptor);
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    SessionOptions options;
    options.command = {u"/run/paddock/paddock-guest"_s, u"connect"_s, QString::number(m_sandboxPort)};
    options.workingDirectory = u"/"_s;
    options.descriptors = {socket, socket, devNull};
    // Not waiting for the guest to start it: a browser opens several connections at once, and an emulated
    // microVM takes a while to start each relay.
    auto session = GuestSession::begin(m_controlSocket, options);
    ::close(devNull);
    ::close(socket); // the guest (or the bridge) holds its own copies now; on failure the client sees a close
    if (!session)
        return;
    const quint64 id = m_nextSession++;
    GuestSession *raw = session->get();
    const auto forget = [this, id] {
        // Not from within the session's own signal: it is still on the stack.
        QMetaObject::invokeMethod(
            this, [this, id] { m_sessions.erase(id); }, Qt::QueuedConnection);
    };
    connect(raw, &GuestSession::exited, this, forget);
    connect(raw, &GuestSession::failed, this, forget);
    m_sessions.emplace(id, std::move(*session));
}

} // namespace Paddock::Vm
