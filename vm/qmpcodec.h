#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Paddock::Vm {

// One message from QEMU's machine protocol (QMP): the greeting, the answer to a command, or an event.
struct QmpMessage
{
    enum class Kind { Greeting, Return, Error, Event };
    Kind kind = Kind::Event;
    qint64 id = -1;        // Return and Error: the command's id (-1 when QEMU could not tell)
    QJsonObject value;     // Greeting: the "QMP" object; Return: "return" (an object, or {"value": …})
    QString errorClass;    // Error: e.g. "CommandNotFound"
    QString errorText;     // Error: QEMU's description
    QString event;         // Event: e.g. "SHUTDOWN"
    QJsonObject eventData; // Event: "data"
};

// QMP without I/O: feed it what the socket read, take the messages out; encode commands to write. QEMU's
// output is data (a guest can shape some event fields): lines are bounded, anything malformed is an error,
// never a crash.
class QmpCodec
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Vm::QmpCodec)

public:
    static constexpr qsizetype maxLineBytes = 1024 * 1024;

    // Appends bytes; false (and every later call false) once the stream is malformed or a line too long.
    bool feed(const QByteArray &bytes);
    // The complete messages parsed so far, oldest first.
    QList<QmpMessage> takeMessages();
    QString error() const { return m_error; }

    // {"execute": command, "arguments": arguments, "id": id} and the line end QMP expects.
    static QByteArray encodeCommand(const QString &command, qint64 id, const QJsonObject &arguments = {});
    // One line (without its line end) as a message, or nothing with why in error.
    static std::optional<QmpMessage> parseLine(const QByteArray &line, QString *error = nullptr);

private:
    QByteArray m_buffer;
    QList<QmpMessage> m_messages;
    QString m_error;
};

} // namespace Paddock::Vm
