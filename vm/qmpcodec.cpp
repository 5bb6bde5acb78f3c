#include "vm/qmpcodec.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Paddock::Vm {

bool QmpCodec::feed(const QByteArray &bytes)
{
    if (!m_error.isEmpty())
        return false;
    m_buffer += bytes;
    qsizetype start = 0;
    for (qsizetype end = m_buffer.indexOf('\n'); end >= 0; end = m_buffer.indexOf('\n', start)) {
        QByteArray line = m_buffer.mid(start, end - start);
        start = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        auto message = parseLine(line, &m_error);
        if (!message) {
            m_buffer.clear();
            return false;
        }
        m_messages.append(std::move(*message));
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > maxLineBytes) {
        m_buffer.clear();
        m_error = tr("QEMU sent a message longer than %1 bytes.").arg(maxLineBytes);
        return false;
    }
    return true;
}

QList<QmpMessage> QmpCodec::takeMessages()
{
    return std::exchange(m_messages, {});
}

QByteArray QmpCodec::encodeCommand(const QString &command, qint64 id, const QJsonObject &arguments)
{
    QJsonObject object{{u"execute"_s, command}, {u"id"_s, id}};
    if (!arguments.isEmpty())
        object.insert(u"arguments"_s, arguments);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + "\r\n";
}

std::optional<QmpMessage> QmpCodec::parseLine(const QByteArray &line, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<QmpMessage> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(tr("QEMU sent something that is not a QMP message (%1).").arg(parseError.errorString()));
    const QJsonObject object = document.object();
    QmpMessage message;
    const QJsonValue id = object.value(u"id"_s);
    message.id = id.isDouble() ? qint64(id.toDouble()) : -1;
    if (object.contains(u"QMP"_s)) {
        message.kind = QmpMessage::Kind::Greeting;
        message.value = object.value(u"QMP"_s).toObject();
    } else if (object.contains(u"return"_s)) {
        message.kind = QmpMessage::Kind::Return;
        const QJsonValue value = object.value(u"return"_s);
        message.value = value.isObject() ? value.toObject() : QJsonObject{{u"value"_s, value}};
    } else if (object.contains(u"error"_s)) {
        message.kind = QmpMessage::Kind::Error;
        const QJsonObject failure = object.value(u"error"_s).toObject();
        message.errorClass = failure.value(u"class"_s).toString();
        message.errorText = failure.value(u"desc"_s).toString();
    } else if (object.value(u"event"_s).isString()) {
        message.kind = QmpMessage::Kind::Event;
        message.event = object.value(u"event"_s).toString();
        message.eventData = object.value(u"data"_s).toObject();
    } else {
        return fail(tr("QEMU sent a QMP message of an unknown kind."));
    }
    return message;
}

} // namespace Paddock::Vm
