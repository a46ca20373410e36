#include "crontablemodel.h"

#include <models/api/cronwrite.h>
#include <models/common/displayformat.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <numeric>

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

// `instant` on the desk's clock. Through the zone the model resolved once, not Qt::LocalTime:
// every local-time conversion asks the C library to re-read the zone (tzset(), a stat of
// /etc/localtime), a third of the cost of a row's search text.
QString localDateTime(const QDateTime &instant, const QTimeZone &deskZone)
{
    if (!instant.isValid())
        return {};
    const QDateTime shown
        = deskZone.isValid() ? instant.toTimeZone(deskZone) : instant.toLocalTime();
    return shown.toString(u"yyyy-MM-dd HH:mm"_s);
}

// "0.4 s", "12.5 s", "3 min 20 s", "2 h 5 min": a run's duration as the Last run column shows it.
QString durationText(qint64 ms)
{
    if (ms < 60000)
        return QCoreApplication::translate("CronTableModel", "%1 s")
            .arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return QCoreApplication::translate("CronTableModel", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60);
    return QCoreApplication::translate("CronTableModel", "%1 h %2 min")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60);
}

// Appends `text` as UTF-8 without a temporary for the usual all-ASCII ids.
void appendUtf8(QByteArray *bytes, QStringView text)
{
    const bool ascii
        = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (!ascii) {
        bytes->append(text.toUtf8());
        return;
    }
    for (const QChar c : text)
        bytes->append(char(c.unicode()));
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

QJsonObject userMetadata(const QJsonObject &metadata)
{
    if (!metadata.contains(api::correlationMetadataKey))
        return metadata;
    QJsonObject shown = metadata;
    shown.remove(api::correlationMetadataKey);
    return shown;
}

CronTableModel::CronTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_searchTextTimer(new QTimer(this))
    , m_deskZone(QTimeZone::systemTimeZone())
{
    m_searchTextTimer->setSingleShot(true);
    connect(m_searchTextTimer, &QTimer::timeout, this, &CronTableModel::prepareSearchTextSlice);
}

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

QDateTime CronTableModel::readAt(int row) const
{
    return QDateTime::fromMSecsSinceEpoch(m_rows.at(row).readAtMs, Qt::UTC);
}

HealthFlags CronTableModel::assess(const Row &row) const
{
    const QDateTime read = QDateTime::fromMSecsSinceEpoch(row.readAtMs, Qt::UTC);
    HealthFlags flags = assessHealth(row.cron, *row.insight, read, std::max(now(), read),
                                     m_ruleSettings, &row.run->webhook);
    if (!m_lastRuns.isEmpty()) {
        const auto lastRun = m_lastRuns.constFind(row.cron.cronId);
        if (lastRun != m_lastRuns.cend())
            flags |= lastRunHealth(*lastRun, m_ruleSettings);
    }
    return flags;
}

QStringList CronTableModel::healthLines(int row) const
{
    return healthLinesOf(m_rows.at(row));
}

QStringList CronTableModel::healthLinesOf(const Row &row) const
{
    const QDateTime read = QDateTime::fromMSecsSinceEpoch(row.readAtMs, Qt::UTC);
    const auto lastRun = m_lastRuns.constFind(row.cron.cronId);
    return describeHealth(row.health, row.cron, *row.insight, read, std::max(now(), read),
                          m_ruleSettings, lastRun == m_lastRuns.cend() ? nullptr : &*lastRun);
}

QString CronTableModel::healthSummary(int row) const
{
    return models::healthSummary(m_rows.at(row).health);
}

QStringList CronTableModel::cronsToReread(const QDateTime &now, int limit, int *total) const
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QList<std::pair<qint64, int>> due; // when due for a read, row
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        // Cheap filters first: most rows have their next run ahead (nextRunMs is the largest
        // value when there is none).
        if (!row.cron.enabled || !row.cron.nextRunDate.isValid()
            || row.cron.nextRunDate.toMSecsSinceEpoch() > nowMs)
            continue;
        const QDateTime read = QDateTime::fromMSecsSinceEpoch(row.readAtMs, Qt::UTC);
        const HealthFlags flags = assessHealth(row.cron, *row.insight, read, std::max(now, read),
                                               m_ruleSettings, &row.run->webhook);
        const QDateTime when = rereadTime(row.cron, flags, read);
        if (when.isValid() && when <= now)
            due.append({when.toMSecsSinceEpoch(), i});
    }
    if (total)
        *total = int(due.size());
    std::sort(due.begin(), due.end());
    QStringList ids;
    for (qsizetype i = 0; i < due.size() && i < limit; ++i)
        ids.append(m_rows.at(due.at(i).second).cron.cronId);
    return ids;
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
        case LastRunColumn:
            return tr("The cron's newest run: how it ended, when it started, how long it took. "
                      "Read for the rows on screen.");
        case LastSuccessColumn:
            return tr("When the cron's newest successful run started. Read for the rows on "
                      "screen.");
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
    case LastRunColumn:
        return tr("Last run");
    case LastSuccessColumn:
        return tr("Last success");
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
    case ChangeSinceRole:
        return int(m_rowChanges.value(row.cron.cronId).kind);
    case ChangeSinceTextRole:
    case Qt::AccessibleDescriptionRole: // the tint that marks a change is not seen by everyone
        return m_rowChanges.isEmpty() ? QString() : m_rowChanges.value(row.cron.cronId).text;
    case LastRunStatusRole: {
        const CronLastRunState state = m_lastRuns.value(row.cron.cronId);
        return state.hasRun() ? state.lastRun.status : QString();
    }
    case LastRunKindRole:
        return int(m_lastRuns.value(row.cron.cronId).kind);
    case Qt::TextAlignmentRole:
        if (index.column() == EnabledColumn || index.column() == HealthColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

void CronTableModel::setRowChanges(QHash<QString, RowChange> changes)
{
    if (changes.isEmpty() && m_rowChanges.isEmpty())
        return;
    m_rowChanges = std::move(changes);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {ChangeSinceRole, ChangeSinceTextRole, Qt::AccessibleDescriptionRole});
}

