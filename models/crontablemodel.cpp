#include "crontablemodel.h"

#include "displayformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSet>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// DST notes look 30 days ahead; recomputing them twice a day keeps that horizon honest.
constexpr std::chrono::hours insightLifetime {12};

QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
    case QJsonValue::Object: {
        const QJsonDocument document
            = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
        return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    }
    default:
        return {};
    }
}

QString localDateTime(const QDateTime &instant)
{
    return instant.isValid() ? instant.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
}

int compareStrings(const QString &left, const QString &right)
{
    return QString::compare(left, right, Qt::CaseInsensitive);
}

// Invalid instants ("never", "none") sort after every real one in ascending order.
int compareInstants(const QDateTime &left, const QDateTime &right)
{
    if (left.isValid() != right.isValid())
        return left.isValid() ? -1 : 1;
    if (!left.isValid())
        return 0;
    const qint64 l = left.toMSecsSinceEpoch();
    const qint64 r = right.toMSecsSinceEpoch();
    return l < r ? -1 : (l > r ? 1 : 0);
}

} // namespace

QString compactMetadata(const QJsonObject &metadata)
{
    QStringList parts;
    parts.reserve(metadata.size());
    for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it)
        parts.append(it.key() + u'=' + jsonText(it.value()));
    return parts.join(u", "_s);
}

CronTableModel::CronTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

CronTableModel::~CronTableModel() = default;

int CronTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CronTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int CronTableModel::rowOf(const QString &cronId) const
{
    return m_rowById.value(cronId, -1);
}

QList<api::Cron> CronTableModel::crons() const
{
    QList<api::Cron> crons;
    crons.reserve(m_rows.size());
    for (const Row &row : m_rows)
        crons.append(row.cron);
    return crons;
}

QDateTime CronTableModel::now() const
{
    return m_nowPinned ? m_now : QDateTime::currentDateTimeUtc();
}

QVariant CronTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case HealthColumn:
            return tr("Health: problems and things worth knowing; hover a row's icon for details");
        case NextRunColumn:
            return tr("The server's next_run_date in the cron's zone, in yours, and how far off");
        case DescriptionColumn:
            return tr("The schedule in words, as the schedule engine reads it");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case HealthColumn:
        return tr("Health");
    case CronIdColumn:
        return tr("Cron ID");
    case AssistantColumn:
        return tr("Assistant");
    case ThreadColumn:
        return tr("Thread");
    case ScheduleColumn:
        return tr("Schedule");
    case DescriptionColumn:
        return tr("Description");
    case TimezoneColumn:
        return tr("Timezone");
    case NextRunColumn:
        return tr("Next run");
    case EndTimeColumn:
        return tr("End time");
    case EnabledColumn:
        return tr("Enabled");
    case OnCompletionColumn:
        return tr("On completion");
    case WebhookColumn:
        return tr("Webhook");
    case MultitaskColumn:
        return tr("Multitask");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case UserColumn:
        return tr("User");
    case MetadataColumn:
        return tr("Metadata");
    default:
        return {};
    }
}

