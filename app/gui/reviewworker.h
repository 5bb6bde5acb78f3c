#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

#include <utility>

namespace Paddock::App {

// One thread for the review page's git work (import, diff, merge): jobs run one after another, in the order
// given, and each result is handed to a callback on the receiver's thread. Jobs must capture values only.
// Destroying the worker waits for the running job; the ones not started are dropped.
class ReviewWorker
{
public:
    ReviewWorker();
    ~ReviewWorker();
    ReviewWorker(const ReviewWorker &) = delete;
    ReviewWorker &operator=(const ReviewWorker &) = delete;

    // Runs work() on the worker thread, then done(result) on receiver's thread unless receiver is gone.
    template<class Work, class Done>
    void run(QObject *receiver, Work work, Done done)
    {
        QMetaObject::invokeMethod(
            m_context,
            [receiver, work = std::move(work), done = std::move(done)]() mutable {
                auto result = work();
                // receiver is only dereferenced on its own thread; it owns this worker and so outlives the
                // thread, and a call queued to it is dropped when it is destroyed.
                QMetaObject::invokeMethod(
                    receiver,
                    [done = std::move(done), result = std::move(result)]() mutable {
                        done(std::move(result));
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

private:
    QThread m_thread;
    QObject *m_context; // lives on m_thread
};

} // namespace Paddock::App
