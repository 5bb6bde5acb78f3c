// The secrets a workspace's .env, .npmrc, .pypirc and .netrc files hold, found so the proxy can block them
// leaving: values of secret-named keys, no placeholders, no symbolic links followed.
#include "core/workspacesecrets.h"

#include "testsupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

namespace {

QStringList names(const QList<WorkspaceSecret> &secrets)
{
    QStringList result;
    for (const WorkspaceSecret &secret : secrets)
        result << secret.name;
    return result;
}

} // namespace

class TestWorkspaceSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheUsualFormats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("env") << u".env"_s << QByteArray("# db\nDATABASE_PASSWORD=s3cr3t-Value\nDEBUG=true\n")
                             << QStringList{u".env: DATABASE_PASSWORD"_s} << QByteArray("s3cr3t-Value");
        QTest::newRow("quoted, exported, commented")
            << u".env.local"_s << QByteArray("export STRIPE_API_KEY='k3y-with-#hash'\nOTHER=1 # no\n")
            << QStringList{u".env.local: STRIPE_API_KEY"_s} << QByteArray("k3y-with-#hash");
        QTest::newRow("npmrc") << u".npmrc"_s << QByteArray("//registry.npmjs.org/:_authToken=Np4-7oken9x\n")
                               << QStringList{u".npmrc: _authToken"_s} << QByteArray("Np4-7oken9x");
        QTest::newRow("pypirc") << u".pypirc"_s
                                << QByteArray("[pypi]\nusername = __token__\npassword = Py9-tok3nA\n")
                                << QStringList{u".pypirc: password"_s} << QByteArray("Py9-tok3nA");
        QTest::newRow("netrc") << u".netrc"_s
                               << QByteArray("machine example.com login me password N3trc-pass\n")
                               << QStringList{u".netrc: password"_s} << QByteArray("N3trc-pass");
        QTest::newRow("yaml-ish") << u"app.env"_s << QByteArray("api_token: Y4ml-Tok3n\n")
                                  << QStringList{u"app.env: api_token"_s} << QByteArray("Y4ml-Tok3n");
        QTest::newRow("placeholders and references")
            << u".env"_s
            << QByteArray(
                   "API_KEY=changeme123\nSECRET=${OTHER_SECRET}\nTOKEN=<your-token>\nPASSWORD=xxxxxxxxxx\n"
                   "AUTH_TOKEN=short\nSECRET_KEY=your-secret-key-here\n")
            << QStringList{} << QByteArray();
        QTest::newRow("keys that name no secret")
            << u".env"_s << QByteArray("DATABASE_URL=postgres-local-1\n") << QStringList{} << QByteArray();
    }

    void parsesTheUsualFormats()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QStringList, expected);
        QFETCH(QByteArray, value);
        const QList<WorkspaceSecret> found = WorkspaceSecrets::parse(file, text);
        QCOMPARE(names(found), expected);
        if (!found.isEmpty())
            QCOMPARE(found.first().value, value);
    }

    void findsFilesAtTheTopAndFollowsNoLink()
    {
        QTemporaryDir workspace;
        QTemporaryDir outside;
        Paddock::Test::writeFile(workspace.filePath(u".env"_s), "API_TOKEN=T0ken-in-env\n");
        Paddock::Test::writeFile(workspace.filePath(u".env.example"_s), "API_TOKEN=Ex4mple-only\n");
        Paddock::Test::writeFile(workspace.filePath(u"sub/.env"_s), "API_TOKEN=N0t-at-the-top\n");
        Paddock::Test::writeFile(outside.filePath(u"host.env"_s), "API_TOKEN=H0st-secret\n");
        QVERIFY(QFile::link(outside.filePath(u"host.env"_s), workspace.filePath(u".env.linked"_s)));
        const QList<WorkspaceSecret> found = WorkspaceSecrets::find(workspace.path());
        QCOMPARE(names(found), QStringList{u".env: API_TOKEN"_s});
        QCOMPARE(found.first().value, QByteArray("T0ken-in-env"));
        QVERIFY(WorkspaceSecrets::find(workspace.filePath(u"missing"_s)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceSecrets)
#include "tst_workspacesecrets.moc"