QVariant CronTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case CronIdRole:
        return row.cron.cronId;
    case HealthRole:
        return int(row.health);
    case CopyRole:
        return copyText(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == EnabledColumn || index.column() == HealthColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

const api::Assistant *CronTableModel::assistant(const QString &assistantId) const
{
    const auto it = m_assistants.constFind(assistantId);
    return it == m_assistants.cend() ? nullptr : &*it;
}

QString CronTableModel::assistantLabel(const QString &assistantId) const
{
    const api::Assistant *known = assistant(assistantId);
    if (!known)
        return shortId(assistantId);
    if (known->name.isEmpty() || known->name == known->graphId)
        return known->graphId;
    return u"%1 (%2)"_s.arg(known->name, known->graphId);
}

QString CronTableModel::nextRunText(const api::Cron &cron) const
{
    if (!cron.nextRunDate.isValid())
        return tr("—");
    QString text = formatInstant(cron.nextRunDate, cron.timezone);
    // The operator's own clock too, unless it reads the same.
    const QDateTime local = cron.nextRunDate.toLocalTime();
    const QTimeZone zone
        = cron.timezone.isEmpty() ? QTimeZone::utc() : QTimeZone(cron.timezone.toUtf8());
    if (!zone.isValid() || zone.offsetFromUtc(cron.nextRunDate) != local.offsetFromUtc())
        text += tr(" · %1 local").arg(local.toString(u"HH:mm"_s));
    return text + u" · "_s + relativeTime(cron.nextRunDate, now());
}

QString CronTableModel::displayText(const Row &row, int column) const
{
    const api::Cron &cron = row.cron;
    switch (column) {
    case HealthColumn:
        return {};
    case CronIdColumn:
        return shortId(cron.cronId);
    case AssistantColumn:
        return assistantLabel(cron.assistantId);
    case ThreadColumn:
        return cron.isStateless() ? tr("stateless") : shortId(cron.threadId);
    case ScheduleColumn:
        return cron.schedule;
    case DescriptionColumn:
        return row.insight->description;
    case TimezoneColumn:
        return cron.timezone.isEmpty() ? tr("UTC (default)") : cron.timezone;
    case NextRunColumn:
        return nextRunText(cron);
    case EndTimeColumn:
        return cron.endTime.isValid() ? formatInstant(cron.endTime, cron.timezone) : QString();
    case EnabledColumn:
        return cron.enabled ? tr("Yes") : tr("Paused");
    case OnCompletionColumn:
        if (!cron.isStateless())
            return tr("—");
        return cron.onRunCompleted.isEmpty() ? tr("delete (default)") : cron.onRunCompleted;
    case WebhookColumn:
        return cron.webhook();
    case MultitaskColumn:
        if (cron.isStateless())
            return tr("—");
        return cron.multitaskStrategy().isEmpty() ? tr("enqueue (default)")
                                                  : cron.multitaskStrategy();
    case CreatedColumn:
        return localDateTime(cron.createdAt);
    case UpdatedColumn:
        return localDateTime(cron.updatedAt);
    case UserColumn:
        return cron.userId;
    case MetadataColumn:
        return compactMetadata(cron.metadata);
    default:
        return {};
    }
}

QVariant CronTableModel::sortValue(const Row &row, int column) const
{
    switch (column) {
    case HealthColumn:
        return int(row.health);
    case NextRunColumn:
        return row.cron.nextRunDate;
    case EndTimeColumn:
        return row.cron.endTime;
    case CreatedColumn:
        return row.cron.createdAt;
    case UpdatedColumn:
        return row.cron.updatedAt;
    case EnabledColumn:
        return row.cron.enabled;
    case CronIdColumn:
        return row.cron.cronId;
    default:
        return displayText(row, column);
    }
}

bool CronTableModel::lessThan(int column, int leftRow, int rightRow) const
{
    const Row &l = m_rows.at(leftRow);
    const Row &r = m_rows.at(rightRow);
    int order = 0;
    switch (column) {
    case HealthColumn:
        // Problems first, then warnings, then healthy: the order an audit works through.
        order = int(r.health & problemFlags()) - int(l.health & problemFlags());
        if (order == 0)
            order = int(r.health) - int(l.health);
        break;
    case CronIdColumn:
        order = QString::compare(l.cron.cronId, r.cron.cronId);
        break;
    case AssistantColumn:
        order = compareStrings(assistantLabel(l.cron.assistantId),
                               assistantLabel(r.cron.assistantId));
        break;
    case ThreadColumn:
        // Stateless ones together at the top.
        order = l.cron.isStateless() != r.cron.isStateless()
            ? (l.cron.isStateless() ? -1 : 1)
            : QString::compare(l.cron.threadId, r.cron.threadId);
        break;
    case ScheduleColumn:
        order = QString::compare(l.cron.schedule, r.cron.schedule);
        break;
    case DescriptionColumn:
        order = compareStrings(l.insight->description, r.insight->description);
        break;
    case TimezoneColumn:
        order = QString::compare(l.cron.timezone, r.cron.timezone);
        break;
    case NextRunColumn:
        order = compareInstants(l.cron.nextRunDate, r.cron.nextRunDate);
        break;
    case EndTimeColumn:
        order = compareInstants(l.cron.endTime, r.cron.endTime);
        break;
    case EnabledColumn:
        order = int(r.cron.enabled) - int(l.cron.enabled);
        break;
    case CreatedColumn:
        order = compareInstants(l.cron.createdAt, r.cron.createdAt);
        break;
    case UpdatedColumn:
        order = compareInstants(l.cron.updatedAt, r.cron.updatedAt);
        break;
    default:
        order = compareStrings(displayText(l, column), displayText(r, column));
        break;
    }
    // Ties fall back to the id so that the order is total and stable across refreshes.
    return order != 0 ? order < 0 : QString::compare(l.cron.cronId, r.cron.cronId) < 0;
}

const QByteArray &CronTableModel::searchText(int row) const
{
    const Row &r = m_rows.at(row);
    if (r.searchText.isEmpty()) {
        QString text = r.cron.cronId + u' ' + r.cron.assistantId + u' ' + r.cron.threadId;
        for (int column = CronIdColumn; column < ColumnCount; ++column)
            text += u'\x1f' + displayText(r, column);
        r.searchText = text.toLower().toUtf8();
    }
    return r.searchText;
}

QString CronTableModel::toolTip(const Row &row, int column) const
{
    const api::Cron &cron = row.cron;
    switch (column) {
    case HealthColumn:
        return describeHealth(row.health, cron, *row.insight, now()).join(u'\n');
    case CronIdColumn:
        return cron.cronId;
    case AssistantColumn:
        return cron.assistantId;
    case ThreadColumn:
        return cron.isStateless() ? tr("A new thread for every run") : cron.threadId;
    case ScheduleColumn:
    case DescriptionColumn:
        return row.insight->parseError.isEmpty() ? row.insight->description
                                                 : row.insight->parseError;
    case NextRunColumn:
        return cron.nextRunDate.isValid()
            ? tr("%1 in the cron's zone\n%2 in yours\n%3 UTC")
                  .arg(formatInstant(cron.nextRunDate, cron.timezone),
                       formatInstant(cron.nextRunDate, QString(), FormatZone::Local),
                       cron.nextRunDate.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s))
            : tr("The server reported no next run");
    case OnCompletionColumn:
        if (!cron.isStateless())
            return tr("Thread crons run on their thread; nothing is deleted");
        return cron.onRunCompleted == "keep"_L1
            ? tr("Each run's new thread is kept; clean them up yourself")
            : tr("Each run's new thread is deleted when the run completes");
    case MetadataColumn:
        return compactMetadata(cron.metadata).replace(u", "_s, u"\n"_s);
    default:
        return {};
    }
}