const api::Assistant *CronTableModel::assistant(const QString &assistantId) const
{
    const auto it = m_assistants.constFind(assistantId);
    return it == m_assistants.cend() ? nullptr : &*it;
}

QString CronTableModel::assistantLabel(const QString &assistantId) const
{
    if (const auto cached = m_assistantLabels.constFind(assistantId);
        cached != m_assistantLabels.cend())
        return *cached;
    const QString label = makeAssistantLabel(assistantId);
    m_assistantLabels.insert(assistantId, label);
    return label;
}

QString CronTableModel::makeAssistantLabel(const QString &assistantId) const
{
    const api::Assistant *known = assistant(assistantId);
    if (!known)
        return shortId(assistantId);
    if (known->name.isEmpty() || known->name == known->graphId)
        return known->graphId;
    return u"%1 (%2)"_s.arg(known->name, known->graphId);
}

QString CronTableModel::nextRunText(const Row &row) const
{
    // The server may still report a next_run_date after the end time; it will not fire then.
    if (row.health & HealthFlag::Ended)
        return tr("Ended — will not fire again");
    const QDateTime &next = row.cron.nextRunDate;
    if (!next.isValid())
        return tr("—");
    QString text = formatInstant(next, row.insight->zone);
    // The operator's own clock too, unless it reads the same.
    const QDateTime local = next.toLocalTime();
    if (row.insight->zone.offsetFromUtc(next) != local.offsetFromUtc())
        text += tr(" · %1 local").arg(local.toString(u"HH:mm"_s));
    // "2 min ago" would read as a missed run; whether it ran is being asked.
    if (row.health & HealthFlag::Due)
        return text + u" · "_s + tr("due, checking");
    return text + u" · "_s + relativeTime(next, now());
}

