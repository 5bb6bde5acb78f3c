#include "vm/virtiofsdaemon.h"

#include "vm/unixlistener.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>

#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

constexpr int startTimeoutMs = 5'000;
constexpr qsizetype maxSaid = 8 * 1024;
constexpr char readyLine[] = "Waiting for vhost-user socket connection";

} // namespace

QStringList VirtioFsDaemon::knownPrograms()
{
    return {u"/usr/lib/qemu/virtiofsd"_s, u"/usr/libexec/virtiofsd"_s};
}

QString VirtioFsDaemon::findProgram(bool emulated)
{
    if (qEnvironmentVariableIsSet("PADDOCK_VIRTIOFSD")) {
        const QString chosen = qEnvironmentVariable("PADDOCK_VIRTIOFSD");
        return chosen == u"off"_s ? QString() : chosen;
    }
    if (emulated)
        return {};
    for (const QString &program : knownPrograms())
        if (QFileInfo(program).isExecutable())
            return program;
    return {};
}

VirtioFsDaemon::VirtioFsDaemon(QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
{
    m_process->setReadChannel(QProcess::StandardError);
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this] { m_said = QByteArray(m_said + m_process->readAllStandardError()).right(maxSaid); });
}

VirtioFsDaemon::~VirtioFsDaemon()
{
    stop(0);
}

Core::Result<> VirtioFsDaemon::start(const QString &program, const QString &folder, const QString &socketPath)
{
    const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
    if (unshare.isEmpty())
        return Core::fail(Core::ErrorCode::Unavailable, tr("unshare (util-linux) is not installed."));
    const int listener = listenOnUnixSocket(socketPath, false); // virtiofsd accepts blocking
    if (listener < 0)
        return Core::fail(Core::ErrorCode::Io, tr("Cannot listen on %1.").arg(socketPath));
    const auto closeListener = qScopeGuard([listener] { ::close(listener); }); // the daemon holds its copy
    m_process->setProgram(unshare);
    m_process->setArguments({u"--map-root-user"_s, program, u"--fd=%1"_s.arg(listener), u"-o"_s,
                             u"source="_s + folder, u"-o"_s, u"cache=auto"_s, u"-o"_s,
                             u"sandbox=namespace"_s});
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setChildProcessModifier([listener] {
        // Cleanup: it dies with the thread that started it, as QEMU does; and it inherits the socket.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::fcntl(listener, F_SETFD, 0);
    });
    m_said.clear();
    m_process->start();
    if (!m_process->waitForStarted(startTimeoutMs))
        return Core::fail(Core::ErrorCode::Unavailable,
                          tr("%1 could not be started: %2").arg(unshare, m_process->errorString()));
    const QDeadlineTimer deadline(startTimeoutMs);
    while (!m_said.contains(readyLine)) {
        if (m_process->state() == QProcess::NotRunning || deadline.hasExpired()) {
            stop(0);
            return Core::fail(
                Core::ErrorCode::Unavailable,
                tr("virtiofsd did not start: %1").arg(QString::fromLocal8Bit(m_said).trimmed().right(500)));
        }
        if (m_process->waitForReadyRead(int(std::max<qint64>(deadline.remainingTime(), 1))))
            m_said = QByteArray(m_said + m_process->readAllStandardError()).right(maxSaid);
    }
    return {};
}

void VirtioFsDaemon::stop(int timeoutMs)
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    if (timeoutMs > 0 && m_process->waitForFinished(timeoutMs))
        return;
    m_process->kill(); // its sandboxed child gets SIGTERM from the kernel as its parent dies
    m_process->waitForFinished(3'000);
}

bool VirtioFsDaemon::isRunning() const
{
    return m_process->state() != QProcess::NotRunning;
}

} // namespace Paddock::Vm
