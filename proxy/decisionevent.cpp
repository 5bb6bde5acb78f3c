#include "proxy/decisionevent.h"

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

QString DecisionEvent::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Allow:
        return u"allow"_s;
    case Verdict::Deny:
        return u"deny"_s;
    case Verdict::Error:
        return u"error"_s;
    }
    return u"error"_s;
}

QJsonObject DecisionEvent::toJson() const
{
    QJsonObject object{
        {u"time"_s, time.toUTC().toString(Qt::ISODateWithMs)},
        {u"sandbox"_s, sandbox},
        {u"method"_s, method},
        {u"host"_s, host},
        {u"port"_s, int(port)},
        {u"path"_s, path},
        {u"rule"_s, rule},
        {u"reason"_s, reason},
        {u"verdict"_s, verdictName(verdict)},
        {u"bytesUp"_s, bytesUp},
        {u"bytesDown"_s, bytesDown},
    };
    if (!secretKind.isEmpty())
        object.insert(u"secret"_s, secretKind);
    if (startingUp)
        object.insert(u"startingUp"_s, true);
    return object;
}

std::optional<DecisionEvent> DecisionEvent::fromJson(const QJsonObject &object)
{
    DecisionEvent event;
    event.time = QDateTime::fromString(object.value(u"time"_s).toString(), Qt::ISODateWithMs);
    const QString verdict = object.value(u"verdict"_s).toString();
    if (!event.time.isValid() || (verdict != "allow"_L1 && verdict != "deny"_L1 && verdict != "error"_L1))
        return std::nullopt;
    event.verdict = verdict == "allow"_L1  ? Verdict::Allow
                    : verdict == "deny"_L1 ? Verdict::Deny
                                           : Verdict::Error;
    event.sandbox = object.value(u"sandbox"_s).toString();
    event.method = object.value(u"method"_s).toString();
    event.host = object.value(u"host"_s).toString();
    const int port = object.value(u"port"_s).toInt(-1);
    if (port < 0 || port > 65535)
        return std::nullopt;
    event.port = quint16(port);
    event.path = object.value(u"path"_s).toString();
    event.rule = object.value(u"rule"_s).toString();
    event.reason = object.value(u"reason"_s).toString();
    event.bytesUp = object.value(u"bytesUp"_s).toInteger();
    event.bytesDown = object.value(u"bytesDown"_s).toInteger();
    event.secretKind = object.value(u"secret"_s).toString();
    event.startingUp = object.value(u"startingUp"_s).toBool();
    return event;
}

} // namespace Paddock::Proxy
