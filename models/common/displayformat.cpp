#include "displayformat.h"

#include <models/schedule/zonerules.h>

#include <QCoreApplication>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace crondesk::models {

QString shortId(const QString &id)
{
    const qsizetype dash = id.indexOf(u'-');
    if (dash == 8)
        return id.left(8);
    return id.size() > 12 ? id.left(12) + u'…' : id;
}

QString formatInstant(const QDateTime &instant, const QString &zoneName, FormatZone where)
{
    if (!instant.isValid())
        return {};
    QDateTime shown;
    if (where == FormatZone::Local) {
        shown = instant.toLocalTime();
    } else {
        // By the zone rule (schedule::isValidZoneName), not QTimeZone's: Qt would read "Berl"
        // as a POSIX rule and label UTC times "Berl". A name that is not a zone shows UTC.
        const QTimeZone zone = schedule::resolveZone(zoneName).value_or(QTimeZone::utc());
        shown = instant.toTimeZone(zone);
    }
    QString abbreviation = shown.timeZoneAbbreviation();
    if (abbreviation.isEmpty() || shown.timeSpec() == Qt::UTC)
        abbreviation = u"UTC"_s;
    return shown.toString(u"yyyy-MM-dd HH:mm"_s) + u' ' + abbreviation;
}

QString formatInstant(const QDateTime &instant, const QTimeZone &zone)
{
    if (!instant.isValid())
        return {};
    const QDateTime shown = zone.isValid() ? instant.toTimeZone(zone) : instant.toUTC();
    QString abbreviation = shown.timeZoneAbbreviation();
    if (abbreviation.isEmpty() || shown.timeSpec() == Qt::UTC)
        abbreviation = u"UTC"_s;
    return shown.toString(u"yyyy-MM-dd HH:mm"_s) + u' ' + abbreviation;
}

QString relativeTime(const QDateTime &instant, const QDateTime &now)
{
    if (!instant.isValid() || !now.isValid())
        return {};
    const qint64 seconds = now.secsTo(instant);
    const qint64 magnitude = std::abs(seconds);
    if (magnitude < 60)
        return QCoreApplication::translate("DisplayFormat", "now");
    QString amount;
    if (magnitude < 3600)
        amount = QCoreApplication::translate("DisplayFormat", "%1 min").arg(magnitude / 60);
    else if (magnitude < 2 * 86400)
        amount = QCoreApplication::translate("DisplayFormat", "%1 h").arg(magnitude / 3600);
    else if (magnitude < 60 * 86400)
        amount = QCoreApplication::translate("DisplayFormat", "%1 d").arg(magnitude / 86400);
    else
        amount
            = QCoreApplication::translate("DisplayFormat", "%1 mo").arg(magnitude / (30 * 86400));
    return seconds > 0 ? QCoreApplication::translate("DisplayFormat", "in %1").arg(amount)
                       : QCoreApplication::translate("DisplayFormat", "%1 ago").arg(amount);
}

QString asSentence(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return trimmed;
    const QChar last = trimmed.back();
    if (last == u'.' || last == u'!' || last == u'?' || last == u'…')
        return trimmed;
    return trimmed + u'.';
}

QString freshnessText(const QDateTime &readAt, const QDateTime &now,
                      std::chrono::seconds autoRefresh)
{
    const auto tr = [](const char *text, int n) {
        return QCoreApplication::translate("DisplayFormat", text, nullptr, n);
    };
    const qint64 every = autoRefresh.count();
    const QString refresh = every <= 0 ? tr("Auto-refresh off", -1)
        : every % 60 == 0              ? tr("Auto-refresh every %n min", int(every / 60))
                                       : tr("Auto-refresh every %n s", int(every));
    if (!readAt.isValid() || !now.isValid())
        return refresh;
    // Seconds matter while the table is fresh: health is judged against this moment.
    const qint64 age = std::max<qint64>(0, readAt.secsTo(now));
    QString read;
    if (age < 5)
        read = tr("read just now", -1);
    else if (age < 60)
        read = tr("read %n s ago", int(age));
    else if (age < 3600)
        read = tr("read %n min ago", int(age / 60));
    else if (age < 2 * 86400)
        read = tr("read %n h ago", int(age / 3600));
    else
        read = tr("read %n d ago", int(age / 86400));
    return refresh + u" · "_s + read;
}

} // namespace crondesk::models
