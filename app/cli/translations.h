#pragma once

#include "core/paths.h"

#include <QProcessEnvironment>
#include <QStringList>

class QCoreApplication;

// Which language Paddock speaks, and loading its translations: translations/paddock_<language>.ts, compiled
// at build time and embedded as :/i18n/paddock_<language>.qm, and Qt's own qtbase_<language>.qm where
// installed. Both front ends call installTranslations() before they create anything that shows text.
namespace Paddock::App {

// The languages Paddock has a translation for, as language codes ("de", "en"), sorted.
QStringList availableLanguages();

// The user's explicit choice: $PADDOCK_LANGUAGE, else the language in the settings file; empty when the
// system locale decides.
QString preferredLanguage(const Core::Paths &paths, const QProcessEnvironment &environment);

// The available language to use: the preferred one ("de", "de_DE", "de-AT") when there is a translation for
// it, else the first of uiLanguages (in QLocale::uiLanguages() order) that has one, else English.
QString chooseLanguage(const QString &preferred, const QStringList &uiLanguages);

// Chooses the language (the system's being QLocale().uiLanguages()), installs Paddock's and Qt's translations
// for it into app, replacing those an earlier call installed, and returns the language chosen.
QString installTranslations(QCoreApplication &app, const QString &preferred);

} // namespace Paddock::App
