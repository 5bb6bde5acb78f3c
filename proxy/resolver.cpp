#include "proxy/resolver.h"

#include <QHostInfo>
#include <QMetaObject>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

void SystemResolver::resolve(const QString &host, QObject *context, Callback done)
{
    QHostInfo::lookupHost(host, context, [done = std::move(done)](const QHostInfo &info) {
        ResolveResult result;
        if (info.error() != QHostInfo::NoError) {
            result.error = info.errorString();
        } else {
            result.addresses = info.addresses().mid(0, maxAnswers); // none: the proxy says so
        }
        done(result);
    });
}

void FakeResolver::setAnswers(const QString &host, QList<QList<QHostAddress>> sequence)
{
    QMutexLocker lock(&m_mutex);
    m_answers.insert(host, std::move(sequence));
}

void FakeResolver::setFailure(const QString &host, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    m_failures.insert(host, error);
}

int FakeResolver::queryCount(const QString &host) const
{
    QMutexLocker lock(&m_mutex);
    return m_queries.value(host);
}

int FakeResolver::totalQueries() const
{
    QMutexLocker lock(&m_mutex);
    int total = 0;
    for (int count : m_queries)
        total += count;
    return total;
}

void FakeResolver::resolve(const QString &host, QObject *context, Callback done)
{
    ResolveResult result;
    {
        QMutexLocker lock(&m_mutex);
        const int index = m_queries[host]++;
        if (m_failures.contains(host)) {
            result.error = m_failures.value(host);
        } else if (const auto sequence = m_answers.value(host); !sequence.isEmpty()) {
            result.addresses =
                sequence.at(std::min<qsizetype>(index, sequence.size() - 1)).mid(0, maxAnswers);
        } else {
            result.error = u"NXDOMAIN"_s;
        }
    }
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
}

} // namespace Paddock::Proxy
