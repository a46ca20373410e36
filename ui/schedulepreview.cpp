#include "schedulepreview.h"

#include <models/common/displayformat.h>
#include <models/editor/schedulesummary.h>
#include <models/schedule/zonerules.h>

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crondesk::ui {

namespace {

constexpr int Rows = 5;

} // namespace

SchedulePreview::SchedulePreview(QWidget *parent)
    : QWidget(parent)
    , m_description(new QLabel(this))
    , m_table(new QTableWidget(Rows, 3, this))
    , m_dst(new QLabel(this))
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    m_description->setObjectName(u"scheduleDescription"_s);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_description->font();
    bold.setBold(true);
    m_description->setFont(bold);

    m_table->setObjectName(u"nextRunsTable"_s);
    m_table->setAccessibleName(tr("Next runs"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height()
                            + Rows * m_table->verticalHeader()->defaultSectionSize() + 4);

    m_dst->setObjectName(u"dstNotes"_s);
    m_dst->setWordWrap(true);
    m_dst->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Only as tall as its content: the form's spare height belongs below the last row.
    // As wide as the form allows, so the wrapped text uses the whole row.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_description);
    layout->addWidget(m_table);
    layout->addWidget(m_dst);
    setSchedule(QString(), QString());
}

SchedulePreview::~SchedulePreview() = default;

void SchedulePreview::setSchedule(const QString &expression, const QString &zoneName)
{
    const models::ScheduleSummary summary
        = models::summarizeSchedule(expression, zoneName, m_now(), Rows);
    // The editor's rule, not QTimeZone's: Qt reads "Berl" as a POSIX rule and would label UTC
    // times with it. Times in a zone the server will refuse would only mislead, so none are shown.
    const bool zoneKnown = zoneName.isEmpty() || schedule::isValidZoneName(zoneName);
    const QString cronZone = zoneName.isEmpty() || !zoneKnown ? u"UTC"_s : zoneName;
    m_table->setHorizontalHeaderLabels(
        {tr("Cron's zone (%1)").arg(cronZone),
         tr("Your zone (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), tr("UTC")});
    for (int row = 0; row < Rows; ++row) {
        const QDateTime instant
            = row < summary.nextRuns.size() ? summary.nextRuns.at(row) : QDateTime();
        const QString cells[3] = {
            models::formatInstant(instant, zoneKnown ? zoneName : QString()),
            models::formatInstant(instant, QString(), models::FormatZone::Local),
            models::formatInstant(instant, QString()),
        };
        for (int column = 0; column < 3; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, column, item);
            }
            item->setText(cells[column]);
        }
    }
    if (expression.trimmed().isEmpty())
        m_description->setText(tr("Enter a schedule to see when it runs."));
    else if (!summary.isValid)
        m_description->setText(tr("No preview until the schedule is valid."));
    else if (!zoneKnown)
        m_description->setText(tr("No preview until the time zone is an IANA name."));
    else if (summary.nextRuns.isEmpty())
        m_description->setText(summary.description + u" — "_s + tr("never fires."));
    else
        m_description->setText(summary.description);
    m_table->setVisible(summary.isValid && zoneKnown);
    if (summary.dstNotes.isEmpty() || !zoneKnown) {
        m_dst->clear();
        m_dst->hide();
    } else {
        m_dst->setText(tr("Clock changes in the next year:") + u"\n• "_s
                       + summary.dstNotes.join(u"\n• "_s));
        m_dst->show();
    }
}

QString SchedulePreview::description() const
{
    return m_description->text();
}

QString SchedulePreview::dstText() const
{
    return m_dst->text();
}

} // namespace crondesk::ui
