// Fuzzes the host canonicaliser: never crashes, and its output is a fixed point (canonicalising a canonical
// host gives the same host), so two spellings can never reach the policy as different hosts.
#include "core/hostcanonicalizer.h"

#include <cstdint>
#include <cstdlib>

using namespace Paddock::Core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto host = HostCanonicalizer::canonicalizeHost(input)) {
        const auto again = HostCanonicalizer::canonicalizeHost(host->authorityHost());
        if (!again || !(*again == *host))
            abort();
        if (host->host != host->host.toLower() || host->host.endsWith(u'.'))
            abort();
    }
    if (const auto authority = HostCanonicalizer::canonicalizeAuthority(input)) {
        const auto again = HostCanonicalizer::canonicalizeAuthority(authority->toString());
        if (!again || !(again->host == authority->host) || again->port != authority->port)
            abort();
    }
    return 0;
}