QString CronTableModel::displayText(const Row &row, int column) const
{
    const api::Cron &cron = row.cron;
    switch (column) {
    case HealthColumn:
        // Drawn as a badge; the words are for copy, export and screen readers.
        return models::healthSummary(row.health);
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
        return nextRunText(row);
    case EndTimeColumn:
        return cron.endTime.isValid() ? formatInstant(cron.endTime, row.insight->zone) : QString();
    case EnabledColumn:
        return cron.enabled ? tr("Yes") : tr("Paused");
    case OnCompletionColumn:
        if (!cron.isStateless())
            return tr("—");
        return cron.onRunCompleted.isEmpty() ? tr("delete (default)") : cron.onRunCompleted;
    case WebhookColumn:
        return row.run->webhook;
    case MultitaskColumn:
        if (cron.isStateless())
            return tr("—");
        return row.run->multitaskStrategy.isEmpty() ? tr("enqueue (default)")
                                                    : row.run->multitaskStrategy;
    case CreatedColumn:
        return localDateTime(cron.createdAt, m_deskZone);
    case UpdatedColumn:
        return localDateTime(cron.updatedAt, m_deskZone);
    case UserColumn:
        return cron.userId;
    case MetadataColumn:
        return compactMetadata(userMetadata(cron.metadata));
    case LastRunColumn:
    case LastSuccessColumn:
        return lastRunText(m_lastRuns.value(cron.cronId), column);
    default:
        return {};
    }
}

QString CronTableModel::lastRunText(const CronLastRunState &state, int column) const
{
    using Kind = CronLastRunState::Kind;
    switch (state.kind) {
    case Kind::NotLoaded:
    case Kind::Loading:
        return tr("…");
    case Kind::Unavailable:
        return tr("no history");
    case Kind::ReadFailed:
        return tr("unknown");
    case Kind::Known:
        break;
    }
    if (column == LastSuccessColumn)
        return state.lastSuccessAt.isValid() ? localDateTime(state.lastSuccessAt, m_deskZone)
                                             : tr("none");
    if (!state.hasRun())
        return tr("none yet");
    QString text = state.statusText + u" · "_s + localDateTime(state.lastRun.at, m_deskZone);
    if (state.durationMs >= 0)
        text += u" · "_s + durationText(state.durationMs);
    return text;
}

QString CronTableModel::lastRunToolTip(const CronLastRunState &state, int column) const
{
    using Kind = CronLastRunState::Kind;
    switch (state.kind) {
    case Kind::NotLoaded:
        return tr("Not read yet: runs are read for the rows on screen.");
    case Kind::Loading:
        return tr("Reading its runs…");
    case Kind::Unavailable:
        return tr("No history: %1").arg(state.reason);
    case Kind::ReadFailed:
        return tr("Its runs could not be read: %1").arg(state.reason);
    case Kind::Known:
        break;
    }
    if (column == LastSuccessColumn)
        return state.lastSuccessAt.isValid()
            ? tr("Its newest successful run started %1.")
                  .arg(formatInstant(state.lastSuccessAt, QString(), FormatZone::Local))
            : tr("No successful run among the runs read (the newest of its thread).");
    if (!state.hasRun())
        return tr("No run of this cron among the runs read (the newest of its thread).");
    QString text = tr("Run %1 started %2: %3.")
                       .arg(state.lastRun.runId,
                            formatInstant(state.lastRun.at, QString(), FormatZone::Local),
                            state.statusText.toLower());
    if (state.durationMs >= 0)
        text += u' ' + tr("It took %1.").arg(durationText(state.durationMs));
    return text;
}

void CronTableModel::setLastRuns(const QHash<QString, CronLastRunState> &states)
{
    QList<int> rows;
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        if (it->kind == CronLastRunState::Kind::NotLoaded)
            m_lastRuns.remove(it.key());
        else
            m_lastRuns.insert(it.key(), *it);
        const int row = rowOf(it.key());
        if (row < 0)
            continue;
        Row &changed = m_rows[row];
        changed.health = assess(changed);
        rows.append(row);
    }
    if (rows.isEmpty())
        return;
    invalidateSortKeys({HealthColumn, LastRunColumn, LastSuccessColumn});
    // Row by row: the rows on screen are scattered over the source order, and one range from the
    // first to the last would make the proxy look at every row between them.
    std::sort(rows.begin(), rows.end());
    for (const int row : std::as_const(rows))
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QHash<QString, AuditLastRun> CronTableModel::knownLastRuns() const
{
    QHash<QString, AuditLastRun> runs;
    for (auto it = m_lastRuns.cbegin(); it != m_lastRuns.cend(); ++it) {
        if (it->hasRun())
            runs.insert(it.key(), it->lastRun);
    }
    return runs;
}

