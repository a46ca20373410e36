#include "cronfetcher.h"

#include "apiclient.h"

using namespace Qt::StringLiterals;

namespace crondesk::api {

CronFetcher::CronFetcher(ApiClient *client, CronSearchQuery filter, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_filter(std::move(filter))
{ }

CronFetcher::~CronFetcher()
{
    // Abort without hearing back: the answers would reach a half-destroyed object.
    for (ApiRequest *request : {m_pending.data(), m_countRequest.data()}) {
        if (request) {
            request->disconnect(this);
            request->abort();
        }
    }
}

void CronFetcher::start()
{
    CronCountQuery count;
    count.assistantId = m_filter.assistantId;
    count.threadId = m_filter.threadId;
    count.metadata = m_filter.metadata;
    // Count has no `enabled` filter, so with one it cannot give the total of what we page.
    if (!m_filter.enabled.has_value()) {
        auto *request = m_client->countCrons(count);
        m_countRequest = request;
        request->then(
            this,
            [this](qint64 total) {
                m_total = total;
                Q_EMIT progress(m_fetched, m_total);
            },
            [](const ApiError &) {
                // Progress stays indeterminate; the pages themselves are what matters.
            });
    }
    requestPage(0);
}

void CronFetcher::cancel()
{
    if (m_countRequest)
        m_countRequest->abort();
    if (m_pending)
        m_pending->abort();
}

void CronFetcher::requestPage(int offset)
{
    CronSearchQuery query = m_filter;
    query.limit = pageSize;
    query.offset = offset;
    query.sortBy = u"created_at"_s;
    query.sortOrder = u"asc"_s;
    auto *request = m_client->searchCrons(query);
    m_pending = request;
    request->then(
        this,
        [this](const CronPage &page) {
            m_fetched += page.crons.size();
            if (!page.crons.isEmpty())
                Q_EMIT pageArrived(page.crons);
            Q_EMIT progress(m_fetched, std::max(m_total, m_fetched));
            if (page.nextOffset)
                requestPage(*page.nextOffset);
            else
                finish({});
        },
        [this](const ApiError &error) { finish(error); });
}

void CronFetcher::finish(const ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_countRequest)
        m_countRequest->abort();
    if (error.isError())
        Q_EMIT failed(error);
    else
        Q_EMIT succeeded();
}

} // namespace crondesk::api
