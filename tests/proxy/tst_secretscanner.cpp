// SecretScanner: every provider rule on tokens generated here (security.md item 9: no token is committed),
// placeholders that must pass, known secrets in every encoding and across chunk boundaries, one level of
// decoding, fail-closed errors, and no false positives on a few MB of ordinary text.
#include "proxy/secretkeywordfilter.h"
#include "proxy/secretknownvalues.h"
#include "proxy/secretscanner.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <functional>

using namespace Paddock::Proxy;
using namespace Qt::StringLiterals;
using Encoding = SecretHit::Encoding;

namespace {

constexpr char digitChars[] = "0123456789";
constexpr char lowerHexChars[] = "0123456789abcdef";
constexpr char alnumChars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr char upperAlnumChars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr char letterChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr char base64Chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char base64UrlChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Random text in a provider's format, from a seeded generator so a failure can be replayed.
class Maker
{
public:
    explicit Maker(quint32 seed)
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
    QByteArray digits(int n) { return of(digitChars, n); }
    QByteArray hex(int n) { return of(lowerHexChars, n); }
    QByteArray alnum(int n) { return of(alnumChars, n); }
    QByteArray upper(int n) { return of(upperAlnumChars, n); }
    QByteArray letters(int n) { return of(letterChars, n); }
    QByteArray base64(int n) { return of(base64Chars, n); }
    QByteArray url(int n) { return of(base64UrlChars, n); }
    QByteArray bytes(int n)
    {
        QByteArray out(n, Qt::Uninitialized);
        for (char &c : out)
            c = char(m_random.bounded(256));
        return out;
    }
    QByteArray uuid() { return hex(8) + '-' + hex(4) + '-' + hex(4) + '-' + hex(4) + '-' + hex(12); }
    int bounded(int n) { return int(m_random.bounded(n)); }

private:
    QRandomGenerator m_random;
};

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Every byte as %XX, as a client may send it.
QByteArray percentEveryByte(const QByteArray &bytes)
{
    QByteArray out;
    for (char c : bytes)
        out += '%' + QByteArray(1, c).toHex().toUpper();
    return out;
}

// {"name": "value"}. (No raw strings in the test class: moc misreads some of them.)
QByteArray jsonObject(const QByteArray &name, const QByteArray &value)
{
    return "{\"" + name + "\": \"" + value + "\"}";
}

using Generator = std::function<QByteArray(Maker &)>;

// One way to write a token of each rule, in the context the rule needs. Every rule must have one.
const QHash<QString, Generator> &generators()
{
    static const QHash<QString, Generator> table = {
        {u"aws-access-key-id"_s,
         [](Maker &m) -> QByteArray { return "AKIA" + m.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16); }},
        {u"aws-secret-access-key"_s,
         [](Maker &m) -> QByteArray { return "aws_secret_access_key = " + m.base64(40); }},
        {u"github-pat"_s, [](Maker &m) -> QByteArray { return "ghp_" + m.alnum(36); }},
        {u"github-oauth-token"_s, [](Maker &m) -> QByteArray { return "gho_" + m.alnum(36); }},
        {u"github-app-token"_s, [](Maker &m) -> QByteArray { return "ghs_" + m.alnum(36); }},
        {u"github-refresh-token"_s, [](Maker &m) -> QByteArray { return "ghr_" + m.alnum(76); }},
        {u"github-fine-grained-pat"_s,
         [](Maker &m) -> QByteArray { return "github_pat_" + m.alnum(22) + '_' + m.alnum(59); }},
        {u"gitlab-pat"_s, [](Maker &m) -> QByteArray { return "glpat-" + m.url(20); }},
        {u"gitlab-deploy-token"_s, [](Maker &m) -> QByteArray { return "gldt-" + m.url(20); }},
        {u"gitlab-runner-token"_s, [](Maker &m) -> QByteArray { return "glrt-" + m.url(20); }},
        {u"gitlab-ci-job-token"_s,
         [](Maker &m) -> QByteArray { return "glcbt-" + m.alnum(2) + '_' + m.url(20); }},
        {u"gitlab-token"_s, [](Maker &m) -> QByteArray { return "glptt-" + m.hex(40); }},
        {u"slack-bot-token"_s,
         [](Maker &m) -> QByteArray {
             return "xoxb-" + m.digits(12) + '-' + m.digits(13) + '-' + m.alnum(24);
         }},
        {u"slack-user-token"_s,
         [](Maker &m) -> QByteArray {
             return "xoxp-" + m.digits(12) + '-' + m.digits(12) + '-' + m.digits(13) + '-' + m.hex(32);
         }},
        {u"slack-legacy-token"_s,
         [](Maker &m) -> QByteArray { return "xoxs-" + m.digits(10) + '-' + m.alnum(24); }},
        {u"slack-app-token"_s,
         [](Maker &m) -> QByteArray {
             return "xapp-1-A" + m.upper(10) + '-' + m.digits(13) + '-' + m.hex(64);
         }},
        {u"slack-webhook-url"_s,
         [](Maker &m) -> QByteArray {
             return "https://hooks.slack.com/services/T" + m.upper(8) + "/B" + m.upper(8) + '/' + m.alnum(24);
         }},
        {u"stripe-secret-key"_s, [](Maker &m) -> QByteArray { return "sk_live_" + m.alnum(24); }},
        {u"google-api-key"_s, [](Maker &m) -> QByteArray { return "AIza" + m.url(35); }},
        {u"google-oauth-client-secret"_s, [](Maker &m) -> QByteArray { return "GOCSPX-" + m.url(28); }},
        {u"anthropic-api-key"_s, [](Maker &m) -> QByteArray { return "sk-ant-api03-" + m.url(93) + "AA"; }},
        {u"anthropic-admin-key"_s,
         [](Maker &m) -> QByteArray { return "sk-ant-admin01-" + m.url(93) + "AA"; }},
        {u"anthropic-oauth-token"_s, [](Maker &m) -> QByteArray { return "sk-ant-oat01-" + m.url(95); }},
        {u"openai-api-key"_s,
         [](Maker &m) -> QByteArray { return "sk-proj-" + m.url(74) + "T3BlbkFJ" + m.url(74); }},
        {u"openai-legacy-api-key"_s,
         [](Maker &m) -> QByteArray { return "sk-" + m.alnum(20) + "T3BlbkFJ" + m.alnum(20); }},
        {u"openrouter-api-key"_s, [](Maker &m) -> QByteArray { return "sk-or-v1-" + m.hex(64); }},
        {u"groq-api-key"_s, [](Maker &m) -> QByteArray { return "gsk_" + m.alnum(52); }},
        {u"xai-api-key"_s, [](Maker &m) -> QByteArray { return "xai-" + m.alnum(80); }},
        {u"perplexity-api-key"_s, [](Maker &m) -> QByteArray { return "pplx-" + m.alnum(48); }},
        {u"replicate-api-token"_s, [](Maker &m) -> QByteArray { return "r8_" + m.alnum(37); }},
        {u"huggingface-token"_s, [](Maker &m) -> QByteArray { return "hf_" + m.letters(34); }},
        {u"huggingface-org-token"_s, [](Maker &m) -> QByteArray { return "api_org_" + m.letters(34); }},
        {u"npm-token"_s, [](Maker &m) -> QByteArray { return "npm_" + m.alnum(36); }},
        {u"pypi-token"_s, [](Maker &m) -> QByteArray { return "pypi-AgEIcHlwaS5vcmc" + m.url(150); }},
        {u"rubygems-api-key"_s, [](Maker &m) -> QByteArray { return "rubygems_" + m.hex(48); }},
        {u"dockerhub-token"_s, [](Maker &m) -> QByteArray { return "dckr_pat_" + m.url(27); }},
        {u"private-key"_s,
         [](Maker &m) -> QByteArray {
             return "-----BEGIN RSA PRIVATE KEY-----\n" + m.base64(64) + '\n' + m.base64(64) +
                    "\n-----END RSA PRIVATE KEY-----";
         }},
        {u"jwt"_s,
         [](Maker &m) -> QByteArray {
             return base64Url(R"({"alg":"HS256","typ":"JWT"})") + '.' +
                    base64Url(R"({"sub":")" + m.alnum(12) + R"(","iat":)" + m.digits(10) + '}') + '.' +
                    m.url(43);
         }},
        {u"twilio-api-key"_s, [](Maker &m) -> QByteArray { return "SK" + m.hex(32); }},
        {u"twilio-auth-token"_s, [](Maker &m) -> QByteArray { return "TWILIO_AUTH_TOKEN=" + m.hex(32); }},
        {u"sendgrid-api-key"_s, [](Maker &m) -> QByteArray { return "SG." + m.url(22) + '.' + m.url(43); }},
        {u"mailgun-api-key"_s, [](Maker &m) -> QByteArray { return "MAILGUN_API_KEY=key-" + m.hex(32); }},
        {u"shopify-access-token"_s, [](Maker &m) -> QByteArray { return "shpat_" + m.hex(32); }},
        {u"shopify-shared-secret"_s, [](Maker &m) -> QByteArray { return "shpss_" + m.hex(32); }},
        {u"vault-service-token"_s, [](Maker &m) -> QByteArray { return "hvs." + m.url(95); }},
        {u"vault-batch-token"_s, [](Maker &m) -> QByteArray { return "hvb." + m.url(140); }},
        {u"terraform-cloud-token"_s,
         [](Maker &m) -> QByteArray { return m.alnum(14) + ".atlasv1." + m.url(67); }},
        {u"digitalocean-token"_s, [](Maker &m) -> QByteArray { return "dop_v1_" + m.hex(64); }},
        {u"heroku-api-key"_s, [](Maker &m) -> QByteArray { return "HEROKU_API_KEY=" + m.uuid(); }},
        {u"heroku-api-key-v2"_s, [](Maker &m) -> QByteArray { return "HRKU-AA" + m.url(58); }},
        {u"databricks-token"_s, [](Maker &m) -> QByteArray { return "dapi" + m.hex(32); }},
        {u"azure-storage-key"_s,
         [](Maker &m) -> QByteArray {
             return "DefaultEndpointsProtocol=https;AccountName=" + m.hex(8) + ";AccountKey=" + m.base64(86) +
                    "==;EndpointSuffix=core.windows.net";
         }},
        {u"azure-shared-access-key"_s,
         [](Maker &m) -> QByteArray {
             return "Endpoint=sb://" + m.hex(8) +
                    ".servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + m.base64(43) + '=';
         }},
        {u"azure-ad-client-secret"_s,
         [](Maker &m) -> QByteArray {
             return "\"" + m.alnum(3) + m.digits(1) + "Q~" +
                    m.of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_~.-", 34) + '"';
         }},
        {u"atlassian-api-token"_s, [](Maker &m) -> QByteArray { return "ATATT3" + m.url(186); }},
        {u"linear-api-key"_s, [](Maker &m) -> QByteArray { return "lin_api_" + m.alnum(40); }},
        {u"doppler-token"_s, [](Maker &m) -> QByteArray { return "dp.pt." + m.alnum(43); }},
        {u"pulumi-token"_s, [](Maker &m) -> QByteArray { return "pul-" + m.hex(40); }},
        {u"grafana-cloud-token"_s, [](Maker &m) -> QByteArray { return "glc_" + m.base64(60); }},
        {u"grafana-service-account-token"_s,
         [](Maker &m) -> QByteArray { return "glsa_" + m.alnum(32) + '_' + m.hex(8); }},
        {u"newrelic-user-api-key"_s, [](Maker &m) -> QByteArray { return "NRAK-" + m.upper(27); }},
        {u"sentry-org-token"_s,
         [](Maker &m) -> QByteArray {
             return "sntrys_" +
                    QByteArray(R"({"iat":)" + m.digits(10) + R"(,"url":"https://sentry.io"})").toBase64() +
                    '_' + m.base64(43);
         }},
        {u"sentry-user-token"_s, [](Maker &m) -> QByteArray { return "sntryu_" + m.hex(64); }},
        {u"square-access-token"_s, [](Maker &m) -> QByteArray { return "EAAA" + m.url(60); }},
        {u"square-oauth-secret"_s, [](Maker &m) -> QByteArray { return "sq0csp-" + m.url(43); }},
        {u"discord-bot-token"_s,
         [](Maker &m) -> QByteArray {
             return "Authorization: Bot M" + m.url(23) + '.' + m.url(6) + '.' + m.url(27);
         }},
        {u"discord-webhook-url"_s,
         [](Maker &m) -> QByteArray {
             return "https://discord.com/api/webhooks/" + m.digits(18) + '/' + m.url(68);
         }},
        {u"telegram-bot-token"_s,
         [](Maker &m) -> QByteArray {
             return "https://api.telegram.org/bot" + m.digits(10) + ":AA" + m.url(33) + "/getMe";
         }},
        {u"postman-api-key"_s, [](Maker &m) -> QByteArray { return "PMAK-" + m.hex(24) + '-' + m.hex(34); }},
        {u"flyio-token"_s, [](Maker &m) -> QByteArray { return "fo1_" + m.url(43); }},
        {u"age-secret-key"_s,
         [](Maker &m) -> QByteArray {
             return "AGE-SECRET-KEY-1" + m.of("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58);
         }},
        {u"onepassword-service-account-token"_s,
         [](Maker &m) -> QByteArray { return "ops_eyJ" + m.base64(300); }},
        {u"supabase-token"_s, [](Maker &m) -> QByteArray { return "sbp_" + m.hex(40); }},
        {u"planetscale-token"_s, [](Maker &m) -> QByteArray { return "pscale_tkn_" + m.url(43); }},
        {u"notion-token"_s, [](Maker &m) -> QByteArray { return "ntn_" + m.digits(11) + m.alnum(35); }},
        {u"alibaba-access-key-id"_s, [](Maker &m) -> QByteArray { return "LTAI" + m.alnum(20); }},
        {u"dynatrace-token"_s,
         [](Maker &m) -> QByteArray { return "dt0c01." + m.upper(24) + '.' + m.upper(64); }},
        {u"mapbox-secret-token"_s,
         [](Maker &m) -> QByteArray { return "sk.eyJ" + m.url(60) + '.' + m.url(22); }},
    };
    return table;
}

SecretScanner makeScanner(SecretScanner::Options options = SecretScanner::Options{})
{
    auto scanner = SecretScanner::create(options);
    if (!scanner)
        qFatal("%s", qPrintable(scanner.error().message));
    return std::move(*scanner);
}

QList<SecretHit> scanAll(const SecretScanner &scanner, const QByteArray &text, qsizetype chunk = 0)
{
    if (chunk <= 0) {
        auto hits = scanner.scan(text, u"body"_s);
        return hits ? *hits : QList<SecretHit>{};
    }
    auto stream = scanner.stream(u"body"_s);
    QList<SecretHit> all;
    for (qsizetype at = 0; at < text.size(); at += chunk) {
        auto hits = stream.feed(QByteArrayView(text).sliced(at, std::min(chunk, text.size() - at)));
        if (!hits)
            return {};
        all += *hits;
    }
    return all;
}

int countRule(const QList<SecretHit> &hits, const QString &ruleId)
{
    return int(
        std::count_if(hits.begin(), hits.end(), [&](const SecretHit &hit) { return hit.ruleId == ruleId; }));
}

QString describe(const QList<SecretHit> &hits)
{
    QStringList parts;
    for (const SecretHit &hit : hits)
        parts << hit.ruleId + u'@' + QString::number(hit.offset);
    return parts.join(u", "_s);
}

// A few MB of what requests usually carry: prose, source code, JSON with base64 blobs, minified
// JavaScript and binary. Words that resemble keywords ("task", "Asia", "msg.") are in on purpose.
QByteArray ordinaryText(Maker &m, qsizetype size)
{
    static const QList<QByteArray> words = {
        "the",      "of",     "and",    "to",       "in",      "is",      "that",    "for",     "it",
        "as",       "with",   "was",    "on",       "be",      "by",      "this",    "are",     "from",
        "at",       "or",     "an",     "which",    "have",    "not",     "but",     "they",    "his",
        "her",      "one",    "all",    "task",     "ask",     "desk",    "risk",    "Asia",    "skill",
        "token",    "secret", "key",    "password", "private", "public",  "sign",    "message", "request",
        "server",   "client", "upload", "download", "branch",  "commit",  "merge",   "review",  "sandbox",
        "policy",   "proxy",  "agent",  "model",    "prompt",  "value",   "example", "xoxo",    "dapper",
        "pulse",    "pull",   "shelf",  "half",     "ghost",   "glance",  "github",  "gitlab",  "slack",
        "stripe",   "google", "aws",    "azure",    "heroku",  "twilio",  "discord", "bot",     "Bot",
        "telegram", "npm",    "pypi",   "docker",   "vault",   "grafana", "sentry",  "square",  "linear",
        "doppler",  "pulumi", "sprint", "hospital", "library", "window",  "garden",  "river",   "mountain",
        "quiet"};
    const auto word = [&] { return words[m.bounded(int(words.size()))]; };
    const auto sentence = [&]() -> QByteArray {
        QByteArray s = word();
        s[0] = char(QChar::toUpper(char32_t(uchar(s[0]))));
        for (int i = 0, n = 6 + m.bounded(12); i < n; ++i)
            s += ' ' + word();
        return s + ". ";
    };
    QByteArray out;
    while (out.size() < size) {
        switch (m.bounded(6)) {
        case 0: // prose
            for (int i = 0; i < 20; ++i)
                out += sentence();
            out += "\n\n";
            break;
        case 1: // source code
            for (int i = 0; i < 20; ++i) {
                out += "    const auto " + word() + '_' + word() + " = " + word() + "(msg." + word() +
                       ", 0x" + m.hex(8) + ");\n";
                out += "    if (" + word() + " % " + m.digits(2) + " == 0) return \"" + word() + "\"; // " +
                       sentence() + '\n';
                out += "    std::string url = \"https://example.com/" + word() + "?q=" + word() + "%20" +
                       word() + "\";\n";
                out += "    // commit " + m.hex(40) + " id " + m.uuid() + "\n";
            }
            break;
        case 2: // JSON with base64 of binary
            out += "{\"id\": " + m.digits(6) + ", \"name\": \"" + word() + "\", \"data\": \"" +
                   m.bytes(300 + m.bounded(3000)).toBase64() + "\"}\n";
            break;
        case 3: // minified JavaScript
            for (int i = 0; i < 30; ++i) {
                out += "function " + m.letters(2) + "(a,b){var c=a." + word() + "(b);return c&&c.msg." +
                       word() + "?\"" + word() + "\":b+" + m.digits(3) + "}";
            }
            out += '\n';
            break;
        case 4: // binary
            out += m.bytes(2000 + m.bounded(8000));
            break;
        default: // a form post and a query string
            out += "name=" + word() + "&comment=" + QByteArray(sentence()).toPercentEncoding() +
                   "&page=" + m.digits(2) + '\n';
            break;
        }
    }
    out.truncate(size);
    return out;
}

} // namespace

class TestSecretScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRuleHasAGenerator()
    {
        QSet<QString> ids;
        for (const SecretRule &rule : SecretRules::all()) {
            const QString id = QString::fromLatin1(rule.id);
            QVERIFY2(!ids.contains(id), qPrintable(u"duplicate rule id "_s + id));
            ids.insert(id);
            QVERIFY2(generators().contains(id), qPrintable(u"no token generator for rule "_s + id));
        }
        QVERIFY(ids.size() >= 40);
        for (auto it = generators().cbegin(); it != generators().cend(); ++it)
            QVERIFY2(ids.contains(it.key()), qPrintable(u"generator for unknown rule "_s + it.key()));
    }

