// paddock-test-launcher: scripts/run-with-keyring.sh
// `paddock secret set | ls | rm` as a user runs it, against a real Secret Service (GNOME Keyring in the
// private D-Bus session of the launcher above): the value comes from standard input only and is never
// printed.
#include "core/paths.h"
#include "core/secretstore.h"

#include "app/clitestsupport.h"
#include "secrettestsupport.h"
#include "testsupport.h"

#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Paddock;
using Paddock::Test::paddock;
using Paddock::Test::randomToken;
using Paddock::Test::Run;

class TestSecretCli : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QString m_anthropicKey = randomToken(u"sk-ant-api03-"_s);

    // What the CLI saved, read back the way the proxy will.
    Core::SecretStore store() const
    {
        return Core::SecretStore(Core::Paths::fromSystem().secretsIndexFile());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFile::exists(qEnvironmentVariable("PADDOCK_BINARY"))); }

    void setReadsTheValueFromStandardInput()
    {
        REQUIRE_TEST_KEYRING();
        QByteArray cmdline; // the process's argv as /proc showed it while it waited for its input
        const auto watchArgv = [&cmdline](qint64 pid) {
            // The launcher hands over to paddock-cli with exec; wait for that, then read what all can see.
            QFile file(u"/proc/%1/cmdline"_s.arg(pid));
            for (int i = 0; i < 100 && !cmdline.contains("paddock-cli"); ++i) {
                QTest::qWait(20);
                if (file.open(QIODevice::ReadOnly)) {
                    cmdline = file.readAll();
                    file.close();
                }
            }
        };
        const Run run = paddock({u"secret"_s, u"set"_s, u"anthropic-api-key"_s},
                                m_anthropicKey.toUtf8() + '\n', {}, watchArgv);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"Saved anthropic-api-key in the keychain."_s),
                 qPrintable(run.out + run.err));
        // The value was in no one's view: not in argv (which every process can read), not in the output.
        QVERIFY2(cmdline.contains(QByteArrayView("secret\0set\0anthropic-api-key", 28)), cmdline.constData());
        QVERIFY(!cmdline.contains(m_anthropicKey.toUtf8()));
        QVERIFY(!run.out.contains(m_anthropicKey) && !run.err.contains(m_anthropicKey));
        // One trailing line break was dropped, nothing else.
        QCOMPARE(*store().readNow(u"anthropic-api-key"_s), m_anthropicKey);
    }

    void setDropsOneCrLf()
    {
        REQUIRE_TEST_KEYRING();
        const QString token = randomToken(u"ghp_"_s);
        QCOMPARE(paddock({u"secret"_s, u"set"_s, u"github-token"_s}, token.toUtf8() + "\r\n").exitCode, 0);
        QCOMPARE(*store().readNow(u"github-token"_s), token);
        // A value without a line break is taken as it is.
        const QString other = randomToken(u"ghp_"_s);
        QCOMPARE(paddock({u"secret"_s, u"set"_s, u"github-token"_s}, other.toUtf8()).exitCode, 0);
        QCOMPARE(*store().readNow(u"github-token"_s), other);
    }

    void refusesAValueOnTheCommandLine()
    {
        REQUIRE_TEST_KEYRING();
        const QString token = randomToken(u"sk-proj-"_s);
        const Run run = paddock({u"secret"_s, u"set"_s, u"openai-api-key"_s, token}, {});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"standard input, never from the command line"_s), qPrintable(run.err));
        QVERIFY(!run.err.contains(token) && !run.out.contains(token));
        QCOMPARE(store().readNow(u"openai-api-key"_s).error().code, Core::ErrorCode::NotFound);
    }

    void refusesEmptyAndMultiLineValues()
    {
        REQUIRE_TEST_KEYRING();
        Run run = paddock({u"secret"_s, u"set"_s, u"openai-api-key"_s}, "\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"The value is empty"_s), qPrintable(run.err));
        run = paddock({u"secret"_s, u"set"_s, u"openai-api-key"_s}, "sk-one\nsk-two\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"line break"_s), qPrintable(run.err));
        QVERIFY(!run.err.contains(u"sk-one"_s));
        QCOMPARE(store().readNow(u"openai-api-key"_s).error().code, Core::ErrorCode::NotFound);
    }

    void refusesInvalidNames()
    {
        REQUIRE_TEST_KEYRING();
        const Run run = paddock({u"secret"_s, u"set"_s, u"Bad_Name"_s}, "value\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(u"not a valid secret name"_s));
        QCOMPARE(paddock({u"secret"_s, u"set"_s}, {}).exitCode, 2);
        QCOMPARE(paddock({u"secret"_s}, {}).exitCode, 2);
        QCOMPARE(paddock({u"secret"_s, u"frob"_s}, {}).exitCode, 2);
    }

    void listShowsNamesTemplatesAndWhatIsMissing()
    {
        REQUIRE_TEST_KEYRING();
        const Run run = paddock({u"secret"_s, u"ls"_s}, {});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n');
        const auto line = [&lines](const QString &name) {
            for (const QString &l : lines) {
                if (l.startsWith(name + u' '))
                    return l.simplified();
            }
            return QString();
        };
        QCOMPARE(line(u"anthropic-api-key"_s), u"anthropic-api-key set claude, opencode"_s);
        QCOMPARE(line(u"github-token"_s), u"github-token set copilot"_s);
        QCOMPARE(line(u"openai-api-key"_s), u"openai-api-key not set codex, opencode"_s);
        QVERIFY2(run.out.contains(
                     u"Templates need these, and they are not set: gemini-api-key, openai-api-key."_s),
                 qPrintable(run.out));
        QVERIFY(!run.out.contains(m_anthropicKey) && !run.err.contains(m_anthropicKey));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }

    void removeDeletesFromTheKeychain()
    {
        REQUIRE_TEST_KEYRING();
        Run run = paddock({u"secret"_s, u"rm"_s, u"github-token"_s}, {});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"Removed github-token from the keychain."_s));
        QCOMPARE(store().readNow(u"github-token"_s).error().code, Core::ErrorCode::NotFound);
        QVERIFY(paddock({u"secret"_s, u"ls"_s}, {}).out.contains(u"not set"_s));
        run = paddock({u"secret"_s, u"rm"_s, u"github-token"_s}, {});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(u"There is no secret \"github-token\""_s));
    }

    void explainsAMissingKeychain()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/paddock-test-bus"_s);
        const QString token = randomToken(u"sk-"_s);
        Run run = paddock({u"secret"_s, u"set"_s, u"gemini-api-key"_s}, token.toUtf8(), environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"No keychain is available"_s), qPrintable(run.err));
        QVERIFY(run.err.contains(u"sudo apt install gnome-keyring libsecret-1-0"_s));
        QVERIFY(!run.err.contains(token) && !run.out.contains(token));
        // The list still shows what was set, with the warning that no keychain answers now.
        run = paddock({u"secret"_s, u"ls"_s}, {}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains(u"warning: No keychain is available"_s));
        QVERIFY(!run.out.contains(u"gemini-api-key set"_s));
    }
};

QTEST_GUILESS_MAIN(TestSecretCli)

#include "tst_secretcli.moc"
