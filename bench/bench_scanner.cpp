// Secret scanner throughput: a 100 MB mixed corpus (prose, source code, JSON with base64 blobs, minified
// JavaScript, binary) with generated secrets sprinkled in, scanned in 64 KiB chunks through
// SecretScanner::Stream on one thread. Median MB/s of 5 runs, and the hits (which should be the secrets).
// Usage: bench_scanner [MEGABYTES] [--no-hostile]
#include "proxy/secretscanner.h"

#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype chunkSize = 64 * 1024;

constexpr const char *words[] = {
    "the",     "of",     "and",    "to",       "in",     "is",      "that",    "for",     "it",
    "as",      "with",   "was",    "on",       "be",     "by",      "this",    "are",     "from",
    "task",    "ask",    "Asia",   "skill",    "token",  "secret",  "key",     "request", "server",
    "client",  "upload", "branch", "commit",   "review", "sandbox", "policy",  "proxy",   "agent",
    "model",   "prompt", "value",  "message",  "window", "garden",  "river",   "quiet",   "library",
    "station", "number", "string", "function", "return", "config",  "default", "import",  "export"};

class Corpus
{
public:
    explicit Corpus(quint32 seed)
        : m_random(seed)
    {}

    QByteArray of(const char *alphabet, int length)
    {
        const int size = int(qstrlen(alphabet));
        QByteArray out(length, Qt::Uninitialized);
        for (char &c : out)
            c = alphabet[m_random.bounded(size)];
        return out;
    }
    QByteArray alnum(int n)
    {
        return of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", n);
    }
    QByteArray bytes(qsizetype n)
    {
        QByteArray out(n, Qt::Uninitialized);
        std::vector<quint32> words(size_t(n / 4 + 1));
        m_random.fillRange(words.data(), qsizetype(words.size()));
        std::memcpy(out.data(), words.data(), size_t(n));
        return out;
    }
    int bounded(int n) { return int(m_random.bounded(n)); }

    QByteArray word() { return words[bounded(int(std::size(words)))]; }
    QByteArray sentence()
    {
        QByteArray s = word();
        s[0] = char(QChar::toUpper(char32_t(uchar(s[0]))));
        for (int i = 0, n = 6 + bounded(12); i < n; ++i)
            s += ' ' + word();
        return s + ". ";
    }

    // A token in some provider's format, or the known secret, raw or encoded.
    QByteArray secret(int kind, const QByteArray &known)
    {
        switch (kind % 8) {
        case 0:
            return "Authorization: token ghp_" + alnum(36) + "\n";
        case 1:
            return "AWS_ACCESS_KEY_ID=AKIA" + of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + "\n";
        case 2:
            return "x-api-key: sk-ant-api03-" +
                   of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", 93) + "AA\n";
        case 3:
            return "{\"slack\": \"xoxb-" + of("0123456789", 12) + '-' + of("0123456789", 13) + '-' +
                   alnum(24) + "\"}\n";
        case 4:
            return "glpat-" + alnum(20) + "\n";
        case 5:
            return "password=" + known + "\n";
        case 6:
            return "{\"blob\": \"" + QByteArray(bytes(5) + known + bytes(100)).toBase64() + "\"}\n";
        default:
            return "{\"data\": \"" + QByteArray("npm_" + alnum(36) + " in a file").toBase64() + "\"}\n";
        }
    }

    // `megabytes` of mixed text; `secrets` of them spread evenly.
    QByteArray build(qsizetype megabytes, int secrets, const QByteArray &known)
    {
        const qsizetype size = megabytes << 20;
        QByteArray out;
        out.reserve(size + (1 << 20));
        const qsizetype spacing = size / (secrets + 1);
        qsizetype nextSecret = spacing;
        int planted = 0;
        while (out.size() < size) {
            if (out.size() >= nextSecret && planted < secrets) {
                out += secret(planted++, known);
                nextSecret += spacing;
            }
            const int part = bounded(100);
            if (part < 25) { // prose
                for (int i = 0; i < 20; ++i)
                    out += sentence();
                out += "\n\n";
            } else if (part < 50) { // source code
                for (int i = 0; i < 10; ++i) {
                    out += "    const auto " + word() + '_' + word() + " = " + word() + "(msg." + word() +
                           ", 0x" + of("0123456789abcdef", 8) + ");\n";
                    out += "    if (" + word() + " % 16 == 0) return \"" + word() + "\"; // " + sentence() +
                           '\n';
                    out += "    auto url = QUrl(\"https://example.com/" + word() + "?q=" + word() + "%20" +
                           word() + "\");\n";
                }
            } else if (part < 70) { // JSON with a base64 blob
                out += "{\"id\": " + QByteArray::number(bounded(1000000)) + ", \"name\": \"" + word() +
                       "\", \"data\": \"" + bytes(300 + bounded(3000)).toBase64() + "\"}\n";
            } else if (part < 85) { // minified JavaScript
                for (int i = 0; i < 20; ++i) {
                    out += "function " + of("abcdefghijklmnopqrstuvwxyz", 2) + "(a,b){var c=a." + word() +
                           "(b);return c&&c.msg." + word() + "?\"" + word() + "\":b+" +
                           QByteArray::number(bounded(1000)) + "}";
                }
                out += '\n';
            } else { // binary
                out += bytes(2000 + bounded(8000));
            }
        }
        out.truncate(size);
        return out;
    }

private:
    QRandomGenerator m_random;
};

