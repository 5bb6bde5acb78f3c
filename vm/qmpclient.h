#pragma once

#include "core/result.h"
#include "vm/qmpcodec.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>

class QLocalSocket;

namespace Paddock::Vm {

// A QMP connection to one QEMU over its Unix socket: the greeting, capabilities negotiation, commands with
// their answers, and events. Commands given before the connection is ready wait for it.
class QmpClient : public QObject
{
    Q_OBJECT

public:
    using Reply = std::function<void(const Core::Result<QJsonObject> &)>;

    explicit QmpClient(QObject *parent = nullptr);
    ~QmpClient() override;

    void connectTo(const QString &socketPath);
    bool isReady() const { return m_ready; }
    // QEMU's version from its greeting, e.g. "7.2.22".
    QString version() const { return m_version; }

    // Sends command; reply gets QEMU's "return" value or its error (also when the connection ends first).
    void execute(const QString &command, const QJsonObject &arguments = {}, Reply reply = {});
    // execute() waiting for the answer in a local event loop, at most timeoutMs.
    Core::Result<QJsonObject> executeAndWait(const QString &command, const QJsonObject &arguments = {},
                                             int timeoutMs = 5000);
    // Waits in a local event loop until ready() or failed(), at most timeoutMs.
    bool waitForReady(int timeoutMs);
    // Handles what QEMU wrote before it exited and is not read yet (its last events).
    void drain();

Q_SIGNALS:
    void ready();
    void event(const QString &name, const QJsonObject &data);
    void failed(const QString &why); // the connection ended or QEMU spoke something else than QMP

private:
    void onReadyRead();
    void handle(const QmpMessage &message);
    void fail(const QString &why);
    void send(const QString &command, const QJsonObject &arguments, Reply reply);

    QLocalSocket *m_socket;
    QmpCodec m_codec;
    bool m_ready = false;
    bool m_failed = false;
    QString m_version;
    qint64 m_nextId = 1;
    QHash<qint64, Reply> m_pending;
    QList<std::tuple<QString, QJsonObject, Reply>> m_queued; // until ready
};

} // namespace Paddock::Vm
