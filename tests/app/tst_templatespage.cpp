// The Templates page as a person uses it, over a real catalog in a private folder: built-ins are read-only,
// Duplicate… makes an editable file, an invalid edit shows the loader's message and cannot be saved, a valid
// one is written, Delete removes the file, and a file that does not load is listed with the reason.
#include "app/gui/templatelistmodel.h"
#include "app/gui/templatespage.h"
#include "core/templatecatalog.h"

#include "app/dialogtestsupport.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include <functional>

using namespace Paddock;
using Paddock::Test::whenShown;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(bytes) == bytes.size());
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTemplatesPage : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QString m_dir;
    std::unique_ptr<Core::TemplateCatalog> m_catalog;
    std::unique_ptr<TemplatesPage> m_page;

    template<typename T>
    T *child(const QString &name)
    {
        T *found = m_page->findChild<T *>(name);
        if (!found)
            qFatal("no child %s", qPrintable(name));
        return found;
    }
    QString problem() { return child<QLabel>(u"problem"_s)->text(); }
    void select(const QString &id)
    {
        m_page->selectTemplate(id);
        QCOMPARE(m_page->currentId(), id);
    }
    void retype(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }
    void click(const QString &button) { QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton); }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = m_xdg.path() + u"/config/paddock/templates"_s;
        QVERIFY(QDir().mkpath(m_dir));
        write(m_dir + u"/aider.json"_s, R"({
  "id": "aider",
  "name": "Aider",
  "description": "Aider with automatic commits.",
  "install": { "npm": "aider-chat@0.86.1" },
  "command": ["aider"],
  "yoloFlags": ["--yes-always"],
  "environment": { "AIDER_AUTO_COMMITS": "1" },
  "requiredHosts": ["api.anthropic.com:443"],
  "credentials": [
    { "host": "api.anthropic.com", "header": "x-api-key", "format": "{secret}",
      "secret": "anthropic-api-key", "placeholderEnv": "ANTHROPIC_API_KEY" }
  ],
  "attention": { "waitingForInput": ["\\(Y\\)es/\\(N\\)o"], "done": ["Tokens: .* sent"] },
  "x-notes": "kept as it is"
}
)");
        write(m_dir + u"/broken.json"_s, R"({"id": "broken", "name": "Broken", "comand": ["x"]})");
        m_catalog = std::make_unique<Core::TemplateCatalog>(m_dir);
        m_page = std::make_unique<TemplatesPage>(*m_catalog);
        m_page->resize(980, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void modelPassesTheTester()
    {
        Core::TemplateCatalog catalog(m_dir);
        TemplateListModel model(catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), int(catalog.templates().size() + catalog.brokenFiles().size()));
        QCOMPARE(model.index(model.rowOfId(u"claude"_s)).data(TemplateListModel::KindRole).toInt(),
                 int(TemplateListModel::Kind::BuiltIn));
        QCOMPARE(model.index(model.rowOfId(u"aider"_s)).data(TemplateListModel::KindRole).toInt(),
                 int(TemplateListModel::Kind::User));
        const int broken = model.rowOfFile(m_dir + u"/broken.json"_s);
        QCOMPARE(broken, model.rowCount() - 1);
        QVERIFY(model.index(broken).data(Qt::ToolTipRole).toString().contains(u"comand"_s));
        write(m_dir + u"/extra.json"_s, R"({"id": "extra", "name": "Extra", "command": ["x"]})");
        catalog.reload();
        model.refresh();
        QVERIFY(model.rowOfId(u"extra"_s) >= 0);
        QVERIFY(QFile::remove(m_dir + u"/extra.json"_s));
        catalog.reload();
        model.refresh();
    }

    void builtInsAreReadOnly()
    {
        select(u"claude"_s);
        QVERIFY(child<QLineEdit>(u"name"_s)->isReadOnly());
        QCOMPARE(child<QLineEdit>(u"name"_s)->text(), u"Claude Code"_s);
        QVERIFY(child<QPlainTextEdit>(u"json"_s)->isReadOnly());
        QVERIFY(child<QPushButton>(u"save"_s)->isHidden());
        QVERIFY(!child<QPushButton>(u"delete"_s)->isEnabled());
        QVERIFY(child<QPushButton>(u"duplicate"_s)->isEnabled());
        QVERIFY(child<QLabel>(u"banner"_s)->isVisibleTo(m_page.get()));
        QVERIFY(child<QLabel>(u"banner"_s)->text().contains(u"read-only"_s));
        QVERIFY(!m_page->isModified());
    }

    void duplicateCreatesAUserTemplateFile()
    {
        select(u"claude"_s);
        QSignalSpy changed(m_page.get(), &TemplatesPage::templatesChanged);
        bool createDisabledForTakenId = false;
        whenShown<QDialog>(this, [&](QDialog *dialog) {
            auto *id = dialog->findChild<QLineEdit *>(u"newId"_s);
            QCOMPARE(id->text(), u"claude-copy"_s);
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            id->selectAll();
            QTest::keyClicks(id, u"aider"_s); // taken
            createDisabledForTakenId = !ok->isEnabled();
            id->selectAll();
            QTest::keyClicks(id, u"my-claude"_s);
            QVERIFY(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        });
        click(u"duplicate"_s);
        QVERIFY(createDisabledForTakenId);
        QTRY_COMPARE(changed.size(), 1);
        QVERIFY(QFile::exists(m_dir + u"/my-claude.json"_s));
        QCOMPARE(m_page->currentId(), u"my-claude"_s);
        QVERIFY(!m_catalog->find(u"my-claude"_s)->builtIn);
        QCOMPARE(m_catalog->find(u"my-claude"_s)->command, m_catalog->find(u"claude"_s)->command);
        QCOMPARE(child<QLineEdit>(u"name"_s)->text(), u"Claude Code (Copy)"_s);
        QVERIFY(!child<QLineEdit>(u"name"_s)->isReadOnly());
        QVERIFY(!child<QPushButton>(u"save"_s)->isHidden());
        QVERIFY(!child<QPushButton>(u"save"_s)->isEnabled()); // nothing changed yet
    }

    void invalidEditShowsTheParserMessageAndCannotBeSaved()
    {
        select(u"my-claude"_s);
        const QByteArray before = read(m_dir + u"/my-claude.json"_s);
        retype(child<QLineEdit>(u"command"_s), u""_s);
        QVERIFY(m_page->isModified());
        QVERIFY2(problem().contains(u"\"command\""_s), qPrintable(problem()));
        QVERIFY(problem().contains(u"non-empty list"_s));
        QVERIFY(!child<QPushButton>(u"save"_s)->isEnabled());

        // The same in JSON: the line of a syntax error is named and marked.
        click(u"mode"_s);
        auto *json = child<QPlainTextEdit>(u"json"_s);
        QVERIFY(json->isVisible());
        json->setFocus();
        json->moveCursor(QTextCursor::End);
        QTest::keyClicks(json, u"}"_s);
        QVERIFY2(problem().startsWith(u"Line "_s), qPrintable(problem()));
        QVERIFY(problem().contains(u"not valid JSON"_s));
        QCOMPARE(json->extraSelections().size(), 1);
        QVERIFY(!child<QPushButton>(u"save"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(u"mode"_s)->isEnabled()); // no form for text that is not JSON
        QCOMPARE(read(m_dir + u"/my-claude.json"_s), before);

        click(u"revert"_s);
        QVERIFY(!m_page->isModified());
        QVERIFY(problem().isEmpty());
        click(u"mode"_s); // back to the form
        QVERIFY(child<QLineEdit>(u"command"_s)->isVisible());
        QCOMPARE(child<QLineEdit>(u"command"_s)->text(), u"claude"_s);
        QCOMPARE(read(m_dir + u"/my-claude.json"_s), before);
    }

    void validEditIsSavedToTheFile()
    {
        select(u"aider"_s);
        QSignalSpy changed(m_page.get(), &TemplatesPage::templatesChanged);
        QCOMPARE(child<QComboBox>(u"installKind"_s)->currentIndex(), 1);
        QCOMPARE(child<QLineEdit>(u"install"_s)->text(), u"aider-chat@0.86.1"_s);
        QCOMPARE(child<QTableWidget>(u"credentials"_s)->rowCount(), 1);
        retype(child<QLineEdit>(u"name"_s), u"Aider (Sonnet)"_s);
        retype(child<QLineEdit>(u"command"_s), u"aider --model \"claude sonnet\""_s);
        auto *hosts = child<QPlainTextEdit>(u"requiredHosts"_s);
        hosts->setFocus();
        hosts->moveCursor(QTextCursor::End);
        QTest::keyClick(hosts, Qt::Key_Return);
        QTest::keyClicks(hosts, u"pypi.org:443"_s);
        QVERIFY2(problem() == u"Changed; not saved yet."_s, qPrintable(problem()));
        QVERIFY(child<QPushButton>(u"save"_s)->isEnabled());
        click(u"save"_s);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!m_page->isModified());

        const QJsonObject saved = QJsonDocument::fromJson(read(m_dir + u"/aider.json"_s)).object();
        QCOMPARE(saved.value(u"name"_s).toString(), u"Aider (Sonnet)"_s);
        QCOMPARE(saved.value(u"x-notes"_s).toString(), u"kept as it is"_s); // the user's own key stays
        const auto aider = m_catalog->find(u"aider"_s);
        QCOMPARE(aider->command, (QStringList{u"aider"_s, u"--model"_s, u"claude sonnet"_s}));
        QCOMPARE(aider->requiredHosts, (QStringList{u"api.anthropic.com:443"_s, u"pypi.org:443"_s}));
        QCOMPARE(aider->credentials.size(), 1);
        QCOMPARE(aider->waitingPatterns, QStringList{u"\\(Y\\)es/\\(N\\)o"_s});

        QVERIFY(Test::screenshotPath(u"templates.png"_s).size() > 0);
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"templates.png"_s)));
    }

    void leavingUnsavedEditsAsks()
    {
        select(u"aider"_s);
        retype(child<QLineEdit>(u"description"_s), u"Changed"_s);
        QString asked;
        whenShown<QMessageBox>(this, [&](QMessageBox *box) {
            asked = box->text();
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        });
        m_page->selectTemplate(u"claude"_s);
        QVERIFY(asked.contains(u"not saved"_s));
        QCOMPARE(m_page->currentId(), u"aider"_s); // stayed, with the edit
        QCOMPARE(child<QLineEdit>(u"description"_s)->text(), u"Changed"_s);
        click(u"revert"_s);
        QVERIFY(!m_page->isModified());
    }

    void brokenFileIsListedWithItsProblemAndCanBeFixed()
    {
        auto *list = child<QListView>(u"templateList"_s);
        const int row = m_page->model()->rowOfFile(m_dir + u"/broken.json"_s);
        QVERIFY(row >= 0);
        list->setCurrentIndex(m_page->model()->index(row));
        QVERIFY(child<QLabel>(u"banner"_s)->isVisibleTo(m_page.get()));
        QVERIFY2(problem().contains(u"\"comand\""_s), qPrintable(problem()));
        QVERIFY(problem().contains(u"unknown key"_s));
        QVERIFY(!child<QPushButton>(u"save"_s)->isEnabled());

        // Fixed in the JSON editor, it loads.
        if (!child<QPlainTextEdit>(u"json"_s)->isVisible())
            click(u"mode"_s);
        auto *json = child<QPlainTextEdit>(u"json"_s);
        json->selectAll();
        QTest::keyClicks(json, uR"({"id": "fixed", "name": "Fixed", "command": ["x"]})"_s);
        QCOMPARE(problem(), u"Changed; not saved yet."_s);
        click(u"save"_s);
        QVERIFY(m_catalog->find(u"fixed"_s).has_value());
        QVERIFY(m_catalog->brokenFiles().isEmpty());
        QCOMPARE(m_page->currentId(), u"fixed"_s);
    }

    void deleteRemovesTheFile()
    {
        select(u"my-claude"_s);
        QSignalSpy changed(m_page.get(), &TemplatesPage::templatesChanged);
        whenShown<QMessageBox>(this, [](QMessageBox *box) {
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                    QTest::mouseClick(button, Qt::LeftButton);
            }
        });
        click(u"delete"_s);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!QFile::exists(m_dir + u"/my-claude.json"_s));
        QVERIFY(!m_catalog->find(u"my-claude"_s));
        QCOMPARE(m_page->model()->rowOfId(u"my-claude"_s), -1);
    }

    void newTemplateStartsFromItsId()
    {
        whenShown<QDialog>(this, [](QDialog *dialog) {
            auto *id = dialog->findChild<QLineEdit *>(u"newId"_s);
            id->selectAll();
            QTest::keyClicks(id, u"goose"_s);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                              Qt::LeftButton);
        });
        click(u"new"_s);
        QCOMPARE(m_page->currentId(), u"goose"_s);
        QCOMPARE(m_catalog->find(u"goose"_s)->command, QStringList{u"goose"_s});
        QVERIFY(QFile::exists(m_dir + u"/goose.json"_s));
    }
};

QTEST_MAIN(TestTemplatesPage)
#include "tst_templatespage.moc"
