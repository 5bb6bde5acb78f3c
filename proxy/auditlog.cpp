#include "proxy/auditlog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

AuditLog::AuditLog(QString path, qint64 maxBytes, int keep)
    : m_path(std::move(path))
    , m_maxBytes(maxBytes)
    , m_keep(keep)
{}

Core::Result<> AuditLog::open()
{
    if (m_file.isOpen()) // a host that tries again for the control socket
        return {};
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    // A device such as /dev/null cannot seek to its end: open it plainly.
    const bool regular = !QFileInfo::exists(m_path) || QFileInfo(m_path).isFile();
    if (!m_file.open(regular ? QIODevice::WriteOnly | QIODevice::Append : QIODevice::WriteOnly))
        return Core::fail(Core::ErrorCode::Io,
                          tr("Cannot open the audit log %1: %2.").arg(m_path, m_file.errorString()));
    return {};
}

void AuditLog::rotate()
{
    m_file.close();
    QFile::remove(m_path + u'.' + QString::number(m_keep));
    for (int i = m_keep - 1; i >= 1; --i)
        QFile::rename(m_path + u'.' + QString::number(i), m_path + u'.' + QString::number(i + 1));
    QFile::rename(m_path, m_path + u".1"_s);
    m_file.open(QIODevice::WriteOnly | QIODevice::Append);
}

void AuditLog::append(const DecisionEvent &event)
{
    if (!m_file.isOpen())
        return;
    if (m_file.isSequential() == false && m_file.size() > m_maxBytes && QFileInfo(m_path).isFile())
        rotate();
    m_file.write(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

QList<DecisionEvent> AuditLog::parse(const QByteArray &lines)
{
    QList<DecisionEvent> events;
    for (const QByteArray &line : lines.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject())
            continue;
        if (auto event = DecisionEvent::fromJson(document.object()))
            events.append(*event);
    }
    return events;
}

} // namespace Paddock::Proxy
