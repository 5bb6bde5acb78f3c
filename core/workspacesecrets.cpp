#include "core/workspacesecrets.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Paddock::Core {

namespace {

bool namesASecret(QByteArrayView key)
{
    static const QRegularExpression secretWords(
        u"(secret|token|passw(or)?d|passwd|pwd|api[_-]?key|access[_-]?key|private[_-]?key|auth|credential|"
        "client[_-]?key|signing[_-]?key|_key$|^key$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return secretWords.match(QString::fromLatin1(key)).hasMatch();
}

bool looksLikeAValue(QByteArrayView value)
{
    if (value.size() < 8 || value.size() > 1024)
        return false;
    // References and placeholders: ${VAR}, $VAR, <your-key>, {{ template }}, changeme, xxxxxxxx.
    if (value.startsWith('$') || value.startsWith('<') || value.startsWith("{{") || value.contains(' '))
        return false;
    static const QList<QByteArray> placeholders{"changeme", "change-me",   "your-",    "your_",
                                                "example",  "placeholder", "redacted", "password"};
    const QByteArray lower = value.toByteArray().toLower();
    for (const QByteArray &placeholder : placeholders) {
        if (lower.contains(placeholder))
            return false;
    }
    QSet<char> distinct;
    for (char c : value)
        distinct.insert(c);
    return distinct.size() >= 4;
}

QByteArray unquoted(QByteArray value)
{
    value = value.trimmed();
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
        return value.mid(1, value.size() - 2);
    // An unquoted value ends at a comment.
    if (const qsizetype hash = value.indexOf(" #"); hash >= 0)
        value.truncate(hash);
    return value.trimmed();
}

// Reads a regular file without following a symbolic link at its name; nothing when it is anything else.
QByteArray readRegularFile(const QString &path)
{
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return {};
    struct stat status
    {
    };
    QByteArray contents;
    if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) &&
        status.st_size <= WorkspaceSecrets::maxFileBytes) {
        contents.resize(qsizetype(status.st_size));
        qsizetype done = 0;
        while (done < contents.size()) {
            const ssize_t n = ::read(fd, contents.data() + done, size_t(contents.size() - done));
            if (n <= 0)
                break;
            done += n;
        }
        contents.resize(done);
    }
    ::close(fd);
    return contents;
}

} // namespace

QList<WorkspaceSecret> WorkspaceSecrets::parse(const QString &file, const QByteArray &text)
{
    QList<WorkspaceSecret> found;
    const bool netrc = file.endsWith(u".netrc"_s);
    for (QByteArray line : text.split('\n')) {
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith(';'))
            continue;
        if (netrc) {
            // "machine host login user password VALUE", possibly across lines.
            const QList<QByteArray> words = line.simplified().split(' ');
            for (qsizetype i = 0; i + 1 < words.size(); ++i) {
                if (words[i] == "password" && looksLikeAValue(words[i + 1]))
                    found.append({file + u": password"_s, words[i + 1]});
            }
            continue;
        }
        if (line.startsWith("export "))
            line = line.mid(7).trimmed();
        // KEY=VALUE first (.env, .npmrc's "//registry/:_authToken=…", .pypirc), else KEY: VALUE.
        const qsizetype equals = line.indexOf('=');
        const qsizetype split = equals >= 0 ? equals : line.indexOf(':');
        if (split <= 0)
            continue;
        QByteArray key = line.left(split).trimmed();
        if (const qsizetype scope = key.lastIndexOf(':'); scope >= 0) // .npmrc: the setting after the scope
            key = key.mid(scope + 1);
        const QByteArray value = unquoted(line.mid(split + 1));
        if (namesASecret(key) && looksLikeAValue(value))
            found.append({file + u": "_s + QString::fromLatin1(key.left(64)), value});
    }
    return found;
}

QList<WorkspaceSecret> WorkspaceSecrets::find(const QString &workspace)
{
    const QDir dir(workspace);
    QStringList files =
        dir.entryList({u".env"_s, u".env.*"_s, u"*.env"_s}, QDir::Files | QDir::Hidden, QDir::Name);
    files << u".npmrc"_s << u".pypirc"_s << u".netrc"_s;
    QList<WorkspaceSecret> found;
    for (const QString &name : std::as_const(files)) {
        if (name.endsWith(u".example"_s) || name.endsWith(u".sample"_s) || name.endsWith(u".template"_s))
            continue; // committed examples hold placeholders, not secrets
        found += parse(name, readRegularFile(dir.filePath(name)));
        if (found.size() >= maxSecrets)
            return found.first(maxSecrets);
    }
    return found;
}

} // namespace Paddock::Core
