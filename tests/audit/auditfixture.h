#pragma once

// A deployment with a finding of every rule but last-run-failed, for the report and view tests.
#include <models/api/cron.h>
#include <models/audit/auditengine.h>
#include <models/schedule/cronexpression.h>

#include <QJsonObject>
#include <QTimeZone>

namespace crondesk::audittest {

using namespace Qt::StringLiterals;

inline const QDateTime &fixtureNow()
{
    // One week before New York's spring-forward day.
    static const QDateTime now(QDate(2026, 3, 1), QTime(10, 0), QTimeZone::utc());
    return now;
}

inline api::Cron fixtureCron(int index, const QString &schedule, const QString &zone = u"UTC"_s)
{
    api::Cron cron;
    cron.cronId = u"00000000-0000-4000-8000-%1"_s.arg(index, 12, 10, QChar(u'0'));
    cron.assistantId = u"a0000000-0000-4000-8000-000000000001"_s;
    cron.schedule = schedule;
    cron.timezone = zone;
    cron.onRunCompleted = u"delete"_s;
    cron.createdAt = fixtureNow().addDays(-30).addSecs(index);
    cron.updatedAt = cron.createdAt;
    cron.endTime = fixtureNow().addDays(365);
    cron.metadata = QJsonObject {{u"owner"_s, u"ops"_s}};
    cron.payload = QJsonObject {{u"input"_s, QJsonObject {{u"n"_s, index}}}};
    const auto expression = schedule::CronExpression::parse(schedule);
    if (const auto zoneValue = schedule::resolveZone(zone); expression.isValid() && zoneValue)
        cron.nextRunDate = expression.next(fixtureNow(), *zoneValue).value_or(QDateTime());
    return cron;
}

inline models::AuditInput fixtureInput()
{
    QList<api::Cron> crons;
    int i = 1;
    crons.append(fixtureCron(i++, u"0 0 * * W"_s));
    crons.append(fixtureCron(i++, u"0 9 * * *"_s, u"Berl"_s));
    crons.append(fixtureCron(i++, u"0 0 30 2 *"_s));
    const std::optional<api::Cron> malformed = api::cronFromJsonText(
        QByteArray(R"({"cron_id": "00000000-0000-4000-8000-0000000000aa", "schedule": "20 6 * * *",
            "timezone": "UTC", "next_run_date": "soon, probably",
            "end_time": "2027-03-01T00:00:00Z", "metadata": {"owner": "ops"},
            "on_run_completed": "delete",
            "assistant_id": "a0000000-0000-4000-8000-000000000001"})"));
    crons.append(*malformed);
    api::Cron overdue = fixtureCron(i++, u"0 * * * *"_s);
    overdue.nextRunDate = fixtureNow().addSecs(-3600);
    crons.append(overdue);
    api::Cron drift = fixtureCron(i++, u"0 13 * * *"_s);
    drift.nextRunDate = drift.nextRunDate.addSecs(1800);
    crons.append(drift);
    api::Cron ended = fixtureCron(i++, u"0 5 * * *"_s);
    ended.endTime = fixtureNow().addDays(-3);
    crons.append(ended);
    api::Cron paused = fixtureCron(i++, u"30 8 * * 1-5"_s);
    paused.enabled = false;
    crons.append(paused);
    crons.append(fixtureCron(i++, u"*/2 * * * *"_s));
    crons.append(fixtureCron(i++, u"30 2 * * *"_s, u"America/New_York"_s));
    api::Cron original = fixtureCron(i++, u"45 7 * * *"_s);
    original.payload
        = QJsonObject {{u"input"_s, QJsonObject {{u"task"_s, u"<digest> & \"more\""_s}}}};
    api::Cron copy = original;
    copy.cronId = fixtureCron(i++, u"45 7 * * *"_s).cronId;
    copy.createdAt = original.createdAt.addSecs(60);
    crons += {original, copy};
    api::Cron keep = fixtureCron(i++, u"40 3 * * *"_s);
    keep.onRunCompleted = u"keep"_s;
    crons.append(keep);
    api::Cron hook = fixtureCron(i++, u"50 3 * * *"_s);
    hook.payload = QJsonObject {{u"webhook"_s, u"http://10.1.2.3/hook?token=secret"_s}};
    crons.append(hook);
    api::Cron anonymous = fixtureCron(i++, u"55 3 * * *"_s);
    anonymous.metadata = QJsonObject();
    crons.append(anonymous);
    api::Cron endless = fixtureCron(i++, u"5 4 * * *"_s);
    endless.endTime = QDateTime();
    crons.append(endless);
    for (int b = 0; b < 12; ++b)
        crons.append(fixtureCron(i++, u"7 4 * * *"_s));
    api::Cron orphan = fixtureCron(i++, u"25 4 * * *"_s);
    orphan.assistantId = u"a0000000-0000-4000-8000-0000000000ff"_s;
    crons.append(orphan);
    api::Cron lost = fixtureCron(i++, u"35 4 * * *"_s);
    lost.threadId = u"70000000-0000-4000-8000-0000000000ff"_s;
    lost.onRunCompleted.clear();
    crons.append(lost);

    models::AuditInput input;
    input.now = fixtureNow();
    input.serverUrl = u"https://ops.example.com"_s;
    input.serverVersion = u"0.12.0"_s;
    input.assistantIds = QSet<QString> {u"a0000000-0000-4000-8000-000000000001"_s};
    input.threadIds = QSet<QString>();
    for (const api::Cron &cron : std::as_const(crons))
        input.crons.append({cron, fixtureNow()});
    return input;
}

inline models::AuditPolicy fixturePolicy()
{
    models::AuditPolicy policy;
    policy.requiredMetadata = {u"owner"_s};
    policy.settings(models::AuditRule::NoEndTime).enabled = true;
    policy.acknowledgements.append(
        {models::AuditRule::Paused, QString(), u"Seasonal."_s, fixtureNow().addDays(30)});
    return policy;
}

inline models::AuditResult fixtureResult()
{
    return models::runAudit(fixtureInput(), fixturePolicy());
}

} // namespace crondesk::audittest
