#pragma once

#include "core/result.h"
#include "proxy/decisionevent.h"

#include <QCoreApplication>
#include <QFile>

namespace Paddock::Proxy {

// Appends every decision as one JSON line; rotates at maxBytes, keeping `keep` old files (audit.jsonl.1, …).
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::AuditLog)

public:
    explicit AuditLog(QString path, qint64 maxBytes = 10 * 1024 * 1024, int keep = 5);

    Core::Result<> open();
    void append(const DecisionEvent &event);
    QString path() const { return m_path; }

    // Parses JSON lines; malformed lines are skipped (the file may be cut by a crash mid-line).
    static QList<DecisionEvent> parse(const QByteArray &lines);

private:
    void rotate();

    QString m_path;
    qint64 m_maxBytes;
    int m_keep;
    QFile m_file;
};

} // namespace Paddock::Proxy
