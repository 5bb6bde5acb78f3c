// paddock-test-launcher: scripts/run-with-keyring.sh
// The secret store against a real Secret Service (GNOME Keyring in a private D-Bus session, which the
// launcher above starts), and without any keychain: a child process whose session bus address leads nowhere.
#include "core/secretstore.h"

#include "secrettestsupport.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace Paddock;
using Core::ErrorCode;
using Core::SecretStore;
using Paddock::Test::randomToken;

namespace {

// Every message Qt and QtKeychain log while it lives.
class MessageRecorder
{
public:
    MessageRecorder()
    {
        s_messages.clear();
        m_previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { s_messages += message; });
    }
    ~MessageRecorder() { qInstallMessageHandler(m_previous); }
    QString all() const { return s_messages.join(u'\n'); }

private:
    static inline QStringList s_messages; // a message handler is a plain function: no other way in
    QtMessageHandler m_previous;
};

// The child process: the same calls with no keychain to reach, each result printed as a JSON line.
int noKeychainChild()
{
    SecretStore store(qEnvironmentVariable("PADDOCK_TEST_INDEX"), u"PaddockTest"_s);
    QTextStream out(stdout);
    const auto print = [&out](const QString &call, const Core::Result<> &result) {
        QJsonObject line{{u"call"_s, call}, {u"ok"_s, bool(result)}};
        if (!result) {
            line[u"code"_s] = int(result.error().code);
            line[u"message"_s] = result.error().message;
        }
        out << QJsonDocument(line).toJson(QJsonDocument::Compact) << u'\n';
    };
    print(u"checkAvailable"_s, store.checkAvailableNow(20000));
    print(u"write"_s, store.writeNow(u"new-key"_s, qEnvironmentVariable("PADDOCK_TEST_VALUE"), 20000));
    const auto read = store.readNow(u"kept-key"_s, 20000);
    print(u"read"_s, read ? Core::Result<>() : std::unexpected(read.error()));
    print(u"remove"_s, store.removeNow(u"kept-key"_s, 20000));
    return 0;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString indexFile() const { return m_dir.path() + u"/config/paddock/secrets.json"_s; }
    SecretStore store() const { return SecretStore(indexFile(), u"PaddockTest"_s); }

private Q_SLOTS:
    void setThenReadReturnsTheValue()
    {
        REQUIRE_TEST_KEYRING();
        SecretStore secrets = store();
        QVERIFY(secrets.checkAvailableNow());
        const QString value = randomToken(u"sk-ant-api03-"_s);
        MessageRecorder messages;
        const auto written = secrets.writeNow(u"anthropic-api-key"_s, value);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        const auto read = secrets.readNow(u"anthropic-api-key"_s);
        QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
        QCOMPARE(*read, value);
        QCOMPARE(*secrets.names(), QStringList{u"anthropic-api-key"_s});
        // Secret values are never logged.
        QVERIFY(!messages.all().contains(value));
    }

    void indexHoldsNamesNeverValues()
    {
        REQUIRE_TEST_KEYRING();
        SecretStore secrets = store();
        const QString value = randomToken(u"ghp_"_s);
        QVERIFY(secrets.writeNow(u"github-token"_s, value));
        QFile index(indexFile());
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QByteArray contents = index.readAll();
        QVERIFY(contents.contains("\"github-token\""));
        QVERIFY(!contents.contains(value.toUtf8()));
        QCOMPARE(index.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        // Nor does any other file Paddock wrote.
        QVERIFY(!Paddock::Test::allFilesUnder(m_dir.path()).contains(value.toUtf8()));
    }

    void listsNamesSorted()
    {
        REQUIRE_TEST_KEYRING();
        SecretStore secrets = store();
        QVERIFY(secrets.writeNow(u"openai-api-key"_s, randomToken(u"sk-proj-"_s)));
        QCOMPARE(*secrets.names(),
                 (QStringList{u"anthropic-api-key"_s, u"github-token"_s, u"openai-api-key"_s}));
    }

    void replacingKeepsOneEntry()
    {
        REQUIRE_TEST_KEYRING();
        SecretStore secrets = store();
        const QString second = randomToken(u"sk-proj-"_s);
        QVERIFY(secrets.writeNow(u"openai-api-key"_s, second));
        QCOMPARE(*secrets.readNow(u"openai-api-key"_s), second);
        QCOMPARE(secrets.names()->count(u"openai-api-key"_s), 1);
    }

    void removeDeletesValueAndName()
    {
        REQUIRE_TEST_KEYRING();
        SecretStore secrets = store();
        QVERIFY(secrets.removeNow(u"openai-api-key"_s));
        QVERIFY(!secrets.names()->contains(u"openai-api-key"_s));
        const auto read = secrets.readNow(u"openai-api-key"_s);
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode::NotFound);
        // The other secrets stay.
        QVERIFY(secrets.readNow(u"github-token"_s));
        // Removing it again says there is no such secret.
        const auto again = secrets.removeNow(u"openai-api-key"_s);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::NotFound);
        QVERIFY(again.error().message.contains(u"paddock secret ls"_s));
    }

    void doneRunsLaterAndOnlyWhileItsContextLives()
    {
        REQUIRE_TEST_KEYRING();
        SecretStore secrets = store();
        // The name is listed even when whoever asked is gone before the keychain answers.
        auto context = std::make_unique<QObject>();
        bool called = false;
        secrets.write(u"gone-context"_s, randomToken(u"t-"_s), context.get(),
                      [&](Core::Result<>) { called = true; });
        QVERIFY(!called);
        context.reset();
        QTRY_VERIFY(secrets.names()->contains(u"gone-context"_s));
        QVERIFY(!called);
        QObject alive;
        int calls = 0;
        secrets.remove(u"gone-context"_s, &alive, [&](Core::Result<> result) {
            QVERIFY(result);
            ++calls;
        });
        QCOMPARE(calls, 0);
        QTRY_COMPARE(calls, 1);
        QTest::qWait(50);
        QCOMPARE(calls, 1);
    }

    void refusesInvalidNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("upper case") << u"Anthropic-Key"_s;
        QTest::newRow("leading hyphen") << u"-key"_s;
        QTest::newRow("space") << u"api key"_s;
        QTest::newRow("slash") << u"a/b"_s;
        QTest::newRow("dot dot") << u".."_s;
        QTest::newRow("underscore") << u"_paddock-availability-probe"_s;
        QTest::newRow("newline") << u"key\n"_s;
        QTest::newRow("non-ascii") << u"schlüssel"_s;
        QTest::newRow("too long") << QString(41, u'a');
    }

    void refusesInvalidNames()
    {
        QFETCH(QString, name);
        QVERIFY(!SecretStore::validateName(name));
        SecretStore secrets = store();
        const auto before = Paddock::Test::allFilesUnder(m_dir.path());
        for (const auto &result : {secrets.writeNow(name, u"value"_s), secrets.removeNow(name)}) {
            QVERIFY(!result);
            QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
            QVERIFY(result.error().message.contains(u"lower-case letters"_s));
        }
        QCOMPARE(secrets.readNow(name).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(Paddock::Test::allFilesUnder(m_dir.path()), before);
    }

    void acceptsTemplateStyleNames()
    {
        for (const QString &name : {u"anthropic-api-key"_s, u"a"_s, u"9"_s, QString(40, u'z')})
            QVERIFY2(SecretStore::validateName(name), qPrintable(name));
    }

    void refusesBadValues_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("empty") << QString();
        QTest::newRow("line feed") << u"sk-abc\nX-Injected: 1"_s;
        QTest::newRow("carriage return") << u"sk-abc\r"_s;
        QTest::newRow("tab") << u"sk\tabc"_s;
        QTest::newRow("nul") << QString(u"sk" + QString(QChar(0)) + u"abc");
        QTest::newRow("zero-width space") << u"sk-abc\u200b"_s;
        QTest::newRow("line separator") << u"sk-abc\u2028def"_s;
        QTest::newRow("too long") << QString(SecretStore::maxValueLength + 1, u'a');
    }

    void refusesBadValues()
    {
        REQUIRE_TEST_KEYRING();
        QFETCH(QString, value);
        SecretStore secrets = store();
        const auto kept = secrets.readNow(u"github-token"_s);
        QVERIFY(kept);
        const auto result = secrets.writeNow(u"github-token"_s, value);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(*secrets.readNow(u"github-token"_s), *kept);
    }

    void damagedIndexIsReportedBeforeTheKeychainIsTouched()
    {
        REQUIRE_TEST_KEYRING();
        SecretStore secrets = store();
        QFile index(indexFile());
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QByteArray good = index.readAll();
        index.close();
        QVERIFY(index.open(QIODevice::WriteOnly | QIODevice::Truncate));
        index.write("{ not json");
        index.close();
        QCOMPARE(secrets.names().error().code, ErrorCode::Corrupt);
        const auto result = secrets.writeNow(u"new-name"_s, randomToken(u"t-"_s));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Corrupt);
        QVERIFY(result.error().message.contains(indexFile()));
        QCOMPARE(secrets.readNow(u"new-name"_s).error().code, ErrorCode::NotFound);
        QVERIFY(index.open(QIODevice::WriteOnly | QIODevice::Truncate));
        index.write(good);
    }

    void explainsAMissingKeychainAndLosesNothing()
    {
        // An index with one name, as a keychain that has since gone away left it.
        QTemporaryDir dir;
        const QString index = dir.path() + u"/secrets.json"_s;
        QFile file(index);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"names": ["kept-key"]})");
        file.close();
        const QString value = randomToken(u"sk-"_s);
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PADDOCK_TEST_CHILD"_s, u"no-keychain"_s);
        environment.insert(u"PADDOCK_TEST_INDEX"_s, index);
        environment.insert(u"PADDOCK_TEST_VALUE"_s, value);
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/paddock-test-bus"_s);
        // Where a plain-text fallback (QSettings) would write the value.
        environment.insert(u"HOME"_s, dir.path());
        environment.insert(u"XDG_CONFIG_HOME"_s, dir.path() + u"/config"_s);
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(90000));
        const QByteArray out = child.readAllStandardOutput();
        const QByteArray err = child.readAllStandardError();
        QCOMPARE(child.exitCode(), 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        for (const QByteArray &line : lines) {
            const QJsonObject result = QJsonDocument::fromJson(line).object();
            QVERIFY2(!result.value(u"ok"_s).toBool(), line.constData());
            QCOMPARE(result.value(u"code"_s).toInt(), int(ErrorCode::Unavailable));
            const QString message = result.value(u"message"_s).toString();
            QVERIFY2(message.contains(u"No keychain is available"_s), line.constData());
            QVERIFY2(message.contains(u"D-Bus session bus"_s), line.constData());
            QVERIFY2(message.contains(u"gnome-keyring"_s), line.constData());
        }
        // Nothing lost: the index still lists the name it had, and gained none.
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray(R"({"names": ["kept-key"]})"));
        QVERIFY(!out.contains(value.toUtf8()) && !err.contains(value.toUtf8()));
        QVERIFY(!Paddock::Test::allFilesUnder(dir.path()).contains(value.toUtf8()));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariable("PADDOCK_TEST_CHILD") == "no-keychain"_L1)
        return noKeychainChild();
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
