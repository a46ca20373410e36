#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/bulk/bulkedit.h>

#include <QList>
#include <QObject>
#include <QPointer>

class QTimer;

namespace crondesk::models {

class CronRepository;

// What became of one row of a bulk edit.
struct BulkResult
{
    enum class Status {
        Pending, // not answered yet
        Applied, // the server changed it; `after` is the cron as re-read
        Failed, // the server refused or could not be asked; `error` says why
        Unknown, // the answer was lost and the change never showed; look before retrying
        NotSent, // canceled before it was sent
    };

    QString cronId;
    Status status = Status::Pending;
    api::Cron after;
    api::ApiError error;

    bool isFailure() const { return status == Status::Failed || status == Status::Unknown; }
};

// Sends the rows of a bulk edit through the session (CronRepository::sendUpdate: the profile's
// rules, the journal with the cron before and the server's cron after, exactly once per cron),
// a bounded number at a time. Each change is re-read from the server before the table shows it.
// A failure stops nothing: the others are sent, and what failed is listed with the server's
// reason. cancel() sends nothing new; what is in flight finishes and is reported.
class BulkApplier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkApplier)

public:
    static constexpr int defaultMaxInFlight = 4;

    explicit BulkApplier(CronRepository *repository, QObject *parent = nullptr);
    ~BulkApplier() override;

    void setMaxInFlight(int count) { m_maxInFlight = std::max(1, count); }
    int maxInFlight() const { return m_maxInFlight; }

    // Sends every row that is not skipped. Returns false, sending nothing, when the profile's
    // rules refuse (refusal() says why) or when it is already running. A production profile's
    // typed confirmation is asked for before this is called.
    bool start(const QList<BulkRow> &rows);
    void cancel();

    bool isRunning() const { return m_running; }
    bool isCanceled() const { return m_canceled; }
    const QString &refusal() const { return m_refusal; }
    const QList<BulkResult> &results() const { return m_results; }
    int inFlight() const { return m_inFlight; }
    // The most that were in flight at once during the last start().
    int peakInFlight() const { return m_peakInFlight; }
    qsizetype answeredCount() const { return m_answered; }
    qsizetype count(BulkResult::Status status) const;
    // The ids of the rows that failed (Failed or Unknown), in row order: what "Retry failures"
    // plans again, from the crons as the server has them then.
    QStringList failedIds() const;

Q_SIGNALS:
    // `answered` of `total` rows have their outcome.
    void progress(qsizetype answered, qsizetype total);
    void rowFinished(qsizetype index, const crondesk::models::BulkResult &result);
    // Every row sent has been answered (after a cancel: those in flight).
    void finished();

private:
    void pump();
    void send(qsizetype index);
    void finishRow(qsizetype index, BulkResult::Status status, const api::Cron &after,
                   const api::ApiError &error);
    void finishIfDone();
    void show(const api::Cron &cron);
    void flushShown();

    CronRepository *m_repository;
    // Applied crons not yet in the table: shown a batch at a time (every showInterval), since
    // each change of a 10,000-row table rebuilds its sort and search keys.
    static constexpr int showIntervalMs = 250;
    QList<api::Cron> m_toShow;
    QTimer *m_showTimer;
    QList<BulkRow> m_rows;
    QList<BulkResult> m_results;
    QString m_refusal;
    qsizetype m_next = 0;
    qsizetype m_answered = 0;
    int m_inFlight = 0;
    int m_peakInFlight = 0;
    int m_maxInFlight = defaultMaxInFlight;
    bool m_running = false;
    bool m_canceled = false;
};

} // namespace crondesk::models
