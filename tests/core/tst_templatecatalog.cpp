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
};

QTEST_GUILESS_MAIN(TestTemplateCatalog)
#include "tst_templatecatalog.moc"
