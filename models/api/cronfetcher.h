#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/api/cronsearch.h>
#include <models/api/deliveredids.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace crondesk::api {

class ApiClient;
class ApiRequest;

// Reads every cron that matches a filter, several pages at once, delivering each page's new rows
// as they arrive so a view can show the first rows at once.
//
// Consistency while crons change: pages are read oldest first (created_at never changes, so an
// update cannot move a cron between pages), and consecutive pages overlap by one row. Two pages
// that share a row cover every cron between them that existed while both were read; pages that
// share none mean crons were deleted (or inserted) in between, and the page read earlier is read
// again. So every cron that exists for the whole fetch is delivered, exactly once; crons created
// or deleted meanwhile may or may not be. If the deployment changes too fast for that to settle,
// the fetch fails (Kind::Conflict) rather than return a list with a hole in it.
//
// A server cannot make it run forever or hold without bound: it stops with Kind::BadResponse when
// a later page repeats an earlier one (a server that ignores the offset), when more crons arrive
// than the count promised by a margin (a tenth, at least a page), and in any case beyond
// maxTotal() crons. Pages are planned a few ahead of the last one read, never from the count alone.
//
// The filter's sort, limit and offset are ignored; its other fields filter.
class CronFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronFetcher)

public:
    CronFetcher(ApiClient *client, CronSearchQuery filter, QObject *parent = nullptr);
    ~CronFetcher() override;

    // Starts the count and the first page. Call once.
    void start();
    // Aborts every request; failed() is emitted with Kind::Canceled unless it had finished.
    void cancel();

    static constexpr int pageSize = 1000; // the server's maximum `limit`
    static constexpr int pageStride = pageSize - 1; // one row of overlap between pages

    // Pages requested at once (default 4, as the JS SDK's concurrency).
    void setMaxInFlight(int pages) { m_maxInFlight = std::max(1, pages); }
    int maxInFlight() const { return m_maxInFlight; }
    // Stop once the oldest `rows` crons are known (-1: all). More may be delivered.
    void setMaxRows(qint64 rows) { m_maxRows = rows; }
    // The most crons one fetch delivers before it stops with an error (default
    // defaultMaxTotal): the bound on what a server that pages without end can make it hold.
    static constexpr qint64 defaultMaxTotal = 1'000'000;
    void setMaxTotal(qint64 crons) { m_maxTotal = std::max<qint64>(pageSize, crons); }
    qint64 maxTotal() const { return m_maxTotal; }
    // How many pages may be read again in all before the fetch gives up with Kind::Conflict;
    // -1 (the default): twice the number of pages, at least 16.
    void setRereadLimit(int pages) { m_rereadLimit = pages; }

    bool isFinished() const { return m_done; }
    qint64 fetchedCount() const { return m_fetched; }
    qint64 expectedTotal() const { return m_total; } // -1 until /count answers
    int pagesRequested() const { return m_pagesRequested; }
    int pagesReread() const { return m_pagesReread; }

Q_SIGNALS:
    // Crons not delivered before, in no particular order across pages.
    void pageArrived(const QList<crondesk::api::Cron> &crons);
    // Every cron created before `createdAt` has been delivered (except crons created or deleted
    // while the fetch runs, as above): pages are read oldest first, so a reader that writes crons
    // out in that order can write those it holds from before this instant. Emitted after
    // pageArrived() when it moves forward; never moves back.
    void deliveredBefore(const QDateTime &createdAt);
    void progress(qint64 fetched, qint64 total);
    void succeeded();
    void failed(const crondesk::api::ApiError &error);

private:
    struct Page
    {
        QStringList ids; // the latest read, in order
        QDateTime lastCreatedAt; // of the latest read's last cron
        int readSequence = -1; // when the latest read arrived; -1 while never read
        int rereads = 0;
        bool inFlight = false;
        bool wanted = false; // queued or in flight
    };

    void requestPage(int index);
    void pumpQueue();
    void onPage(int index, QList<Cron> crons);
    bool boundaryHolds(int left) const;
    void checkBoundary(int left);
    void reread(int index);
    void planUpTo(int index);
    // Plans the pages the count says exist, a few beyond the last one read.
    void planAhead();
    // Fails the fetch when this page proves the server does not page as it should; true then.
    bool pagingRunsAway(int index, bool firstRead, qsizetype fresh);
    void maybeFinish();
    // Emits deliveredBefore() for the pages read without a gap from the first.
    void announceDelivered();
    bool isTerminal(int index) const;
    int lowestTerminalPage() const;
    void finish(const ApiError &error);
    // Records a cron id; false when it had been delivered already.
    bool markDelivered(const QString &cronId);

    ApiClient *m_client;
    CronSearchQuery m_filter;
    QHash<int, Page> m_pages;
    QList<int> m_queue; // wanted, not yet in flight, lowest first
    QHash<int, QPointer<ApiRequest>> m_requests;
    QPointer<ApiRequest> m_countRequest;
    DeliveredIds m_delivered;
    int m_maxInFlight = 4;
    qint64 m_maxRows = -1;
    qint64 m_maxTotal = defaultMaxTotal;
    int m_plannedUpTo = -1; // pages 0..this have been planned
    int m_countedLast = -1; // the last page the count says exists; -1 while unknown
    int m_highestRead = -1;
    int m_rereadLimit = -1;
    int m_readSequence = 0;
    int m_busyConnections = 0; // requests sent whose answer has not arrived
    int m_pagesRequested = 0;
    int m_pagesReread = 0;
    qint64 m_fetched = 0;
    qint64 m_total = -1;
    QDateTime m_deliveredBefore;
    bool m_started = false;
    bool m_done = false;
};

} // namespace crondesk::api
