#include "proxy/secretrules.h"

#include <algorithm>
#include <cmath>

namespace Paddock::Proxy {

namespace {

// Ported from gitleaks (config/gitleaks.toml) where it has the provider, with unbounded repetitions capped
// and trailing terminators dropped: a token longer than the cap still matches its first part. The caps are
// short on purpose: the first few dozen characters show it is a token, and long counted repetitions make
// RE2's automata large and slow on text crafted to be slow. Capture group 1 (or the first group that took
// part) is what the entropy check looks at. Keep docs/scanning.md in step; tests/proxy/tst_secretscanner.cpp
// generates a token for every rule and fails when one has no generator. The descriptions are spelled out
// for lupdate, which does not expand macros.
constexpr SecretRule rules[] = {
    {"aws-access-key-id",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an AWS access key ID"),
     {"AKIA", "ASIA", "ABIA", "ACCA", "A3T"},
     R"re(\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)([A-Z2-7]{16})\b)re",
     2.8},
    {"aws-secret-access-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an AWS secret access key"),
     {"secret_access_key", "secretaccesskey", "secret-access-key"},
     R"re((?i)secret[_-]?access[_-]?key["']?\s{0,5}[:=]{1,2}>?\s{0,5}["']?([a-z0-9/+]{40})(?:[^a-z0-9/+=]|$))re",
     4.0},
    {"github-pat",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitHub personal access token"),
     {"ghp_"},
     R"re(ghp_([0-9A-Za-z]{36}))re",
     3.0},
    {"github-oauth-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitHub OAuth token"),
     {"gho_"},
     R"re(gho_([0-9A-Za-z]{36}))re",
     3.0},
    {"github-app-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitHub app token"),
     {"ghu_", "ghs_"},
     R"re(gh[us]_([0-9A-Za-z]{36}))re",
     3.0},
    {"github-refresh-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitHub refresh token"),
     {"ghr_"},
     R"re(ghr_([0-9A-Za-z]{36}))re",
     3.0},
    {"github-fine-grained-pat",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitHub fine-grained personal access token"),
     {"github_pat_"},
     R"re(github_pat_([0-9A-Za-z_]{82}))re",
     3.0},
    {"gitlab-pat",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitLab personal access token"),
     {"glpat-"},
     R"re(glpat-([0-9A-Za-z_-]{20,40}))re",
     3.0},
    {"gitlab-deploy-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitLab deploy token"),
     {"gldt-"},
     R"re(gldt-([0-9A-Za-z_-]{20,40}))re",
     3.0},
    {"gitlab-runner-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitLab runner token"),
     {"glrt-"},
     R"re(glrt-([0-9A-Za-z_-]{20,40}))re",
     3.0},
    {"gitlab-ci-job-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitLab CI/CD job token"),
     {"glcbt-"},
     R"re(glcbt-([0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20,40}))re",
     3.0},
    {"gitlab-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a GitLab access token"),
     {"glft-", "glimt-", "gloas-", "glsoat-", "glagent-", "glffct-", "glptt-"},
     R"re(gl(?:ft|imt|oas|soat|agent|ffct|ptt)-([0-9A-Za-z_-]{20,40}))re",
     3.0},
    {"slack-bot-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Slack bot token"),
     {"xoxb-"},
     R"re(xoxb-([0-9]{8,14}-[0-9A-Za-z-]{10,40}))re",
     3.0},
    {"slack-user-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Slack user token"),
     {"xoxp-", "xoxe-"},
     R"re(xox[pe]-((?:[0-9]{1,14}-){1,3}[0-9A-Za-z]{28,40}))re",
     3.0},
    {"slack-legacy-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Slack token"),
     {"xoxa-", "xoxo-", "xoxr-", "xoxs-"},
     R"re(xox[aors]-((?:[0-9]{1,14}-){0,3}[0-9A-Za-z]{8,40}))re",
     3.0},
    {"slack-app-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Slack app token"),
     {"xapp-"},
     R"re((?i)xapp-[0-9]-([a-z0-9]{1,32}-[0-9]{1,20}-[a-z0-9]{32,40}))re",
     3.0},
    {"slack-webhook-url",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Slack webhook URL"),
     {"hooks.slack.com"},
     R"re(hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{43,56}))re",
     3.0},
    {"stripe-secret-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Stripe secret key"),
     {"sk_live", "sk_test", "sk_prod", "rk_live", "rk_test", "rk_prod"},
     R"re(\b[rs]k_(?:live|test|prod)_([0-9A-Za-z]{20,32}))re",
     3.0},
    {"google-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Google API key"),
     {"AIza"},
     R"re(\bAIza([0-9A-Za-z_-]{35}))re",
     3.5},
    {"google-oauth-client-secret",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Google OAuth client secret"),
     {"GOCSPX-"},
     R"re(GOCSPX-([0-9A-Za-z_-]{28}))re",
     3.0},
    {"anthropic-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Anthropic API key"),
     {"sk-ant-api03-"},
     R"re(sk-ant-api03-([0-9A-Za-z_-]{93}AA))re",
     4.0},
    {"anthropic-admin-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Anthropic admin API key"),
     {"sk-ant-admin01-"},
     R"re(sk-ant-admin01-([0-9A-Za-z_-]{93}AA))re",
     4.0},
    {"anthropic-oauth-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Anthropic OAuth token"),
     {"sk-ant-oat01-", "sk-ant-ort01-"},
     R"re(sk-ant-o[ar]t01-([0-9A-Za-z_-]{80}))re",
     4.0},
    {"openai-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an OpenAI API key"),
     {"sk-proj-", "sk-svcacct-", "sk-admin-"},
     R"re(sk-(?:proj|svcacct|admin)-([0-9A-Za-z_-]{100}))re",
     4.0},
    {"openai-legacy-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an OpenAI API key"),
     {"T3BlbkFJ"},
     R"re(\bsk-([0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}))re",
     3.5},
    {"openrouter-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an OpenRouter API key"),
     {"sk-or-v1-"},
     R"re(sk-or-v1-([0-9a-f]{64}))re",
     3.0},
    {"groq-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Groq API key"),
     {"gsk_"},
     R"re(\bgsk_([0-9A-Za-z]{52}))re",
     3.5},
    {"xai-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an xAI API key"),
     {"xai-"},
     R"re(\bxai-([0-9A-Za-z]{80}))re",
     3.5},
    {"perplexity-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Perplexity API key"),
     {"pplx-"},
     R"re(pplx-([0-9A-Za-z]{48}))re",
     3.5},
    {"replicate-api-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Replicate API token"),
     {"r8_"},
     R"re(\br8_([0-9A-Za-z]{37}))re",
     3.0},
    {"huggingface-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Hugging Face access token"),
     {"hf_"},
     R"re(\bhf_([A-Za-z]{34}))re",
     3.0},
    {"huggingface-org-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Hugging Face organization token"),
     {"api_org_"},
     R"re(\bapi_org_([A-Za-z]{34}))re",
     3.0},
    {"npm-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an npm access token"),
     {"npm_"},
     R"re(\bnpm_([0-9A-Za-z]{36}))re",
     3.0},
    {"pypi-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a PyPI upload token"),
     {"pypi-AgEIcHlwaS5vcmc"},
     R"re(pypi-AgEIcHlwaS5vcmc([0-9A-Za-z_-]{50}))re",
     3.0},
    {"rubygems-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a RubyGems API key"),
     {"rubygems_"},
     R"re(rubygems_([0-9a-f]{48}))re",
     3.0},
    {"dockerhub-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Docker Hub access token"),
     {"dckr_pat_", "dckr_oat_"},
     R"re(dckr_(?:pat|oat)_([0-9A-Za-z_-]{27}))re",
     3.0},
    // Keyed on the BEGIN line, and the first line of the key itself, so code that only names the header is
    // not blocked. In JSON (a service account file) the line breaks are the two characters \n.
    {"private-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a private key"),
     {"private key-----", "private key block-----"},
     R"re(-----BEGIN[ A-Z0-9_-]{0,60}PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|\s){1,8}(?:[A-Za-z-]{1,30}: [^\r\n\\]{0,80}(?:\\[rn]|\s){1,4}){0,2}(?:\\[rn]|\s){0,4}([A-Za-z0-9+/]{60,64}))re",
     3.5},
    // Header and the start of the payload: enough to know it is a token, and long tokens still match.
    {"jwt",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a JSON Web Token"),
     {"eyJ"},
     R"re(\beyJ([0-9A-Za-z_-]{8,300}\.eyJ[0-9A-Za-z_-]{8,32}))re",
     3.0},
    {"twilio-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Twilio API key"),
     {"SK"},
     R"re(\bSK([0-9a-fA-F]{32})\b)re",
     3.0},
    {"twilio-auth-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Twilio auth token"),
     {"twilio"},
     R"re((?i)twilio[\w.-]{0,20}["']?\s{0,5}[:=]{1,2}>?\s{0,5}["']?([0-9a-f]{32})\b)re",
     3.0},
    {"sendgrid-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a SendGrid API key"),
     {"SG."},
     R"re(\bSG\.([0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}))re",
     4.0},
    {"mailgun-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Mailgun API key"),
     {"mailgun", "api:key-"},
     R"re((?i)(?:mailgun[\w.-]{0,30}["']?\s{0,5}[:=]{1,2}>?\s{0,5}["']?((?:key-)?[0-9a-f]{32}(?:-[0-9a-f]{8}-[0-9a-f]{8})?)|api:key-([0-9a-f]{32}))\b)re",
     3.0},
    {"shopify-access-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Shopify access token"),
     {"shpat_", "shpca_", "shppa_"},
     R"re(shp(?:at|ca|pa)_([0-9a-fA-F]{32}))re",
     3.0},
    {"shopify-shared-secret",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Shopify shared secret"),
     {"shpss_"},
     R"re(shpss_([0-9a-fA-F]{32}))re",
     3.0},
    {"vault-service-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a HashiCorp Vault service token"),
     {"hvs."},
     R"re(\bhvs\.([0-9A-Za-z_-]{24,32}))re",
     3.5},
    {"vault-batch-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a HashiCorp Vault batch token"),
     {"hvb."},
     R"re(\bhvb\.([0-9A-Za-z_-]{100}))re",
     3.5},
    {"terraform-cloud-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Terraform Cloud API token"),
     {"atlasv1"},
     R"re(\b[0-9A-Za-z]{14}\.atlasv1\.([0-9A-Za-z_=-]{60,70}))re",
     3.5},
    {"digitalocean-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a DigitalOcean token"),
     {"dop_v1_", "doo_v1_", "dor_v1_"},
     R"re(do[opr]_v1_([0-9a-f]{64}))re",
     3.0},
    {"heroku-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Heroku API key"),
     {"heroku"},
     R"re((?i)heroku[\w.-]{0,30}["']?\s{0,5}[:=]{1,2}>?\s{0,5}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b)re",
     3.0},
    {"heroku-api-key-v2",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Heroku API key"),
     {"HRKU-AA"},
     R"re(HRKU-AA([0-9A-Za-z_-]{58}))re",
     3.5},
    {"databricks-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Databricks access token"),
     {"dapi"},
     R"re(\bdapi([0-9a-f]{32})(?:-[0-9])?)re",
     3.0},
    {"azure-storage-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Azure storage account key"),
     {"accountkey="},
     R"re((?i)AccountKey=([a-z0-9+/]{86}==))re",
     4.0},
    {"azure-shared-access-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Azure shared access key"),
     {"sharedaccesskey="},
     R"re((?i)SharedAccessKey=([a-z0-9+/]{42,44}=))re",
     4.0},
    {"azure-ad-client-secret",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Azure AD client secret"),
     {"q~"},
     R"re((?:^|[\\'"\x60\s>=:(,)])([0-9A-Za-z_~.]{3}[0-9]Q~[0-9A-Za-z_~.-]{31,34})(?:$|[\\'"\x60\s<),]))re",
     3.0},
    {"atlassian-api-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Atlassian API token"),
     {"ATATT3"},
     R"re(ATATT3([0-9A-Za-z_=-]{186}))re",
     3.5},
    {"linear-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Linear API key"),
     {"lin_api_"},
     R"re(lin_api_([0-9A-Za-z]{40}))re",
     3.0},
    {"doppler-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Doppler token"),
     {"dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."},
     R"re(dp\.(?:pt|st|sa|ct|scim|audit)\.([0-9A-Za-z]{40,44}))re",
     3.0},
    {"pulumi-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Pulumi access token"),
     {"pul-"},
     R"re(\bpul-([0-9a-f]{40}))re",
     3.0},
    {"grafana-cloud-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Grafana Cloud token"),
     {"glc_"},
     R"re(\bglc_([A-Za-z0-9+/]{32,48}))re",
     3.0},
    {"grafana-service-account-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Grafana service account token"),
     {"glsa_"},
     R"re(\bglsa_([0-9A-Za-z]{32}_[0-9A-Fa-f]{8}))re",
     3.0},
    {"newrelic-user-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a New Relic user API key"),
     {"nrak-"},
     R"re((?i)\bNRAK-([a-z0-9]{27}))re",
     3.0},
    {"sentry-org-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Sentry organization token"),
     {"sntrys_eyJ"},
     R"re(\bsntrys_(eyJ[A-Za-z0-9+/=_]{60}))re",
     3.5},
    {"sentry-user-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Sentry user token"),
     {"sntryu_"},
     R"re(sntryu_([0-9a-f]{64}))re",
     3.0},
    {"square-access-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Square access token"),
     {"EAAA", "sq0atp-"},
     R"re(\b(?:EAAA|sq0atp-)([0-9A-Za-z_-]{22,32}))re",
     3.0},
    {"square-oauth-secret",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Square OAuth secret"),
     {"sq0csp-"},
     R"re(sq0csp-([0-9A-Za-z_-]{43}))re",
     3.0},
    {"discord-bot-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Discord bot token"),
     {"discord", "bot "},
     R"re((?i:discord[\w.-]{0,30}["']?\s{0,5}[:=]{1,2}>?\s{0,5}["']?|\bbot\s{1,3})([MNO][0-9A-Za-z_-]{23,27}\.[0-9A-Za-z_-]{6}\.[0-9A-Za-z_-]{27,40}))re",
     3.5},
    {"discord-webhook-url",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Discord webhook URL"),
     {"discord.com/api/webhooks", "discordapp.com/api/webhooks"},
     R"re(discord(?:app)?\.com/api/webhooks/([0-9]{17,20}/[0-9A-Za-z_-]{60,70}))re",
     3.0},
    {"telegram-bot-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Telegram bot token"),
     {":AA"},
     R"re((?:^|[^0-9])([0-9]{8,10}:AA[0-9A-Za-z_-]{33}))re",
     3.0},
    {"postman-api-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Postman API key"),
     {"pmak-"},
     R"re((?i)\bPMAK-([0-9a-f]{24}-[0-9a-f]{34}))re",
     3.0},
    {"flyio-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Fly.io token"),
     {"fo1_", "fm1a_", "fm1r_", "fm2_"},
     R"re(\b(?:fo1_([0-9A-Za-z_-]{43})|fm(?:1[ar]|2)_([A-Za-z0-9+/]{100})))re",
     3.5},
    {"age-secret-key",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an age secret key"),
     {"AGE-SECRET-KEY-1"},
     R"re(AGE-SECRET-KEY-1([QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}))re",
     3.5},
    {"onepassword-service-account-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a 1Password service account token"),
     {"ops_eyJ"},
     R"re(\bops_(eyJ[0-9A-Za-z+/]{250}))re",
     3.5},
    {"supabase-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Supabase access token"),
     {"sbp_"},
     R"re(\bsbp_([0-9a-f]{40}))re",
     3.0},
    {"planetscale-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a PlanetScale token"),
     {"pscale_"},
     R"re(pscale_(?:tkn|pw|oauth)_([0-9A-Za-z_=.-]{32,40}))re",
     3.0},
    {"notion-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Notion integration token"),
     {"ntn_"},
     R"re(\bntn_([0-9]{11}[0-9A-Za-z]{35}))re",
     3.0},
    {"alibaba-access-key-id",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "an Alibaba Cloud access key ID"),
     {"LTAI"},
     R"re(\bLTAI([0-9A-Za-z]{20})\b)re",
     3.0},
    {"dynatrace-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Dynatrace API token"),
     {"dt0c01."},
     R"re((?i)dt0c01\.([0-9a-z]{24}\.[0-9a-z]{64}))re",
     3.5},
    {"mapbox-secret-token",
     QT_TRANSLATE_NOOP("Paddock::Proxy::SecretRules", "a Mapbox secret token"),
     {"sk.eyJ"},
     R"re(\bsk\.(eyJ[0-9A-Za-z_-]{50,120}\.[0-9A-Za-z_-]{20,30}))re",
     3.5},
};

