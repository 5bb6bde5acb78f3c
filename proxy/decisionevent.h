#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Paddock::Proxy {

// One proxy decision, for the live log, the review summary and the JSON-lines audit file.
struct DecisionEvent
{
    enum class Verdict { Allow, Deny, Error };

    QDateTime time;
    QString sandbox;
    QString method;
    QString host;
    quint16 port = 0;
    QString path;
    QString rule;   // the winning rule's text, or a reason such as "address vetting"
    QString reason; // a sentence: why this verdict
    Verdict verdict = Verdict::Deny;
    qint64 bytesUp = 0;
    qint64 bytesDown = 0;
    QString secretKind; // a deny by the secret scanner: what it found, e.g. "GitHub personal access token"
    // Made before its sandbox counted as started: the start-up self-test's probes, not the agent's.
    bool startingUp = false;

    QJsonObject toJson() const;
    static std::optional<DecisionEvent> fromJson(const QJsonObject &object);
    static QString verdictName(Verdict verdict);
};

} // namespace Paddock::Proxy

Q_DECLARE_METATYPE(Paddock::Proxy::DecisionEvent)
