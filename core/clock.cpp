#include "core/clock.h"

#include <QDeadlineTimer>

namespace Paddock::Core {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::monotonicMs() const
{
    return QDeadlineTimer::current().deadline();
}

} // namespace Paddock::Core
