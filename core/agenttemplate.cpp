#include "core/agenttemplate.h"

#include "core/policyrule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

// Reads one JSON object strictly, naming the key path in every error.
class StrictReader
{
    Q_DECLARE_TR_FUNCTIONS(Paddock::Core::AgentTemplate)

public:
    StrictReader(QString origin)
        : m_origin(std::move(origin))
    {}

    std::optional<Error> error;

    void fail(const QString &path, const QString &message)
    {
        if (!error)
            error = Error{ErrorCode::InvalidArgument,
                          tr("Template %1: \"%2\": %3")
                              .arg(m_origin.isEmpty() ? tr("(unnamed)") : m_origin, path, message)};
    }

    void checkKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowed.contains(it.key()) && !it.key().startsWith("x-"_L1))
                fail(path.isEmpty() ? it.key() : path + u'.' + it.key(),
                     tr("unknown key; the known keys are %1 (prefix your own keys with \"x-\").")
                         .arg(allowed.join(u", "_s)));
        }
    }

    QString string(const QJsonObject &object, const QString &key, const QString &path, bool required)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            if (required)
                fail(path, tr("this key is required."));
            return {};
        }
        if (!value.isString())
            fail(path, tr("must be a string."));
        return value.toString();
    }

    QStringList stringList(const QJsonObject &object, const QString &key, const QString &path)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isArray()) {
            fail(path, tr("must be a list of strings."));
            return {};
        }
        QStringList result;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array[i].isString())
                fail(u"%1[%2]"_s.arg(path).arg(i), tr("must be a string."));
            result.append(array[i].toString());
        }
        return result;
    }

private:
    QString m_origin;
};

bool isValidEnvName(const QString &name)
{
    if (name.isEmpty() || (name[0] >= u'0' && name[0] <= u'9'))
        return false;
    for (QChar c : name) {
        if (!((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    }
    return true;
}

bool isValidHeaderName(const QString &name)
{
    // RFC 9110 §5.1: a field name is a token.
    static constexpr QLatin1StringView tokenSpecials("!#$%&'*+-.^_`|~");
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!alnum && !tokenSpecials.contains(c))
            return false;
    }
    return true;
}

void checkPatterns(StrictReader &reader, const QStringList &patterns, const QString &path)
{
    for (qsizetype i = 0; i < patterns.size(); ++i) {
        const QRegularExpression regex(patterns[i]);
        if (!regex.isValid())
            reader.fail(u"%1[%2]"_s.arg(path).arg(i),
                        AgentTemplate::tr("invalid regular expression: %1 at offset %2.")
                            .arg(regex.errorString())
                            .arg(regex.patternErrorOffset()));
    }
}

} // namespace

bool AgentTemplate::isValidId(const QString &id)
{
    if (id.isEmpty() || id.size() > 40)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const QChar c = id[i];
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!alnum && (i == 0 || c != u'-'))
            return false;
    }
    return true;
}

Result<AgentTemplate> AgentTemplate::fromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidArgument, tr("Template %1 is not valid JSON: %2 at offset %3.")
                                                    .arg(origin, parseError.errorString())
                                                    .arg(parseError.offset));
    if (!document.isObject())
        return fail(ErrorCode::InvalidArgument, tr("Template %1 must contain a JSON object.").arg(origin));
    return fromJsonObject(document.object(), origin);
}