// Reads the longest match of a pattern in the RE2 subset the rules use. Anything else fails, so a rule
// with unknown syntax is rejected instead of getting a window too small for its matches.
class LengthReader
{
public:
    explicit LengthReader(std::string_view pattern)
        : m_p(pattern)
    {}

    std::optional<int> read()
    {
        const long length = alternation();
        if (!m_ok || m_pos != m_p.size())
            return std::nullopt;
        return int(length);
    }

private:
    static constexpr long limit = 1 << 20;

    bool at(char c) const { return m_pos < m_p.size() && m_p[m_pos] == c; }
    long fail()
    {
        m_ok = false;
        return 0;
    }

    long alternation()
    {
        long longest = concatenation();
        while (m_ok && at('|')) {
            ++m_pos;
            longest = std::max(longest, concatenation());
        }
        return longest;
    }

    long concatenation()
    {
        long total = 0;
        while (m_ok && m_pos < m_p.size() && !at('|') && !at(')')) {
            total += repeated(atom());
            if (total > limit)
                return fail();
        }
        return total;
    }

    long atom()
    {
        const char c = m_p[m_pos++];
        switch (c) {
        case '(':
            return group();
        case '[':
            return characterClass();
        case '\\':
            return escape();
        case '^':
        case '$':
            return 0;
        case '*':
        case '+':
        case '?':
        case '{':
        case '}':
        case ']':
            return fail();
        default:
            return 1;
        }
    }

