#include "croneditorlookups.h"

#include <models/api/apiclient.h>
#include <models/common/displayformat.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

CronEditorLookups::CronEditorLookups(api::ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

CronEditorLookups::~CronEditorLookups() = default;

QUrl CronEditorLookups::serverUrl() const
{
    return m_client->baseUrl();
}

void CronEditorLookups::loadAssistants()
{
    api::AssistantSearchQuery query;
    query.limit = 1000;
    query.sortBy = u"name"_s;
    query.sortOrder = u"asc"_s;
    m_client->searchAssistants(query)->then(
        this,
        [this](const QList<api::Assistant> &assistants) { Q_EMIT assistantsLoaded(assistants); },
        [this](const api::ApiError &error) { Q_EMIT assistantsFailed(error); });
}

void CronEditorLookups::loadRecentThreads()
{
    api::ThreadSearchQuery query;
    query.limit = 50;
    query.sortBy = u"updated_at"_s;
    query.sortOrder = u"desc"_s;
    m_client->searchThreads(query)->then(
        this, [this](const QList<api::Thread> &threads) { Q_EMIT threadsLoaded(threads); },
        [this](const api::ApiError &error) { Q_EMIT threadsFailed(error); });
}

void CronEditorLookups::checkThread(const QString &threadId)
{
    m_threadChecked = threadId;
    m_client->getThread(threadId)->then(
        this,
        [this, threadId](const api::Thread &thread) {
            if (threadId != m_threadChecked)
                return;
            const QString updated = thread.updatedAt.isValid()
                ? relativeTime(thread.updatedAt, QDateTime::currentDateTimeUtc())
                : QString();
            QString detail = thread.status;
            if (!updated.isEmpty())
                detail += u", "_s
                    + QCoreApplication::translate("CronEditorLookups", "updated %1").arg(updated);
            Q_EMIT threadChecked(threadId, true, detail);
        },
        [this, threadId](const api::ApiError &error) {
            if (threadId != m_threadChecked)
                return;
            // Only a 404 says "no such thread"; anything else says nothing about it.
            Q_EMIT threadChecked(threadId, error.kind != api::ApiError::Kind::NotFound,
                                 error.toString());
        });
}

void CronEditorLookups::loadAssistantDetails(const QString &assistant)
{
    if (assistant == m_detailsFor)
        return;
    m_detailsFor = assistant;
    for (const auto &pending : {m_graphRequest, m_schemasRequest}) {
        if (pending)
            pending->abort();
    }
    if (assistant.trimmed().isEmpty())
        return;
    // The graph endpoint takes an id or a graph name; schemas want the id, which for a graph
    // name is its system assistant's.
    const QString id = api::isUuid(assistant) ? assistant : api::systemAssistantId(assistant);
    auto *graph = m_client->getAssistantGraph(assistant);
    m_graphRequest = graph;
    graph->then(
        this,
        [this, assistant](const api::AssistantGraph &result) {
            if (assistant == m_detailsFor)
                Q_EMIT graphLoaded(assistant, result.interruptibleNodeIds());
        },
        [this, assistant](const api::ApiError &error) {
            if (assistant == m_detailsFor && error.kind != api::ApiError::Kind::Canceled)
                Q_EMIT detailsFailed(assistant, error);
        });
    auto *schemas = m_client->getAssistantSchemas(id);
    m_schemasRequest = schemas;
    schemas->then(
        this,
        [this, assistant](const api::AssistantSchemas &result) {
            if (assistant == m_detailsFor)
                Q_EMIT schemasLoaded(assistant, result);
        },
        [](const api::ApiError &) {
            // The graph's answer reports an unknown assistant; schemas are only a nicety.
        });
}

} // namespace crondesk::models