    void everyRuleIsBoundedAndHasKeywords()
    {
        for (const SecretRule &rule : SecretRules::all()) {
            const auto length = SecretRules::maxMatchLength(rule.pattern);
            QVERIFY2(length && *length <= 1100, rule.id);
            QVERIFY2(rule.keywords[0], rule.id);
            QVERIFY2(!SecretRules::description(rule).isEmpty(), rule.id);
        }
    }

    void findsEveryRule_data()
    {
        QTest::addColumn<QString>("ruleId");
        for (const SecretRule &rule : SecretRules::all())
            QTest::newRow(rule.id) << QString::fromLatin1(rule.id);
    }

    void findsEveryRule()
    {
        QFETCH(QString, ruleId);
        const SecretScanner scanner = makeScanner();
        const SecretRule &rule =
            *std::find_if(SecretRules::all().begin(), SecretRules::all().end(),
                          [&](const SecretRule &r) { return ruleId == QLatin1String(r.id); });
        Maker maker(qHash(ruleId));
        for (int round = 0; round < 20; ++round) {
            const QByteArray token = generators().value(ruleId)(maker);
            const QByteArray text = "Some text before, then " + token + " and some after.\n";
            const auto hits = scanner.scan(text, u"body"_s);
            QVERIFY(hits);
            QVERIFY2(countRule(*hits, ruleId) == 1,
                     qPrintable(QString::fromLatin1(token) + u" gave: "_s + describe(*hits)));
            for (const SecretHit &hit : *hits) {
                // SECURITY: what a hit says is shown and logged; the secret must not be in it.
                for (const QString &said : {hit.ruleId, hit.description, hit.location, hit.explanation()})
                    QVERIFY(!said.contains(QString::fromLatin1(token.right(16))));
                if (hit.ruleId == ruleId) {
                    QCOMPARE(hit.location, u"body"_s);
                    QCOMPARE(hit.encoding, Encoding::Raw);
                    QVERIFY(hit.length <= *SecretRules::maxMatchLength(rule.pattern));
                    QVERIFY(hit.explanation().contains(hit.description));
                }
            }
        }
    }

