#include "cron.h"

#include "cronlistparser.h"
#include "timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

QString stringOrEmpty(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

QDateTime instantOrInvalid(const QJsonValue &value)
{
    return value.isString() ? parseTimestamp(value.toString()) : QDateTime();
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue nullable(const QDateTime &instant)
{
    return instant.isValid() ? QJsonValue(formatTimestamp(instant)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString Cron::webhook() const
{
    return stringOrEmpty(payload.value("webhook"_L1));
}

QString Cron::multitaskStrategy() const
{
    return stringOrEmpty(payload.value("multitask_strategy"_L1));
}

std::optional<Cron> cronFromJson(const QJsonObject &object, QString *error, CronDecoding decoding)
{
    Cron cron;
    cron.cronId = stringOrEmpty(object.value("cron_id"_L1));
    cron.schedule = stringOrEmpty(object.value("schedule"_L1));
    if (cron.cronId.isEmpty() || (cron.schedule.isEmpty() && decoding == CronDecoding::Full)) {
        if (error) {
            *error = cron.cronId.isEmpty()
                ? u"a cron without a \"cron_id\" string"_s
                : u"cron %1 has no \"schedule\" string"_s.arg(cron.cronId);
        }
        return std::nullopt;
    }
    cron.assistantId = stringOrEmpty(object.value("assistant_id"_L1));
    cron.threadId = stringOrEmpty(object.value("thread_id"_L1));
    cron.timezone = stringOrEmpty(object.value("timezone"_L1));
    cron.onRunCompleted = stringOrEmpty(object.value("on_run_completed"_L1));
    cron.userId = stringOrEmpty(object.value("user_id"_L1));
    cron.endTime = instantOrInvalid(object.value("end_time"_L1));
    cron.nextRunDate = instantOrInvalid(object.value("next_run_date"_L1));
    cron.createdAt = instantOrInvalid(object.value("created_at"_L1));
    cron.updatedAt = instantOrInvalid(object.value("updated_at"_L1));
    cron.payload = object.value("payload"_L1).toObject();
    cron.metadata = object.value("metadata"_L1).toObject();
    const QJsonValue enabled = object.value("enabled"_L1);
    cron.enabled = enabled.isBool() ? enabled.toBool() : true;
    return cron;
}

std::optional<QList<Cron>> cronListFromJson(const QByteArray &body, QString *error,
                                            CronDecoding decoding)
{
    return parseCronList(body, error, decoding);
}

QJsonObject cronToJson(const Cron &cron)
{
    return QJsonObject {
        {"cron_id"_L1, cron.cronId},
        {"assistant_id"_L1, nullable(cron.assistantId)},
        {"thread_id"_L1, nullable(cron.threadId)},
        {"on_run_completed"_L1, nullable(cron.onRunCompleted)},
        {"end_time"_L1, nullable(cron.endTime)},
        {"schedule"_L1, cron.schedule},
        {"timezone"_L1, nullable(cron.timezone)},
        {"created_at"_L1, nullable(cron.createdAt)},
        {"updated_at"_L1, nullable(cron.updatedAt)},
        {"user_id"_L1, nullable(cron.userId)},
        {"payload"_L1, cron.payload.object()},
        {"next_run_date"_L1, nullable(cron.nextRunDate)},
        {"metadata"_L1, cron.metadata.object()},
        {"enabled"_L1, cron.enabled},
    };
}

} // namespace crondesk::api
