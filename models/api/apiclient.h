#pragma once

#include <models/api/apirequest.h>
#include <models/api/assistant.h>
#include <models/api/cron.h>
#include <models/api/cronsearch.h>
#include <models/api/cronwrite.h>
#include <models/api/requestfactory.h>
#include <models/api/runcreate.h>
#include <models/api/serverinfo.h>
#include <models/api/thread.h>

#include <QJsonObject>
#include <QObject>

class QNetworkAccessManager;

namespace crondesk::api {

class ApiNetworkManager;
class CronCreator;
class CronUpdater;

using CronRequest = ApiResultRequest<Cron>;
using CronPageRequest = ApiResultRequest<CronPage>;
using CountRequest = ApiResultRequest<qint64>;
using EmptyRequest = ApiResultRequest<Empty>;
using JsonObjectRequest = ApiResultRequest<QJsonObject>;
using ServerInfoRequest = ApiResultRequest<ServerInfo>;
using AssistantRequest = ApiResultRequest<Assistant>;
using AssistantListRequest = ApiResultRequest<QList<Assistant>>;
using AssistantGraphRequest = ApiResultRequest<AssistantGraph>;
using AssistantSchemasRequest = ApiResultRequest<AssistantSchemas>;
using ThreadRequest = ApiResultRequest<Thread>;
using ThreadListRequest = ApiResultRequest<QList<Thread>>;
using RunListRequest = ApiResultRequest<QList<Run>>;
using RunRequest = ApiResultRequest<Run>;

// The typed face of one Agent Server deployment. Each call returns a request object that sends
// itself once control returns to the event loop, delivers its result through signals (or
// then(context, ...)) and deletes itself (see ApiRequest). Ids in paths are percent-encoded as one
// segment each. Reads are retried on transient failures (RetryPolicy::idempotent), deletes too
// (a 404 on a retry means done); creates and updates are sent exactly once.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    explicit ApiClient(QObject *parent = nullptr);
    explicit ApiClient(const RequestFactory &factory, QObject *parent = nullptr);
    ~ApiClient() override;

    const RequestFactory &requestFactory() const { return m_factory; }
    // Later calls use the new settings; open connections are dropped, since they were made with
    // the old TLS settings (Qt keys its connection cache by host and port only).
    void setRequestFactory(const RequestFactory &factory);
    QUrl baseUrl() const { return m_factory.baseUrl(); }

    QNetworkAccessManager *networkAccessManager() const;

    // What the server supports, when a CapabilityProbe or the caller has said; by default
    // everything (an unknown server is assumed current). Consulted by CronCreator and CronFetcher.
    const ServerCapabilities &capabilities() const { return m_capabilities; }
    void setCapabilities(const ServerCapabilities &capabilities) { m_capabilities = capabilities; }
    // GET /info, then a cron probe; also stores the result with setCapabilities() on success.
    CapabilityProbe *probeCapabilities();

    // --- Meta ---
    // GET /ok: {"ok": true}.
    JsonObjectRequest *ok();
    // GET /info: version and flags.
    ServerInfoRequest *info();

    // --- Crons ---
    // POST /runs/crons: a stateless cron. Sent exactly once; see CronCreator for creates that can
    // tell after a lost answer whether the cron was made.
    CronRequest *createCron(const CronCreate &cron);
    // POST /threads/{thread_id}/runs/crons: a cron bound to one thread (on_run_completed is not
    // sent: thread crons have none).
    CronRequest *createThreadCron(const QString &threadId, const CronCreate &cron);
    // Create with a correlation key in the metadata, sent exactly once, and after an ambiguous
    // failure a search by that key to tell "created" from "not created" (see CronCreator).
    // An empty threadId makes a stateless cron.
    CronCreator *createCronOnce(const CronCreate &cron, const QString &threadId = {});
    // GET /runs/crons/{cron_id} (server 0.10+; older servers answer 405).
    CronRequest *getCron(const QString &cronId);
    // PATCH /runs/crons/{cron_id}: only the fields set in `patch`. An empty patch fails as
    // BadRequest without being sent (the server would refuse it with 400 anyway).
    CronRequest *updateCron(const QString &cronId, const CronPatch &patch);
    // The same PATCH, and after a lost or failed answer a read of the cron to tell "applied"
    // from "not applied" (see CronUpdater).
    CronUpdater *updateCronChecked(const QString &cronId, const CronPatch &patch);
    // DELETE /runs/crons/{cron_id}: 204 (or 200). A 404 on a retry after a lost answer is success.
    EmptyRequest *deleteCron(const QString &cronId);
    // POST /runs/crons/search: one page.
    CronPageRequest *searchCrons(const CronSearchQuery &query);
    // POST /runs/crons/count: a bare integer.
    CountRequest *countCrons(const CronCountQuery &query);

