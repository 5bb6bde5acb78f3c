// Fuzzes the response body framer: the input is a response (head and body); framing the body whole and byte
// by byte must agree on where it ends and whether it is broken.
#include "proxy/responsebodyframer.h"

#include <cstdint>
#include <cstdlib>

using namespace Paddock::Proxy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto head = HttpResponseHead::parse(input, false);
    if (!head || !head->isValid())
        return 0;
    const QByteArrayView body = input.sliced(head->headSize());
    ResponseBodyFramer whole(*head);
    const qsizetype usedWhole = whole.consume(body);
    ResponseBodyFramer bytewise(*head);
    qsizetype usedBytewise = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const qsizetype used = bytewise.consume(body.sliced(i, 1));
        usedBytewise += used;
        if (used == 0)
            break;
    }
    if (usedWhole > body.size() || usedWhole != usedBytewise || whole.isComplete() != bytewise.isComplete() ||
        whole.hasError() != bytewise.hasError())
        abort();
    return 0;
}
