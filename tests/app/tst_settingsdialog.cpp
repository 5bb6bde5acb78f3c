// Settings as a person uses them: pages listed on the left and switched between, and the General page
// saving each change at once (language, default agent and preset, scrollback), with a clear message when
// the settings file cannot be written. Screenshots go to $PADDOCK_SCREENSHOTS.
#include "app/gui/generalsettingspage.h"
#include "app/gui/settingsdialog.h"
#include "core/paths.h"
#include "core/settings.h"
#include "core/templatecatalog.h"

#include "testsupport.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QProcessEnvironment>
#include <QSpinBox>
#include <QtTest>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    Core::Paths m_paths{QProcessEnvironment::systemEnvironment()};
    Core::TemplateCatalog m_templates{m_paths.templatesDir()};

    Core::Settings saved() const
    {
        Core::Settings settings(m_paths.settingsFile());
        [&] { QVERIFY(settings.load()); }();
        return settings;
    }

    static void choose(QComboBox *box, const QString &data)
    {
        const int index = box->findData(data);
        QVERIFY2(index >= 0, qPrintable(data));
        box->setFocus();
        // As a person does: open the list, pick the entry.
        while (box->currentIndex() != index)
            QTest::keyClick(box, box->currentIndex() < index ? Qt::Key_Down : Qt::Key_Up);
    }

private Q_SLOTS:
    void pagesAreListedAndSwitched()
    {
        SettingsDialog dialog;
        auto *first = new QLabel(u"first"_s);
        first->setObjectName(u"firstPage"_s);
        auto *second = new QLabel(u"second"_s);
        second->setObjectName(u"secondPage"_s);
        dialog.addPage(first, {}, u"First"_s);
        dialog.addPage(second, {}, u"Second"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.currentPage(), first);
        auto *list = dialog.findChild<QListWidget *>(u"settingsPages"_s);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
        QCOMPARE(dialog.currentPage(), second);
        dialog.showPage(u"firstPage"_s);
        QCOMPARE(dialog.currentPage(), first);
        QCOMPARE(list->currentRow(), 0);
    }

    void generalChangesAreSavedAtOnce()
    {
        SettingsDialog dialog;
        dialog.addPage(new GeneralSettingsPage(m_paths, m_templates), {}, u"General"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *language = dialog.findChild<QComboBox *>(u"language"_s);
        auto *note = dialog.findChild<QLabel *>(u"languageNote"_s);
        QVERIFY(!note->isVisible());
        choose(language, u"de"_s);
        QCOMPARE(saved().language, u"de"_s);
        QVERIFY(note->isVisible()); // the new language needs a restart, and the page says so
        QVERIFY(dialog.grab().save(Test::screenshotPath(u"settings-general-alone.png"_s)));
        choose(language, QString());
        QCOMPARE(saved().language, QString());
        QVERIFY(!note->isVisible());

        choose(dialog.findChild<QComboBox *>(u"defaultTemplate"_s), u"codex"_s);
        choose(dialog.findChild<QComboBox *>(u"defaultPreset"_s), u"locked-down"_s);
        auto *scrollback = dialog.findChild<QSpinBox *>(u"scrollbackLines"_s);
        scrollback->setFocus();
        scrollback->selectAll();
        QTest::keyClicks(scrollback, u"50000"_s);
        const Core::Settings settings = saved();
        QCOMPARE(settings.defaultTemplate, u"codex"_s);
        QCOMPARE(settings.defaultPreset, u"locked-down"_s);
        QCOMPARE(settings.scrollbackLines, 50000);

        // A page opened later shows what was saved.
        GeneralSettingsPage again(m_paths, m_templates);
        QCOMPARE(again.findChild<QComboBox *>(u"defaultTemplate"_s)->currentData().toString(), u"codex"_s);
        QCOMPARE(again.findChild<QSpinBox *>(u"scrollbackLines"_s)->value(), 50000);
    }

    // A settings file that cannot be written is said on the page, not swallowed.
    void anUnwritableFileIsReported()
    {
        GeneralSettingsPage page(m_paths, m_templates);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *error = page.findChild<QLabel *>(u"settingsError"_s);
        QVERIFY(!error->isVisible());
        // A folder where the file should be: no write succeeds, not even as root.
        QVERIFY(QFile::remove(m_paths.settingsFile()));
        QVERIFY(QDir().mkpath(m_paths.settingsFile()));
        choose(page.findChild<QComboBox *>(u"defaultPreset"_s), u"open"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"settings"_s, Qt::CaseInsensitive), qPrintable(error->text()));
        QVERIFY(QDir(m_paths.settingsFile()).removeRecursively());
        choose(page.findChild<QComboBox *>(u"defaultPreset"_s), u"balanced"_s);
        QVERIFY(!error->isVisible()); // and the message goes once saving works again
        QCOMPARE(saved().defaultPreset, u"balanced"_s);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
