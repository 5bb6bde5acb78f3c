// Fuzzes the policy rule parser: never crashes, and a parsed rule's canonical text parses to the same rule.
#include "core/policyrule.h"

#include <cstdint>
#include <cstdlib>

using namespace Paddock::Core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto rule = PolicyRule::parse(input)) {
        const QString text = rule->toString();
        const auto again = PolicyRule::parse(text);
        if (!again || again->toString() != text)
            abort();
    }
    return 0;
}