    // --- Assistants ---
    // POST /assistants/search: one page of assistants (at most AssistantSearchQuery::maxLimit).
    AssistantListRequest *searchAssistants(const AssistantSearchQuery &query);
    // GET /assistants/{assistant_id}.
    AssistantRequest *getAssistant(const QString &assistantId);
    // GET /assistants/{assistant_id or graph_id}/graph[?xray=true].
    AssistantGraphRequest *getAssistantGraph(const QString &assistantIdOrGraph, bool xray = false);
    // GET /assistants/{assistant_id}/schemas.
    AssistantSchemasRequest *getAssistantSchemas(const QString &assistantId);

    // --- Threads ---
    // POST /threads: a new thread with the given metadata.
    ThreadRequest *createThread(const QJsonObject &metadata = {});
    // POST /threads/search: one page.
    ThreadListRequest *searchThreads(const ThreadSearchQuery &query);
    // GET /threads/{thread_id}.
    ThreadRequest *getThread(const QString &threadId);
    // GET /threads/{thread_id}/runs?limit=&offset=: newest first.
    RunListRequest *listThreadRuns(const QString &threadId, int limit = 10, int offset = 0);
    // The same, only the runs with this status (pending, running, error, success, timeout,
    // interrupted); an empty status lists all.
    RunListRequest *listThreadRuns(const QString &threadId, const QString &status, int limit,
                                   int offset);

    // --- Runs ---
    // GET /threads/{thread_id}/runs/{run_id}.
    RunRequest *getThreadRun(const QString &threadId, const QString &runId);
    // GET /threads/{thread_id}/runs/{run_id}/join: what a run came to. For a run that ended in
    // error the server answers {"__error__": {"error": type, "message": text}} (the Run object
    // has no error field); otherwise the thread's values. The server waits for an active run to
    // end, so ask only about runs that have ended.
    JsonObjectRequest *joinThreadRun(const QString &threadId, const QString &runId);
    // POST /threads/{thread_id}/runs: a background run on the thread, answered at once (pending).
    // The thread's active runs meet `run.multitaskStrategy` (a 409 Conflict for reject). Sent
    // exactly once: a repeat could start a second run.
    RunRequest *createThreadRun(const QString &threadId, const RunCreate &run);
    // POST /runs: a stateless background run on a temporary thread (on_completion decides whether
    // it stays). Sent exactly once.
    RunRequest *createStatelessRun(const RunCreate &run);
    // POST /threads/{thread_id}/runs/{run_id}/cancel?action=&wait=. Safe to repeat: cancelling a
    // run that has ended changes nothing.
    EmptyRequest *cancelThreadRun(const QString &threadId, const QString &runId,
                                  CancelAction action = CancelAction::Interrupt, bool wait = false);

private:
    template<typename T>
    ApiResultRequest<T> *send(const QByteArray &verb, const QStringList &path,
                              const QJsonObject *body, RetryPolicy retry,
                              typename ApiResultRequest<T>::Decoder decoder,
                              const QUrlQuery &query = {});
    CronRequest *postCron(const QStringList &path, const QJsonObject &body);
    RunRequest *postRun(const QStringList &path, const QJsonObject &body);
    // Fails `request` before sending when the factory is read-only (RequestFactory::setReadOnly).
    void refuseIfReadOnly(ApiRequest *request) const;

    ApiNetworkManager *m_manager;
    RequestFactory m_factory;
    ServerCapabilities m_capabilities;
};

} // namespace crondesk::api