struct Run
{
    double seconds;
    qsizetype hits;
    bool failed;
};

Run scanOnce(const SecretScanner &scanner, const QByteArray &corpus)
{
    auto stream = scanner.stream(u"body"_s);
    qsizetype hits = 0;
    bool failed = false;
    const auto start = std::chrono::steady_clock::now();
    for (qsizetype at = 0; at < corpus.size(); at += chunkSize) {
        auto found = stream.feed(QByteArrayView(corpus).sliced(at, std::min(chunkSize, corpus.size() - at)));
        if (!found)
            failed = true;
        else
            hits += found->size();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return {seconds, hits, failed};
}

void measure(const char *label, const SecretScanner &scanner, const QByteArray &corpus)
{
    std::vector<Run> runs;
    for (int i = 0; i < 5; ++i)
        runs.push_back(scanOnce(scanner, corpus));
    std::vector<double> rates;
    for (const Run &run : runs)
        rates.push_back(double(corpus.size()) / 1e6 / run.seconds); // MB: 10^6 bytes
    std::vector<double> sorted = rates;
    std::sort(sorted.begin(), sorted.end());
    std::printf("%-28s median %7.0f MB/s (runs:", label, sorted[sorted.size() / 2]);
    for (double rate : rates)
        std::printf(" %.0f", rate);
    std::printf("), hits %lld%s\n", qint64(runs.front().hits), runs.front().failed ? ", SCAN ERROR" : "");
}

} // namespace

int main(int argc, char **argv)
{
    const qsizetype megabytes = argc > 1 ? std::atoi(argv[1]) : 100;
    const int secrets = 48;
    Corpus corpus(42); // fixed seed: the same corpus every run
    const QByteArray known = corpus.alnum(40);
    const auto buildStart = std::chrono::steady_clock::now();
    const QByteArray text = corpus.build(megabytes, secrets, known);
    const double buildSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - buildStart).count();
    std::printf("corpus: %lld MiB = %.1f MB (prose, code, JSON with base64, minified JS, binary), %d secrets "
                "planted, built in %.1f s; 64 KiB chunks, one thread; MB/s in 10^6 bytes\n",
                qint64(megabytes), double(text.size()) / 1e6, secrets, buildSeconds);

    auto full = SecretScanner::create();
    if (!full) {
        std::fprintf(stderr, "%s\n", qPrintable(full.error().message));
        return 1;
    }
    (void)full->addKnownSecret(u"known"_s, known);
    (void)full->addKnownSecret(u"other"_s, corpus.alnum(64));
    std::printf("rules: %d, overlap %lld bytes\n", int(SecretRules::all().size()), qint64(full->overlap()));
    measure("full (rules, known, decode)", *full, text);

    SecretScanner::Options noDecoding;
    noDecoding.decode = false;
    auto raw = SecretScanner::create(noDecoding);
    (void)raw->addKnownSecret(u"known"_s, known);
    (void)raw->addKnownSecret(u"other"_s, corpus.alnum(64));
    measure("without decoding", *raw, text);

    auto rulesOnly = SecretScanner::create(noDecoding);
    measure("rules only, no decoding", *rulesOnly, text);

    if (argc > 2 && qstrcmp(argv[2], "--no-hostile") == 0)
        return 0;
    // Bodies made to be slow: keywords everywhere, so RE2 sees every byte; escapes and base64 everywhere.
    const qsizetype hostile = 8 << 20;
    const auto repeated = [&](const std::function<QByteArray()> &piece) {
        QByteArray out;
        while (out.size() < hostile)
            out += piece();
        out.truncate(hostile);
        return out;
    };
    QList<QByteArray> keywords;
    for (const SecretRule &rule : SecretRules::all()) {
        for (const char *keyword : rule.keywords) {
            if (keyword)
                keywords.append(keyword);
        }
    }
    std::printf("hostile bodies, %lld MiB each, full scanner:\n", qint64(hostile >> 20));
    measure("  eyJ repeated", *full, repeated([]() -> QByteArray { return QByteArray("eyJ"); }));
    measure("  ghp_ + 30 letters repeated", *full,
            repeated([&]() -> QByteArray { return "ghp_" + corpus.alnum(30); }));
    measure("  keyword soup", *full, repeated([&]() -> QByteArray {
                return keywords[corpus.bounded(int(keywords.size()))] + corpus.alnum(corpus.bounded(40));
            }));
    measure("  one base64 run", *full, repeated([&]() -> QByteArray { return corpus.alnum(64); }));
    measure("  percent-escapes", *full,
            repeated([&]() -> QByteArray { return "%" + QByteArray::number(10 + corpus.bounded(90)); }));
    return 0;
}
