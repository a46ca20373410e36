#include "cron.h"

#include "cronlistparser.h"
#include "jsonlist.h"
#include "timestamp.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

QByteArray compactJson(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
}

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

void noteMalformed(Cron *cron, QLatin1StringView field, const QJsonValue &value,
                   const QString &problem)
{
    cron->malformed.append({field, malformedExcerpt(compactJson(value)), problem});
}

QString readText(Cron *cron, const QJsonObject &object, QLatin1StringView field)
{
    const QJsonValue value = object.value(field);
    if (!value.isString() && !isAbsent(value))
        noteMalformed(cron, field, value, malformedProblem(MalformedProblem::NotText));
    return stringOrEmpty(value);
}

QDateTime readInstant(Cron *cron, const QJsonObject &object, QLatin1StringView field)
{
    const QJsonValue value = object.value(field);
    if (isAbsent(value))
        return {};
    if (!value.isString()) {
        noteMalformed(cron, field, value, malformedProblem(MalformedProblem::NotTimestamp));
        return {};
    }
    const QDateTime instant = parseTimestamp(value.toString());
    if (!instant.isValid())
        noteMalformed(cron, field, value, malformedProblem(MalformedProblem::NotTimestamp));
    return instant;
}

QJsonObject readObject(Cron *cron, const QJsonObject &object, QLatin1StringView field)
{
    const QJsonValue value = object.value(field);
    if (!value.isObject() && !isAbsent(value))
        noteMalformed(cron, field, value, malformedProblem(MalformedProblem::NotObject));
    return value.toObject();
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

const MalformedField *Cron::malformedField(QStringView field) const
{
    for (const MalformedField &entry : malformed) {
        if (entry.field == field)
            return &entry;
    }
    return nullptr;
}

QString malformedExcerpt(QByteArrayView json)
{
    // The same text whichever decoder read it: compact when it parses, as received otherwise.
    QByteArray text = json.trimmed().toByteArray();
    if (text.size() <= 4 * MalformedField::maxReceivedLength) {
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + text + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1)
            text = compactJson(wrapped.array().first());
    }
    QString excerpt = QString::fromUtf8(text);
    if (excerpt.size() > MalformedField::maxReceivedLength)
        excerpt = excerpt.left(MalformedField::maxReceivedLength - 1) + u'…';
    return excerpt;
}

void sortMalformed(QList<MalformedField> *fields)
{
    std::stable_sort(
        fields->begin(), fields->end(),
        [](const MalformedField &a, const MalformedField &b) { return a.field < b.field; });
}

QString malformedProblem(MalformedProblem problem)
{
    switch (problem) {
    case MalformedProblem::NotText:
        return QCoreApplication::translate("Cron", "not a string");
    case MalformedProblem::NotTimestamp:
        return QCoreApplication::translate("Cron", "not a timestamp");
    case MalformedProblem::NotObject:
        return QCoreApplication::translate("Cron", "not an object");
    case MalformedProblem::NotBoolean:
        return QCoreApplication::translate("Cron", "not true or false");
    case MalformedProblem::TooDeep:
        return QCoreApplication::translate("Cron", "nested more than %1 levels deep")
            .arg(maxReadableNesting);
    case MalformedProblem::NumberOutOfRange:
        return QCoreApplication::translate("Cron", "holds a number out of range");
    }
    return {};
}

Cron::RunParameters Cron::runParameters() const
{
    const QJsonObject object = payload.isUnparsed()
        ? QJsonDocument::fromJson(payload.toCompactJson()).object()
        : payload.object();
    return {stringOrEmpty(object.value("webhook"_L1)),
            stringOrEmpty(object.value("multitask_strategy"_L1))};
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
    // In the order of the wire form (cronToJson), as the list decoder meets them from a server.
    cron.assistantId = readText(&cron, object, "assistant_id"_L1);
    cron.threadId = readText(&cron, object, "thread_id"_L1);
    cron.onRunCompleted = readText(&cron, object, "on_run_completed"_L1);
    cron.endTime = readInstant(&cron, object, "end_time"_L1);
    cron.timezone = readText(&cron, object, "timezone"_L1);
    cron.createdAt = readInstant(&cron, object, "created_at"_L1);
    cron.updatedAt = readInstant(&cron, object, "updated_at"_L1);
    cron.userId = readText(&cron, object, "user_id"_L1);
    cron.payload = readObject(&cron, object, "payload"_L1);
    cron.nextRunDate = readInstant(&cron, object, "next_run_date"_L1);
    cron.metadata = readObject(&cron, object, "metadata"_L1);
    const QJsonValue enabled = object.value("enabled"_L1);
    if (!enabled.isBool() && !isAbsent(enabled))
        noteMalformed(&cron, "enabled"_L1, enabled, malformedProblem(MalformedProblem::NotBoolean));
    cron.enabled = enabled.isBool() ? enabled.toBool() : true;
    sortMalformed(&cron.malformed);
    return cron;
}

std::optional<QList<Cron>> cronListFromJson(const QByteArray &body, QString *error,
                                            CronDecoding decoding)
{
    return parseCronList(body, error, decoding);
}

std::optional<Cron> cronFromJsonText(const QByteArray &body, QString *error)
{
    return parseCron(body, error);
}

QJsonObject cronToJson(const Cron &cron)
{
    return QJsonObject {
        {"cron_id"_L1, cron.cronId},
        {"assistant_id"_L1, nullable(cron.assistantId)},
        {"thread_id"_L1, nullable(cron.threadId)},
        {"on_run_completed"_L1, nullable(cron.onRunCompleted)},
        {"end_time"_L1, nullableInstant(cron.endTime)},
        {"schedule"_L1, cron.schedule},
        {"timezone"_L1, nullable(cron.timezone)},
        {"created_at"_L1, nullableInstant(cron.createdAt)},
        {"updated_at"_L1, nullableInstant(cron.updatedAt)},
        {"user_id"_L1, nullable(cron.userId)},
        {"payload"_L1, cron.payload.object()},
        {"next_run_date"_L1, nullableInstant(cron.nextRunDate)},
        {"metadata"_L1, cron.metadata.object()},
        {"enabled"_L1, cron.enabled},
    };
}

} // namespace crondesk::api
