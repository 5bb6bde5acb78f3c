#pragma once

// Shared helpers for the Qt Test executables.

#include "core/policy.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtGlobal>
#include <QtTest>

#include <algorithm>

namespace Paddock::Test {

// A policy of these rules alone (in the sandbox layer), as its matcher; a rule that does not parse stops the
// test.
inline std::shared_ptr<const Core::PolicyMatcher> policyOf(const QStringList &texts)
{
    Core::Policy policy;
    QList<Core::PolicyRule> rules;
    for (const QString &text : texts) {
        auto rule = Core::PolicyRule::parse(text);
        if (!rule)
            qFatal("bad test rule: %s", qPrintable(rule.error().message));
        rules.append(*rule);
    }
    policy.setLayer(Core::PolicyLayer::Sandbox, rules);
    return policy.matcher();
}

// Points every XDG directory at a fresh temporary folder, so no test reads or writes the user's real files.
class IsolatedXdg
{
public:
    IsolatedXdg()
    {
        const QString root = m_dir.path();
        for (const char *name :
             {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
            const QString path = root + QLatin1Char('/') + QString::fromLatin1(name).toLower();
            QDir().mkpath(path);
            QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            qputenv(name, QFile::encodeName(path));
        }
    }
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

// How many processes on this machine run `sleep SECONDS`: tests sleep for an odd number of seconds as a
// marker, then check that no such process outlives its sandbox.
inline int sleepersOf(const QString &seconds)
{
    const QByteArray commandLine = QByteArray("sleep", 6) + seconds.toLatin1(); // "sleep\0SECONDS"
    int count = 0;
    QDirIterator proc(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (proc.hasNext()) {
        QFile cmdline(proc.next() + QStringLiteral("/cmdline"));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().startsWith(commandLine))
            ++count;
    }
    return count;
}

// The processes on this machine whose command line holds every one of parts.
inline QList<qint64> processesWhoseCommandLineHas(const QList<QByteArray> &parts)
{
    QList<qint64> found;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
        const QByteArray commandLine = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        if (!commandLine.isEmpty() && std::all_of(parts.begin(), parts.end(), [&](const QByteArray &part) {
                return commandLine.contains(part);
            }))
            found << pid;
    }
    return found;
}

// Where a GUI test saves a screenshot to be looked at: $PADDOCK_SCREENSHOTS, or the temporary folder.
inline QString screenshotPath(const QString &name)
{
    const QString folder = qEnvironmentVariable("PADDOCK_SCREENSHOTS", QDir::tempPath());
    QDir().mkpath(folder);
    return folder + QLatin1Char('/') + name;
}

// Writes a file, making its folder first; the test fails if it cannot be opened.
// A 64-bit ELF header whose one PT_NOTE segment of noteSize bytes holds a "Xen" note of noteType (18: a PVH
// entry point, which GuestImageBuilder::hasPvhEntry looks for).
inline QByteArray elfWithNote(quint32 noteType, quint64 noteSize)
{
    QByteArray file(64 + 56 + 20, '\0');
    file.replace(0, 6,
                 "\x7f"
                 "ELF\x02\x01");
    qToLittleEndian<quint64>(64, file.data() + 0x20); // e_phoff
    qToLittleEndian<quint16>(56, file.data() + 0x36); // e_phentsize
    qToLittleEndian<quint16>(1, file.data() + 0x38);  // e_phnum
    qToLittleEndian<quint32>(4, file.data() + 64);    // PT_NOTE
    qToLittleEndian<quint64>(120, file.data() + 64 + 8);
    qToLittleEndian<quint64>(noteSize, file.data() + 64 + 32);
    qToLittleEndian<quint32>(4, file.data() + 120); // name size
    qToLittleEndian<quint32>(4, file.data() + 124); // description size
    qToLittleEndian<quint32>(noteType, file.data() + 128);
    file.replace(132, 4, QByteArray("Xen\0", 4));
    return file;
}

inline void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

// A file's bytes, or "<missing>" so that a missing file never equals an empty one.
inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// Runs git in a repository with a fixed author; the test fails if git does.
inline void git(const QString &repo, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(repo);
    process.start(QStringLiteral("git"),
                  QStringList{QStringLiteral("-c"), QStringLiteral("user.name=Test"), QStringLiteral("-c"),
                              QStringLiteral("user.email=t@example.com")} +
                      arguments);
    QVERIFY(process.waitForFinished());
    QCOMPARE(process.exitCode(), 0);
}

// A new repository at path (on branch main) with one commit of a README.
inline void makeRepository(const QString &path)
{
    QDir().mkpath(path);
    git(path, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    QFile readme(path + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::WriteOnly) && readme.write("hello\n") > 0);
    readme.close();
    git(path, {QStringLiteral("add"), QStringLiteral(".")});
    git(path, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("first")});
}

} // namespace Paddock::Test
