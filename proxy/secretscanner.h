#pragma once

#include "core/result.h"
#include "proxy/secretrules.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>
#include <span>

namespace Paddock::Proxy {

// One secret found: which rule, what kind of secret in words, and where. Never the secret itself.
struct SecretHit
{
    enum class Encoding { Raw, Percent, Base64, Hex };

    QString ruleId;      // "github-pat", or "known secret NAME"
    QString description; // translated: "a GitHub personal access token", "the secret “github-token”"
    QString location;    // the caller's label: "URL", "header Authorization", "body"
    Encoding encoding = Encoding::Raw;
    qint64 offset = 0; // where in the scanned bytes the match (or the encoded run holding it) starts
    qint64 length = 0; // how many of those bytes it covers

    // One translated sentence for the 403 page and the log: what was blocked and why.
    QString explanation() const;
};

// Finds secrets in outbound requests (security.md items 7 and 8): provider token formats from
// SecretRules and the exact values of the secrets Paddock knows, raw and base64-, hex- or percent-encoded;
// then once more in the percent-decoded text and in decoded base64 and hex runs. RE2 sits behind a keyword
// prefilter, so text without a keyword never reaches it; around keywords an RE2::Set of all rules says which
// match, and each rule's own RE2 finds where. Pure: no I/O. Build it once; scanning is const and may run on
// several threads, but addKnownSecret() must not run while anything scans.
class SecretScanner
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::SecretScanner)

public:
    struct Options
    {
        qint64 re2MaxMemory = 64 << 20; // RE2's budget per program; tests make it tiny to see errors reported
        bool decode = true;             // the one level of percent, base64 and hex decoding
    };

    static constexpr qsizetype minKnownSecretLength = 8;
    static constexpr qsizetype maxKnownSecretLength = 1024;
    static constexpr int maxHitsPerStream = 64;

    // An error when a rule does not compile, is unbounded, or RE2 runs out of memory: callers deny.
    static Core::Result<SecretScanner> create();
    static Core::Result<SecretScanner> create(Options options);
    // `rules` must outlive the scanner (SecretRules::all() does).
    static Core::Result<SecretScanner> create(std::span<const SecretRule> rules, Options options);

    SecretScanner(SecretScanner &&other) noexcept;
    SecretScanner &operator=(SecretScanner &&other) noexcept;
    ~SecretScanner();

    // Watches for `value` in every encoding; `name` is what a hit reports ("anthropic-api-key").
    Core::Result<> addKnownSecret(const QString &name, QByteArrayView value);
    int knownSecretCount() const;

    // Bytes a stream keeps from one chunk to the next: at least the longest match in its longest encoding.
    qsizetype overlap() const;

    // A body fed in chunks: a secret split across chunks is found, and none is reported twice. It refers to
    // the scanner, which must outlive it.
    class Stream
    {
    public:
        Stream(Stream &&other) noexcept;
        Stream &operator=(Stream &&other) noexcept;
        ~Stream();

        // The hits that end in this chunk; an error means the chunk could not be scanned (deny).
        Core::Result<QList<SecretHit>> feed(QByteArrayView chunk);
        qint64 bytesScanned() const;

    private:
        friend class SecretScanner;
        struct State;
        explicit Stream(std::unique_ptr<State> state);
        std::unique_ptr<State> m_state;
    };

    Stream stream(const QString &location) const;
    // One complete piece of a request: the URL, a header value, a small body.
    Core::Result<QList<SecretHit>> scan(QByteArrayView text, const QString &location) const;

private:
    struct Private;
    explicit SecretScanner(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace Paddock::Proxy
