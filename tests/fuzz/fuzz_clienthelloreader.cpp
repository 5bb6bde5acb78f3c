// Fuzzes the ClientHello/SNI reader: it must never read out of bounds or accept a name with control
// characters.
#include "proxy/clienthelloreader.h"

#include <cstdint>
#include <cstdlib>

using namespace Paddock::Proxy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto outcome =
        ClientHelloReader::read(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    for (char c : outcome.serverName) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            abort();
    }
    return 0;
}
