// Fuzzes the request parser in both forms (a proxy's and the origin-form inside intercepted TLS), and checks
// that feeding the same bytes one at a time gives the same events.
#include "proxy/httprequestparser.h"

#include <cstdint>
#include <cstdlib>

using namespace Paddock::Proxy;

namespace {

struct Step
{
    char kind; // H head, B body, C complete, E error
    QByteArray data;
    bool operator==(const Step &) const = default;
};

// The events for an input, with adjacent body pieces merged (they may be split differently).
QList<Step> run(const QByteArray &input, bool byteByByte, HttpRequestParser::TargetForm form)
{
    HttpRequestParser parser({}, form);
    QList<Step> steps;
    const auto add = [&](char kind, const QByteArray &data) {
        if (kind == 'B' && !steps.isEmpty() && steps.last().kind == 'B')
            steps.last().data += data;
        else
            steps.append({kind, data});
    };
    const auto drain = [&] {
        for (;;) {
            switch (parser.next()) {
            case HttpRequestParser::Event::NeedMore:
                return true;
            case HttpRequestParser::Event::Error:
                add('E', {});
                return false;
            case HttpRequestParser::Event::Head:
                add('H', parser.head().serializeForUpstream() + parser.head().authority);
                break;
            case HttpRequestParser::Event::BodyData:
                add('B', parser.takeBodyData());
                break;
            case HttpRequestParser::Event::MessageComplete:
                add('C', {});
                if (parser.head().isConnect)
                    return false;
                break;
            }
        }
    };
    if (byteByByte) {
        for (char c : input) {
            parser.feed(QByteArrayView(&c, 1));
            if (!drain())
                break;
        }
    } else {
        parser.feed(input);
        drain();
    }
    return steps;
}

void check(const QByteArray &input, HttpRequestParser::TargetForm form)
{
    const QList<Step> whole = run(input, false, form);
    const QList<Step> pieces = run(input, true, form);
    // Byte-by-byte feeding must give the same requests; only where an error falls may differ (a limit can be
    // noticed earlier when fewer bytes are buffered), so compare up to the first error.
    const auto untilError = [](QList<Step> steps) {
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (steps[i].kind == 'E')
                return steps.first(i);
        }
        return steps;
    };
    const bool wholeFailed = !whole.isEmpty() && whole.last().kind == 'E';
    const bool piecesFailed = !pieces.isEmpty() && pieces.last().kind == 'E';
    if (wholeFailed != piecesFailed || untilError(whole).size() > untilError(pieces).size() + 1)
        abort();
    if (!wholeFailed && whole != pieces)
        abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    check(input, HttpRequestParser::TargetForm::Proxy);
    check(input, HttpRequestParser::TargetForm::Origin);
    return 0;
}
