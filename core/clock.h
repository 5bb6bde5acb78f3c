#pragma once

#include <QDateTime>

namespace Paddock::Core {

// The source of "now", injected so that tests never sleep.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    // Monotonic milliseconds for timeouts and durations.
    virtual qint64 monotonicMs() const = 0;
};

// The real clock.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    qint64 monotonicMs() const override;
};

// A clock tests move by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC))
        : m_now(start)
    {}
    QDateTime now() const override { return m_now; }
    qint64 monotonicMs() const override { return m_monotonicMs; }
    void advanceMs(qint64 ms)
    {
        m_now = m_now.addMSecs(ms);
        m_monotonicMs += ms;
    }

private:
    QDateTime m_now;
    qint64 m_monotonicMs = 0;
};

} // namespace Paddock::Core
