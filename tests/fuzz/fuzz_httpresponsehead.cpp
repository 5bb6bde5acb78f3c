// Fuzzes the upstream response head reader and its rewrite.
#include "proxy/httpresponsehead.h"

#include <cstdint>
#include <cstdlib>

using namespace Paddock::Proxy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    for (bool head : {false, true}) {
        const auto parsed = HttpResponseHead::parse(input, head);
        if (parsed && parsed->isValid()) {
            const QByteArray rewritten = parsed->rewrite(true);
            if (!rewritten.endsWith("\r\n\r\n") || parsed->headSize() > input.size())
                abort();
        }
    }
    return 0;
}
