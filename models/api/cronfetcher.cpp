#include "cronfetcher.h"

#include "apiclient.h"
#include "logging.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace crondesk::api {

namespace {

// How often the same page, and the whole fetch, may be read again before giving up: a deployment
// that changes this fast cannot be listed consistently by offset paging.
constexpr int maxRereadsPerPage = 6;
constexpr int minRereadBudget = 16;

qint64 offsetOf(int index)
{
    return qint64(index) * CronFetcher::pageStride;
}

// The last page needed to see `rows` rows: offsets below `rows` (a server's number: kept in range).
int lastPageFor(qint64 rows)
{
    constexpr qint64 maxPage = std::numeric_limits<int>::max() / 2;
    return rows <= 0 ? 0 : int(std::min(maxPage, (rows - 1) / CronFetcher::pageStride));
}

// How many crons past the count a fetch accepts before it calls the paging runaway: crons made
// while it runs, a tenth of the count, at least a page.
qint64 countMargin(qint64 total)
{
    return std::max<qint64>(CronFetcher::pageSize, total / 10);
}

} // namespace

CronFetcher::CronFetcher(ApiClient *client, CronSearchQuery filter, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_filter(std::move(filter))
{
    // Every row must carry its id: the overlap check and de-duplication need it.
    if (!m_filter.select.isEmpty() && !m_filter.select.contains(u"cron_id"_s))
        m_filter.select.append(u"cron_id"_s);
}

CronFetcher::~CronFetcher()
{
    // Abort without hearing back: the answers would reach a half-destroyed object.
    m_done = true;
    for (const QPointer<ApiRequest> &request : std::as_const(m_requests)) {
        if (request) {
            request->disconnect(this);
            request->abort();
        }
    }
    if (m_countRequest) {
        m_countRequest->disconnect(this);
        m_countRequest->abort();
    }
}

void CronFetcher::start()
{
    if (m_started)
        return;
    m_started = true;
    // Count has no `enabled` filter, so with one it cannot give the total of what we page.
    if (!m_filter.enabled.has_value() && m_client->capabilities().supportsCount) {
        CronCountQuery count;
        count.assistantId = m_filter.assistantId;
        count.threadId = m_filter.threadId;
        count.metadata = m_filter.metadata;
        auto *request = m_client->countCrons(count);
        m_countRequest = request;
        request->then(
            this,
            [this](qint64 total) {
                // A number from the server: it sizes nothing and plans only a few pages ahead.
                m_total = total;
                m_delivered.reserve(std::min(total, m_maxRows >= 0 ? m_maxRows : m_maxTotal));
                int last = lastPageFor(total);
                if (m_maxRows >= 0)
                    last = std::min(last, lastPageFor(m_maxRows));
                m_countedLast = last;
                planAhead();
                pumpQueue();
                Q_EMIT progress(m_fetched, std::max(m_total, m_fetched));
            },
            [](const ApiError &error) {
                // Progress stays indeterminate and pages are requested as earlier ones fill up;
                // the pages themselves are what matters.
                qCInfo(lcApi) << "cron count failed, paging without a total:" << error.toString();
            });
    }
    planUpTo(0);
    pumpQueue();
}

void CronFetcher::cancel()
{
    if (m_done)
        return;
    ApiError error;
    error.kind = ApiError::Kind::Canceled;
    error.message = tr("Canceled by the user");
    finish(error);
}

int CronFetcher::lowestTerminalPage() const
{
    int lowest = std::numeric_limits<int>::max();
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it.key() < lowest && isTerminal(it.key()))
            lowest = it.key();
    }
    return lowest;
}

void CronFetcher::planUpTo(int index)
{
    // Nothing past a page already read as the last: later pages answered first (empty, when a
    // count promised more than there is) must not keep moving the plan ahead while page 0 is
    // still on its way.
    index = std::min(index, lowestTerminalPage());
    // Planned pages stay wanted until read (a failure ends the fetch), so only new ones are added.
    for (int i = m_plannedUpTo + 1; i <= index; ++i) {
        Page &page = m_pages[i];
        if (page.readSequence < 0 && !page.wanted) {
            page.wanted = true;
            m_queue.append(i);
        }
    }
    m_plannedUpTo = std::max(m_plannedUpTo, index);
    std::sort(m_queue.begin(), m_queue.end());
}

void CronFetcher::planAhead()
{
    if (m_countedLast < 0)
        return;
    // Enough to keep every connection busy while the earlier pages are decoded.
    planUpTo(std::min(m_countedLast, std::max(m_highestRead, 0) + 2 * m_maxInFlight));
}

void CronFetcher::pumpQueue()
{
    while (!m_done && m_busyConnections < m_maxInFlight && !m_queue.isEmpty())
        requestPage(m_queue.takeFirst());
}

