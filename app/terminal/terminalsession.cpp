#include "app/terminal/terminalsession.h"

#include "app/terminal/terminalmodel.h"

#include <QElapsedTimer>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Paddock::Core;

namespace Paddock::App {

TerminalSession::TerminalSession(TerminalModel &model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    connect(&m_model, &TerminalModel::output, this, [this](const QByteArray &bytes) {
        if (!m_pty || m_pty->master() < 0)
            return;
        for (qsizetype done = 0; done < bytes.size();) {
            const ssize_t n =
                ::write(m_pty->master(), bytes.constData() + done, std::size_t(bytes.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return; // the PTY is full or gone: keys are dropped, never the GUI blocked
            done += n;
        }
    });
    connect(&m_model, &TerminalModel::resized, this, [this](int rows, int columns) {
        if (m_pty)
            m_pty->resize(rows, columns);
        if (m_session)
            m_session->resize(rows, columns); // at once: otherwise the size is only looked at now and then
    });
}

TerminalSession::~TerminalSession()
{
    m_notifier.reset();
    m_session.reset();
}

Result<> TerminalSession::start(const QString &controlSocket, const QStringList &command,
                                const QMap<QString, QString> &environment)
{
    m_pty = std::make_unique<Guest::HostPty>();
    std::string error;
    if (!m_pty->open(m_model.rows(), m_model.columns(), error))
        return fail(ErrorCode::Io, QString::fromStdString(error));
    Vm::SessionOptions options;
    options.command = command;
    options.environment = environment;
    options.environment.insert(u"TERM"_s, u"xterm-256color"_s);
    options.terminal = true;
    options.descriptors = {m_pty->slave(), m_pty->slave(), m_pty->slave()};
    auto session = Vm::GuestSession::open(controlSocket, options);
    if (!session)
        return std::unexpected(session.error());
    m_pty->closeSlave();
    m_session = std::move(*session);
    connect(m_session.get(), &Vm::GuestSession::exited, this, [this](int exitCode) {
        readOutput(); // what it printed last
        Q_EMIT finished(exitCode);
    });
    connect(m_session.get(), &Vm::GuestSession::failed, this, &TerminalSession::failed);
    ::fcntl(m_pty->master(), F_SETFL, ::fcntl(m_pty->master(), F_GETFL) | O_NONBLOCK);
    m_notifier = std::make_unique<QSocketNotifier>(m_pty->master(), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &TerminalSession::readOutput);
    return {};
}

void TerminalSession::readOutput()
{
    if (!m_pty || m_pty->master() < 0)
        return;
    char buffer[64 * 1024];
    QElapsedTimer busy;
    busy.start();
    for (qsizetype total = 0; total < maxBytesPerWakeUp && busy.elapsed() < maxMillisecondsPerWakeUp;) {
        const ssize_t n = ::read(m_pty->master(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0 && errno == EIO && m_notifier)
                m_notifier->setEnabled(false); // every process closed the terminal
            return;
        }
        m_model.feed(QByteArrayView(buffer, n));
        total += n;
    }
}

} // namespace Paddock::App