    long group()
    {
        if (at('?')) {
            ++m_pos;
            if (at('P')) { // (?P<name>…)
                while (m_pos < m_p.size() && m_p[m_pos] != '>')
                    ++m_pos;
                ++m_pos;
            } else {
                while (m_pos < m_p.size() && (std::isalpha(uchar(m_p[m_pos])) || m_p[m_pos] == '-'))
                    ++m_pos;
                if (at(')')) { // (?i): flags only
                    ++m_pos;
                    return 0;
                }
                if (!at(':'))
                    return fail();
                ++m_pos;
            }
        }
        const long length = alternation();
        if (!at(')'))
            return fail();
        ++m_pos;
        return length;
    }

    long characterClass()
    {
        if (at('^'))
            ++m_pos;
        if (at(']'))
            ++m_pos;
        while (m_ok && m_pos < m_p.size() && m_p[m_pos] != ']') {
            if (m_p[m_pos] == '[')
                return fail(); // [[:alpha:]] and friends
            if (m_p[m_pos] == '\\') {
                ++m_pos;
                escape();
            } else {
                ++m_pos;
            }
        }
        if (!at(']'))
            return fail();
        ++m_pos;
        return 1;
    }

    long escape()
    {
        if (m_pos >= m_p.size())
            return fail();
        const char c = m_p[m_pos++];
        switch (c) {
        case 'b':
        case 'B':
        case 'A':
        case 'z':
            return 0;
        case 'x':
            if (m_pos + 2 > m_p.size() || !std::isxdigit(uchar(m_p[m_pos])) ||
                !std::isxdigit(uchar(m_p[m_pos + 1])))
                return fail();
            m_pos += 2;
            return 1;
        case 'd':
        case 'D':
        case 's':
        case 'S':
        case 'w':
        case 'W':
        case 'r':
        case 'n':
        case 't':
            return 1;
        default:
            return std::isalnum(uchar(c)) ? fail() : 1; // \p, \Q, \C…: not used, not understood
        }
    }

