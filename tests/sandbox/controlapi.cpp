#include "controlapi.h"

#include "clock.h"
#include "faults.h"
#include "requestlog.h"
#include "router.h"
#include "scheduler.h"
#include "store.h"
#include "timestamps.h"
#include "uuids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

QJsonObject parseObject(const QByteArray &body, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

QJsonObject describe(const RecordedRequest &request)
{
    QJsonObject headers;
    for (const auto &[name, value] : request.headers) {
        // The log may be read by whoever can reach the endpoint: never hand out the key.
        const bool secret = name.compare("x-api-key", Qt::CaseInsensitive) == 0
            || name.compare("authorization", Qt::CaseInsensitive) == 0;
        headers.insert(QString::fromLatin1(name).toLower(),
                       secret ? u"<redacted>"_s : QString::fromUtf8(value));
    }
    return {{u"method"_s, QString::fromLatin1(request.method)},
            {u"path"_s, request.path},
            {u"query"_s, QString::fromUtf8(request.query)},
            {u"headers"_s, headers},
            {u"body"_s, QString::fromUtf8(request.body)},
            {u"received_at"_s, formatTimestamp(request.receivedAt)}};
}

} // namespace

ControlApi::ControlApi(FaultInjector &faults, RequestLog &log, Clock &clock, Scheduler &scheduler,
                       Store &store)
    : m_faults(faults)
    , m_log(log)
    , m_clock(clock)
    , m_scheduler(scheduler)
    , m_store(store)
{ }

bool ControlApi::isControlPath(const QString &path)
{
    return path == u"/_sandbox" || path.startsWith(u"/_sandbox/");
}

void ControlApi::registerRoutes(Router &router)
{
    router.add("GET", u"/_sandbox/faults"_s, [this](const ApiRequest &) {
        QJsonArray rules;
        for (const FaultRule &rule : m_faults.rules())
            rules.append(rule.toJson());
        return HttpResponse::json(rules);
    });
    router.add("POST", u"/_sandbox/faults"_s, [this](const ApiRequest &request) {
        bool ok = false;
        const QJsonObject body = parseObject(request.raw.body, &ok);
        if (!ok)
            return HttpResponse::error(422, u"Expected a fault rule object"_s);
        QString error;
        const auto rule = FaultRule::fromJson(body, &error);
        if (!rule)
            return HttpResponse::error(422, error);
        return HttpResponse::json(QJsonObject {{u"id"_s, m_faults.add(*rule)}});
    });
    router.add("DELETE", u"/_sandbox/faults"_s, [this](const ApiRequest &) {
        m_faults.clear();
        return HttpResponse::noContent();
    });
    router.add("DELETE", u"/_sandbox/faults/{id}"_s, [this](const ApiRequest &request) {
        if (!m_faults.remove(request.pathParameters.at(0)))
            return HttpResponse::error(404, u"No such fault"_s);
        return HttpResponse::noContent();
    });

    router.add("GET", u"/_sandbox/requests"_s, [this](const ApiRequest &) {
        QJsonArray entries;
        for (const RecordedRequest &request : m_log.entries())
            entries.append(describe(request));
        return HttpResponse::json(entries);
    });
    router.add("DELETE", u"/_sandbox/requests"_s, [this](const ApiRequest &) {
        m_log.clear();
        return HttpResponse::noContent();
    });

    router.add("GET", u"/_sandbox/clock"_s, [this](const ApiRequest &) {
        return HttpResponse::json(
            QJsonObject {{u"now"_s, formatTimestamp(m_clock.now())},
                         {u"manual"_s, qobject_cast<ManualClock *>(&m_clock) != nullptr}});
    });
    router.add("POST", u"/_sandbox/clock"_s, [this](const ApiRequest &request) {
        auto *manual = qobject_cast<ManualClock *>(&m_clock);
        if (!manual)
            return HttpResponse::error(409,
                                       u"The clock is the system clock; start the sandbox "
                                       "with --fake-clock to control it"_s);
        bool ok = false;
        const QJsonObject body = parseObject(request.raw.body, &ok);
        if (!ok)
            return HttpResponse::error(
                422, u"Expected {\"advance_seconds\": n} or {\"now\": \"...\"}"_s);
        if (body.contains("now"_L1)) {
            const auto now = parseTimestamp(body.value("now"_L1).toString());
            if (!now)
                return HttpResponse::error(422, u"'now' must be an RFC 3339 date-time"_s);
            manual->setNow(*now);
        } else if (body.value("advance_seconds"_L1).isDouble()) {
            manual->advance(std::chrono::milliseconds(
                qint64(body.value("advance_seconds"_L1).toDouble() * 1000)));
        } else {
            return HttpResponse::error(
                422, u"Expected {\"advance_seconds\": n} or {\"now\": \"...\"}"_s);
        }
        return HttpResponse::json(
            QJsonObject {{u"now"_s, formatTimestamp(m_clock.now())}, {u"manual"_s, true}});
    });

    router.add("POST", u"/_sandbox/scheduler/tick"_s, [this](const ApiRequest &) {
        return HttpResponse::json(QJsonObject {{u"fired"_s, m_scheduler.tick()}});
    });

    // Overwrites top-level keys of a stored cron exactly as given, without any of the API's
    // validation: how a test or a demo gets the data an older or more lenient server may have
    // stored ({"timezone": "Berl"}, a stale next_run_date). The identity keys stay as they are.
    router.add("PATCH", u"/_sandbox/crons/{cron_id}"_s, [this](const ApiRequest &request) {
        const QString cronId = canonicalUuid(request.pathParameters.at(0));
        const CronRecord *existing = cronId.isNull() ? nullptr : m_store.cron(cronId);
        if (!existing)
            return HttpResponse::error(404,
                                       u"Cron %1 not found"_s.arg(request.pathParameters.at(0)));
        bool ok = false;
        const QJsonObject body = parseObject(request.raw.body, &ok);
        if (!ok)
            return HttpResponse::error(422, u"Expected an object of cron fields"_s);
        for (const auto key : {"cron_id"_L1, "assistant_id"_L1, "thread_id"_L1}) {
            if (body.contains(key))
                return HttpResponse::error(422, u"%1 cannot be changed"_s.arg(key));
        }
        QJsonObject cron = existing->json;
        for (auto it = body.begin(); it != body.end(); ++it)
            cron.insert(it.key(), it.value());
        if (!m_store.putCron(cron))
            return HttpResponse::error(500, u"Failed to store the cron"_s);
        return HttpResponse::json(cron);
    });
}

} // namespace crondesk::sandbox