QString CronTableModel::copyText(const Row &row, int column) const
{
    const api::Cron &cron = row.cron;
    switch (column) {
    case CronIdColumn:
        return cron.cronId;
    case AssistantColumn:
        return cron.assistantId;
    case ThreadColumn:
        return cron.threadId;
    case NextRunColumn:
        return cron.nextRunDate.isValid() ? cron.nextRunDate.toUTC().toString(Qt::ISODate)
                                          : QString();
    case EndTimeColumn:
        return cron.endTime.isValid() ? cron.endTime.toUTC().toString(Qt::ISODate) : QString();
    case HealthColumn:
        return describeHealth(row.health, cron, *row.insight, now()).join(u' ');
    default:
        return displayText(row, column);
    }
}

CronTableModel::Row CronTableModel::makeRow(const api::Cron &cron)
{
    Row row {cron, m_insights.insight(cron.schedule, cron.timezone, now()), {}, {}};
    row.health = assessHealth(row.cron, *row.insight, now());
    return row;
}

void CronTableModel::rebuildIndex(int fromRow)
{
    if (fromRow == 0)
        m_rowById.clear();
    for (int row = fromRow; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).cron.cronId, row);
}

void CronTableModel::upsertCrons(const QList<api::Cron> &crons)
{
    QList<Row> fresh;
    for (const api::Cron &cron : crons) {
        const int row = rowOf(cron.cronId);
        if (row < 0) {
            fresh.append(makeRow(cron));
        } else if (!(m_rows.at(row).cron == cron)) {
            m_rows[row] = makeRow(cron);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_rows.append(std::move(fresh));
    rebuildIndex(first);
    endInsertRows();
}

void CronTableModel::mergeCrons(const QList<api::Cron> &crons)
{
    QSet<QString> wanted;
    wanted.reserve(crons.size());
    for (const api::Cron &cron : crons)
        wanted.insert(cron.cronId);

    // Remove vanished rows bottom-up in contiguous runs, so each removal is one signal.
    int row = int(m_rows.size()) - 1;
    bool removedAny = false;
    while (row >= 0) {
        if (wanted.contains(m_rows.at(row).cron.cronId)) {
            --row;
            continue;
        }
        const int last = row;
        while (row >= 0 && !wanted.contains(m_rows.at(row).cron.cronId))
            --row;
        beginRemoveRows({}, row + 1, last);
        m_rows.remove(row + 1, last - row);
        endRemoveRows();
        removedAny = true;
    }
    if (removedAny)
        rebuildIndex();
    upsertCrons(crons);
}

void CronTableModel::removeCron(const QString &cronId)
{
    const int row = rowOf(cronId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowById.remove(cronId);
    rebuildIndex(row);
    endRemoveRows();
}

void CronTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    endResetModel();
}

void CronTableModel::setAssistants(const QList<api::Assistant> &assistants)
{
    m_assistants.clear();
    for (const api::Assistant &assistant : assistants)
        m_assistants.insert(assistant.assistantId, assistant);
    for (Row &row : m_rows)
        row.searchText.clear();
    emitColumnChanged(AssistantColumn, AssistantColumn);
}

void CronTableModel::setNow(const QDateTime &now)
{
    m_now = now;
    m_nowPinned = true;
    m_insights.clearIfOlderThan(now, insightLifetime);
    for (Row &row : m_rows) {
        row.insight = m_insights.insight(row.cron.schedule, row.cron.timezone, now);
        row.health = assessHealth(row.cron, *row.insight, now);
        row.searchText.clear();
    }
    emitColumnChanged(HealthColumn, NextRunColumn);
}

void CronTableModel::emitColumnChanged(int first, int last)
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, first), index(rowCount() - 1, last));
}

} // namespace crondesk::models