    void tokensSideBySideAreAllFound()
    {
        // Two together go through the RE2::Set; many together (more than 8 keywords in one window), each
        // rule's own RE2 on its own windows. Groups of 30 stay under the cap on hits.
        const SecretScanner scanner = makeScanner();
        Maker maker(47);
        QStringList ids;
        for (const SecretRule &rule : SecretRules::all())
            ids << QString::fromLatin1(rule.id);
        for (int first = 0; first < ids.size(); first += 30) {
            QByteArray group;
            const QStringList members = ids.mid(first, 30);
            for (const QString &id : members)
                group += generators().value(id)(maker) + "\n";
            const auto hits = scanner.scan(group, u"body"_s);
            QVERIFY(hits);
            for (const QString &id : members)
                QVERIFY2(countRule(*hits, id) == 1,
                         qPrintable(id + u" in a group gave: "_s + describe(*hits)));
        }
        for (int i = 0; i + 1 < ids.size(); i += 2) {
            const QByteArray pair =
                generators().value(ids[i])(maker) + " " + generators().value(ids[i + 1])(maker) + "\n";
            const auto hits = scanner.scan(pair, u"body"_s);
            QVERIFY(hits);
            QVERIFY2(countRule(*hits, ids[i]) == 1 && countRule(*hits, ids[i + 1]) == 1,
                     qPrintable(QString::fromLatin1(pair) + u" gave: "_s + describe(*hits)));
        }
    }

