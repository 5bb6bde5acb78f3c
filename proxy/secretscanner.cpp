#include "proxy/secretscanner.h"

#include "proxy/secretscanner_p.h"

#include <QHash>

#include <algorithm>
#include <bitset>

using namespace Qt::StringLiterals;

namespace Paddock::Proxy {

using namespace Scanning;

namespace {

constexpr size_t maxRules = 256;

// Whether the pattern begins with the keyword itself (after \b or a flag group), so no match can start
// before it and the window needs no room on that side.
bool startsWithKeyword(std::string_view pattern, const QByteArray &keyword)
{
    for (std::string_view prefix : {"\\b", "(?i)"}) {
        if (pattern.starts_with(prefix))
            pattern.remove_prefix(prefix.size());
    }
    for (char k : keyword) {
        if (pattern.starts_with('\\') && pattern.size() > 1 && !std::isalnum(uchar(pattern[1])))
            pattern.remove_prefix(1); // \. is a literal dot
        if (pattern.empty() ||
            QChar::toLower(char32_t(uchar(pattern[0]))) != QChar::toLower(char32_t(uchar(k))))
            return false;
        pattern.remove_prefix(1);
    }
    return true;
}

QString encodingWord(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Base64:
        return SecretScanner::tr("base64-encoded");
    case Encoding::Hex:
        return SecretScanner::tr("hex-encoded");
    case Encoding::Percent:
        return SecretScanner::tr("percent-encoded");
    case Encoding::Raw:
        break;
    }
    return {};
}

} // namespace

Core::Result<> SecretScanner::Private::scanText(QByteArrayView text, Encoding pass, Scratch &scratch,
                                                std::vector<Found> &out,
                                                SecretKeywordFilter::Marks *marks) const
{
    scratch.occurrences.clear();
    filter.find(text, scratch.occurrences, marks, scratch.candidates);
    if (auto matched = matchAroundKeywords(text, pass, scratch, out); !matched)
        return matched;
    matchKnown(text, pass, scratch, out);
    return {};
}

Core::Result<> SecretScanner::Private::matchAroundKeywords(QByteArrayView text, Encoding pass,
                                                           Scratch &scratch, std::vector<Found> &out) const
{
    // RE2 only looks at windows around keywords, which is what makes scanning cheap: most text has none.
    scratch.windows.clear();
    const qsizetype size = text.size();
    const auto isWord = [&text](qsizetype at) {
        const char c = text[at];
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    };
    for (const auto &occurrence : scratch.occurrences) {
        const KeywordUse &use = keywordUses[size_t(occurrence.keyword)];
        if (use.wordStart && occurrence.position > 0 && isWord(occurrence.position - 1) &&
            isWord(occurrence.position))
            continue; // no \b before it

        // One byte more on each side, so \b sees the text around the match.
        scratch.windows.push_back({std::max<qsizetype>(0, occurrence.position - use.before - 1),
                                   std::min<qsizetype>(size, occurrence.position + use.after + 1),
                                   occurrence.keyword});
    }
    std::sort(scratch.windows.begin(), scratch.windows.end(),
              [](const Window &a, const Window &b) { return a.start < b.start; });
    const re2::StringPiece all(text.data(), size_t(size));
    for (size_t i = 0; i < scratch.windows.size();) {
        const size_t first = i;
        const qsizetype start = scratch.windows[i].start;
        qsizetype end = scratch.windows[i].end;
        std::bitset<maxRules> candidates;
        for (; i < scratch.windows.size() && scratch.windows[i].start <= end; ++i) {
            end = std::max(end, scratch.windows[i].end);
            for (int rule : keywordUses[size_t(scratch.windows[i].keyword)].rules)
                candidates.set(size_t(rule));
        }
        // The set answers "does any rule match here" in one pass, which pays where a few keywords stand for
        // several rules. With one candidate rule it is redundant; with many keywords close together its
        // automaton (all rules at once, each with counted repetitions) builds a new state for almost every
        // byte, about a microsecond each, so there each rule's own RE2 reads its own windows instead.
        scratch.setMatches.clear();
        if (candidates.count() == 1 || i - first > 8) {
            for (size_t r = 0; r < rules.size(); ++r) {
                if (candidates.test(r))
                    scratch.setMatches.push_back(int(r));
            }
        } else {
            const re2::StringPiece window(text.data() + start, size_t(end - start));
            RE2::Set::ErrorInfo error{RE2::Set::kNoError};
            if (!set->Match(window, &scratch.setMatches, &error)) {
                // SECURITY: an RE2 failure (out of memory) must not read as "no secret": the caller denies.
                if (error.kind != RE2::Set::kNoError) {
                    return Core::fail(
                        Core::ErrorCode::Internal,
                        SecretScanner::tr(
                            "Paddock could not finish scanning this request for secrets (%1), so "
                            "it blocked the request.")
                            .arg(error.kind == RE2::Set::kOutOfMemory ? u"RE2 ran out of memory"_s
                                                                      : u"RE2 failed"_s));
                }
                continue;
            }
        }
        // A rule counts only near its own keywords (as in gitleaks), and its RE2 only reads there: with
        // keywords everywhere, every rule reading the whole window would cost a pass per rule.
        for (int index : scratch.setMatches) {
            if (!candidates.test(size_t(index)))
                continue;
            qsizetype from = -1;
            qsizetype to = -1;
            for (size_t j = first; j < i; ++j) {
                const Window &own = scratch.windows[j];
                const auto &rulesOfKeyword = keywordUses[size_t(own.keyword)].rules;
                if (std::find(rulesOfKeyword.begin(), rulesOfKeyword.end(), index) == rulesOfKeyword.end())
                    continue;
                if (own.start > to) {
                    if (to >= 0)
                        matchRule(index, all, from, to, pass, out);
                    from = own.start;
                }
                to = std::max(to, own.end);
            }
            if (to >= 0)
                matchRule(index, all, from, to, pass, out);
        }
    }
    return {};
}

