// Sandbox records on disk: atomic saves, names that are safe as paths and branches, and corrupt files kept.
#include "core/paths.h"
#include "core/sandboxstore.h"
#include "core/settings.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

namespace {

SandboxRecord record(const QString &name)
{
    SandboxRecord r;
    r.id = u"6f1c0c5e-0000-4000-8000-000000000001"_s;
    r.name = name;
    r.workspace = u"/home/u/project"_s;
    r.branch = u"paddock/"_s + name;
    r.templateId = u"claude"_s;
    r.presetId = u"balanced"_s;
    r.policyRules = {u"allow api.example.com:443"_s};
    r.cpus = 2;
    r.memoryMiB = 4096;
    r.publishedPorts = {{3000, 3000}, {5173, 41234}};
    r.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    r.updatedAt = r.createdAt;
    return r;
}

} // namespace

class TestSandboxStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validatesNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << u"fix-login"_s << true;
        QTest::newRow("dots underscores") << u"a.b_c-1"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("leading dash") << u"-rf"_s << false;
        QTest::newRow("dot dot") << u"a..b"_s << false;
        QTest::newRow("traversal") << u"../../.bashrc"_s << false;
        QTest::newRow("slash") << u"a/b"_s << false;
        QTest::newRow("upper") << u"Fix"_s << false;
        QTest::newRow("space") << u"a b"_s << false;
        QTest::newRow("lock suffix") << u"a.lock"_s << false;
        QTest::newRow("too long") << QString(64, u'a') << false;
    }
    void validatesNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(SandboxRecord::validateName(name).has_value(), valid);
    }

    void savesListsAndRemoves()
    {
        QTemporaryDir dir;
        SandboxStore store(dir.filePath(u"sandboxes"_s));
        QVERIFY(store.save(record(u"beta"_s)).has_value());
        QVERIFY(store.save(record(u"alpha"_s)).has_value());
        const QList<SandboxRecord> records = store.list();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records[0].name, u"alpha"_s);
        QCOMPARE(records[1], record(u"beta"_s));
        QVERIFY(store.problems().isEmpty());
        // Atomic writes leave no temporary files behind.
        QCOMPARE(QDir(store.directory()).entryList(QDir::Files),
                 (QStringList{u"alpha.json"_s, u"beta.json"_s}));
        QVERIFY(store.remove(u"alpha"_s).has_value());
        QVERIFY(!store.find(u"alpha"_s).has_value());
        QVERIFY(!store.remove(u"alpha"_s).has_value());
    }

    void failedSaveKeepsOldRecord()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sandboxes"_s);
        SandboxStore store(path);
        QVERIFY(store.save(record(u"keep"_s)).has_value());
        // Replace the target file with a directory: the atomic rename must fail, leaving nothing
        // half-written.
        SandboxRecord changed = record(u"keep"_s);
        changed.cpus = 8;
        QFile::rename(path + u"/keep.json"_s, path + u"/keep.moved"_s);
        QDir().mkpath(path + u"/keep.json"_s);
        QVERIFY(!store.save(changed).has_value());
        QDir(path + u"/keep.json"_s).removeRecursively();
        QFile::rename(path + u"/keep.moved"_s, path + u"/keep.json"_s);
        QCOMPARE(store.find(u"keep"_s)->cpus, 2);
    }

    void corruptFileIsMovedAsideAndReported()
    {
        QTemporaryDir dir;
        SandboxStore store(dir.path());
        QVERIFY(store.save(record(u"good"_s)).has_value());
        QFile bad(dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"version\": 1, \"name\": ");
        bad.close();
        QFile wrongName(dir.filePath(u"other.json"_s));
        QVERIFY(wrongName.open(QIODevice::WriteOnly));
        wrongName.write(QJsonDocument(record(u"good"_s).toJson()).toJson());
        wrongName.close();

        const QList<SandboxRecord> records = store.list();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].name, u"good"_s);
        QCOMPARE(store.problems().size(), 2);
        QVERIFY(QFile::exists(dir.filePath(u"bad.json.corrupt"_s)));
        QVERIFY(QFile::exists(dir.filePath(u"other.json.corrupt"_s)));
        QVERIFY(store.problems()[0].message.contains(u"bad.json.corrupt"_s));
        // A second corrupt file of the same name does not overwrite the first one kept aside.
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("garbage");
        bad.close();
        store.list();
        QCOMPARE(QDir(dir.path()).entryList({u"bad.json.corrupt*"_s}).size(), 2);
    }

    void rejectsInvalidRecords_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("bad name") << u"name"_s << QJsonValue(u"../x"_s);
        QTest::newRow("relative workspace") << u"workspace"_s << QJsonValue(u"project"_s);
        QTest::newRow("bad mode") << u"mode"_s << QJsonValue(u"copy"_s);
        QTest::newRow("future version") << u"version"_s << QJsonValue(2);
    }
    void rejectsInvalidRecords()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QJsonObject object = record(u"x"_s).toJson();
        object.insert(key, value);
        QVERIFY(!SandboxRecord::fromJson(object).has_value());
    }

    // A broken published port is only not published again; the record and its other ports stay.
    void brokenPublishedPortsAreDropped()
    {
        QJsonObject object = record(u"x"_s).toJson();
        object.insert(
            u"published"_s,
            QJsonObject{
                {u"3000"_s, 3000}, {u"http"_s, 80}, {u"70000"_s, 80}, {u"22"_s, 0}, {u"8080"_s, u"8080"_s}});
        const auto read = SandboxRecord::fromJson(object);
        QVERIFY(read);
        QCOMPARE(read->publishedPorts, (QMap<int, int>{{3000, 3000}}));
    }

    void settingsDefaultsRoundTripAndCorruption()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"settings.json"_s);
        Settings settings(path);
        QVERIFY(settings.load().has_value());
        QCOMPARE(settings.defaultPreset, u"balanced"_s);
        for (int i = 0; i < 12; ++i)
            settings.addRecentFolder(u"/p/%1"_s.arg(i));
        settings.addRecentFolder(u"/p/5/"_s);
        QCOMPARE(settings.recentFolders().size(), Settings::maxRecentFolders);
        QCOMPARE(settings.recentFolders().first(), u"/p/5"_s);
        QCOMPARE(settings.recentFolders().count(u"/p/5"_s), 1);
        settings.language = u"de"_s;
        QVERIFY(settings.save().has_value());
        Settings loaded(path);
        QVERIFY(loaded.load().has_value());
        QCOMPARE(loaded.language, u"de"_s);
        QCOMPARE(loaded.recentFolders(), settings.recentFolders());

        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{{{");
        file.close();
        Settings corrupt(path);
        const auto result = corrupt.load();
        QVERIFY(!result.has_value());
        QVERIFY(result.error().message.contains(u".corrupt"_s));
        QVERIFY(QFile::exists(path + u".corrupt"_s));
        QCOMPARE(corrupt.language, QString());
    }

    void pathsFollowXdg()
    {
        QProcessEnvironment env;
        env.insert(u"HOME"_s, u"/home/u"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, u"/cfg"_s);
        env.insert(u"XDG_DATA_HOME"_s, u"relative/ignored"_s);
        const Paths paths(env);
        QCOMPARE(paths.configDir(), u"/cfg/paddock"_s);
        QCOMPARE(paths.globalPolicyFile(), u"/cfg/paddock/policy.json"_s);
        QCOMPARE(paths.dataDir(), u"/home/u/.local/share/paddock"_s);
        QCOMPARE(paths.sandboxesDir(), u"/home/u/.local/share/paddock/sandboxes"_s);
        QCOMPARE(paths.auditLogDir(), u"/home/u/.local/state/paddock/audit"_s);
        QTemporaryDir runtime;
        env.insert(u"XDG_RUNTIME_DIR"_s, runtime.path());
        const QString dir = Paths(env).runtimeDir();
        QCOMPARE(dir, runtime.path() + u"/paddock"_s);
        QCOMPARE(QFileInfo(dir).permissions() & 0x0077, QFileDevice::Permissions());
    }
};

QTEST_GUILESS_MAIN(TestSandboxStore)
#include "tst_sandboxstore.moc"
