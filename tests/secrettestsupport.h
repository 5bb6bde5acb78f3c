#pragma once

// Helpers for tests that write secrets into a real keychain.

#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QLatin1Char>
#include <QLatin1String>
#include <QRandomGenerator>
#include <QString>
#include <QtTest>

// The keychain tests write real entries: only into the throwaway keyring of the launcher, never the user's.
#define REQUIRE_TEST_KEYRING()                                                                               \
    if (qEnvironmentVariable("PADDOCK_TEST_KEYRING") != QLatin1String("1"))                                  \
    QSKIP("Needs the private keyring of scripts/run-with-keyring.sh (ctest runs this test in it).")

namespace Paddock::Test {

// security.md 9: test secrets are generated at test time.
inline QString randomToken(const QString &prefix, int length = 40)
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString token = prefix;
    for (int i = 0; i < length; ++i)
        token += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]);
    return token;
}

// Every file's bytes under folder, concatenated: a secret that must not be on disk is not in there.
inline QByteArray allFilesUnder(const QString &folder)
{
    QByteArray contents;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            contents += file.readAll();
    }
    return contents;
}

} // namespace Paddock::Test
