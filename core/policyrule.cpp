#include "core/policyrule.h"

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

struct Token
{
    QStringView text;
    int column = 0; // 1-based
};

QList<Token> tokenize(QStringView text)
{
    QList<Token> tokens;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i].isSpace())
            ++i;
        const qsizetype start = i;
        while (i < text.size() && !text[i].isSpace())
            ++i;
        if (i > start)
            tokens.append({text.mid(start, i - start), int(start) + 1});
    }
    return tokens;
}

bool isAllDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool isMethodList(QStringView text)
{
    // `GET` or `GET,HEAD`: upper-case letters separated by single commas.
    bool expectLetter = true;
    for (QChar c : text) {
        if (c >= u'A' && c <= u'Z')
            expectLetter = false;
        else if (c == u',' && !expectLetter)
            expectLetter = true;
        else
            return false;
    }
    return !expectLetter;
}

QHostAddress maskNetwork(const QHostAddress &address, int prefixLength)
{
    return QHostAddress::parseSubnet(address.toString() + u'/' + QString::number(prefixLength)).first;
}

int labelCount(QStringView name)
{
    return int(name.count(u'.')) + 1;
}

} // namespace

bool HostPattern::matchesName(QStringView host) const
{
    switch (kind) {
    case Kind::Exact:
        return host == name;
    case Kind::OneLabel: {
        if (host.size() <= name.size() + 1 || !host.endsWith(name) ||
            host[host.size() - name.size() - 1] != u'.')
            return false;
        return !host.left(host.size() - name.size() - 1).contains(u'.');
    }
    case Kind::AnyDepth:
        return host.size() > name.size() + 1 && host.endsWith(name) &&
               host[host.size() - name.size() - 1] == u'.';
    case Kind::Everything:
        return true;
    case Kind::Cidr:
        return false;
    }
    return false;
}

bool HostPattern::matchesAddress(const QHostAddress &address) const
{
    if (kind == Kind::Everything)
        return true;
    if (kind != Kind::Cidr || address.protocol() != network.protocol())
        return false;
    return address.isInSubnet(network, prefixLength);
}

QString HostPattern::toString() const
{
    switch (kind) {
    case Kind::Exact:
        return name;
    case Kind::OneLabel:
        return u"*."_s + name;
    case Kind::AnyDepth:
        return u"**."_s + name;
    case Kind::Everything:
        return u"**"_s;
    case Kind::Cidr: {
        const bool v6 = network.protocol() == QAbstractSocket::IPv6Protocol;
        const QString address = v6 ? u'[' + network.toString() + u']' : network.toString();
        const int full = v6 ? 128 : 32;
        return prefixLength == full ? address : address + u'/' + QString::number(prefixLength);
    }
    }
    return {};
}

QString RuleTarget::toString() const
{
    QString text = host.toString();
    // After an address, '/' starts a prefix length, so a path needs the prefix spelled out first.
    if (host.kind == HostPattern::Kind::Cidr && ports.isAny() && !pathGlob.isEmpty() && !text.contains(u'/'))
        text += u'/' + QString::number(host.prefixLength);
    if (!ports.isAny())
        text += u':' + (ports.first == ports.last
                            ? QString::number(ports.first)
                            : QString::number(ports.first) + u'-' + QString::number(ports.last));
    return text + pathGlob;
}

bool PolicyRule::needsContent() const
{
    if (!m_methods.isEmpty())
        return true;
    for (const RuleTarget &target : m_targets) {
        if (!target.pathGlob.isEmpty())
            return true;
    }
    return false;
}

Specificity PolicyRule::specificity(int targetIndex) const
{
    const RuleTarget &target = m_targets.at(targetIndex);
    Specificity s;
    switch (target.host.kind) {
    case HostPattern::Kind::Exact:
        s.hostTier = 3;
        s.hostDetail = 255;
        break;
    case HostPattern::Kind::Cidr:
        s.hostTier = 3;
        s.hostDetail = target.host.prefixLength;
        break;
    case HostPattern::Kind::OneLabel:
        s.hostTier = 2;
        s.hostDetail = labelCount(target.host.name);
        break;
    case HostPattern::Kind::AnyDepth:
        s.hostTier = 1;
        s.hostDetail = labelCount(target.host.name);
        break;
    case HostPattern::Kind::Everything:
        break;
    }
    s.port = target.ports.isAny() ? 0 : target.ports.first == target.ports.last ? 2 : 1;
    if (!target.pathGlob.isEmpty()) {
        const qsizetype wildcard = target.pathGlob.indexOf(u'*');
        s.path = 1 + int(wildcard < 0 ? target.pathGlob.size() + 1 : wildcard);
    }
    s.methods = m_methods.isEmpty() ? 0 : 1;
    return s;
}

