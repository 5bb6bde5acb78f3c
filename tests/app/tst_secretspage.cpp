// paddock-test-launcher: scripts/run-with-keyring.sh
// The Secrets page, clicked through against a real Secret Service (GNOME Keyring in the private D-Bus session
// of the launcher above), and without any keychain (a child process whose session bus leads nowhere). The
// screenshots go to $PADDOCK_SCREENSHOTS (default: the temporary folder) to be looked at.
#include "app/gui/secretspage.h"
#include "core/paths.h"
#include "core/secretstore.h"
#include "core/templatecatalog.h"

#include "app/dialogtestsupport.h"
#include "secrettestsupport.h"
#include "testsupport.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Paddock;
using App::SecretsPage;
using Paddock::Test::randomToken;
using Paddock::Test::whenShown;

namespace {

QTreeWidgetItem *rowOf(const SecretsPage &page, const QString &name)
{
    const auto *list = page.findChild<QTreeWidget *>(u"secretList"_s);
    for (int row = 0; row < list->topLevelItemCount(); ++row) {
        if (list->topLevelItem(row)->text(0) == name)
            return list->topLevelItem(row);
    }
    return nullptr;
}

QString stateOf(const SecretsPage &page, const QString &name)
{
    const QTreeWidgetItem *row = rowOf(page, name);
    return row ? row->text(1) : QString();
}

// Everything the page shows as text: labels, fields, buttons, list cells and tooltips.
QString allTextOf(const QWidget &widget)
{
    QStringList texts;
    for (const auto *label : widget.findChildren<QLabel *>())
        texts += label->text();
    for (const auto *edit : widget.findChildren<QLineEdit *>())
        texts += edit->text();
    for (const auto *button : widget.findChildren<QPushButton *>())
        texts += button->text();
    for (const auto *list : widget.findChildren<QTreeWidget *>()) {
        for (int row = 0; row < list->topLevelItemCount(); ++row) {
            for (int column = 0; column < list->columnCount(); ++column)
                texts += list->topLevelItem(row)->text(column) + list->topLevelItem(row)->toolTip(column);
        }
    }
    return texts.join(u'\n');
}

QPushButton *button(const QWidget &widget, const QString &name)
{
    return widget.findChild<QPushButton *>(name);
}

} // namespace

// The page where no keychain answers: the child process runs this.
class TestSecretsPageWithoutKeychain : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;

private Q_SLOTS:
    void explainsWhatToInstall()
    {
        const Core::Paths paths = Core::Paths::fromSystem();
        Core::SecretStore store(paths.secretsIndexFile(), u"PaddockTest"_s);
        Core::TemplateCatalog catalog(paths.templatesDir());
        SecretsPage page(store, catalog);
        page.resize(720, 500);
        page.show();
        QSignalSpy checked(&page, &SecretsPage::keychainChecked);
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), false);
        QCOMPARE(page.isKeychainAvailable(), std::optional<bool>(false));
        const auto *banner = page.findChild<QWidget *>(u"noKeychainBanner"_s);
        QVERIFY(banner->isVisible());
        const QString text = page.findChild<QLabel *>(u"noKeychainText"_s)->text();
        QVERIFY2(text.contains(u"No keychain is available (there is no D-Bus session bus"_s),
                 qPrintable(text));
        QVERIFY(text.contains(u"sudo apt install gnome-keyring libsecret-1-0"_s));
        // The list still says what the templates need; nothing can be changed until a keychain answers.
        QCOMPARE(stateOf(page, u"anthropic-api-key"_s), u"Not set"_s);
        QVERIFY(!button(page, u"set"_s)->isEnabled());
        QVERIFY(!button(page, u"add"_s)->isEnabled());
        QVERIFY(!button(page, u"remove"_s)->isEnabled());
        QVERIFY(page.grab().save(Test::screenshotPath(u"secrets-no-keychain.png"_s)));
        // Try Again asks again, and says the same.
        checked.clear();
        QTest::mouseClick(button(page, u"retry"_s), Qt::LeftButton);
        QVERIFY(checked.wait(20000));
        QVERIFY(banner->isVisible());
    }
};

