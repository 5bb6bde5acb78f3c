// User templates beside the built-ins: broken files are reported and skipped, ids never clash.
#include "core/templatecatalog.h"

#include <QtTest>

using namespace Paddock::Core;
using namespace Qt::StringLiterals;

namespace {

void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTemplateCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsUserTemplatesAndReportsBrokenOnes()
    {
        QTemporaryDir dir;
        write(dir.filePath(u"good.json"_s), R"({"id": "aider", "name": "Aider", "command": ["aider"]})");
        write(dir.filePath(u"broken.json"_s), "{ not json");
        write(dir.filePath(u"clash.json"_s), R"({"id": "claude", "name": "Mine", "command": ["claude"]})");
        TemplateCatalog catalog(dir.path());
        QVERIFY(catalog.find(u"aider"_s).has_value());
        QVERIFY(!catalog.find(u"aider"_s)->builtIn);
        QCOMPARE(catalog.problems().size(), 2);
        QVERIFY(catalog.problems()[0].message.contains(u"broken.json"_s));
        QVERIFY(catalog.problems()[1].message.contains(u"already taken"_s));
        QVERIFY(catalog.find(u"claude"_s)->builtIn);
        QCOMPARE(catalog.templates().last().id, u"aider"_s);
    }

    void savesAndRemovesUserTemplates()
    {
        QTemporaryDir dir;
        TemplateCatalog catalog(dir.filePath(u"templates"_s));
        AgentTemplate mine =
            *AgentTemplate::fromJson(R"({"id": "mine", "name": "Mine", "command": ["x"]})", u"t"_s);
        QVERIFY(catalog.saveUserTemplate(mine).has_value());
        QVERIFY(QFile::exists(dir.filePath(u"templates/mine.json"_s)));
        QVERIFY(catalog.find(u"mine"_s).has_value());
        QVERIFY(catalog.removeUserTemplate(u"mine"_s).has_value());
        QVERIFY(!catalog.find(u"mine"_s).has_value());
    }

    void builtInsAreReadOnly()
    {
        QTemporaryDir dir;
        TemplateCatalog catalog(dir.path());
        AgentTemplate claude = *catalog.find(u"claude"_s);
        claude.builtIn = false;
        QVERIFY(!catalog.saveUserTemplate(claude).has_value());
        QVERIFY(!catalog.removeUserTemplate(u"claude"_s).has_value());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void savesJsonAsWrittenAndRenamesWithTheId()
    {
        QTemporaryDir dir;
        write(dir.filePath(u"mine.json"_s), R"({"id": "mine", "name": "Mine", "command": ["x"]})");
        write(dir.filePath(u"other.json"_s), R"({"id": "other", "name": "Other", "command": ["x"]})");
        write(dir.filePath(u"broken.json"_s), "{ not json");
        TemplateCatalog catalog(dir.path());
        QCOMPARE(catalog.fileOf(u"mine"_s), dir.filePath(u"mine.json"_s));
        QCOMPARE(catalog.brokenFiles().size(), 1);

        // Invalid or taken: nothing is written.
        QVERIFY(
            !catalog.saveUserTemplateJson(R"({"id": "mine", "name": "Mine"})", catalog.fileOf(u"mine"_s)));
        QVERIFY(!catalog.saveUserTemplateJson(R"({"id": "other", "name": "M", "command": ["x"]})",
                                              catalog.fileOf(u"mine"_s)));
        QVERIFY(
            !catalog.saveUserTemplateJson(R"({"id": "n", "name": "N", "command": ["x"]})", u"/etc/passwd"_s));
        QCOMPARE(read(dir.filePath(u"mine.json"_s)), R"({"id": "mine", "name": "Mine", "command": ["x"]})");

        // Written unchanged, the user's own keys too; a file named after its id follows a new id.
        const QByteArray renamed = R"({"id": "ours", "name": "Ours", "command": ["x"], "x-note": "kept"})";
        QVERIFY(catalog.saveUserTemplateJson(renamed, catalog.fileOf(u"mine"_s)).has_value());
        QVERIFY(!QFile::exists(dir.filePath(u"mine.json"_s)));
        QCOMPARE(read(dir.filePath(u"ours.json"_s)), renamed);
        QVERIFY(catalog.find(u"ours"_s).has_value());

        // A broken file, fixed, stays where it is.
        const auto fixed = catalog.saveUserTemplateJson(R"({"id": "fixed", "name": "F", "command": ["x"]})",
                                                        catalog.brokenFiles().first().path);
        QVERIFY(fixed.has_value());
        QCOMPARE(catalog.fileOf(u"fixed"_s), dir.filePath(u"broken.json"_s));
        QVERIFY(catalog.brokenFiles().isEmpty());
        QVERIFY(catalog.removeUserTemplate(u"fixed"_s).has_value());
        QVERIFY(!QFile::exists(dir.filePath(u"broken.json"_s)));
    }
};

QTEST_GUILESS_MAIN(TestTemplateCatalog)
#include "tst_templatecatalog.moc"
