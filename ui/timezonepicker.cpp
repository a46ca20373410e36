#include "timezonepicker.h"

#include <models/schedule/zonerules.h>

#include <QCompleter>
#include <QDateTime>
#include <QLineEdit>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

struct ZoneEntry
{
    QString name;
    QString label;
};

QString offsetText(int seconds)
{
    const QChar sign = seconds < 0 ? u'−' : u'+';
    seconds = std::abs(seconds);
    return u"UTC%1%2:%3"_s.arg(sign)
        .arg(seconds / 3600, 2, 10, QChar(u'0'))
        .arg(seconds % 3600 / 60, 2, 10, QChar(u'0'));
}

// Reading every zone's rules takes a noticeable moment; the list is the same for every dialog
// opened in the same session (offsets are as of the first use, which is close enough for a
// label).
const QList<ZoneEntry> &zoneEntries()
{
    static const QList<ZoneEntry> entries = [] {
        QList<ZoneEntry> list;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QList<QByteArray> ids = QTimeZone::availableTimeZoneIds();
        list.reserve(ids.size());
        for (const QByteArray &id : ids) {
            const QString name = QString::fromUtf8(id);
            // Only names the server's zoneinfo accepts, and no legacy aliases in capitals
            // ("EST5EDT", "GMT+0") that would clutter the list.
            if (!name.contains(u'/') && name != u"UTC")
                continue;
            if (!schedule::isValidZoneName(name))
                continue;
            const QTimeZone zone(id);
            list.append({name, name + u" ("_s + offsetText(zone.offsetFromUtc(now)) + u')'});
        }
        return list;
    }();
    return entries;
}

} // namespace

TimeZonePicker::TimeZonePicker(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(16);
    setMinimumContentsLength(32); // "America/Argentina/Buenos_Aires (UTC−03:00)" mostly fits
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setAccessibleName(tr("Time zone"));
    addItem(serverDefaultLabel(), QString());
    for (const ZoneEntry &entry : zoneEntries())
        addItem(entry.label, entry.name);

    auto *completer = new QCompleter(model(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(12);
    setCompleter(completer);

    connect(this, &QComboBox::editTextChanged, this, &TimeZonePicker::emitIfChanged);
    connect(this, &QComboBox::currentIndexChanged, this, &TimeZonePicker::emitIfChanged);
}

TimeZonePicker::~TimeZonePicker() = default;

QString TimeZonePicker::serverDefaultLabel()
{
    return tr("UTC (server default)");
}

QString TimeZonePicker::zoneName() const
{
    const QString text = currentText().trimmed();
    if (text.isEmpty() || text == serverDefaultLabel())
        return {};
    const int index = findText(text, Qt::MatchFixedString);
    if (index >= 0)
        return itemData(index).toString();
    // "Europe/Berlin (UTC+01:00)" typed or pasted without picking: the name is before " (".
    const qsizetype paren = text.indexOf(u" (UTC"_s);
    return paren > 0 ? text.left(paren) : text;
}

void TimeZonePicker::setZoneName(const QString &name)
{
    const int index = findData(name);
    if (index >= 0) {
        setCurrentIndex(index);
        setEditText(itemText(index));
    } else {
        setCurrentIndex(-1);
        setEditText(name);
    }
    emitIfChanged();
}

void TimeZonePicker::emitIfChanged()
{
    const QString name = zoneName();
    if (name == m_lastEmitted)
        return;
    m_lastEmitted = name;
    Q_EMIT zoneNameChanged(name);
}

} // namespace crondesk::ui