QString PolicyRule::toString() const
{
    QString text = m_action == Action::Allow  ? u"allow"_s
                   : m_action == Action::Deny ? u"deny"_s
                                              : u"intercept"_s;
    if (!m_methods.isEmpty())
        text += u' ' + m_methods.join(u',');
    QStringList targets;
    for (const RuleTarget &target : m_targets)
        targets.append(target.toString());
    return text + u' ' + targets.join(u',');
}

bool PolicyRule::globMatches(QStringView glob, QStringView path)
{
    // Iterative wildcard match: `*` stays within a path segment, `**` crosses segments.
    qsizetype g = 0, p = 0;
    qsizetype starG = -1, starP = -1;
    bool starCrossesSlash = false;
    while (p < path.size()) {
        if (g < glob.size() && glob[g] == u'*') {
            starCrossesSlash = g + 1 < glob.size() && glob[g + 1] == u'*';
            g += starCrossesSlash ? 2 : 1;
            starG = g;
            starP = p;
        } else if (g < glob.size() && glob[g] == path[p]) {
            ++g;
            ++p;
        } else if (starG >= 0 && (starCrossesSlash || path[starP] != u'/')) {
            ++starP;
            p = starP;
            g = starG;
        } else {
            return false;
        }
    }
    while (g < glob.size() && glob[g] == u'*')
        ++g;
    return g == glob.size();
}