void SecretScanner::Private::matchKnown(QByteArrayView text, Encoding pass, Scratch &scratch,
                                        std::vector<Found> &out) const
{
    scratch.knownMatches.clear();
    known.find(text, scratch.knownMatches);
    for (const auto &match : scratch.knownMatches) {
        out.push_back({int(rules.size()) + match.value, match.start, match.start + match.length,
                       pass == Encoding::Raw ? match.encoding : pass});
    }
}

void SecretScanner::Private::matchRule(int index, re2::StringPiece text, qsizetype from, qsizetype to,
                                       Encoding pass, std::vector<Found> &out) const
{
    const CompiledRule &compiled = rules[size_t(index)];
    re2::StringPiece groups[4];
    const int count = std::min(compiled.groups + 1, 4);
    // The whole text is the context, so \b and $ see what is around the window.
    for (size_t at = size_t(from);
         at <= size_t(to) && compiled.re->Match(text, at, size_t(to), RE2::UNANCHORED, groups, count);) {
        const size_t start = size_t(groups[0].data() - text.data());
        const size_t end = start + groups[0].size();
        re2::StringPiece random = groups[0];
        for (int g = 1; g < count; ++g) {
            if (groups[g].data()) {
                random = groups[g];
                break;
            }
        }
        if (!SecretRules::isPlaceholder(QByteArrayView(random.data(), qsizetype(random.size())),
                                        compiled.rule->minEntropy)) {
            out.push_back({index, qsizetype(start), qsizetype(end), pass});
        }
        at = end > start ? end : start + 1;
    }
}

SecretHit SecretScanner::Private::hit(int key, Encoding encoding, const QString &location, qint64 offset,
                                      qint64 length) const
{
    SecretHit hit;
    if (size_t(key) < rules.size()) {
        const SecretRule &rule = *rules[size_t(key)].rule;
        hit.ruleId = QString::fromLatin1(rule.id);
        hit.description = SecretRules::description(rule);
    } else {
        const QString &name = knownNames[key - int(rules.size())];
        hit.ruleId = u"known secret "_s + name;
        //: %1 is the name the user gave a secret, such as anthropic-api-key.
        hit.description = SecretScanner::tr("the secret “%1”").arg(name);
    }
    hit.location = location;
    hit.encoding = encoding;
    hit.offset = offset;
    hit.length = length;
    return hit;
}

QString SecretHit::explanation() const
{
    //: %1 is where: "URL", "body", "header Authorization"; %2 what: "a GitHub personal access token".
    if (encoding == Encoding::Raw)
        return SecretScanner::tr("Paddock blocked this request because its %1 contains %2.")
            .arg(location, description);
    //: %3 is how it was hidden: "base64-encoded", "hex-encoded" or "percent-encoded".
    return SecretScanner::tr("Paddock blocked this request because its %1 contains %2, %3.")
        .arg(location, description, encodingWord(encoding));
}

Core::Result<SecretScanner> SecretScanner::create()
{
    return create(Options{});
}

