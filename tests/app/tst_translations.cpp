// Paddock in German and in English: the language chosen (the user's choice, else the system's), a real dialog
// and the real CLI speaking German, English plurals that read well, and translations/*.ts complete,
// consistent with their sources and up to date with the code (so a new string cannot ship untranslated).
#include "app/cli/cli.h"
#include "app/cli/translations.h"
#include "app/gui/newsandboxdialog.h"
#include "core/presetcatalog.h"
#include "core/settings.h"
#include "core/templatecatalog.h"

#include "testsupport.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLibraryInfo>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <QXmlStreamReader>

using namespace Paddock;
using namespace Paddock::App;
using namespace Qt::StringLiterals;

namespace {

// One <message> of a .ts file.
struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type;             // "unfinished", "vanished", "obsolete" or empty
    QStringList translations; // one, or one per plural form
};

QList<Message> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "message"_L1) {
            Message message{context, {}, {}, xml.attributes().value("numerus"_L1) == "yes"_L1, {}, {}};
            while (xml.readNextStartElement()) {
                if (xml.name() == "source"_L1) {
                    message.source = xml.readElementText();
                } else if (xml.name() == "comment"_L1) {
                    message.comment = xml.readElementText();
                } else if (xml.name() == "translation"_L1) {
                    message.type = xml.attributes().value("type"_L1).toString();
                    if (message.numerus) {
                        while (xml.readNextStartElement())
                            message.translations.append(xml.readElementText());
                    } else {
                        message.translations.append(xml.readElementText());
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages.append(message);
        }
    }
    if (xml.hasError()) {
        qWarning("%s:%lld: %s", qPrintable(path), xml.lineNumber(), qPrintable(xml.errorString()));
        return {};
    }
    return messages;
}

QString translationsDir()
{
    return QFileInfo(QFINDTESTDATA("../../translations/paddock_de.ts")).absolutePath();
}

// The %1…%99 markers of a text, sorted, each once.
QStringList markersOf(const QString &text)
{
    QStringList markers;
    const QRegularExpression marker(u"%L?(\\d{1,2}|n)"_s);
    for (auto match = marker.globalMatch(text); match.hasNext();) {
        const QString found = match.next().captured(1);
        if (!markers.contains(found))
            markers.append(found);
    }
    markers.sort();
    return markers;
}

// The keyboard accelerator of a label ("&Name:" has one; "Q&&A" and "&" alone do not).
bool hasAccelerator(const QString &text)
{
    return text.contains(QRegularExpression(u"(^|[^&])&[^&\\s]"_s));
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The real paddock command, with these environment variables changed (an empty value removes one).
Run paddock(const QStringList &args, const QList<std::pair<QString, QString>> &variables)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : variables) {
        if (value.isEmpty())
            environment.remove(name);
        else
            environment.insert(name, value);
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("PADDOCK_BINARY"), args);
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    Test::IsolatedXdg m_xdg;
    QLocale m_systemLocale;

private Q_SLOTS:
    void cleanup()
    {
        QLocale::setDefault(m_systemLocale);
        installTranslations(*qApp, u"en"_s);
    }

    void theBuildHasGermanAndEnglish() { QCOMPARE(availableLanguages(), QStringList({u"de"_s, u"en"_s})); }

    void choosesTheLanguage_data()
    {
        QTest::addColumn<QString>("preferred");
        QTest::addColumn<QStringList>("uiLanguages");
        QTest::addColumn<QString>("chosen");
        const QStringList german{u"de-DE"_s, u"de"_s};
        const QStringList english{u"en-US"_s, u"en"_s};
        QTest::newRow("the system's language") << QString() << german << u"de"_s;
        QTest::newRow("the system's English") << QString() << english << u"en"_s;
        QTest::newRow("the first the system lists that we have")
            << QString() << QStringList{u"fr-FR"_s, u"fr"_s, u"de-AT"_s} << u"de"_s;
        QTest::newRow("a language we lack falls back to English")
            << QString() << QStringList{u"fr-FR"_s, u"ja"_s} << u"en"_s;
        QTest::newRow("a C locale is English") << QString() << QStringList{u"C"_s} << u"en"_s;
        QTest::newRow("the user's choice wins") << u"en"_s << german << u"en"_s;
        QTest::newRow("a choice with a territory") << u"de_CH"_s << english << u"de"_s;
        QTest::newRow("a choice as a POSIX locale") << u"de_DE.UTF-8"_s << english << u"de"_s;
        QTest::newRow("a choice in BCP 47 form, any case") << u"DE-at"_s << english << u"de"_s;
        QTest::newRow("a choice we lack lets the system decide") << u"fr"_s << german << u"de"_s;
    }

    void choosesTheLanguage()
    {
        QFETCH(QString, preferred);
        QFETCH(QStringList, uiLanguages);
        QFETCH(QString, chosen);
        QCOMPARE(chooseLanguage(preferred, uiLanguages), chosen);
    }

    // The settings file's choice, overridden by $PADDOCK_LANGUAGE.
    void theUserChoosesInTheSettingsOrTheEnvironment()
    {
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        QProcessEnvironment environment;
        QCOMPARE(preferredLanguage(paths, environment), QString()); // no settings file: the system decides
        Core::Settings settings(paths.settingsFile());
        settings.language = u"de"_s;
        QVERIFY(settings.save());
        QCOMPARE(preferredLanguage(paths, environment), u"de"_s);
        environment.insert(u"PADDOCK_LANGUAGE"_s, u"en"_s);
        QCOMPARE(preferredLanguage(paths, environment), u"en"_s);
        settings.language.clear();
        QVERIFY(settings.save());
    }

    // With no choice, the language is the (default) locale's.
    void followsTheSystemLocale()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Austria));
        QCOMPARE(installTranslations(*qApp, QString()), u"de"_s);
        QCOMPARE(Core::Settings::tr("Cannot save the settings to %1: %2."),
                 u"Die Einstellungen können nicht in %1 gespeichert werden: %2."_s);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QCOMPARE(installTranslations(*qApp, QString()), u"en"_s);
        QCOMPARE(Core::Settings::tr("Cannot save the settings to %1: %2."),
                 u"Cannot save the settings to %1: %2."_s);
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        QCOMPARE(installTranslations(*qApp, u"de"_s), u"de"_s); // the user's choice wins
    }

    // A second call replaces the translators of the first instead of stacking them.
    void switchingLanguagesReplacesTheTranslators()
    {
        installTranslations(*qApp, u"de"_s);
        const auto before = qApp->findChildren<QTranslator *>().size();
        installTranslations(*qApp, u"de"_s);
        QCOMPARE(qApp->findChildren<QTranslator *>().size(), before);
        installTranslations(*qApp, u"en"_s);
        QCOMPARE(Core::Settings::tr("Cannot save the settings to %1: %2."),
                 u"Cannot save the settings to %1: %2."_s);
    }

    void theNewSandboxDialogSpeaksGerman()
    {
        installTranslations(*qApp, u"de"_s);
        const Core::Paths paths(QProcessEnvironment::systemEnvironment());
        NewSandboxDialog dialog(paths, [](const Vm::CreateOptions &) -> Core::Result<Core::SandboxRecord> {
            return std::unexpected(Core::Error{Core::ErrorCode::Unavailable, QString()});
        });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.windowTitle(), u"Neue Sandbox"_s);
        QCOMPARE(dialog.findChild<QLabel *>(u"problem"_s)->text(),
                 u"Wählen Sie den Projektordner, in dem der Agent arbeitet."_s);
        QStringList labels;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            labels.append(label->text());
        QVERIFY2(labels.contains(u"&Projektordner:"_s), qPrintable(labels.join(u" | "_s)));
        QCOMPARE(dialog.findChild<QPushButton *>(u"create"_s)->text(), u"&Erstellen"_s);
        // Qt's own strings (the standard Cancel button) come from Qt's translation, where it is installed.
        const QDir qtTranslations(QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        if (qtTranslations.exists(u"qtbase_de.qm"_s)) {
            const auto *buttons = dialog.findChild<QDialogButtonBox *>();
            QVERIFY(buttons && buttons->button(QDialogButtonBox::Cancel));
            QCOMPARE(buttons->button(QDialogButtonBox::Cancel)->text(), u"Abbrechen"_s);
        }
        // The built-in presets and templates are translated too; the names of agents are product names.
        QCOMPARE(Core::PresetCatalog::load(u"balanced"_s)->name, u"Ausgewogen"_s);
        dialog.grab().save(Test::screenshotPath(u"new-sandbox-de.png"_s));
    }

    // Every text of a built-in preset and template is in the translation (their JSON and the lists for
    // lupdate in core/presetcatalog.cpp and core/templatecatalog.cpp are kept in step).
    void builtInPresetsAndTemplatesAreTranslated()
    {
        installTranslations(*qApp, u"de"_s);
        for (const QString &id : Core::PresetCatalog::ids()) {
            QFile file(u":/presets/"_s + id + u".json"_s);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto english = Core::PresetCatalog::parse(file.readAll(), id);
            const auto german = Core::PresetCatalog::load(id);
            QVERIFY(english && german);
            QVERIFY2(german->name != english->name, qPrintable(english->name));
            QVERIFY2(german->description != english->description, qPrintable(english->description));
            for (qsizetype i = 0; i < english->groups.size(); ++i)
                QVERIFY2(german->groups.at(i).name != english->groups.at(i).name,
                         qPrintable(english->groups.at(i).name));
        }
        const Core::TemplateCatalog catalog(m_xdg.path() + u"/no-templates"_s);
        for (const Core::AgentTemplate &agent : catalog.templates()) {
            QFile file(u":/templates/"_s + agent.id + u".json"_s);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString english =
                QJsonDocument::fromJson(file.readAll()).object().value(u"description"_s).toString();
            QVERIFY2(agent.description != english, qPrintable(english));
        }
    }

    // `paddock` as a user runs it: $PADDOCK_LANGUAGE, else the locale of the environment.
    void theCliSpeaksTheChosenLanguage()
    {
        const QList<std::pair<QString, QString>> system{
            {u"PADDOCK_LANGUAGE"_s, QString()}, {u"LANGUAGE"_s, QString()}, {u"LC_MESSAGES"_s, QString()}};
        Run run = paddock({u"--help"_s},
                          system + QList<std::pair<QString, QString>>{{u"LC_ALL"_s, u"de_DE.UTF-8"_s}});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u"Aufruf: paddock [BEFEHL] [OPTIONEN]"_s), qPrintable(run.out));
        run = paddock({u"--help"_s},
                      system + QList<std::pair<QString, QString>>{{u"LC_ALL"_s, u"en_US.UTF-8"_s}});
        QVERIFY2(run.out.startsWith(u"Usage: paddock [COMMAND] [OPTIONS]"_s), qPrintable(run.out));
        run = paddock({u"frobnicate"_s}, {{u"PADDOCK_LANGUAGE"_s, u"de"_s}, {u"LC_ALL"_s, u"en_US.UTF-8"_s}});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"unbekannter Befehl „frobnicate“"_s), qPrintable(run.err));
        // A command's help names the whole command in Qt's own words for "Usage".
        run = paddock({u"ls"_s, u"--help"_s}, {{u"PADDOCK_LANGUAGE"_s, u"de"_s}});
        QVERIFY2(run.out.contains(u"paddock ls"_s), qPrintable(run.out));
    }

    // English needs its translation for plurals: "1 line", "2 lines", never "line(s)".
    void englishPluralsReadWell()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslations(*qApp, u"en"_s);
        QCOMPARE(QCoreApplication::translate("Paddock::App::TerminalPane", "%Ln line(s) into the scrollback",
                                             nullptr, 1),
                 u"1 line into the scrollback"_s);
        QCOMPARE(QCoreApplication::translate("Paddock::App::TerminalPane", "%Ln line(s) into the scrollback",
                                             nullptr, 2000),
                 u"2,000 lines into the scrollback"_s);
        const QList<Message> messages = readTs(translationsDir() + u"/paddock_de.ts"_s);
        QVERIFY(!messages.isEmpty());
        int plurals = 0;
        for (const Message &message : messages) {
            if (!message.numerus)
                continue;
            ++plurals;
            for (const int n : {1, 2}) {
                const QString text = QCoreApplication::translate(
                    message.context.toUtf8().constData(), message.source.toUtf8().constData(),
                    message.comment.isEmpty() ? nullptr : message.comment.toUtf8().constData(), n);
                QVERIFY2(!text.contains(u"(s)"_s) && !text.contains(u"(es)"_s),
                         qPrintable(u"%1: %2"_s.arg(message.context, text)));
            }
        }
        QVERIFY(plurals > 0);
    }

    void germanPluralsReadWell()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        installTranslations(*qApp, u"de"_s);
        QCOMPARE(QCoreApplication::translate("Paddock::App::TerminalPane", "%Ln line(s) into the scrollback",
                                             nullptr, 1),
                 u"1 Zeile im Verlauf zurück"_s);
        QCOMPARE(QCoreApplication::translate("Paddock::App::TerminalPane", "%Ln line(s) into the scrollback",
                                             nullptr, 2000),
                 u"2.000 Zeilen im Verlauf zurück"_s);
    }

    // Every message translated, with the same %-markers and, where the source has one, an accelerator.
    void theGermanTranslationIsComplete()
    {
        const QList<Message> messages = readTs(translationsDir() + u"/paddock_de.ts"_s);
        QVERIFY(messages.size() > 500);
        QStringList problems;
        for (const Message &message : messages) {
            const QString where = message.context + u": "_s + message.source;
            if (!message.type.isEmpty())
                problems.append(message.type + u": "_s + where);
            const int forms = message.numerus ? 2 : 1; // German: singular and plural
            if (message.translations.size() != forms)
                problems.append(u"wrong number of forms: "_s + where);
            for (const QString &translation : message.translations) {
                if (translation.trimmed().isEmpty())
                    problems.append(u"empty: "_s + where);
                else if (markersOf(translation) != markersOf(message.source))
                    problems.append(u"other %-markers: "_s + where + u" → "_s + translation);
                else if (hasAccelerator(message.source) != hasAccelerator(translation))
                    problems.append(u"accelerator: "_s + where + u" → "_s + translation);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void theEnglishTranslationHasEveryPlural()
    {
        const QList<Message> messages = readTs(translationsDir() + u"/paddock_en.ts"_s);
        QVERIFY(!messages.isEmpty());
        for (const Message &message : messages) {
            QVERIFY2(message.numerus, qPrintable(message.source));
            QVERIFY2(message.type.isEmpty(), qPrintable(message.source));
            QCOMPARE(message.translations.size(), 2);
            for (const QString &form : message.translations)
                QVERIFY2(!form.isEmpty() && markersOf(form) == markersOf(message.source), qPrintable(form));
        }
    }

    // lupdate over today's sources finds exactly the messages of the .ts files: none new (untranslated), none
    // gone. When this fails, run scripts/update-translations.sh and translate what it reports.
    void theTranslationsAreUpToDate()
    {
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + u"/lupdate"_s;
        if (!QFile::exists(lupdate) && !QFile::exists(u"/usr/lib/qt6/bin/lupdate"_s))
            QSKIP("lupdate is not installed");
        QTemporaryDir refreshed;
        for (const QString &name : {u"paddock_de.ts"_s, u"paddock_en.ts"_s})
            QVERIFY(QFile::copy(translationsDir() + u'/' + name, refreshed.filePath(name)));
        QProcess script;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PADDOCK_TS_DIR"_s, refreshed.path());
        script.setProcessEnvironment(environment);
        script.setProcessChannelMode(QProcess::MergedChannels);
        script.start(QDir(translationsDir()).filePath(u"../scripts/update-translations.sh"_s), QStringList());
        QVERIFY(script.waitForFinished(120000));
        QVERIFY2(script.exitCode() == 0, script.readAll().constData());
        const auto keys = [](const QList<Message> &messages) {
            QStringList list;
            for (const Message &message : messages)
                list.append(message.context + u" | "_s + message.source + u" | "_s + message.comment);
            list.sort();
            return list;
        };
        for (const QString &name : {u"paddock_de.ts"_s, u"paddock_en.ts"_s}) {
            const QStringList committed = keys(readTs(translationsDir() + u'/' + name));
            const QStringList current = keys(readTs(refreshed.filePath(name)));
            QVERIFY(!committed.isEmpty() && !current.isEmpty());
            QStringList added;
            QStringList gone;
            for (const QString &key : current) {
                if (!committed.contains(key))
                    added.append(key);
            }
            for (const QString &key : committed) {
                if (!current.contains(key))
                    gone.append(key);
            }
            QVERIFY2(added.isEmpty() && gone.isEmpty(),
                     qPrintable(name + u" is not up to date; new:\n  "_s + added.join(u"\n  "_s) +
                                u"\nno longer used:\n  "_s + gone.join(u"\n  "_s)));
        }
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