    long repeated(long length)
    {
        while (m_ok && m_pos < m_p.size()) {
            const char c = m_p[m_pos];
            if (c == '*' || c == '+')
                return fail();
            if (c == '?') { // optional, or the lazy form of the quantifier before
                ++m_pos;
            } else if (c == '{') {
                ++m_pos;
                long low = 0;
                while (m_pos < m_p.size() && std::isdigit(uchar(m_p[m_pos])))
                    low = low * 10 + (m_p[m_pos++] - '0');
                long high = low;
                if (at(',')) {
                    ++m_pos;
                    if (at('}'))
                        return fail(); // {n,}: unbounded
                    high = 0;
                    while (m_pos < m_p.size() && std::isdigit(uchar(m_p[m_pos])))
                        high = high * 10 + (m_p[m_pos++] - '0');
                }
                if (!at('}') || high > 1000)
                    return fail();
                ++m_pos;
                length *= high;
                if (length > limit)
                    return fail();
            } else {
                break;
            }
        }
        return length;
    }

    std::string_view m_p;
    size_t m_pos = 0;
    bool m_ok = true;
};

} // namespace

std::span<const SecretRule> SecretRules::all()
{
    return rules;
}

QString SecretRules::description(const SecretRule &rule)
{
    return QCoreApplication::translate("Paddock::Proxy::SecretRules", rule.description);
}

