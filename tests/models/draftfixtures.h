#pragma once

// Drafts and crons the editor's tests share (tst_crondraft, tst_cronmapping).
#include <models/api/cron.h>
#include <models/editor/crondraft.h>
#include <models/editor/cronvalidation.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace crondesk::tests {

using models::CronDraft;
using models::ValidationContext;
using namespace Qt::StringLiterals;

inline const QString ThreadId = u"5b4a7f3c-1d2e-4f60-8a9b-0c1d2e3f4a5b"_s;

inline CronDraft validStateless()
{
    CronDraft draft;
    draft.assistant = u"agent"_s;
    draft.schedule = u"0 9 * * 1-5"_s;
    return draft;
}

inline CronDraft validThread()
{
    CronDraft draft = validStateless();
    draft.target = CronDraft::Target::Thread;
    draft.threadId = ThreadId;
    return draft;
}

inline CronDraft with(CronDraft draft, const std::function<void(CronDraft &)> &change)
{
    change(draft);
    return draft;
}

inline ValidationContext editOf(const CronDraft &original)
{
    ValidationContext context;
    context.mode = ValidationContext::Mode::Edit;
    context.original = original;
    return context;
}

inline QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// A cron as the server stores it, with every run parameter in the payload.
inline api::Cron storedThreadCron()
{
    api::Cron cron;
    cron.cronId = u"1ef3cefa-4c09-6926-96d0-3dc97fd5e39b"_s;
    cron.assistantId = u"fe096781-5601-53d2-b2f6-0d3403f7e9ca"_s;
    cron.threadId = ThreadId;
    cron.schedule = u"30 6 * * *"_s;
    cron.timezone = u"America/New_York"_s;
    cron.endTime = QDateTime(QDate(2027, 1, 1), QTime(5, 0), Qt::UTC); // midnight in New York
    cron.enabled = false;
    cron.metadata = parse("{\"owner\":\"ops\",\"crondesk_request_id\":\"k1\"}");
    cron.payload = parse("{\"assistant_id\":\"fe096781-5601-53d2-b2f6-0d3403f7e9ca\","
                         "\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]},"
                         "\"config\":{\"configurable\":{\"model_name\":\"openai\"}},"
                         "\"context\":{\"user_id\":\"u1\"},"
                         "\"metadata\":{\"owner\":\"ops\"},"
                         "\"webhook\":\"https://hooks.example.com/cron\","
                         "\"interrupt_before\":\"*\",\"interrupt_after\":[\"tools\"],"
                         "\"multitask_strategy\":\"reject\",\"stream_mode\":\"updates\","
                         "\"stream_subgraphs\":true,\"stream_resumable\":true,"
                         "\"durability\":\"sync\"}");
    return cron;
}

// JSON written with single quotes, to keep fixtures readable without escapes.
inline QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json).replace('\'', '"')).object();
}

} // namespace crondesk::tests
