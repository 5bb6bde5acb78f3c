#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace Paddock::Proxy {

// One provider's token format, ported from gitleaks' rules to RE2 (no backreferences, no lookaround) with
// every repetition bounded, so a match never runs longer than maxMatchLength(pattern).
struct SecretRule
{
    const char *id;          // stable, for logs and docs: "github-pat"
    const char *description; // English, marked for translation; SecretRules::description() translates
    // The prefilter: every match contains one of these. Lower-case ones match ignoring case; one written
    // with capitals matches exactly (used where its lower-case spelling is common text, "SG." in "msg.").
    std::array<const char *, 7> keywords;
    const char *pattern; // RE2 syntax; the first capture group that took part is the random part
    // Shannon entropy (bits per character) the random part must reach, so placeholders such as
    // ghp_xxxx… or AKIA…EXAMPLE are not secrets; 0: no check.
    double minEntropy;
};

// The built-in provider rules, and the checks that apply to what a rule matched.
class SecretRules
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Proxy::SecretRules)

public:
    static std::span<const SecretRule> all();

    // "a GitHub personal access token", in the user's language.
    static QString description(const SecretRule &rule);

    // The longest text `pattern` can match, or nothing if a repetition is unbounded (`+`, `*`, `{n,}`)
    // or the pattern uses syntax this reader does not know. Windows and stream overlaps are sized by it.
    static std::optional<int> maxMatchLength(std::string_view pattern);

    // Bits per character: 0 for "xxxx", about 5.2 for 36 random letters and digits.
    static double shannonEntropy(QByteArrayView text);
    // Whether the random part of a match is a placeholder rather than a secret: too little entropy,
    // "EXAMPLE" in it (as in AWS's documentation keys), or mostly a counting sequence ("abcdef…", "1234…").
    static bool isPlaceholder(QByteArrayView randomPart, double minEntropy);
};

} // namespace Paddock::Proxy
