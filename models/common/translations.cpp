#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace crondesk::models {

void installTranslations(QCoreApplication &app)
{
    // Once per application: the command runner and the app both ask, and a second set of
    // translators would only be searched in vain.
    static constexpr const char *installed = "crondesk.translationsInstalled";
    if (app.property(installed).toBool())
        return;
    app.setProperty(installed, true);
    // Qt asks the translator installed last first, so the fallback goes in first. Every string
    // in the code is English already; only the plural forms need a catalogue even in English.
    auto *english = new QTranslator(&app);
    if (english->load(u":/i18n/crondesk_en.qm"_s))
        QCoreApplication::installTranslator(english);
    else
        delete english;

    const QLocale locale;
    auto *own = new QTranslator(&app);
    if (locale.language() != QLocale::English
        && own->load(locale, u"crondesk"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    else
        delete own;

    // The buttons and texts of Qt's own dialogs (file, print, message boxes).
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

} // namespace crondesk::models
