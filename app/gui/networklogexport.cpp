#include "app/gui/networklogexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

// RFC 4180 §2: a field with a comma, a quote or a line break is quoted, its quotes doubled.
QString csvField(QString text)
{
    // SECURITY: hosts, paths and methods come from the agent; a cell starting with = + - @ would be run as
    // a formula by a spreadsheet that opens the file, so it is kept as text (OWASP's CSV injection advice).
    if (!text.isEmpty() && (text.front() == u'=' || text.front() == u'+' || text.front() == u'-' ||
                            text.front() == u'@' || text.front() == u'\t' || text.front() == u'\r'))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        return u'"' + text.replace(u'"', u"\"\""_s) + u'"';
    return text;
}

} // namespace

QByteArray NetworkLogExport::toCsv(const QList<Proxy::DecisionEvent> &events)
{
    // The audit log's field names, so a script reads either the same way.
    QString csv = u"time,sandbox,verdict,method,host,port,path,rule,reason,bytesUp,bytesDown\r\n"_s;
    for (const Proxy::DecisionEvent &event : events) {
        const QStringList fields{event.time.toUTC().toString(Qt::ISODateWithMs),
                                 csvField(event.sandbox),
                                 Proxy::DecisionEvent::verdictName(event.verdict),
                                 csvField(event.method),
                                 csvField(event.host),
                                 QString::number(event.port),
                                 csvField(event.path),
                                 csvField(event.rule),
                                 csvField(event.reason),
                                 QString::number(event.bytesUp),
                                 QString::number(event.bytesDown)};
        csv += fields.join(u',') + u"\r\n"_s;
    }
    return csv.toUtf8();
}

QByteArray NetworkLogExport::toJson(const QList<Proxy::DecisionEvent> &events)
{
    QJsonArray array;
    for (const Proxy::DecisionEvent &event : events)
        array.append(event.toJson());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

Core::Result<> NetworkLogExport::write(const QString &path, Format format,
                                       const QList<Proxy::DecisionEvent> &events)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Core::fail(Core::ErrorCode::Io,
                          tr("Cannot write %1: %2. Choose another folder.").arg(path, file.errorString()));
    file.write(format == Format::Csv ? toCsv(events) : toJson(events));
    if (!file.commit())
        return Core::fail(Core::ErrorCode::Io,
                          tr("Cannot write %1: %2. Choose another folder.").arg(path, file.errorString()));
    return {};
}

} // namespace Paddock::App
