#pragma once

#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>

#include <functional>

namespace Paddock::Proxy {

struct ResolveResult
{
    QList<QHostAddress> addresses; // empty on failure
    QString error;                 // why there are none; empty when the name simply has no address
};

// Turns a canonical host name into addresses, asynchronously. Injected into the proxy so tests use a fake
// DNS.
class Resolver
{
public:
    static constexpr int maxAnswers = 16; // bounded: a huge answer set must not cost unbounded work
    using Callback = std::function<void(const ResolveResult &)>;
    virtual ~Resolver() = default;
    // Calls done later, in context's thread; never synchronously.
    virtual void resolve(const QString &host, QObject *context, Callback done) = 0;
};

// The system resolver (getaddrinfo through QHostInfo, on Qt's thread pool).
class SystemResolver final : public Resolver
{
public:
    void resolve(const QString &host, QObject *context, Callback done) override;
};

// A resolver with scripted answers, for tests: each query of a host takes the next answer of its sequence
// (the last repeats), so a test can answer differently the second time (DNS rebinding). Thread-safe.
class FakeResolver final : public Resolver
{
public:
    void setAnswers(const QString &host, QList<QList<QHostAddress>> sequence);
    void setFailure(const QString &host, const QString &error);
    int queryCount(const QString &host) const;
    int totalQueries() const;
    void resolve(const QString &host, QObject *context, Callback done) override;

private:
    mutable QMutex m_mutex;
    QMap<QString, QList<QList<QHostAddress>>> m_answers;
    QMap<QString, QString> m_failures;
    QMap<QString, int> m_queries;
};

} // namespace Paddock::Proxy