bool CronTableModel::hasSortValue(int column, int row) const
{
    if (column != LastRunColumn && column != LastSuccessColumn)
        return true;
    const auto state = m_lastRuns.constFind(m_rows.at(row).cron.cronId);
    if (state == m_lastRuns.cend())
        return false;
    return column == LastRunColumn ? state->hasRun() : state->lastSuccessAt.isValid();
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
    // Ties keep the source order (the proxy sorts stably), which is load order: stable across
    // refreshes.
    const QList<qint64> &keys = sortKeys(column);
    return keys.at(leftRow) < keys.at(rightRow);
}

const QList<qint64> &CronTableModel::sortKeys(int column) const
{
    QList<qint64> &keys = m_sortKeys;
    if (m_sortKeysColumn == column && keys.size() == m_rows.size())
        return keys;
    // Another column's keys, or stale ones: this column's replace them.
    keys.clear();
    m_sortKeysColumn = column;
    const qsizetype count = m_rows.size();
    switch (column) {
    case HealthColumn:
        // Problems first, then warnings, then healthy: the order an audit works through.
        keys.resize(count);
        for (qsizetype i = 0; i < count; ++i) {
            const auto health = m_rows.at(i).health;
            keys[i] = -((qint64(health & problemFlags()) << 16) | qint64(health.toInt()));
        }
        break;
    case NextRunColumn:
    case EndTimeColumn:
    case CreatedColumn:
    case UpdatedColumn:
        // Missing instants as the largest value, so that they sort last.
        keys.resize(count);
        for (qsizetype i = 0; i < count; ++i) {
            const api::Cron &cron = m_rows.at(i).cron;
            const QDateTime &instant = column == NextRunColumn ? cron.nextRunDate
                : column == EndTimeColumn                      ? cron.endTime
                : column == CreatedColumn                      ? cron.createdAt
                                                               : cron.updatedAt;
            keys[i] = instant.isValid() ? instant.toMSecsSinceEpoch()
                                        : std::numeric_limits<qint64>::max();
        }
        break;
    case EnabledColumn:
        keys.resize(count);
        for (qsizetype i = 0; i < count; ++i)
            keys[i] = m_rows.at(i).cron.enabled ? 0 : 1;
        break;
    case LastRunColumn:
    case LastSuccessColumn:
        // Rows without a value tie at the end; the proxy keeps them last in either order.
        keys.fill(std::numeric_limits<qint64>::max(), count);
        for (auto it = m_lastRuns.cbegin(); it != m_lastRuns.cend(); ++it) {
            const int row = rowOf(it.key());
            if (row < 0)
                continue;
            if (column == LastRunColumn && it->hasRun())
                keys[row] = it->lastRun.at.toMSecsSinceEpoch();
            else if (column == LastSuccessColumn && it->lastSuccessAt.isValid())
                keys[row] = it->lastSuccessAt.toMSecsSinceEpoch();
        }
        break;
    default:
        keys = textRanks(column);
        break;
    }
    return keys;
}