void CronFetcher::requestPage(int index)
{
    CronSearchQuery query = m_filter;
    query.limit = pageSize;
    query.offset = int(offsetOf(index));
    // Oldest first: created_at never changes, so updates cannot move a cron between pages, and
    // new crons land at the end.
    query.sortBy = u"created_at"_s;
    query.sortOrder = u"asc"_s;
    Page &page = m_pages[index];
    page.inFlight = true;
    ++m_pagesRequested;
    CronPageRequest *request = m_client->searchCrons(query);
    // A page of 1,000 takes milliseconds to decode: off this thread, so that the GUI and the
    // network's deliveries of the other pages in flight go on meanwhile.
    request->setDecodeInBackground(true);
    m_requests.insert(index, request);
    ++m_busyConnections;
    auto freeConnection = std::make_shared<bool>(false);
    auto release = [this, freeConnection] {
        if (!std::exchange(*freeConnection, true)) {
            --m_busyConnections;
            pumpQueue();
        }
    };
    // The next request goes out as soon as this answer is in, not after it is decoded.
    connect(request, &ApiRequest::answered, this, release);
    connect(request, &ApiRequest::finished, this, release);
    // The page is ours alone: move it out rather than copy 1,000 crons.
    connect(request, &ApiRequest::succeeded, this,
            [this, index, request] { onPage(index, request->takeResult().crons); });
    connect(request, &ApiRequest::failed, this, [this](const ApiError &error) { finish(error); });
}

void CronFetcher::onPage(int index, QList<Cron> crons)
{
    if (m_done)
        return;
    m_requests.remove(index);
    Page &page = m_pages[index];
    const bool firstRead = page.readSequence < 0;
    page.inFlight = false;
    page.wanted = false;
    page.readSequence = ++m_readSequence;
    page.ids.clear();
    page.ids.reserve(crons.size());
    page.lastCreatedAt = crons.isEmpty() ? QDateTime() : crons.constLast().createdAt;

    // The crons not delivered before, kept in place: usually that is all of them, and the page
    // goes on as it came instead of being moved into a second list of fresh memory.
    constexpr qsizetype lookAhead = 8;
    qsizetype fresh = 0;
    for (qsizetype i = 0; i < crons.size(); ++i) {
        if (i + lookAhead < crons.size())
            m_delivered.prefetch(crons.at(i + lookAhead).cronId);
        Cron &cron = crons[i];
        page.ids.append(cron.cronId);
        if (!markDelivered(cron.cronId))
            continue;
        if (fresh != i)
            crons[fresh] = std::move(cron);
        ++fresh;
    }
    crons.resize(fresh);
    m_highestRead = std::max(m_highestRead, index);
    if (pagingRunsAway(index, firstRead, fresh))
        return;
    m_fetched += fresh;
    if (fresh > 0)
        Q_EMIT pageArrived(crons);
    if (m_done) // a receiver may have canceled
        return;
    Q_EMIT progress(m_fetched, std::max(m_total, m_fetched));
    if (m_done)
        return;

    if (!isTerminal(index)) {
        // A full page: there may be more. Without a total, keep the pipeline full.
        planUpTo(m_total < 0 ? index + m_maxInFlight : index + 1);
    }
    planAhead();
    if (index > 0)
        checkBoundary(index - 1);
    checkBoundary(index);
    if (m_done)
        return;
    announceDelivered();
    if (m_done)
        return;
    pumpQueue();
    maybeFinish();
}

void CronFetcher::announceDelivered()
{
    // Pages 0..p read, each overlapping the next: every cron before page p's last was in one.
    QDateTime before;
    for (int index = 0;; ++index) {
        const auto it = m_pages.constFind(index);
        if (it == m_pages.cend() || it->readSequence < 0)
            break;
        if (index > 0 && !boundaryHolds(index - 1))
            break;
        before = it->lastCreatedAt;
        if (isTerminal(index))
            break;
    }
    if (!before.isValid() || (m_deliveredBefore.isValid() && before <= m_deliveredBefore))
        return;
    m_deliveredBefore = before;
    Q_EMIT deliveredBefore(before);
}

