#include "bulkedit.h"

#include "scheduleshift.h"

#include <models/api/timestamp.h>
#include <models/common/jsontext.h>
#include <models/editor/cronmapping.h>
#include <models/editor/cronvalidation.h>
#include <models/schedule/cronexpression.h>
#include <models/schedule/zonerules.h>

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("crondesk::models::BulkEdit", text);
}

// Zones and expressions by name and text: a plan over 10,000 crons meets the same few dozen
// again and again, and resolving a zone by name costs far more than using it.
class PlanCache
{
public:
    std::optional<QTimeZone> zone(const QString &name)
    {
        auto it = m_zones.constFind(name);
        if (it == m_zones.cend())
            it = m_zones.insert(name, schedule::resolveZone(name));
        return *it;
    }
    const schedule::CronExpression &expression(const QString &text)
    {
        auto it = m_expressions.constFind(text);
        if (it == m_expressions.cend())
            it = m_expressions.insert(text, schedule::CronExpression::parse(text));
        return *it;
    }

    // The wall-clock form of `instant` in `zoneName` (the draft's end time), invalid for none.
    QDateTime wallClock(const QDateTime &instant, const QString &zoneName)
    {
        if (!instant.isValid())
            return {};
        const QDateTime local = instant.toTimeZone(zone(zoneName).value_or(QTimeZone::utc()));
        return QDateTime(local.date(), local.time(), Qt::UTC);
    }

    QDateTime nextRun(const QString &text, const QString &zoneName, const QDateTime &end,
                      bool enabled, const QDateTime &now)
    {
        if (!enabled || !now.isValid())
            return {};
        const schedule::CronExpression &parsed = expression(text);
        const std::optional<QTimeZone> resolved = zone(zoneName);
        if (!parsed.isValid() || !resolved)
            return {};
        const std::optional<QDateTime> next = parsed.next(now, *resolved);
        if (!next || (end.isValid() && *next > end))
            return {};
        return *next;
    }

private:
    QHash<QString, std::optional<QTimeZone>> m_zones;
    QHash<QString, schedule::CronExpression> m_expressions;
};

} // namespace

bool BulkEdit::isEmpty() const
{
    return !enabled && !timezone && endTimeChange == EndTime::Keep && metadata.isEmpty() && !webhook
        && !onRunCompleted && !multitaskStrategy && scheduleChange == Schedule::Keep;
}

qsizetype BulkPlan::changeCount() const
{
    return std::count_if(rows.begin(), rows.end(),
                         [](const BulkRow &row) { return !row.isSkipped(); });
}