QList<qint64> CronTableModel::textRanks(int column) const
{
    // Most text columns hold few distinct values (a handful of assistants, zones, schedules), so
    // rank the distinct texts and give each row its text's rank. Case-folded UTF-8 sorts like a
    // case-insensitive comparison of code points, and comparing bytes is cheap.
    const qsizetype count = m_rows.size();
    if (column == CronIdColumn || column == ThreadColumn || column == MetadataColumn) {
        // Nearly every value differs: rank the raw bytes directly. Ids are lower-case ASCII and
        // metadata is the server's compact JSON, so byte order is the natural order; stateless
        // crons (no thread) come first. The bytes are copied next to each other for the sort,
        // which then reads memory in order instead of 100,000 strings over the heap.
        QByteArray bytes;
        bytes.reserve(count * (column == MetadataColumn ? 96 : 37)); // a uuid, typical metadata
        QList<qsizetype> ends;
        ends.reserve(count);
        for (const Row &row : m_rows) {
            const api::Cron &cron = row.cron;
            if (column == MetadataColumn)
                bytes += cron.metadata.toCompactJson();
            else
                appendUtf8(&bytes, column == CronIdColumn ? cron.cronId : cron.threadId);
            ends.append(bytes.size());
        }
        const auto key = [&bytes, &ends](qsizetype i) {
            const qsizetype begin = i == 0 ? 0 : ends.at(i - 1);
            return QByteArrayView(bytes.constData() + begin, ends.at(i) - begin);
        };
        QList<qsizetype> order(count);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&key](qsizetype a, qsizetype b) { return key(a) < key(b); });
        QList<qint64> ranks(count);
        qint64 rank = 0;
        for (qsizetype i = 0; i < count; ++i) {
            if (i > 0 && key(order.at(i - 1)) != key(order.at(i)))
                rank = i;
            ranks[order.at(i)] = rank;
        }
        return ranks;
    }
    QHash<QString, qsizetype> distinctIndex;
    QList<QByteArray> distinctKeys;
    QList<qsizetype> rowText(count);
    for (qsizetype i = 0; i < count; ++i) {
        const QString text = displayText(m_rows.at(i), column);
        auto it = distinctIndex.constFind(text);
        if (it == distinctIndex.cend()) {
            it = distinctIndex.insert(text, distinctKeys.size());
            distinctKeys.append(text.toCaseFolded().toUtf8());
        }
        rowText[i] = *it;
    }
    QList<qsizetype> order(distinctKeys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&distinctKeys](qsizetype a, qsizetype b) {
        return distinctKeys.at(a) < distinctKeys.at(b);
    });
    // Texts that differ only in case share a rank.
    QList<qint64> rankOfText(distinctKeys.size());
    qint64 rank = 0;
    for (qsizetype i = 0; i < order.size(); ++i) {
        if (i > 0 && distinctKeys.at(order.at(i - 1)) != distinctKeys.at(order.at(i)))
            ++rank;
        rankOfText[order.at(i)] = rank;
    }
    QList<qint64> ranks(count);
    for (qsizetype i = 0; i < count; ++i)
        ranks[i] = rankOfText.at(rowText.at(i));
    return ranks;
}

void CronTableModel::invalidateSortKeys(std::initializer_list<int> columns)
{
    // The column stays the one sorted by: the background preparation builds its keys again.
    if (std::find(columns.begin(), columns.end(), m_sortKeysColumn) != columns.end())
        m_sortKeys.clear();
}

void CronTableModel::invalidateSortKeys()
{
    m_sortKeys.clear();
    // Rows changed: go over them again in the background (rows already done are skipped cheaply).
    m_searchTextPrepared = 0;
    m_searchTextTimer->start(preparationSettle);
}

namespace {

// Lower-case UTF-8 at its size: the conversion reserves three bytes a character, and that
// slack, kept for every row, was two thirds of the search text's memory.
QByteArray searchBytes(const QString &text)
{
    const QByteArray utf8 = text.toLower().toUtf8();
    return QByteArray(utf8.constData(), utf8.size());
}

} // namespace

bool CronTableModel::isSharedSearchColumn(int column)
{
    switch (column) {
    case AssistantColumn:
    case ThreadColumn: // only "stateless" is not part of an id
    case ScheduleColumn:
    case DescriptionColumn:
    case TimezoneColumn:
    case EnabledColumn:
    case OnCompletionColumn:
    case WebhookColumn:
    case MultitaskColumn:
    case UserColumn:
        return true;
    default:
        return false;
    }
}

void CronTableModel::buildSearchText(const Row &row) const
{
    const api::Cron &cron = row.cron;
    QString own = cron.cronId + u' ' + cron.assistantId + u' ' + cron.threadId;
    QString shared;
    for (int column = CronIdColumn; column < ColumnCount; ++column) {
        // Read lazily for the rows on screen: searching them would find only what was shown.
        if (column == LastRunColumn || column == LastSuccessColumn)
            continue;
        // The short ids shown are the beginnings of the full ids above; only the word for a
        // missing thread is not.
        if (column == CronIdColumn || (column == ThreadColumn && !cron.isStateless()))
            continue;
        QString &text = isSharedSearchColumn(column) ? shared : own;
        if (column == AssistantColumn) {
            const QString label = assistantLabel(cron.assistantId);
            if (!cron.assistantId.startsWith(label))
                text += u'\x1f' + label;
        } else if (column == NextRunColumn) {
            // Its relative part changes by the minute.
            text += u'\x1f' + formatInstant(row.cron.nextRunDate, row.insight->zone);
        } else if (column == MetadataColumn) {
            // "key=value, ..." from the compact text, without parsing (and keeping) the object.
            QString metadata = QString::fromUtf8(row.cron.metadata.toCompactJson());
            metadata.replace(u"\":"_s, u"="_s).replace(u",\""_s, u", "_s).remove(u'"');
            text += u'\x1f' + metadata;
        } else {
            text += u'\x1f' + displayText(row, column);
        }
    }
    row.searchText = searchBytes(own);
    QByteArray sharedBytes = searchBytes(shared);
    auto it = m_sharedSearchTexts.constFind(sharedBytes);
    if (it == m_sharedSearchTexts.cend()) {
        auto text = std::make_shared<const QByteArray>(sharedBytes);
        it = m_sharedSearchTexts.insert(std::move(sharedBytes), std::move(text));
    }
    row.sharedSearchText = *it;
}

