#include "app/cli/translations.h"

#include "core/settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Paddock::App {

namespace {

constexpr auto translationsResource = ":/i18n"_L1;
constexpr auto fallbackLanguage = "en"_L1;
// Marks the translators installTranslations() made, so that a second call can replace them.
constexpr auto translatorName = "paddock-translator"_L1;

// "de-AT" and "de_AT" are the same locale to us; the candidates are the whole name, then its language.
QStringList candidatesOf(const QString &language)
{
    QString name = language.trimmed();
    name.replace(u'-', u'_');
    const qsizetype modifier = name.indexOf(u'@'); // "de_DE@euro"
    if (modifier >= 0)
        name.truncate(modifier);
    const qsizetype encoding = name.indexOf(u'.'); // "de_DE.UTF-8"
    if (encoding >= 0)
        name.truncate(encoding);
    if (name.isEmpty())
        return {};
    QStringList candidates{name};
    const qsizetype territory = name.indexOf(u'_');
    if (territory > 0)
        candidates.append(name.left(territory));
    return candidates;
}

QString firstAvailable(const QStringList &languages, const QStringList &available)
{
    for (const QString &language : languages) {
        for (const QString &candidate : candidatesOf(language)) {
            for (const QString &known : available) {
                if (candidate.compare(known, Qt::CaseInsensitive) == 0)
                    return known;
            }
        }
    }
    return {};
}

void installTranslator(QCoreApplication &app, const QString &file, const QString &folder)
{
    auto *translator = new QTranslator(&app);
    translator->setObjectName(QString(translatorName));
    if (translator->load(file, folder))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace

QStringList availableLanguages()
{
    QStringList languages;
    const QStringList files =
        QDir(QString(translationsResource)).entryList({u"paddock_*.qm"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        languages.append(file.mid(8, file.size() - 8 - 3)); // paddock_<language>.qm
    return languages;
}

QString preferredLanguage(const Core::Paths &paths, const QProcessEnvironment &environment)
{
    const QString override = environment.value(u"PADDOCK_LANGUAGE"_s).trimmed();
    if (!override.isEmpty())
        return override;
    Core::Settings settings(paths.settingsFile());
    (void)settings.load(); // a damaged file was moved aside, and the window says so; the system decides
    return settings.language.trimmed();
}

QString chooseLanguage(const QString &preferred, const QStringList &uiLanguages)
{
    const QStringList available = availableLanguages();
    if (!preferred.isEmpty()) {
        if (QString chosen = firstAvailable({preferred}, available); !chosen.isEmpty())
            return chosen;
    }
    if (QString chosen = firstAvailable(uiLanguages, available); !chosen.isEmpty())
        return chosen;
    return QString(fallbackLanguage);
}

QString installTranslations(QCoreApplication &app, const QString &preferred)
{
    const QList<QTranslator *> earlier =
        app.findChildren<QTranslator *>(QString(translatorName), Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : earlier) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    const QString language = chooseLanguage(preferred, QLocale().uiLanguages());
    // English needs ours too: it holds the plural forms ("1 sandbox", "2 sandboxes").
    installTranslator(app, u"paddock_"_s + language, QString(translationsResource));
    installTranslator(app, u"qtbase_"_s + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return language;
}

} // namespace Paddock::App