BulkPlan planBulkEdit(const QList<api::Cron> &crons, const BulkEdit &edit, const QDateTime &now)
{
    PlanCache cache;
    BulkPlan plan;
    plan.edit = edit;
    plan.rows.reserve(crons.size());
    for (const api::Cron &cron : crons) {
        BulkRow row;
        row.cron = cron;
        row.nextRunBefore
            = cache.nextRun(cron.schedule, cron.timezone, cron.endTime, cron.enabled, now);

        // The editor's draft of the cron, edited as the operator would in its form; the
        // correlation key is Cron Desk's bookkeeping and never part of a diff.
        const CronDraft original = CronDraft::fromCron(cron).withoutCorrelationKey();
        CronDraft edited = original;
        QList<DraftField> fields; // what the edit asks of this cron, for the editor's rules
        bool notApplicable = false;
        if (edit.enabled) {
            edited.enabled = *edit.enabled;
            fields.append(DraftField::Enabled);
        }
        if (edit.scheduleChange == BulkEdit::Schedule::Replace) {
            edited.schedule = edit.schedule;
            fields.append(DraftField::Schedule);
        } else if (edit.scheduleChange == BulkEdit::Schedule::Shift) {
            const ScheduleShift shift = shiftSchedule(cron.schedule, edit.shiftMinutes);
            if (!shift.isShifted()) {
                row.skipReason = shift.refusal;
                plan.rows.append(row);
                continue;
            }
            edited.schedule = shift.expression;
            fields.append(DraftField::Schedule);
        }
        // The end stays the same instant when the zone changes (the draft holds it as a wall
        // clock in the zone).
        QDateTime endInstant = cron.endTime;
        if (edit.endTimeChange == BulkEdit::EndTime::Set)
            endInstant = edit.endTime;
        else if (edit.endTimeChange == BulkEdit::EndTime::Clear)
            endInstant = {};
        if (edit.timezone) {
            edited.timezone = *edit.timezone;
            fields.append(DraftField::Timezone);
        }
        edited.endTime = cache.wallClock(endInstant, edited.timezone);
        if (edit.endTimeChange != BulkEdit::EndTime::Keep)
            fields.append(DraftField::EndTime);
        if (!edit.metadata.isEmpty()) {
            QJsonObject metadata = original.jsonValue(DraftField::Metadata).toObject();
            for (auto it = edit.metadata.begin(); it != edit.metadata.end(); ++it)
                metadata.insert(it.key(), it.value());
            edited.metadata = formatJson(metadata);
            fields.append(DraftField::Metadata);
        }
        if (edit.webhook) {
            edited.webhook = *edit.webhook;
            fields.append(DraftField::Webhook);
        }
        if (edit.onRunCompleted) {
            if (cron.isStateless()) {
                edited.onRunCompleted = *edit.onRunCompleted;
                fields.append(DraftField::OnRunCompleted);
            } else {
                notApplicable = true;
            }
        }
        if (edit.multitaskStrategy) {
            if (!cron.isStateless()) {
                edited.multitaskStrategy = *edit.multitaskStrategy;
                fields.append(DraftField::MultitaskStrategy);
            } else {
                notApplicable = true;
            }
        }

        ValidationContext context;
        context.mode = ValidationContext::Mode::Edit;
        context.original = original;
        context.now = now;
        context.fields = fields;
        if (!fields.isEmpty()) {
            const QList<DraftProblem> problems = validate(edited, context);
            for (const DraftProblem &problem : problems) {
                if (problem.isError()) {
                    row.skipReason = draftFieldLabel(problem.field) + u": "_s + problem.message;
                    break;
                }
                row.warnings.append(draftFieldLabel(problem.field) + u": "_s + problem.message);
            }
            if (row.isSkipped()) {
                row.warnings.clear();
                plan.rows.append(row);
                continue;
            }
        }

        row.patch = toCronPatch(original, edited);
        row.changes = diff(original, edited);
        // The editor never sends the multitask strategy (servers before 0.12 ignore it in a
        // PATCH); a bulk edit asked for it, so it goes, and the result shows what the server kept.
        if (!cron.isStateless() && edit.multitaskStrategy
            && original.multitaskStrategy != edited.multitaskStrategy) {
            row.patch.multitaskStrategy = edited.multitaskStrategy;
            row.changes.append({DraftField::MultitaskStrategy,
                                displayValue(original, DraftField::MultitaskStrategy),
                                displayValue(edited, DraftField::MultitaskStrategy)});
        }
        if (row.patch.isEmpty()) {
            row.changes.clear();
            row.warnings.clear();
            row.skipReason = notApplicable && fields.isEmpty()
                ? (cron.isStateless() ? tr("The multitask strategy applies to thread crons only.")
                                      : tr("On run completed applies to stateless crons only."))
                : tr("It already has these values.");
            plan.rows.append(row);
            continue;
        }
        row.nextRunAfter = cache.nextRun(edited.schedule, edited.timezone,
                                         endInstant.isValid() ? endInstant.toUTC() : QDateTime(),
                                         edited.enabled, now);
        plan.rows.append(row);
    }
    return plan;
}

QJsonArray bulkPlanToJson(const BulkPlan &plan)
{
    const auto instant = [](const QDateTime &time) {
        return time.isValid() ? QJsonValue(api::formatTimestamp(time)) : QJsonValue();
    };
    QJsonArray rows;
    for (const BulkRow &row : plan.rows) {
        QJsonObject object {{"cron_id"_L1, row.cron.cronId},
                            {"skipped"_L1, row.isSkipped()},
                            {"next_run_before"_L1, instant(row.nextRunBefore)}};
        if (row.isSkipped()) {
            object.insert("reason"_L1, row.skipReason);
        } else {
            QJsonArray changes;
            for (const FieldChange &change : row.changes) {
                QJsonObject item {{"field"_L1, draftFieldKey(change.field)},
                                  {"before"_L1, change.before},
                                  {"after"_L1, change.after}};
                if (!change.key.isEmpty())
                    item.insert("key"_L1, change.key);
                changes.append(item);
            }
            object.insert("changes"_L1, changes);
            object.insert("patch"_L1, row.patch.toJson());
            object.insert("next_run_after"_L1, instant(row.nextRunAfter));
            if (!row.warnings.isEmpty())
                object.insert("warnings"_L1, QJsonArray::fromStringList(row.warnings));
        }
        rows.append(object);
    }
    return rows;
}

} // namespace crondesk::models