bool CronFetcher::pagingRunsAway(int index, bool firstRead, qsizetype fresh)
{
    const Page &page = m_pages[index];
    ApiError error;
    error.kind = ApiError::Kind::BadResponse;
    if (firstRead && index > 0 && page.ids.size() >= pageSize) {
        // A later window with exactly the rows of an earlier one: the offset was ignored, and
        // reading on would bring the same page for ever.
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (it.key() != index && it->readSequence >= 0 && it->ids == page.ids) {
                error.message = tr("The server answered offset %1 with the same crons as offset "
                                   "%2: it does not page, so the list would never end. Stopped "
                                   "after %n request(s).",
                                   nullptr, m_pagesRequested)
                                    .arg(offsetOf(index))
                                    .arg(offsetOf(it.key()));
                finish(error);
                return true;
            }
        }
    }
    const qint64 fetched = m_fetched + fresh;
    if (m_total >= 0 && fetched > m_total + countMargin(m_total)) {
        error.message = tr("The server sent %1 crons but counted %2: the list would never end. "
                           "Stopped after %n request(s).",
                           nullptr, m_pagesRequested)
                            .arg(fetched)
                            .arg(m_total);
        finish(error);
        return true;
    }
    if (fetched > m_maxTotal) {
        error.message = tr("The server sent more than %1 crons, the most one listing reads; "
                           "narrow it with a filter.")
                            .arg(m_maxTotal);
        finish(error);
        return true;
    }
    return false;
}

bool CronFetcher::isTerminal(int index) const
{
    const auto it = m_pages.constFind(index);
    if (it == m_pages.cend() || it->readSequence < 0)
        return false;
    if (it->ids.size() < pageSize)
        return true;
    return m_maxRows >= 0 && offsetOf(index) + pageSize >= m_maxRows;
}

bool CronFetcher::boundaryHolds(int left) const
{
    const Page &l = m_pages[left];
    const Page &r = m_pages[left + 1];
    if (r.ids.isEmpty() || l.ids.isEmpty())
        return false;
    if (r.ids.first() == l.ids.last())
        return true;
    // Shifted right (crons inserted before the boundary between the two reads): the pages still
    // share rows. Shifted left (deletions): they share none, and rows may have fallen between.
    const QSet<QString> leftIds(l.ids.cbegin(), l.ids.cend());
    return std::any_of(r.ids.cbegin(), r.ids.cend(),
                       [&leftIds](const QString &id) { return leftIds.contains(id); });
}

void CronFetcher::checkBoundary(int left)
{
    const auto l = m_pages.constFind(left);
    const auto r = m_pages.constFind(left + 1);
    if (l == m_pages.cend() || r == m_pages.cend())
        return;
    if (l->readSequence < 0 || r->readSequence < 0 || l->inFlight || r->inFlight)
        return;
    if (isTerminal(left) || boundaryHolds(left))
        return;
    // The page read earlier is the stale one: reading it again brings both to a state at least
    // as recent as the other's.
    const int stale = l->readSequence < r->readSequence ? left : left + 1;
    qCInfo(lcApi) << "crons changed while paging between offsets" << offsetOf(left) << "and"
                  << offsetOf(left + 1) << "- reading offset" << offsetOf(stale) << "again";
    reread(stale);
}

void CronFetcher::reread(int index)
{
    Page &page = m_pages[index];
    const int budget
        = m_rereadLimit >= 0 ? m_rereadLimit : std::max(minRereadBudget, 2 * int(m_pages.size()));
    if (page.rereads >= maxRereadsPerPage || m_pagesReread >= budget) {
        ApiError error;
        error.kind = ApiError::Kind::Conflict;
        error.message = tr("The crons changed too quickly to be listed consistently; try again");
        finish(error);
        return;
    }
    ++page.rereads;
    ++m_pagesReread;
    if (!page.wanted) {
        page.wanted = true;
        m_queue.prepend(index);
        std::sort(m_queue.begin(), m_queue.end());
    }
}

void CronFetcher::maybeFinish()
{
    if (m_done)
        return;
    for (int index = 0;; ++index) {
        const auto it = m_pages.constFind(index);
        if (it == m_pages.cend() || it->readSequence < 0 || it->inFlight || it->wanted)
            return;
        if (isTerminal(index)) {
            finish({});
            return;
        }
        const auto next = m_pages.constFind(index + 1);
        if (next == m_pages.cend() || next->readSequence < 0 || next->inFlight || next->wanted
            || !boundaryHolds(index))
            return;
    }
}

bool CronFetcher::markDelivered(const QString &cronId)
{
    return m_delivered.insert(cronId);
}

void CronFetcher::finish(const ApiError &error)
{
    if (m_done)
        return;
    m_done = true;
    // Pages past the end (requested before the end was known), the count, or everything on
    // failure: nobody needs their answers any more.
    for (const QPointer<ApiRequest> &request : std::as_const(m_requests)) {
        if (request) {
            request->disconnect(this);
            request->abort();
        }
    }
    m_requests.clear();
    if (m_countRequest) {
        m_countRequest->disconnect(this);
        m_countRequest->abort();
    }
    m_queue.clear();
    if (error.isError()) {
        Q_EMIT failed(error);
    } else {
        if (m_total >= 0 && m_total != m_fetched)
            m_total = m_fetched; // the count was taken at another moment
        Q_EMIT progress(m_fetched, std::max(m_total, m_fetched));
        Q_EMIT succeeded();
    }
}

} // namespace crondesk::api
