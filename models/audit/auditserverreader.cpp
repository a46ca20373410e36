#include "auditserverreader.h"

#include "auditengine.h"

#include <models/api/apiclient.h>
#include <models/api/assistant.h>
#include <models/api/serverinfo.h>
#include <models/api/thread.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("Audit", text);
}

bool isTransportFailure(const api::ApiError &error)
{
    using Kind = api::ApiError::Kind;
    return error.kind == Kind::Network || error.kind == Kind::Tls || error.kind == Kind::Timeout
        || error.kind == Kind::BadResponse;
}

} // namespace

void AuditServerState::applyTo(AuditInput *input) const
{
    input->assistantIds = assistantIds;
    input->assistantsUnavailable = assistantsUnavailable;
    input->threadIds = threadIds;
    input->threadsUnavailable = threadsUnavailable;
    input->serverVersion = serverVersion;
}

AuditServerReader::AuditServerReader(api::ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

AuditServerReader::~AuditServerReader() = default;

void AuditServerReader::start(const QList<api::Cron> &crons)
{
    QSet<QString> threads;
    for (const api::Cron &cron : crons) {
        if (!cron.threadId.isEmpty())
            threads.insert(cron.threadId);
    }
    m_threadIds = QStringList(threads.cbegin(), threads.cend());
    m_threadIds.sort();
    m_pending = 3; // info, assistants, threads
    readInfo();
    readAssistants(0);
    readThreads();
}

void AuditServerReader::cancel()
{
    m_canceled = true;
}

void AuditServerReader::noteFailure(const api::ApiError &error)
{
    if (isTransportFailure(error) && !m_state.transportError)
        m_state.transportError = error;
}

void AuditServerReader::partDone()
{
    if (--m_pending > 0 || m_canceled)
        return;
    Q_EMIT finished(m_state);
}

void AuditServerReader::readInfo()
{
    m_client->info()->then(
        this,
        [this](const api::ServerInfo &info) {
            m_state.serverVersion = info.version;
            partDone();
        },
        [this](const api::ApiError &error) {
            // The version only labels the report; its absence is no reason to stop.
            noteFailure(error);
            partDone();
        });
}

void AuditServerReader::readAssistants(int offset)
{
    api::AssistantSearchQuery query;
    query.limit = assistantPageSize;
    query.offset = offset;
    query.sortBy = u"assistant_id"_s;
    query.sortOrder = u"asc"_s;
    query.select = {u"assistant_id"_s};
    m_client->searchAssistants(query)->then(
        this,
        [this, offset](const QList<api::Assistant> &page) {
            for (const api::Assistant &assistant : page)
                m_assistants.insert(assistant.assistantId);
            if (page.size() == assistantPageSize) {
                if (offset / assistantPageSize + 1 < maxAssistantPages) {
                    readAssistants(offset + assistantPageSize);
                    return;
                }
                m_state.assistantsUnavailable
                    = translate("The deployment has more than %1 assistants; they were not all "
                                "read.")
                          .arg(maxAssistantPages * assistantPageSize);
                partDone();
                return;
            }
            m_state.assistantIds = m_assistants;
            partDone();
        },
        [this](const api::ApiError &error) {
            noteFailure(error);
            m_state.assistantsUnavailable
                = translate("The assistants could not be read: %1").arg(error.toString());
            partDone();
        });
}

void AuditServerReader::readThreads()
{
    // Each answer starts the next search, keeping a few in flight.
    while (m_threadSearches < maxThreadSearchesInFlight && m_nextThread < m_threadIds.size()
           && m_state.threadsUnavailable.isEmpty()) {
        api::ThreadSearchQuery query;
        query.ids = m_threadIds.mid(m_nextThread, threadBatchSize);
        query.limit = int(query.ids.size());
        query.select = {u"thread_id"_s};
        m_nextThread += query.ids.size();
        ++m_threadSearches;
        m_client->searchThreads(query)->then(
            this,
            [this](const QList<api::Thread> &threads) {
                --m_threadSearches;
                for (const api::Thread &thread : threads)
                    m_threads.insert(thread.threadId);
                readThreads();
            },
            [this](const api::ApiError &error) {
                --m_threadSearches;
                noteFailure(error);
                if (m_state.threadsUnavailable.isEmpty())
                    m_state.threadsUnavailable
                        = translate("The threads could not be read: %1").arg(error.toString());
                readThreads();
            });
    }
    if (m_threadSearches > 0)
        return;
    if (m_state.threadsUnavailable.isEmpty())
        m_state.threadIds = m_threads;
    partDone();
}

} // namespace crondesk::models