std::optional<int> SecretRules::maxMatchLength(std::string_view pattern)
{
    return LengthReader(pattern).read();
}

double SecretRules::shannonEntropy(QByteArrayView text)
{
    if (text.isEmpty())
        return 0;
    std::array<int, 256> counts{};
    for (char c : text)
        ++counts[uchar(c)];
    double entropy = 0;
    const double size = double(text.size());
    for (int count : counts) {
        if (count == 0)
            continue;
        const double p = count / size;
        entropy -= p * std::log2(p);
    }
    return entropy;
}

bool SecretRules::isPlaceholder(QByteArrayView randomPart, double minEntropy)
{
    if (minEntropy > 0 && shannonEntropy(randomPart) < minEntropy)
        return true;
    if (randomPart.contains(QByteArrayView("EXAMPLE")) || randomPart.contains(QByteArrayView("example")))
        return true;
    // "abcdefgh…", "0123456789…", "zyxw…": a random part has about one such step in thirty.
    qsizetype steps = 0;
    for (qsizetype i = 1; i < randomPart.size(); ++i) {
        const int step = uchar(randomPart[i]) - uchar(randomPart[i - 1]);
        steps += (step == 1 || step == -1);
    }
    return randomPart.size() >= 8 && steps * 2 >= randomPart.size();
}

} // namespace Paddock::Proxy
