// Policy matching with 100,000 rules: median nanoseconds per decide() over batches of mixed hits and misses.
#include "core/policy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    const int ruleCount = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int batches = 15;
    const int lookupsPerBatch = 100000;
    QRandomGenerator random(42); // fixed seed: the same rules and requests every run

    const QStringList tlds{u"com"_s, u"org"_s, u"net"_s, u"io"_s, u"dev"_s};
    QList<PolicyRule> rules;
    QStringList hostnames;
    for (int i = 0; i < ruleCount; ++i) {
        const QString domain = u"svc%1.example%2.%3"_s.arg(i).arg(i % 977).arg(tlds[i % tlds.size()]);
        QString text;
        switch (i % 10) {
        case 0:
        case 1:
        case 2:
        case 3:
            text = u"allow "_s + domain + u":443"_s;
            hostnames.append(domain);
            break;
        case 4:
        case 5:
            text = u"allow *."_s + domain;
            hostnames.append(u"api."_s + domain);
            break;
        case 6:
        case 7:
            text = u"deny **."_s + domain + u":80"_s;
            hostnames.append(u"a.b."_s + domain);
            break;
        case 8:
            text = u"allow GET,HEAD "_s + domain + u"/v1/**"_s;
            hostnames.append(domain);
            break;
        case 9:
            text = u"deny 10.%1.%2.0/24"_s.arg((i / 256) % 256).arg(i % 256);
            break;
        }
        rules.append(*PolicyRule::parse(text));
    }
    rules.append(*PolicyRule::parse(u"deny **"_s));

    Policy policy;
    policy.setLayer(PolicyLayer::Global, rules);
    const auto buildStart = std::chrono::steady_clock::now();
    const auto matcher = policy.matcher();
    const double buildMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - buildStart).count();

    // Half hits on rule hosts, half misses on unknown names; canonicalised once, as the proxy does per
    // request.
    std::vector<PolicyRequest> requests;
    for (int i = 0; i < 4096; ++i) {
        const QString host = i % 2 ? hostnames[random.bounded(hostnames.size())]
                                   : u"unknown%1.nowhere%2.com"_s.arg(random.generate()).arg(i);
        requests.push_back({u"GET"_s, *HostCanonicalizer::canonicalizeHost(host), 443, u"/v1/x"_s, true});
    }

    std::vector<double> perLookupNs;
    size_t allowed = 0;
    for (int b = 0; b < batches; ++b) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < lookupsPerBatch; ++i)
            allowed += matcher->decide(requests[size_t(i) & 4095]).allowed;
        const double ns =
            std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
        perLookupNs.push_back(ns / lookupsPerBatch);
    }
    std::sort(perLookupNs.begin(), perLookupNs.end());
    std::printf("rules                %d\n", ruleCount + 1);
    std::printf("compile              %.1f ms\n", buildMs);
    std::printf("lookups              %d x %d (allowed %zu)\n", batches, lookupsPerBatch, allowed);
    std::printf("median ns/lookup     %.0f\n", perLookupNs[perLookupNs.size() / 2]);
    std::printf("min / max ns/lookup  %.0f / %.0f\n", perLookupNs.front(), perLookupNs.back());
    return 0;
}