Result<AgentTemplate> AgentTemplate::fromJsonObject(const QJsonObject &object, const QString &origin)
{
    StrictReader reader(origin);
    reader.checkKeys(object, {},
                     {u"id"_s, u"name"_s, u"description"_s, u"install"_s, u"command"_s, u"yoloFlags"_s,
                      u"environment"_s, u"requiredHosts"_s, u"credentials"_s, u"attention"_s});
    AgentTemplate t;
    t.id = reader.string(object, u"id"_s, u"id"_s, true);
    if (!reader.error && !isValidId(t.id))
        reader.fail(u"id"_s, tr("\"%1\" is not a valid id; use 1-40 lower-case letters, digits and hyphens, "
                                "starting with a letter or digit.")
                                 .arg(t.id));
    t.name = reader.string(object, u"name"_s, u"name"_s, true);
    t.description = reader.string(object, u"description"_s, u"description"_s, false);

    const QJsonValue install = object.value(u"install"_s);
    if (!install.isUndefined()) {
        if (!install.isObject()) {
            reader.fail(u"install"_s, tr("must be an object with \"npm\" or \"command\"."));
        } else {
            const QJsonObject installObject = install.toObject();
            reader.checkKeys(installObject, u"install"_s, {u"npm"_s, u"command"_s});
            t.installNpm = reader.string(installObject, u"npm"_s, u"install.npm"_s, false);
            t.installCommand = reader.stringList(installObject, u"command"_s, u"install.command"_s);
            if (!t.installNpm.isEmpty() == !t.installCommand.isEmpty())
                reader.fail(u"install"_s, tr("give exactly one of \"npm\" and \"command\"."));
            // An npm spec: optional @scope/, a name, optional @version; nothing a shell would interpret.
            const QRegularExpression npmSpec(
                u"^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*(@[A-Za-z0-9.^~<>=*_-]+)?$"_s);
            if (!t.installNpm.isEmpty() && !npmSpec.match(t.installNpm).hasMatch())
                reader.fail(u"install.npm"_s, tr("\"%1\" is not an npm package name.").arg(t.installNpm));
        }
    }
    t.command = reader.stringList(object, u"command"_s, u"command"_s);
    if (!reader.error && (t.command.isEmpty() || t.command.first().isEmpty()))
        reader.fail(u"command"_s, tr("give the program to run as a non-empty list, such as [\"claude\"]."));
    t.yoloFlags = reader.stringList(object, u"yoloFlags"_s, u"yoloFlags"_s);

    const QJsonValue environment = object.value(u"environment"_s);
    if (!environment.isUndefined() && !environment.isObject())
        reader.fail(u"environment"_s, tr("must be an object of names to string values."));
    const QJsonObject envObject = environment.toObject();
    for (auto it = envObject.begin(); it != envObject.end(); ++it) {
        const QString path = u"environment."_s + it.key();
        if (!isValidEnvName(it.key()))
            reader.fail(
                path,
                tr("\"%1\" is not a valid variable name (letters, digits, underscores).").arg(it.key()));
        if (!it.value().isString())
            reader.fail(path, tr("must be a string."));
        t.environment.insert(it.key(), it.value().toString());
    }

    t.requiredHosts = reader.stringList(object, u"requiredHosts"_s, u"requiredHosts"_s);
    for (qsizetype i = 0; i < t.requiredHosts.size(); ++i) {
        const auto rule = PolicyRule::parse(QString(u"allow "_s + t.requiredHosts[i]));
        if (!rule)
            reader.fail(u"requiredHosts[%1]"_s.arg(i),
                        tr("\"%1\" is not a host such as api.example.com:443.").arg(t.requiredHosts[i]));
    }

    const QJsonValue credentials = object.value(u"credentials"_s);
    if (!credentials.isUndefined() && !credentials.isArray())
        reader.fail(u"credentials"_s, tr("must be a list of objects."));
    const QJsonArray credentialArray = credentials.toArray();
    for (qsizetype i = 0; i < credentialArray.size(); ++i) {
        const QString path = u"credentials[%1]"_s.arg(i);
        const QJsonObject c = credentialArray[i].toObject();
        reader.checkKeys(c, path, {u"host"_s, u"header"_s, u"format"_s, u"secret"_s, u"placeholderEnv"_s});
        CredentialBinding binding{reader.string(c, u"host"_s, path + u".host"_s, true),
                                  reader.string(c, u"header"_s, path + u".header"_s, true),
                                  reader.string(c, u"format"_s, path + u".format"_s, true),
                                  reader.string(c, u"secret"_s, path + u".secret"_s, true),
                                  reader.string(c, u"placeholderEnv"_s, path + u".placeholderEnv"_s, false)};
        if (!reader.error && !HostCanonicalizer::canonicalizeHost(binding.host))
            reader.fail(path + u".host"_s, tr("\"%1\" is not a host name.").arg(binding.host));
        if (!reader.error && !isValidHeaderName(binding.header))
            reader.fail(path + u".header"_s,
                        tr("\"%1\" is not a valid HTTP header name.").arg(binding.header));
        if (!reader.error && !binding.format.contains("{secret}"_L1))
            reader.fail(
                path + u".format"_s,
                tr("must contain {secret}, for example \"Bearer {secret}\"; it is replaced by the secret."));
        if (!reader.error && (binding.format.contains(u'\r') || binding.format.contains(u'\n')))
            reader.fail(path + u".format"_s, tr("must not contain line breaks."));
        if (!reader.error && !isValidId(binding.secret))
            reader.fail(path + u".secret"_s,
                        tr("\"%1\" is not a valid secret name (lower-case letters, digits, "
                           "hyphens).")
                            .arg(binding.secret));
        if (!reader.error && !binding.placeholderEnv.isEmpty() && !isValidEnvName(binding.placeholderEnv))
            reader.fail(path + u".placeholderEnv"_s,
                        tr("\"%1\" is not a valid variable name.").arg(binding.placeholderEnv));
        t.credentials.append(binding);
    }

    const QJsonValue attention = object.value(u"attention"_s);
    if (!attention.isUndefined() && !attention.isObject())
        reader.fail(u"attention"_s, tr("must be an object with \"waitingForInput\" and \"done\" lists."));
    const QJsonObject attentionObject = attention.toObject();
    reader.checkKeys(attentionObject, u"attention"_s, {u"waitingForInput"_s, u"done"_s});
    t.waitingPatterns =
        reader.stringList(attentionObject, u"waitingForInput"_s, u"attention.waitingForInput"_s);
    t.donePatterns = reader.stringList(attentionObject, u"done"_s, u"attention.done"_s);
    checkPatterns(reader, t.waitingPatterns, u"attention.waitingForInput"_s);
    checkPatterns(reader, t.donePatterns, u"attention.done"_s);

    if (reader.error)
        return std::unexpected(*reader.error);
    return t;
}