const CronTableModel::Row &CronTableModel::searchableRow(int row) const
{
    const Row &r = m_rows.at(row);
    if (!r.sharedSearchText)
        buildSearchText(r);
    return r;
}

QByteArray CronTableModel::searchText(int row) const
{
    const Row &r = searchableRow(row);
    return r.searchText + *r.sharedSearchText;
}

bool CronTableModel::matchesSearch(int row, QByteArrayView needle) const
{
    const Row &r = searchableRow(row);
    return r.searchText.contains(needle) || r.sharedSearchText->contains(needle);
}

bool CronTableModel::isPrepared() const
{
    return m_searchTextPrepared >= m_rows.size()
        && (m_sortKeysColumn < 0 || m_sortKeys.size() == m_rows.size());
}

void CronTableModel::prepareSearchTextSlice()
{
    // About 20 ms of work per slice, so the event loop stays responsive while it runs.
    constexpr int sliceRows = 1500;
    if (m_searchTextPrepared == 0) {
        // Shared parts no row uses any more (rows changed or gone, assistants renamed).
        m_sharedSearchTexts.removeIf(
            [](const auto &entry) { return entry.value().use_count() == 1; });
    }
    if (m_searchTextPrepared < m_rows.size()) {
        const int end = std::min<int>(m_searchTextPrepared + sliceRows, int(m_rows.size()));
        for (int row = m_searchTextPrepared; row < end; ++row)
            searchableRow(row);
        m_searchTextPrepared = end;
        m_searchTextTimer->start(0);
        return;
    }
    // Then the keys of the column the table is sorted by, so that re-sorting after a change is
    // quick. Other columns' keys are built when first sorted by (tens of ms at 100,000 rows).
    if (m_sortKeysColumn >= 0 && m_sortKeys.size() != m_rows.size())
        sortKeys(m_sortKeysColumn);
}

QString CronTableModel::toolTip(const Row &row, int column) const
{
    const api::Cron &cron = row.cron;
    switch (column) {
    case HealthColumn:
        return healthLinesOf(row).join(u'\n');
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
        if (row.health & HealthFlag::Ended)
            return tr("Ended — will not fire again: its end time %1 has passed.")
                .arg(formatInstant(cron.endTime, cron.timezone));
        return cron.nextRunDate.isValid() ? nextRunToolTip(row)
                                          : tr("The server reported no next run");
    case OnCompletionColumn:
        if (!cron.isStateless())
            return tr("Thread crons run on their thread; nothing is deleted");
        return cron.onRunCompleted == "keep"_L1
            ? tr("Each run's new thread is kept; clean them up yourself")
            : tr("Each run's new thread is deleted when the run completes");
    case MetadataColumn:
        return compactMetadata(userMetadata(cron.metadata)).replace(u", "_s, u"\n"_s);
    case LastRunColumn:
    case LastSuccessColumn:
        return lastRunToolTip(m_lastRuns.value(cron.cronId), column);
    default:
        return {};
    }
}

QString CronTableModel::nextRunToolTip(const Row &row) const
{
    const QDateTime &next = row.cron.nextRunDate;
    QStringList lines {tr("%1 in the cron's zone").arg(formatInstant(next, row.cron.timezone))};
    // Each further clock only when it reads differently: a UTC cron seen from a UTC desk is one
    // line, not the same time three times.
    const int zoneOffset = row.insight->zone.offsetFromUtc(next);
    const int localOffset = next.toLocalTime().offsetFromUtc();
    if (localOffset != zoneOffset)
        lines << tr("%1 in yours").arg(formatInstant(next, QString(), FormatZone::Local));
    if (zoneOffset != 0 && localOffset != 0)
        lines << tr("%1 UTC").arg(next.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    return lines.join(u'\n');
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
        return healthLinesOf(row).join(u' ');
    default:
        return displayText(row, column);
    }
}

