#include "vm/qemumachine.h"

#include "vm/microvmcommand.h"
#include "vm/qmpclient.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

namespace {

constexpr qint64 maxLogBytes = 64 * 1024;

} // namespace

QemuMachine::QemuMachine(QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
    , m_qmp(new QmpClient(this))
{
    connect(m_qmp, &QmpClient::event, this, [this](const QString &name, const QJsonObject &data) {
        if (name == u"SHUTDOWN"_s) {
            m_shutdownReason = data.value(u"reason"_s).toString();
        } else if (name == u"BLOCK_IO_ERROR"_s && data.value(u"nospace"_s).toBool() &&
                   data.value(u"action"_s).toString() == u"stop"_s && !m_pausedForSpace) {
            m_pausedForSpace = true; // every write that was in flight reports it: one signal
            Q_EMIT pausedForSpace(data.value(u"device"_s).toString().isEmpty()
                                      ? data.value(u"node-name"_s).toString()
                                      : data.value(u"device"_s).toString());
        } else if (name == u"RESUME"_s && m_pausedForSpace) {
            m_pausedForSpace = false;
            Q_EMIT resumed();
        }
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (m_stopping)
            return;
        m_qmp->drain(); // the SHUTDOWN event says why, and may still be unread
        const QString reason =
            status == QProcess::CrashExit             ? tr("QEMU stopped unexpectedly (signal or crash).")
            : m_shutdownReason == u"guest-shutdown"_s ? tr("The machine powered off.")
            : m_shutdownReason == u"guest-panic"_s    ? tr("The machine's kernel panicked.")
                                                      : tr("QEMU exited with code %1.").arg(code);
        Q_EMIT ended(reason);
    });
}

QemuMachine::~QemuMachine()
{
    if (isRunning())
        stop(0, 1'000);
}

Core::Result<> QemuMachine::start(const Options &options)
{
    if (isRunning())
        return Core::fail(Core::ErrorCode::AlreadyExists, tr("The machine already runs."));
    const QString qmpSocket = QDir(options.runtimeDirectory).filePath(u"qmp.sock"_s);
    m_logPath = QDir(options.runtimeDirectory).filePath(u"qemu.log"_s);
    QFile::remove(qmpSocket);
    m_process->setProgram(options.program);
    m_process->setArguments(options.arguments + QStringList{u"-qmp"_s, u"unix:%1,server=on,wait=off"_s.arg(
                                                                           qemuOptionValue(qmpSocket))});
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_logPath);
    m_process->setChildProcessModifier([hugePages = options.hugePages] {
        // SECURITY/cleanup: the kernel kills QEMU when the thread that started it dies, even by SIGKILL, so
        // no machine outlives Paddock. (Start machines from a thread that lives as long as they should.)
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (!hugePages) // kept across exec; QEMU's MADV_HUGEPAGE on the guest's memory is then ignored
            ::prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
    });
    m_stopping = false;
    m_shutdownReason.clear();
    // Qt starts the child sharing this process's memory until it execs (vfork), and that setting belongs to
    // the memory: this process's own is put back afterwards.
    const int hadHugePagesOff = ::prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0);
    m_process->start();
    if (!options.hugePages)
        ::prctl(PR_SET_THP_DISABLE, hadHugePagesOff > 0 ? 1 : 0, 0, 0, 0);
    const auto failure = [this](const QString &why) {
        const QString said = log().trimmed();
        m_stopping = true;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(3'000);
        }
        return Core::fail(Core::ErrorCode::Unavailable, said.isEmpty() ? why : why + u' ' + said);
    };
    if (!m_process->waitForStarted(options.startTimeoutMs))
        return failure(
            tr("QEMU (%1) could not be started: %2.").arg(options.program, m_process->errorString()));
    // QEMU creates the socket while it sets the machine up; a QEMU that fails exits before.
    const QDeadlineTimer deadline(options.startTimeoutMs);
    while (!QFileInfo::exists(qmpSocket)) {
        if (m_process->state() == QProcess::NotRunning || deadline.hasExpired())
            return failure(tr("QEMU did not start the machine."));
        m_process->waitForFinished(10);
    }
    // The socket file exists from bind() on, a moment before QEMU listens: a refused connection is tried
    // again.
    for (;;) {
        m_qmp->connectTo(qmpSocket);
        if (m_qmp->waitForReady(int(std::max<qint64>(deadline.remainingTime(), 1'000))))
            return {};
        if (m_process->state() == QProcess::NotRunning || deadline.hasExpired())
            return failure(tr("QEMU's QMP did not answer."));
        m_process->waitForFinished(10);
    }
}

bool QemuMachine::waitForExit(int timeoutMs)
{
    return m_process->state() == QProcess::NotRunning || m_process->waitForFinished(timeoutMs);
}

void QemuMachine::stop(int powerDownTimeoutMs, int quitTimeoutMs)
{
    if (!isRunning())
        return;
    m_stopping = true;
    if (m_qmp->isReady() && powerDownTimeoutMs > 0) {
        m_qmp->execute(u"system_powerdown"_s);
        if (waitForExit(powerDownTimeoutMs))
            return;
    }
    if (m_qmp->isReady()) {
        m_qmp->execute(u"quit"_s);
        if (waitForExit(quitTimeoutMs))
            return;
    }
    m_process->kill();
    m_process->waitForFinished(5'000);
}

void QemuMachine::resume()
{
    if (m_qmp->isReady())
        m_qmp->execute(u"cont"_s);
}

bool QemuMachine::isRunning() const
{
    return m_process->state() != QProcess::NotRunning;
}

qint64 QemuMachine::processId() const
{
    return m_process->processId();
}

QString QemuMachine::log() const
{
    QFile file(m_logPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    if (file.size() > maxLogBytes)
        file.seek(file.size() - maxLogBytes);
    return QString::fromUtf8(file.readAll());
}

} // namespace Paddock::Vm
