#pragma once

#include "core/result.h"
#include "proxy/decisionevent.h"

#include <QCoreApplication>
#include <QList>

namespace Paddock::App {

// The network log as a file: CSV for spreadsheets (RFC 4180), or JSON in the audit log's field names.
class NetworkLogExport
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::App::NetworkLogExport)

public:
    enum class Format { Csv, Json };

    static QByteArray toCsv(const QList<Proxy::DecisionEvent> &events);
    static QByteArray toJson(const QList<Proxy::DecisionEvent> &events);
    // Written atomically: a failed export leaves an existing file as it was.
    static Core::Result<> write(const QString &path, Format format,
                                const QList<Proxy::DecisionEvent> &events);
};

} // namespace Paddock::App