class TestSecretsPage : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    Core::Paths m_paths = Core::Paths::fromSystem();
    Core::SecretStore m_store{m_paths.secretsIndexFile(), u"PaddockTest"_s};
    Core::TemplateCatalog m_catalog{m_paths.templatesDir()};
    std::unique_ptr<SecretsPage> m_page;
    QString m_value = randomToken(u"sk-ant-api03-"_s);

    void enterInDialog(const QString &name, const QString &value)
    {
        whenShown<QDialog>(this, [name, value](QDialog *dialog) {
            QCOMPARE(dialog->objectName(), u"secretDialog"_s);
            auto *nameEdit = dialog->findChild<QLineEdit *>(u"name"_s);
            if (nameEdit->isVisible())
                QTest::keyClicks(nameEdit, name);
            auto *valueEdit = dialog->findChild<QLineEdit *>(u"value"_s);
            QCOMPARE(valueEdit->echoMode(), QLineEdit::Password);
            QVERIFY(valueEdit->text().isEmpty());
            QTest::keyClicks(valueEdit, value);
            QVERIFY(dialog->grab().save(Test::screenshotPath(u"secrets-dialog.png"_s)));
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"save"_s), Qt::LeftButton);
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_TEST_KEYRING();
        m_page = std::make_unique<SecretsPage>(m_store, m_catalog);
        m_page->resize(720, 440);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_COMPARE(m_page->isKeychainAvailable(), std::optional<bool>(true));
    }

    void listsTheSecretsTemplatesNeed()
    {
        const auto *list = m_page->findChild<QTreeWidget *>(u"secretList"_s);
        QStringList names;
        for (int row = 0; row < list->topLevelItemCount(); ++row)
            names += list->topLevelItem(row)->text(0);
        QCOMPARE(names, (QStringList{u"anthropic-api-key"_s, u"gemini-api-key"_s, u"github-token"_s,
                                     u"openai-api-key"_s}));
        QCOMPARE(stateOf(*m_page, u"anthropic-api-key"_s), u"Not set"_s);
        QCOMPARE(rowOf(*m_page, u"anthropic-api-key"_s)->text(2), u"Claude Code, OpenCode"_s);
        QVERIFY(!m_page->findChild<QWidget *>(u"noKeychainBanner"_s)->isVisible());
        QVERIFY(!button(*m_page, u"remove"_s)->isEnabled()); // nothing to remove yet
    }

    void setsASecretThroughTheDialog()
    {
        m_page->selectSecret(u"anthropic-api-key"_s);
        QCOMPARE(button(*m_page, u"set"_s)->text(), u"&Set…"_s);
        QSignalSpy changed(m_page.get(), &SecretsPage::secretsChanged);
        enterInDialog({}, m_value);
        QTest::mouseClick(button(*m_page, u"set"_s), Qt::LeftButton);
        QVERIFY(changed.wait(20000));
        QCOMPARE(stateOf(*m_page, u"anthropic-api-key"_s), u"Set"_s);
        QCOMPARE(*m_store.readNow(u"anthropic-api-key"_s), m_value);
        QCOMPARE(button(*m_page, u"set"_s)->text(), u"Re&place…"_s);
        QVERIFY(button(*m_page, u"remove"_s)->isEnabled());
        QVERIFY(!allTextOf(*m_page).contains(m_value));
    }

    void replaceNeverShowsTheOldValue()
    {
        m_page->selectSecret(u"anthropic-api-key"_s);
        bool checked = false;
        whenShown<QDialog>(this, [&checked](QDialog *dialog) {
            QVERIFY(dialog->windowTitle().startsWith(u"Replace"_s));
            QVERIFY(dialog->findChild<QLineEdit *>(u"value"_s)->text().isEmpty());
            checked = true;
            dialog->reject();
        });
        QTest::mouseClick(button(*m_page, u"set"_s), Qt::LeftButton);
        QVERIFY(checked);
        QCOMPARE(*m_store.readNow(u"anthropic-api-key"_s), m_value);
    }

    void dialogRefusesALineBreak()
    {
        m_page->selectSecret(u"openai-api-key"_s);
        bool checked = false;
        whenShown<QDialog>(this, [&checked](QDialog *dialog) {
            auto *value = dialog->findChild<QLineEdit *>(u"value"_s);
            auto *save = dialog->findChild<QPushButton *>(u"save"_s);
            QVERIFY(!save->isEnabled());
            value->setText(u"sk-one\tsk-two"_s);
            QVERIFY(!save->isEnabled());
            QVERIFY(
                dialog->findChild<QLabel *>(u"problem"_s)->text().contains(u"invisible control character"_s));
            value->setText(u"sk-one"_s);
            QVERIFY(save->isEnabled());
            checked = true;
            dialog->reject();
        });
        QTest::mouseClick(button(*m_page, u"set"_s), Qt::LeftButton);
        QVERIFY(checked);
        QCOMPARE(stateOf(*m_page, u"openai-api-key"_s), u"Not set"_s);
    }

    void screenshot()
    {
        m_page->selectSecret(u"anthropic-api-key"_s);
        QVERIFY(m_page->grab().save(Test::screenshotPath(u"secrets.png"_s)));
    }

    void addsASecretNoTemplateNames()
    {
        QSignalSpy changed(m_page.get(), &SecretsPage::secretsChanged);
        const QString token = randomToken(u"tok-"_s);
        enterInDialog(u"my-service-token"_s, token);
        QTest::mouseClick(button(*m_page, u"add"_s), Qt::LeftButton);
        QVERIFY(changed.wait(20000));
        QCOMPARE(stateOf(*m_page, u"my-service-token"_s), u"Set"_s);
        QCOMPARE(rowOf(*m_page, u"my-service-token"_s)->text(2), u"No template"_s);
        QCOMPARE(m_page->currentName(), u"my-service-token"_s);
        QCOMPARE(*m_store.readNow(u"my-service-token"_s), token);
    }

    void removeAsksFirst()
    {
        m_page->selectSecret(u"anthropic-api-key"_s);
        // Cancel keeps it.
        whenShown<QMessageBox>(this, [](QMessageBox *box) {
            QVERIFY(box->informativeText().contains(u"Claude Code, OpenCode cannot sign in"_s));
            box->button(QMessageBox::Cancel)->click();
        });
        QTest::mouseClick(button(*m_page, u"remove"_s), Qt::LeftButton);
        QCOMPARE(stateOf(*m_page, u"anthropic-api-key"_s), u"Set"_s);
        QVERIFY(m_store.readNow(u"anthropic-api-key"_s));

        QSignalSpy changed(m_page.get(), &SecretsPage::secretsChanged);
        whenShown<QMessageBox>(
            this, [](QMessageBox *box) { box->findChild<QPushButton *>(u"confirmRemove"_s)->click(); });
        QTest::mouseClick(button(*m_page, u"remove"_s), Qt::LeftButton);
        QVERIFY(changed.wait(20000));
        QCOMPARE(stateOf(*m_page, u"anthropic-api-key"_s), u"Not set"_s);
        QCOMPARE(m_store.readNow(u"anthropic-api-key"_s).error().code, Core::ErrorCode::NotFound);
        QVERIFY(!button(*m_page, u"remove"_s)->isEnabled());
    }

    void showsTheBannerWithoutAKeychain()
    {
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PADDOCK_TEST_CHILD"_s, u"no-keychain"_s);
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/paddock-test-bus"_s);
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(120000));
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 child.readAll().constData());
    }

    void cleanupTestCase() { m_page.reset(); }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    if (qEnvironmentVariable("PADDOCK_TEST_CHILD") == "no-keychain"_L1) {
        TestSecretsPageWithoutKeychain test;
        return QTest::qExec(&test, argc, argv);
    }
    TestSecretsPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretspage.moc"
