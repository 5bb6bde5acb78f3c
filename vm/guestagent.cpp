#include "vm/guestagent.h"

#include "vm/agentlink.h"
#include "vm/sessionbridge.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLocalSocket>
#include <QTimer>

#include <algorithm>
#include <condition_variable>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

// What the agent's thread reports to the thread that waits for it.
struct GuestAgent::Shared
{
    std::mutex mutex;
    std::condition_variable changed;
    bool ready = false;
    bool shutDown = false;
    QString failure;
    QList<int> ports; // the guest's listening ports, as it reports them

    void report(const std::function<void(Shared &)> &change)
    {
        {
            std::lock_guard lock(mutex);
            change(*this);
        }
        changed.notify_all();
    }
    // Waits until done() holds or the time is up; false on time-out. The calling thread's events are handled
    // meanwhile, except user input (which waits): a window repaints and other sandboxes' terminals go on
    // while a machine boots, and no click re-enters the caller.
    bool waitFor(int timeoutMs, const std::function<bool(const Shared &)> &done)
    {
        const QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            {
                std::unique_lock lock(mutex);
                const auto slice =
                    std::chrono::milliseconds(std::clamp<qint64>(deadline.remainingTime(), 0, 15));
                if (changed.wait_for(lock, slice, [&] { return done(*this); }))
                    return true;
            }
            if (deadline.hasExpired())
                return false;
            if (QCoreApplication::instance())
                QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        }
    }
};

GuestAgent::GuestAgent(Options options)
    : m_options(std::move(options))
    , m_shared(std::make_shared<Shared>())
{
    m_thread.setObjectName(u"guest-agent"_s);
}

GuestAgent::~GuestAgent()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_link, [this] { delete m_bridge, delete m_link; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

Core::Result<> GuestAgent::connectAndWait(const QString &agentSocket, int timeoutMs)
{
    return start(agentSocket, -1, timeoutMs);
}

Core::Result<> GuestAgent::attachAndWait(qintptr descriptor, int timeoutMs)
{
    return start({}, descriptor, timeoutMs);
}

Core::Result<> GuestAgent::start(const QString &agentSocket, qintptr descriptor, int timeoutMs)
{
    if (m_thread.isRunning())
        return Core::fail(Core::ErrorCode::AlreadyExists, tr("The guest agent is connected already."));
    m_link = new AgentLink(m_options.proxySocket);
    m_bridge = new SessionBridge(m_link, m_options.environment);
    m_link->moveToThread(&m_thread);
    m_bridge->moveToThread(&m_thread);
    const std::shared_ptr<Shared> shared = m_shared;
    QObject::connect(m_link, &AgentLink::ready, m_link,
                     [shared] { shared->report([](Shared &s) { s.ready = true; }); });
    QObject::connect(m_link, &AgentLink::failed, m_link, [shared](const QString &reason) {
        shared->report([&reason](Shared &s) {
            if (s.failure.isEmpty())
                s.failure = reason;
        });
    });
    QObject::connect(m_link, &AgentLink::shutDown, m_link,
                     [shared] { shared->report([](Shared &s) { s.shutDown = true; }); });
    QObject::connect(m_link, &AgentLink::portChanged, m_link, [shared](int port, bool listening) {
        shared->report([port, listening](Shared &s) {
            s.ports.removeAll(port);
            if (listening)
                s.ports.append(port);
        });
    });
    m_thread.start();

    const QString controlSocket = m_options.controlSocket;
    bool listening = false;
    const QDeadlineTimer deadline(timeoutMs);
    QMetaObject::invokeMethod(
        m_link,
        [this, &listening, controlSocket, agentSocket, descriptor, deadline, shared] {
            listening = m_bridge->listen(controlSocket);
            auto *socket = new QLocalSocket(m_link);
            if (descriptor >= 0) {
                socket->setSocketDescriptor(descriptor);
                m_link->attach(socket);
                return;
            }
            // QEMU's socket exists from bind(), a moment before it listens: refused is tried again.
            auto *retry = new QTimer(socket);
            retry->setInterval(20);
            retry->setSingleShot(true);
            QObject::connect(retry, &QTimer::timeout, socket,
                             [socket, agentSocket] { socket->connectToServer(agentSocket); });
            const auto failed = QObject::connect(
                socket, &QLocalSocket::errorOccurred, socket,
                [socket, retry, deadline, shared](QLocalSocket::LocalSocketError) {
                    if (!deadline.hasExpired())
                        return retry->start();
                    shared->report([socket](Shared &s) {
                        s.failure = tr("Cannot reach the microVM's agent: %1").arg(socket->errorString());
                    });
                });
            QObject::connect(socket, &QLocalSocket::connected, m_link, [this, socket, retry, failed] {
                QObject::disconnect(failed);
                delete retry;
                m_link->attach(socket);
            });
            socket->connectToServer(agentSocket);
        },
        Qt::BlockingQueuedConnection);
    if (!listening)
        return Core::fail(Core::ErrorCode::Io, tr("Cannot serve sessions on %1.").arg(controlSocket));
    const bool answered = m_shared->waitFor(int(std::max<qint64>(0, deadline.remainingTime())),
                                            [](const Shared &s) { return s.ready || !s.failure.isEmpty(); });
    std::lock_guard lock(m_shared->mutex);
    if (!m_shared->failure.isEmpty())
        return Core::fail(Core::ErrorCode::Unavailable, m_shared->failure);
    if (!answered)
        return Core::fail(
            Core::ErrorCode::Unavailable,
            tr("The sandbox's agent did not become ready within %1 seconds.").arg(timeoutMs / 1000));
    return {};
}

QList<int> GuestAgent::listeningPorts() const
{
    std::lock_guard lock(m_shared->mutex);
    QList<int> ports = m_shared->ports;
    std::sort(ports.begin(), ports.end());
    return ports;
}

bool GuestAgent::shutdown(int timeoutMs)
{
    if (!m_thread.isRunning())
        return false;
    QMetaObject::invokeMethod(m_link, [this] { m_link->shutdown(); });
    // A link that is gone already (a crashed guest) cannot answer: no use waiting for it.
    m_shared->waitFor(timeoutMs, [](const Shared &s) { return s.shutDown || !s.failure.isEmpty(); });
    std::lock_guard lock(m_shared->mutex);
    return m_shared->shutDown;
}

} // namespace Paddock::Vm