CronTableModel::Row CronTableModel::makeRow(PreparedCron &&prepared, const QDateTime &readAt)
{
    Row row;
    row.cron = std::move(prepared.cron);
    // Read without parsing the row's payload for good: it stays compact text until shown.
    row.run
        = sharedRunParameters(prepared.run ? std::move(*prepared.run) : row.cron.runParameters());
    row.insight = m_insights.insight(row.cron.schedule, row.cron.timezone, now());
    row.readAtMs = readAt.toMSecsSinceEpoch();
    row.health = assess(row);
    row.upsertedInMerge = true;
    return row;
}

std::shared_ptr<const api::Cron::RunParameters>
CronTableModel::sharedRunParameters(api::Cron::RunParameters run)
{
    // The webhook's length first, so that no two pairs make the same key.
    const QString key
        = QString::number(run.webhook.size()) + u':' + run.webhook + run.multitaskStrategy;
    auto it = m_runParameters.constFind(key);
    if (it == m_runParameters.cend())
        it = m_runParameters.insert(
            key, std::make_shared<const api::Cron::RunParameters>(std::move(run)));
    return *it;
}

void CronTableModel::rebuildIndex(int fromRow)
{
    if (fromRow == 0)
        m_rowById.clear();
    for (int row = fromRow; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).cron.cronId, row);
}

void CronTableModel::upsertCrons(const QList<api::Cron> &crons, const QDateTime &readAt)
{
    // Not prepared: a refresh's unchanged crons (most of them) never have their payloads read.
    QList<PreparedCron> unprepared;
    unprepared.reserve(crons.size());
    for (const api::Cron &cron : crons)
        unprepared.append(PreparedCron {cron, std::nullopt});
    upsertPreparedCrons(std::move(unprepared), readAt);
}

void CronTableModel::upsertPreparedCrons(QList<PreparedCron> crons, const QDateTime &readAt)
{
    upsertPreparedPages({PreparedPage {std::move(crons), readAt}});
}

