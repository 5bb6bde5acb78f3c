#pragma once

// Internal to the secret scanner: what SecretScanner (building, one buffer) and its Stream (chunks, the
// decoding passes) share. Never include outside proxy/secret*.

#include "proxy/secretkeywordfilter.h"
#include "proxy/secretknownvalues.h"
#include "proxy/secretscanner.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <QStringList>

#include <memory>
#include <vector>

namespace Paddock::Proxy::Scanning {

using Encoding = SecretHit::Encoding;

struct CompiledRule
{
    const SecretRule *rule;
    std::unique_ptr<RE2> re;
    int maxLength;
    int groups;
};

// Which rules a keyword stands for, and how far from it their matches can reach.
struct KeywordUse
{
    std::vector<int> rules;
    int before = 0; // bytes a match may start before the keyword
    int after = 0;  // bytes a match may end after the keyword's start
    // Every rule of it begins with \b and then the keyword: inside a longer word (a base64 blob) it is none.
    bool wordStart = true;
};

// Something found in one scanned buffer: a rule (key < rule count) or a known secret (key - rule count).
struct Found
{
    int key;
    qsizetype start;
    qsizetype end;
    Encoding encoding;
};

struct Window
{
    qsizetype start;
    qsizetype end;
    int keyword;
};

// Buffers reused from one chunk to the next, so scanning allocates nothing once warm.
struct Scratch
{
    std::vector<SecretKeywordFilter::Occurrence> occurrences;
    std::vector<SecretKeywordFilter::Candidate> candidates;
    std::vector<Window> windows;
    std::vector<int> setMatches;
    std::vector<SecretKnownValues::Match> knownMatches;
};

} // namespace Paddock::Proxy::Scanning

namespace Paddock::Proxy {

struct SecretScanner::Private
{
    Options options;
    std::vector<Scanning::CompiledRule> rules;
    std::unique_ptr<RE2::Set> set;
    SecretKeywordFilter filter;
    std::vector<Scanning::KeywordUse> keywordUses;
    int longestRule = 0;
    SecretKnownValues known;
    QStringList knownNames;

    // Percent-encoding makes a match up to three times as long; hex and base64 less.
    qsizetype overlap() const { return 3 * std::max<qsizetype>(longestRule, known.longestValue()) + 8; }

    // Rules and known secrets in one buffer, no decoding. Offsets in `out` are into `text`.
    Core::Result<> scanText(QByteArrayView text, Scanning::Encoding pass, Scanning::Scratch &scratch,
                            std::vector<Scanning::Found> &out, SecretKeywordFilter::Marks *marks) const;
    // The rules, around the keyword occurrences in scratch.occurrences.
    Core::Result<> matchAroundKeywords(QByteArrayView text, Scanning::Encoding pass,
                                       Scanning::Scratch &scratch, std::vector<Scanning::Found> &out) const;
    void matchKnown(QByteArrayView text, Scanning::Encoding pass, Scanning::Scratch &scratch,
                    std::vector<Scanning::Found> &out) const;
    // One rule's matches that start in [from, to) of text.
    void matchRule(int index, re2::StringPiece text, qsizetype from, qsizetype to, Scanning::Encoding pass,
                   std::vector<Scanning::Found> &out) const;
    SecretHit hit(int key, Scanning::Encoding encoding, const QString &location, qint64 offset,
                  qint64 length) const;
};

} // namespace Paddock::Proxy