Core::Result<SecretScanner> SecretScanner::create(Options options)
{
    return create(SecretRules::all(), options);
}

Core::Result<SecretScanner> SecretScanner::create(std::span<const SecretRule> rules, Options options)
{
    const auto failed = [](const QString &detail) {
        return Core::fail(Core::ErrorCode::Internal,
                          tr("Paddock could not build its secret scanner (%1), so it blocks the requests it "
                             "would scan.")
                              .arg(detail));
    };
    if (rules.size() > maxRules)
        return failed(u"too many rules"_s);
    auto d = std::make_unique<Private>();
    d->options = options;
    RE2::Options re2Options;
    re2Options.set_encoding(RE2::Options::EncodingLatin1); // bodies are bytes, not necessarily UTF-8
    re2Options.set_log_errors(false);
    re2Options.set_max_mem(options.re2MaxMemory);
    d->set = std::make_unique<RE2::Set>(re2Options, RE2::UNANCHORED);
    QList<QByteArray> keywords;
    QHash<QByteArray, int> keywordIndex;
    for (size_t i = 0; i < rules.size(); ++i) {
        const SecretRule &rule = rules[i];
        const QString id = QString::fromLatin1(rule.id);
        const auto length = SecretRules::maxMatchLength(rule.pattern);
        if (!length)
            return failed(u"rule %1 has an unbounded or unknown repetition"_s.arg(id));
        auto re = std::make_unique<RE2>(rule.pattern, re2Options);
        if (!re->ok())
            return failed(u"rule %1: %2"_s.arg(id, QString::fromStdString(re->error())));
        std::string error;
        if (d->set->Add(rule.pattern, &error) != int(i))
            return failed(u"rule %1: %2"_s.arg(id, QString::fromStdString(error)));
        if (!rule.keywords[0])
            return failed(u"rule %1 has no keyword"_s.arg(id));
        for (const char *keyword : rule.keywords) {
            if (!keyword)
                break;
            const QByteArray text(keyword);
            auto found = keywordIndex.constFind(text);
            if (found == keywordIndex.cend()) {
                found = keywordIndex.insert(text, int(keywords.size()));
                keywords.append(text);
                d->keywordUses.emplace_back();
            }
            KeywordUse &use = d->keywordUses[size_t(*found)];
            use.rules.push_back(int(i));
            use.after = std::max(use.after, *length);
            if (!startsWithKeyword(rule.pattern, text))
                use.before = std::max(use.before, *length);
            if (!std::string_view(rule.pattern).starts_with("\\b") || !startsWithKeyword(rule.pattern, text))
                use.wordStart = false;
        }
        d->longestRule = std::max(d->longestRule, *length);
        d->rules.push_back({&rule, std::move(re), *length, 0});
        d->rules.back().groups = d->rules.back().re->NumberOfCapturingGroups();
    }
    if (!d->set->Compile())
        return failed(u"RE2 ran out of memory"_s);
    d->filter = SecretKeywordFilter(keywords);
    return SecretScanner(std::move(d));
}

SecretScanner::SecretScanner(std::unique_ptr<Private> d)
    : d(std::move(d))
{}

SecretScanner::SecretScanner(SecretScanner &&other) noexcept = default;
SecretScanner &SecretScanner::operator=(SecretScanner &&other) noexcept = default;
SecretScanner::~SecretScanner() = default;

Core::Result<> SecretScanner::addKnownSecret(const QString &name, QByteArrayView value)
{
    // SECURITY: a short value would match ordinary text and block everything; a long one would make every
    // stream keep a long overlap. Both are refused, visibly.
    if (value.size() < minKnownSecretLength) {
        return Core::fail(Core::ErrorCode::InvalidArgument,
                          tr("The secret “%1” is too short to watch for: it needs at least %2 characters.")
                              .arg(name)
                              .arg(minKnownSecretLength));
    }
    if (value.size() > maxKnownSecretLength) {
        return Core::fail(Core::ErrorCode::InvalidArgument,
                          tr("The secret “%1” is too long to watch for: it may have at most %2 characters.")
                              .arg(name)
                              .arg(maxKnownSecretLength));
    }
    d->known.add(value);
    d->knownNames.append(name);
    return {};
}

int SecretScanner::knownSecretCount() const
{
    return d->known.count();
}

qsizetype SecretScanner::overlap() const
{
    return d->overlap();
}

Core::Result<QList<SecretHit>> SecretScanner::scan(QByteArrayView text, const QString &location) const
{
    Stream once = stream(location);
    return once.feed(text);
}

} // namespace Paddock::Proxy