void CronTableModel::upsertPreparedPages(QList<PreparedPage> pages)
{
    const int first = int(m_rows.size());
    QList<Row> fresh;
    QList<int> changed; // rows already shown whose values changed
    int firstReassessed = first;
    int lastReassessed = -1;
    for (PreparedPage &page : pages) {
        const QDateTime read = page.readAt.isValid() ? page.readAt : now();
        const qint64 readMs = read.toMSecsSinceEpoch();
        for (PreparedCron &prepared : page.crons) {
            const api::Cron &cron = prepared.cron;
            const int row = rowOf(cron.cronId);
            if (row < 0) {
                // Indexed at once, at the row it is about to take: a cron that comes twice in
                // one call (in two of its pages) is one row. No signal is emitted until the rows
                // are in, so nothing reads the index before they are.
                m_rowById.insert(cron.cronId, first + int(fresh.size()));
                fresh.append(makeRow(std::move(prepared), read));
                continue;
            }
            Row &known = row >= first ? fresh[row - first] : m_rows[row];
            known.upsertedInMerge = true; // read in this merge, whether or not its values apply
            if (page.readAt.isValid() && readMs < known.readAtMs) {
                // Older than what the row shows (a page of a reload read before this row was
                // read again): the newer answer stands.
                continue;
            }
            if (!(known.cron == cron)) {
                known = makeRow(std::move(prepared), read);
                if (row < first)
                    changed.append(row);
            } else if (known.readAtMs != readMs) {
                // The same values, read again: "due" may now be settled either way.
                known.readAtMs = readMs;
                const HealthFlags health = assess(known);
                if (health != known.health) {
                    known.health = health;
                    if (row < first) {
                        firstReassessed = std::min(firstReassessed, row);
                        lastReassessed = std::max(lastReassessed, row);
                    }
                }
            }
        }
    }
    if (!fresh.isEmpty()) {
        invalidateSortKeys();
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_rows.append(std::move(fresh));
        endInsertRows();
    }
    if (!changed.isEmpty()) {
        invalidateSortKeys();
        for (const int row : std::as_const(changed))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (lastReassessed >= 0) {
        invalidateSortKeys({HealthColumn});
        Q_EMIT dataChanged(index(firstReassessed, HealthColumn),
                           index(lastReassessed, NextRunColumn));
    }
}

void CronTableModel::reserveRows(qint64 rows)
{
    rows = std::min(rows, maxReservedRows);
    if (rows > m_rows.capacity())
        m_rows.reserve(rows);
}

void CronTableModel::mergeCrons(const QList<api::Cron> &crons, const QDateTime &readAt)
{
    mergeBatches(QList<CronBatch> {CronBatch {crons, readAt}});
}

void CronTableModel::mergeBatches(const QList<CronBatch> &batches)
{
    beginMerge();
    for (const CronBatch &batch : batches)
        upsertCrons(batch.crons, batch.readAt);
    endMerge();
}

void CronTableModel::beginMerge()
{
    for (Row &row : m_rows)
        row.upsertedInMerge = false;
    m_merging = true;
}

void CronTableModel::abandonMerge()
{
    m_merging = false;
}

void CronTableModel::endMerge()
{
    if (!m_merging)
        return;
    m_merging = false;
    // Remove vanished rows bottom-up in contiguous runs, so each removal is one signal.
    int row = int(m_rows.size()) - 1;
    bool removedAny = false;
    while (row >= 0) {
        if (m_rows.at(row).upsertedInMerge) {
            --row;
            continue;
        }
        const int last = row;
        while (row >= 0 && !m_rows.at(row).upsertedInMerge)
            --row;
        invalidateSortKeys();
        beginRemoveRows({}, row + 1, last);
        m_rows.remove(row + 1, last - row);
        endRemoveRows();
        removedAny = true;
    }
    if (removedAny)
        rebuildIndex();
}

void CronTableModel::removeCron(const QString &cronId)
{
    const int row = rowOf(cronId);
    if (row < 0)
        return;
    invalidateSortKeys();
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowById.remove(cronId);
    rebuildIndex(row);
    endRemoveRows();
}

void CronTableModel::clear()
{
    m_merging = false;
    m_lastRuns.clear();
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    invalidateSortKeys();
    m_rows.clear();
    m_rowById.clear();
    m_runParameters.clear();
    m_sharedSearchTexts.clear();
    endResetModel();
}

void CronTableModel::setAssistants(const QList<api::Assistant> &assistants)
{
    m_assistants.clear();
    m_assistantLabels.clear();
    for (const api::Assistant &assistant : assistants)
        m_assistants.insert(assistant.assistantId, assistant);
    for (Row &row : m_rows)
        row.dropSearchText();
    invalidateSortKeys();
    emitColumnChanged(AssistantColumn, AssistantColumn);
}

void CronTableModel::setNow(const QDateTime &now)
{
    m_now = now;
    m_nowPinned = true;
    // The desk may have moved to another zone since; the clock's tick is often enough to notice.
    m_deskZone = QTimeZone::systemTimeZone();
    // The DST notes inside insights look ahead from when they were made; renew them now and then.
    const bool renewInsights = m_insights.clearIfOlderThan(now, insightLifetime);
    for (Row &row : m_rows) {
        if (renewInsights)
            row.insight = m_insights.insight(row.cron.schedule, row.cron.timezone, now);
        row.health = assess(row);
    }
    invalidateSortKeys({HealthColumn});
    // One signal for both, so that the proxy re-sorts once per tick.
    emitColumnChanged(HealthColumn, NextRunColumn);
}

void CronTableModel::setRuleSettings(const CronRuleSettings &settings)
{
    if (settings == m_ruleSettings)
        return;
    const bool newHorizon = settings.dstDays != m_insights.dstDays();
    m_ruleSettings = settings;
    // The DST notes inside insights look as far ahead as the cache was made to.
    if (newHorizon)
        m_insights = ScheduleInsightCache(settings.dstDays);
    const QDateTime at = now();
    for (Row &row : m_rows) {
        if (newHorizon)
            row.insight = m_insights.insight(row.cron.schedule, row.cron.timezone, at);
        row.health = assess(row);
        row.dropSearchText();
    }
    invalidateSortKeys({HealthColumn});
    emitColumnChanged(HealthColumn, NextRunColumn);
}

void CronTableModel::emitColumnChanged(int first, int last)
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, first), index(rowCount() - 1, last));
}

} // namespace crondesk::models