    void placeholdersPass_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("ghp_ and 36 x") << QByteArray("ghp_" + QByteArray(36, 'x'));
        QTest::newRow("ghp_ and a counting sequence")
            << QByteArray("ghp_0123456789abcdefghijklmnopqrstuvwxyz");
        QTest::newRow("AKIA and X") << QByteArray("AKIA" + QByteArray(16, 'X'));
        QTest::newRow("AWS documentation style") << QByteArray("AKIA" + QByteArray("QRSTUVWXY") + "EXAMPLE");
        QTest::newRow("glpat- and x") << QByteArray("glpat-" + QByteArray(20, 'x'));
        QTest::newRow("sk-ant-api03 and x") << QByteArray("sk-ant-api03-" + QByteArray(93, 'x') + "AA");
        QTest::newRow("xoxb- with zeros") << QByteArray("xoxb-0000000000-0000000000-" + QByteArray(24, 'x'));
        QTest::newRow("npm_ and zeros") << QByteArray("npm_" + QByteArray(36, '0'));
        QTest::newRow("AIza and X") << QByteArray("AIza" + QByteArray(35, 'X'));
        QTest::newRow("sk_live_ and abc…") << QByteArray("sk_live_abcdefghijklmnopqrstuvwxyz");
        QTest::newRow("SK and zeros") << QByteArray("SK" + QByteArray(32, '0'));
        QTest::newRow("a PEM header in code")
            << QByteArray("if (line == \"-----BEGIN RSA PRIVATE KEY-----\")");
        QTest::newRow("a PEM placeholder")
            << QByteArray("-----BEGIN PRIVATE KEY-----\n" + QByteArray(64, 'A') + '\n');
    }

    void placeholdersPass()
    {
        QFETCH(QByteArray, text);
        const SecretScanner scanner = makeScanner();
        const auto hits = scanner.scan(QByteArray("token: " + text + '\n'), u"body"_s);
        QVERIFY(hits);
        QVERIFY2(hits->isEmpty(), qPrintable(describe(*hits)));
    }

    void tokensInOtherContexts_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<QByteArray>("text");
        Maker m(7);
        QTest::newRow("PEM in a JSON string")
            << u"private-key"_s
            << jsonObject("private_key", "-----BEGIN PRIVATE KEY-----\\n" + m.base64(64) + "\\n" +
                                             m.base64(64) + "\\n-----END PRIVATE KEY-----\\n");
        QTest::newRow("PGP key with a header")
            << u"private-key"_s
            << QByteArray("-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: made by a test\n\n" +
                          m.base64(70) + '\n');
        QTest::newRow("mailgun in basic auth")
            << u"mailgun-api-key"_s << QByteArray("curl -s --user 'api:key-" + m.hex(32) + "'");
        QTest::newRow("discord in an env file")
            << u"discord-bot-token"_s
            << QByteArray("DISCORD_TOKEN=\"N" + m.url(25) + '.' + m.url(6) + '.' + m.url(38) + '"');
        QTest::newRow("aws secret in JSON")
            << u"aws-secret-access-key"_s << jsonObject("SecretAccessKey", m.base64(40));
        QTest::newRow("a token at the very start") << u"github-pat"_s << QByteArray("ghp_" + m.alnum(36));
        QTest::newRow("a token at the very end")
            << u"npm-token"_s << QByteArray("//registry/:_authToken=npm_" + m.alnum(36));
    }

    void tokensInOtherContexts()
    {
        QFETCH(QString, ruleId);
        QFETCH(QByteArray, text);
        const auto hits = makeScanner().scan(text, u"body"_s);
        QVERIFY(hits);
        QVERIFY2(countRule(*hits, ruleId) == 1, qPrintable(describe(*hits)));
    }

    void knownSecretInEveryEncoding_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("encoding");
        Maker m(11);
        // Reserved characters, so the percent-encoded form differs from the raw one.
        const QByteArray secret = m.alnum(20) + "/+=&%" + m.alnum(7);
        QTest::newRow("raw") << QByteArray("key=" + secret + "&") << int(Encoding::Raw);
        for (int offset = 0; offset < 3; ++offset) {
            for (int padding : {0, 1, 2}) {
                const QByteArray plain = m.bytes(offset) + secret + m.bytes(padding);
                const QByteArray standard = plain.toBase64();
                const QByteArray url =
                    plain.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
                const QByteArray name =
                    "base64 at " + QByteArray::number(offset) + " +" + QByteArray::number(padding);
                QTest::newRow(name.constData()) << jsonObject("blob", standard) << int(Encoding::Base64);
                QTest::newRow(QByteArray(name + " url").constData())
                    << QByteArray("https://x.test/?b=" + url + "&c=1") << int(Encoding::Base64);
            }
        }
        QTest::newRow("hex") << QByteArray("id=" + secret.toHex() + ";") << int(Encoding::Hex);
        QTest::newRow("HEX") << QByteArray("id=" + secret.toHex().toUpper() + ";") << int(Encoding::Hex);
        QTest::newRow("percent") << QByteArray("q=" + secret.toPercentEncoding() + "&")
                                 << int(Encoding::Percent);
        QTest::newRow("percent, every byte")
            << QByteArray("q=" + percentEveryByte(secret)) << int(Encoding::Percent);
    }

    void knownSecretInEveryEncoding()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, encoding);
        Maker m(11);
        const QByteArray secret = m.alnum(20) + "/+=&%" + m.alnum(7);
        for (bool decode : {false, true}) {
            // The encoded forms are needles of their own; decoding finds them a second way.
            if (!decode && QByteArray(QTest::currentDataTag()) == "percent, every byte")
                continue;
            SecretScanner::Options options;
            options.decode = decode;
            SecretScanner scanner = makeScanner(options);
            QVERIFY(scanner.addKnownSecret(u"test-key"_s, secret));
            const auto hits = scanner.scan(text, u"URL"_s);
            QVERIFY(hits);
            QVERIFY2(countRule(*hits, u"known secret test-key"_s) == 1, qPrintable(describe(*hits)));
            const SecretHit &hit = hits->first();
            QCOMPARE(int(hit.encoding), encoding);
            QCOMPARE(hit.location, u"URL"_s);
            for (const QString &said : {hit.ruleId, hit.description, hit.explanation()})
                QVERIFY(!said.contains(QString::fromLatin1(secret.left(12))));
        }
    }

    void knownSecretSplitAcrossChunksAtEveryPoint_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("ruleId");
        Maker m(13);
        const QByteArray secret = m.alnum(32);
        QTest::newRow("raw") << QByteArray("token=" + secret + "&more=1") << u"known secret split"_s;
        QTest::newRow("base64") << jsonObject("a", QByteArray(m.bytes(7) + secret + m.bytes(5)).toBase64())
                                << u"known secret split"_s;
        QTest::newRow("hex") << QByteArray("x=" + secret.toHex() + "\n") << u"known secret split"_s;
        QTest::newRow("provider token")
            << QByteArray("Authorization: token ghp_" + m.alnum(36) + "\r\n") << u"github-pat"_s;
        QTest::newRow("provider token in base64")
            << jsonObject("a", QByteArray("token ghp_" + m.alnum(36) + " end").toBase64()) << u"github-pat"_s;
    }

    void knownSecretSplitAcrossChunksAtEveryPoint()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, ruleId);
        Maker m(13);
        SecretScanner scanner = makeScanner();
        QVERIFY(scanner.addKnownSecret(u"split"_s, m.alnum(32)));
        for (qsizetype split = 0; split <= text.size(); ++split) {
            auto stream = scanner.stream(u"body"_s);
            const auto first = stream.feed(QByteArrayView(text).first(split));
            const auto second = stream.feed(QByteArrayView(text).sliced(split));
            QVERIFY(first && second);
            const QList<SecretHit> all = *first + *second;
            QVERIFY2(countRule(all, ruleId) == 1, qPrintable(u"split at %1: "_s.arg(split) + describe(all)));
            QCOMPARE(stream.bytesScanned(), qint64(text.size()));
        }
    }

    void decodesOneLevel_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("encoding");
        Maker m(17);
        const QByteArray token = "ghp_" + m.alnum(36);
        QTest::newRow("base64 in JSON")
            << jsonObject("payload", QByteArray("auth=" + token).toBase64()) << int(Encoding::Base64);
        QTest::newRow("base64url in a URL")
            << QByteArray("https://x.test/cb?state=" +
                          QByteArray("{\"t\":\"" + token + "\"}")
                              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
            << int(Encoding::Base64);
        QTest::newRow("hex") << QByteArray("data=" + token.toHex()) << int(Encoding::Hex);
        QTest::newRow("percent-encoded, every byte")
            << QByteArray("q=" + percentEveryByte(token)) << int(Encoding::Percent);
        QTest::newRow("percent-encoded underscore")
            << QByteArray("q=" + QByteArray(token).replace("_", "%5F")) << int(Encoding::Percent);
        QTest::newRow("one escape in the random part")
            << QByteArray("q=" + token.left(20) + percentEveryByte(token.mid(20, 1)) + token.mid(21))
            << int(Encoding::Percent);
    }

    void decodesOneLevel()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, encoding);
        const auto hits = makeScanner().scan(text, u"body"_s);
        QVERIFY(hits);
        QVERIFY2(countRule(*hits, u"github-pat"_s) == 1, qPrintable(describe(*hits)));
        QCOMPARE(int(hits->first().encoding), encoding);
        QVERIFY(hits->first().explanation().contains(u"encoded"_s));

        SecretScanner::Options noDecoding;
        noDecoding.decode = false;
        const auto raw = makeScanner(noDecoding).scan(text, u"body"_s);
        QVERIFY(raw && raw->isEmpty()); // so the hit above came from decoding
    }

    void decodesOnlyOneLevel()
    {
        Maker m(19);
        const QByteArray twice = QByteArray("ghp_" + m.alnum(36)).toBase64().toBase64();
        const auto hits = makeScanner().scan(twice, u"body"_s);
        QVERIFY(hits && hits->isEmpty());
    }

    void findsTokensInLongBase64BodiesStreamed()
    {
        // The run is longer than a chunk: decoding must keep its alignment from where it began.
        Maker m(23);
        SecretScanner scanner = makeScanner();
        const QByteArray secret = m.alnum(40);
        QVERIFY(scanner.addKnownSecret(u"deep"_s, secret));
        const QByteArray token = "ghp_" + m.alnum(36);
        const QByteArray payload =
            m.bytes(150001) + " token=" + token + " " + m.bytes(90000) + secret + m.bytes(7);
        const QByteArray body = jsonObject("file", payload.toBase64());
        for (qsizetype chunk : {4096 + 17, 65536, 1000003}) {
            const QList<SecretHit> hits = scanAll(scanner, body, chunk);
            QVERIFY2(countRule(hits, u"github-pat"_s) == 1, qPrintable(describe(hits)));
            QVERIFY2(countRule(hits, u"known secret deep"_s) == 1, qPrintable(describe(hits)));
        }
    }

    void noFalsePositivesOnOrdinaryText()
    {
        Maker m(29);
        SecretScanner scanner = makeScanner();
        QVERIFY(scanner.addKnownSecret(u"unused"_s, m.alnum(40)));
        const QByteArray text = ordinaryText(m, 4 << 20);
        const QList<SecretHit> hits = scanAll(scanner, text, 65536);
        QVERIFY2(hits.isEmpty(), qPrintable(describe(hits)));
    }

    void hitsAreCappedPerStream()
    {
        Maker m(31);
        QByteArray text;
        for (int i = 0; i < 200; ++i)
            text += "ghp_" + m.alnum(36) + '\n';
        const QList<SecretHit> hits = scanAll(makeScanner(), text, 1000);
        QCOMPARE(hits.size(), SecretScanner::maxHitsPerStream);
    }

    void scannerErrorsAreErrors()
    {
        // SECURITY: fail closed. RE2 without the memory it needs is an error, never "nothing found".
        SecretScanner::Options starved;
        starved.re2MaxMemory = 2048;
        QVERIFY(!SecretScanner::create(starved));

        static constexpr SecretRule unbounded[] = {{"unbounded", "x", {"abc"}, "abc+", 0}};
        const auto built = SecretScanner::create(unbounded, SecretScanner::Options{});
        QVERIFY(!built);
        QVERIFY(!built.error().message.isEmpty());
        static constexpr SecretRule broken[] = {{"broken", "x", {"abc"}, "abc(", 0}};
        QVERIFY(!SecretScanner::create(broken, SecretScanner::Options{}));
        static constexpr SecretRule keywordless[] = {{"keywordless", "x", {}, "abc", 0}};
        QVERIFY(!SecretScanner::create(keywordless, SecretScanner::Options{}));

        // Between too little and enough memory: whatever builds must find the token or fail, never pass it.
        Maker m(37);
        const QByteArray text = "x " + m.bytes(3000).toBase64() + " ghp_" + m.alnum(36) + " eyJ" + m.url(900);
        int built_ = 0;
        for (qint64 memory = 64 << 10; memory <= 16 << 20; memory *= 2) {
            SecretScanner::Options options;
            options.re2MaxMemory = memory;
            auto scanner = SecretScanner::create(options);
            if (!scanner)
                continue;
            ++built_;
            const auto hits = scanner->scan(text, u"body"_s);
            QVERIFY(!hits || countRule(*hits, u"github-pat"_s) == 1);
        }
        QVERIFY(built_ > 0);
    }

    void refusesKnownSecretsItCannotWatchFor()
    {
        SecretScanner scanner = makeScanner();
        QVERIFY(!scanner.addKnownSecret(u"short"_s, "1234567"));
        QVERIFY(!scanner.addKnownSecret(u"long"_s, QByteArray(SecretScanner::maxKnownSecretLength + 1, 'a')));
        QCOMPARE(scanner.knownSecretCount(), 0);
        QVERIFY(scanner.addKnownSecret(u"ok"_s, "12345678"));
        QCOMPARE(scanner.knownSecretCount(), 1);
    }

    void overlapCoversTheLongestEncodedMatch()
    {
        SecretScanner scanner = makeScanner();
        int longest = 0;
        for (const SecretRule &rule : SecretRules::all())
            longest = std::max(longest, *SecretRules::maxMatchLength(rule.pattern));
        QVERIFY(scanner.overlap() >= 3 * longest);
        QVERIFY(scanner.addKnownSecret(u"long"_s, QByteArray(SecretScanner::maxKnownSecretLength, 'a')));
        QVERIFY(scanner.overlap() >= 3 * SecretScanner::maxKnownSecretLength);
    }

    void knownSecretNeedles()
    {
        const QByteArray value = "pass/word+01";
        const auto needles = SecretKnownValues::needlesFor(value);
        QSet<QByteArray> bytes;
        for (const auto &needle : needles)
            bytes.insert(needle.bytes);
        QCOMPARE(bytes.size(), needles.size());
        QVERIFY(bytes.contains(value));
        QVERIFY(bytes.contains(value.toHex()));
        QVERIFY(bytes.contains(value.toHex().toUpper()));
        QVERIFY(bytes.contains("pass%2Fword%2B01"));
        QVERIFY(bytes.contains("pass%2fword%2b01"));
        // Each needle sits inside the encoding of the value at its alignment, padded or not.
        for (int offset = 0; offset < 3; ++offset) {
            const QByteArray encoded = QByteArray(QByteArray(offset, 'z') + value + "zz").toBase64();
            QVERIFY(std::any_of(needles.begin(), needles.end(), [&](const auto &n) {
                return n.encoding == Encoding::Base64 && encoded.contains(n.bytes);
            }));
        }
    }

    void maxMatchLength_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("length"); // -1: unbounded
        QTest::newRow("literal") << u"abc"_s << 3;
        QTest::newRow("class and count") << u"ghp_[0-9A-Za-z]{36}"_s << 40;
        QTest::newRow("range") << u"x{2,5}y?"_s << 6;
        QTest::newRow("alternation") << u"(?:ab|abcd)e"_s << 5;
        QTest::newRow("flags and anchors") << u"(?i)\\bab$"_s << 2;
        QTest::newRow("escapes") << u"\\x60\\.\\s[\\\\'\"\\x60]"_s << 4;
        QTest::newRow("nested") << u"(?:a{2}b){3}"_s << 9;
        QTest::newRow("plus") << u"a+"_s << -1;
        QTest::newRow("star") << u"ab*"_s << -1;
        QTest::newRow("open range") << u"a{3,}"_s << -1;
        QTest::newRow("unknown escape") << u"\\pL"_s << -1;
    }

    void maxMatchLength()
    {
        QFETCH(QString, pattern);
        QFETCH(int, length);
        const auto read = SecretRules::maxMatchLength(pattern.toStdString());
        QCOMPARE(read.value_or(-1), length);
    }

    void placeholderChecks()
    {
        QCOMPARE(SecretRules::shannonEntropy("xxxx"), 0.0);
        QCOMPARE(SecretRules::shannonEntropy("abcd"), 2.0);
        Maker m(41);
        QVERIFY(SecretRules::shannonEntropy(m.alnum(36)) > 4.0);
        QVERIFY(SecretRules::isPlaceholder(QByteArray(36, 'x'), 3.0));
        QVERIFY(SecretRules::isPlaceholder("abcdefghijklmnopqrstuvwxyz0123456789", 3.0));
        QVERIFY(SecretRules::isPlaceholder("ABCDEFGHIJEXAMPLEKEY", 0));
        QVERIFY(!SecretRules::isPlaceholder(m.alnum(36), 3.0));
    }

    void keywordFilterPathsAgree()
    {
        QList<QByteArray> keywords;
        for (const SecretRule &rule : SecretRules::all()) {
            for (const char *keyword : rule.keywords) {
                if (keyword && !keywords.contains(keyword))
                    keywords.append(keyword);
            }
        }
        SecretKeywordFilter filter(keywords);
        const auto kernels = SecretKeywordFilter::availableKernels();
        QCOMPARE(kernels.front(), SecretKeywordFilter::Kernel::Scalar);
        QCOMPARE(filter.kernel(), kernels.back()); // the fastest by default
        Maker m(43);
        for (int round = 0; round < 50; ++round) {
            QByteArray text = ordinaryText(m, 1000 + m.bounded(5000));
            for (int i = 0; i < 10; ++i) {
                const QByteArray &keyword = keywords[m.bounded(int(keywords.size()))];
                const qsizetype at = m.bounded(int(text.size()));
                text.insert(at, i % 2 ? keyword.toUpper() : keyword);
            }
            const auto run = [&](SecretKeywordFilter::Kernel kernel) {
                filter.setKernel(kernel);
                std::vector<SecretKeywordFilter::Occurrence> found;
                SecretKeywordFilter::Marks marks;
                filter.find(text, found, &marks);
                QList<QPair<qsizetype, int>> list;
                for (const auto &o : found)
                    list.append({o.position, o.keyword});
                std::sort(list.begin(), list.end());
                return std::make_tuple(list, marks.alphabet, marks.percent);
            };
            const auto scalar = run(SecretKeywordFilter::Kernel::Scalar);
            for (SecretKeywordFilter::Kernel kernel : kernels) {
                const auto vector = run(kernel);
                QCOMPARE(std::get<0>(vector), std::get<0>(scalar));
                QVERIFY(std::get<1>(vector) == std::get<1>(scalar));
                QVERIFY(std::get<2>(vector) == std::get<2>(scalar));
            }
            const auto &a = scalar;
            // And against a plain search, ignoring case except for keywords with capitals.
            const QByteArray lower = text.toLower();
            qsizetype expected = 0;
            for (int k = 0; k < keywords.size(); ++k) {
                const bool exact = keywords[k] != keywords[k].toLower();
                const QByteArray &haystack = exact ? text : lower;
                for (qsizetype at = haystack.indexOf(keywords[k]); at >= 0;
                     at = haystack.indexOf(keywords[k], at + 1))
                    ++expected;
            }
            QCOMPARE(qsizetype(std::get<0>(a).size()), expected);
        }
    }

    void docsListEveryRule()
    {
        QFile doc(qEnvironmentVariable("PADDOCK_SOURCE_DIR") + u"/docs/scanning.md"_s);
        QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
        const QByteArray text = doc.readAll();
        for (const SecretRule &rule : SecretRules::all())
            QVERIFY2(text.contains(QByteArray("`" + QByteArray(rule.id) + "`")), rule.id);
    }
};

QTEST_GUILESS_MAIN(TestSecretScanner)
#include "tst_secretscanner.moc"