Result<PolicyRule> PolicyRule::parse(QStringView text)
{
    const auto error = [&](int column, const QString &what) {
        return fail(
            ErrorCode::InvalidArgument,
            tr("Invalid rule \"%1\": column %2: %3").arg(text.toString().left(200)).arg(column).arg(what));
    };
    const QList<Token> tokens = tokenize(text);
    if (tokens.isEmpty())
        return error(1, tr("the rule is empty; write for example \"allow **.github.com:443\"."));

    PolicyRule rule;
    if (tokens[0].text == "allow"_L1)
        rule.m_action = Action::Allow;
    else if (tokens[0].text == "deny"_L1)
        rule.m_action = Action::Deny;
    else if (tokens[0].text == "intercept"_L1)
        rule.m_action = Action::Intercept;
    else
        return error(tokens[0].column, tr("a rule starts with \"allow\", \"deny\" or \"intercept\"."));

    qsizetype next = 1;
    if (rule.isIntercept() && tokens.size() > 2 && isMethodList(tokens[1].text))
        return error(tokens[1].column, tr("\"intercept\" takes hosts and ports, not methods."));
    if (tokens.size() > 2 && isMethodList(tokens[1].text)) {
        for (QStringView method : tokens[1].text.split(u',')) {
            if (!rule.m_methods.contains(method.toString()))
                rule.m_methods.append(method.toString());
        }
        next = 2;
    }
    if (next >= tokens.size())
        return error(int(text.size()) + 1, tr("a host is missing after \"%1\".").arg(tokens[next - 1].text));
    if (next + 1 < tokens.size())
        return error(tokens[next + 1].column,
                     tr("unexpected text \"%1\"; separate several hosts with commas, without spaces.")
                         .arg(tokens[next + 1].text));

    const Token target = tokens[next];
    qsizetype offset = 0;
    for (QStringView element : target.text.split(u',')) {
        const int column = target.column + int(offset);
        offset += element.size() + 1;
        if (element.isEmpty())
            return error(column, tr("an empty host in the comma-separated list."));

        RuleTarget ruleTarget;
        qsizetype pos = 0;
        // Host: a bracketed IPv6 literal, or everything up to ':' or '/'.
        QStringView hostText;
        if (element.startsWith(u'[')) {
            const qsizetype close = element.indexOf(u']');
            if (close < 0)
                return error(column, tr("the IPv6 address has no closing bracket."));
            hostText = element.left(close + 1);
        } else {
            qsizetype end = 0;
            while (end < element.size() && element[end] != u':' && element[end] != u'/')
                ++end;
            hostText = element.left(end);
        }
        pos = hostText.size();

        if (hostText == "**"_L1) {
            ruleTarget.host.kind = HostPattern::Kind::Everything;
        } else if (hostText.startsWith("**."_L1) || hostText.startsWith("*."_L1)) {
            const bool anyDepth = hostText.startsWith("**."_L1);
            const QStringView suffix = hostText.mid(anyDepth ? 3 : 2);
            auto canonical = HostCanonicalizer::canonicalizeHost(suffix);
            if (!canonical)
                return error(column + (anyDepth ? 3 : 2), canonical.error().message);
            if (canonical->isIpLiteral())
                return error(
                    column,
                    tr("wildcards apply to host names; use a CIDR such as 10.0.0.0/8 for addresses."));
            ruleTarget.host.kind = anyDepth ? HostPattern::Kind::AnyDepth : HostPattern::Kind::OneLabel;
            ruleTarget.host.name = canonical->host;
        } else if (hostText.contains(u'*')) {
            return error(
                column + int(hostText.indexOf(u'*')),
                tr("a wildcard must be a whole leading label: \"*.example.com\", \"**.example.com\" or "
                   "\"**\"."));
        } else {
            auto canonical = HostCanonicalizer::canonicalizeHost(hostText);
            if (!canonical)
                return error(column, canonical.error().message);
            if (canonical->isIpLiteral()) {
                ruleTarget.host.kind = HostPattern::Kind::Cidr;
                ruleTarget.host.network = canonical->address;
                ruleTarget.host.prefixLength = canonical->kind == CanonicalHost::Kind::IPv4 ? 32 : 128;
                // A prefix length follows the address directly: 10.0.0.0/8, [fd00::]/8.
                if (pos < element.size() && element[pos] == u'/') {
                    qsizetype end = pos + 1;
                    while (end < element.size() && element[end] != u':' && element[end] != u'/')
                        ++end;
                    const QStringView prefix = element.mid(pos + 1, end - pos - 1);
                    const int maximum = ruleTarget.host.prefixLength;
                    bool ok = isAllDigits(prefix) && prefix.size() <= 3;
                    const int length = ok ? prefix.toInt() : -1;
                    if (!ok || length > maximum)
                        return error(
                            column + int(pos) + 1,
                            tr("\"%1\" is not a prefix length from 0 to %2.").arg(prefix).arg(maximum));
                    ruleTarget.host.prefixLength = length;
                    const QHostAddress network = maskNetwork(canonical->address, length);
                    if (network != canonical->address)
                        return error(column,
                                     tr("the address has bits set outside the /%1 prefix; did you mean %2?")
                                         .arg(length)
                                         .arg(network.toString()));
                    pos = end;
                }
            } else {
                ruleTarget.host.kind = HostPattern::Kind::Exact;
                ruleTarget.host.name = canonical->host;
            }
        }

        if (pos < element.size() && element[pos] == u':') {
            qsizetype end = pos + 1;
            while (end < element.size() && element[end] != u'/')
                ++end;
            const QStringView portText = element.mid(pos + 1, end - pos - 1);
            const int portColumn = column + int(pos) + 1;
            if (portText != "*"_L1) {
                const qsizetype dash = portText.indexOf(u'-');
                const auto first = HostCanonicalizer::parsePort(dash < 0 ? portText : portText.left(dash));
                const auto last = dash < 0 ? first : HostCanonicalizer::parsePort(portText.mid(dash + 1));
                if (!first || !last)
                    return error(
                        portColumn,
                        tr("\"%1\" is not a port (1-65535), a range such as 8000-8100, or *.").arg(portText));
                if (*last < *first)
                    return error(portColumn, tr("the port range %1 ends before it starts.").arg(portText));
                ruleTarget.ports = {*first, *last};
            }
            pos = end;
        }
        if (pos < element.size()) {
            if (element[pos] != u'/')
                return error(column + int(pos), tr("unexpected character '%1'.").arg(element[pos]));
            ruleTarget.pathGlob = element.mid(pos).toString();
            for (qsizetype i = 0; i < ruleTarget.pathGlob.size(); ++i) {
                const QChar c = ruleTarget.pathGlob[i];
                if (c.unicode() < 0x21 || c.unicode() > 0x7e || c == u'?' || c == u'#')
                    return error(column + int(pos + i),
                                 tr("a path may not contain spaces, '?', '#' or non-ASCII characters."));
            }
        }
        if (rule.isIntercept() && !ruleTarget.pathGlob.isEmpty())
            return error(column + int(pos), tr("\"intercept\" takes hosts and ports, not paths."));
        rule.m_targets.append(ruleTarget);
    }
    return rule;
}

} // namespace Paddock::Core