QJsonObject AgentTemplate::toJson() const
{
    QJsonObject object{{u"id"_s, id}, {u"name"_s, name}};
    if (!description.isEmpty())
        object.insert(u"description"_s, description);
    if (!installNpm.isEmpty())
        object.insert(u"install"_s, QJsonObject{{u"npm"_s, installNpm}});
    else if (!installCommand.isEmpty())
        object.insert(u"install"_s, QJsonObject{{u"command"_s, QJsonArray::fromStringList(installCommand)}});
    object.insert(u"command"_s, QJsonArray::fromStringList(command));
    if (!yoloFlags.isEmpty())
        object.insert(u"yoloFlags"_s, QJsonArray::fromStringList(yoloFlags));
    if (!environment.isEmpty()) {
        QJsonObject env;
        for (auto it = environment.begin(); it != environment.end(); ++it)
            env.insert(it.key(), it.value());
        object.insert(u"environment"_s, env);
    }
    if (!requiredHosts.isEmpty())
        object.insert(u"requiredHosts"_s, QJsonArray::fromStringList(requiredHosts));
    if (!credentials.isEmpty()) {
        QJsonArray array;
        for (const CredentialBinding &c : credentials) {
            QJsonObject binding{{u"host"_s, c.host},
                                {u"header"_s, c.header},
                                {u"format"_s, c.format},
                                {u"secret"_s, c.secret}};
            if (!c.placeholderEnv.isEmpty())
                binding.insert(u"placeholderEnv"_s, c.placeholderEnv);
            array.append(binding);
        }
        object.insert(u"credentials"_s, array);
    }
    if (!waitingPatterns.isEmpty() || !donePatterns.isEmpty())
        object.insert(u"attention"_s,
                      QJsonObject{{u"waitingForInput"_s, QJsonArray::fromStringList(waitingPatterns)},
                                  {u"done"_s, QJsonArray::fromStringList(donePatterns)}});
    return object;
}

} // namespace Paddock::Core
