// Leaf certificates from Paddock's CA: median microseconds to mint one for a new host (EC P-256 key, signed),
// to make its Qt forms (QSslCertificate, QSslKey) on first use, and to fetch a cached one; then the
// throughput of 8 threads at once.
#include "proxy/certificateauthority.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double microsecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int hosts = argc > 1 ? std::atoi(argv[1]) : 2000;
    QTemporaryDir dir;
    const auto keys = CaKeyStore::inFile(dir.path() + u"/ca-key.pem"_s);
    CertificateAuthorityOptions options;
    options.leafCacheSize = hosts;
    auto ca = CertificateAuthority::loadOrCreate(dir.path(), *keys, options);
    if (!ca) {
        std::fprintf(stderr, "%s\n", qPrintable(ca.error().message));
        return 1;
    }

    std::vector<double> mint;
    std::vector<double> qtForms;
    std::vector<double> cached;
    for (int i = 0; i < hosts; ++i) {
        const QString host = u"host%1.example"_s.arg(i);
        auto start = std::chrono::steady_clock::now();
        const auto leaf = ca->leafFor(host);
        if (!leaf)
            return 1;
        mint.push_back(microsecondsSince(start));
        start = std::chrono::steady_clock::now();
        if (leaf->sslCertificate().isNull() || leaf->sslPrivateKey().isNull())
            return 1;
        qtForms.push_back(microsecondsSince(start));
        start = std::chrono::steady_clock::now();
        if (!ca->leafFor(host))
            return 1;
        cached.push_back(microsecondsSince(start));
    }
    std::printf("one thread: mint %.1f us, Qt forms %.1f us, cached %.2f us (median of %d)\n", median(mint),
                median(qtForms), median(cached), hosts);

    // 8 threads minting distinct hosts, then all fetching the same cached ones.
    constexpr int threads = 8;
    auto fresh =
        CertificateAuthority::loadOrCreate(dir.path(), *keys, options); // the same CA, nothing cached
    if (!fresh)
        return 1;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<QThread>> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&, t] {
            for (int i = t; i < hosts; i += threads)
                fresh->leafFor(u"host%1.example"_s.arg(i));
        }));
        workers.back()->start();
    }
    for (const auto &worker : workers)
        worker->wait();
    const double mintAll = microsecondsSince(start);
    const auto cachedStart = std::chrono::steady_clock::now();
    workers.clear();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&] {
            for (int i = 0; i < hosts; ++i)
                fresh->leafFor(u"host%1.example"_s.arg(i));
        }));
        workers.back()->start();
    }
    for (const auto &worker : workers)
        worker->wait();
    const double cachedAll = microsecondsSince(cachedStart);
    std::printf("%d threads: %.0f mints/s, %.0f cached lookups/s\n", threads, hosts / mintAll * 1e6,
                threads * hosts / cachedAll * 1e6);
    return 0;
}
