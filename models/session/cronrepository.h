#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/api/cronfetcher.h>
#include <models/api/serverinfo.h>
#include <models/api/thread.h>
#include <models/connections/connectionprofile.h>
#include <models/connections/mutationpolicy.h>
#include <models/inventory/crontablemodel.h>
#include <models/journal/journalrecorder.h>
#include <models/session/cronpagepreparer.h>

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>

class QTimer;

namespace crondesk::api {
class ApiClient;
class CronCreator;
class CronUpdater;
struct CronCreate;
struct CronPatch;
} // namespace crondesk::api

namespace crondesk::models {

class CronSubmitter;
class RunStarter;
class UndoRunner;

// The session of one deployment: owns its client and is the one write path. Every change
// (create and update through the editor's CronSubmitter, pause, resume, delete; later run-now,
// bulk and undo) goes through here, where the profile's rules are applied (a read-only profile
// refuses it before anything is sent), the change is journaled, and the table is updated only
// with the server's version of the cron. It keeps the CronTableModel in step: the first load shows
// rows as pages arrive, a reload merges each page into the rows as it arrives (rows it did not
// find leave at its end), and a pause or resume is re-read from the server before the table
// shows it. Every answer is
// stamped with the time it arrived, which is what the rows' health is judged against; and rows
// whose next run comes after they were read are read again (only those) before anything is
// flagged about them.
class CronRepository final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronRepository)

public:
    CronRepository(api::ApiClient *client, CronTableModel *model, QObject *parent = nullptr);
    ~CronRepository() override;

    api::ApiClient *client() const { return m_client; }
    CronTableModel *model() const { return m_model; }

    // Where each mutation is recorded; nullptr records nothing.
    void setJournal(JournalRecorder *journal) { m_journal = journal; }
    JournalRecorder *journal() const { return m_journal; }

    // The profile whose rules apply (docs/connections.md); none for a bare URL.
    void setProfile(const std::optional<ConnectionProfile> &profile) { m_profile = profile; }
    // Why the profile's rules refuse `kind` on `cronCount` crons, in a sentence; empty when they
    // allow it. A typed confirmation (production) is asked for before the change reaches here.
    QString refusal(MutationKind kind, qsizetype cronCount) const;

    // The cron editor's way to save: a submitter that goes through this session. `before` is the
    // cron being edited, as JSON (undefined for a create).
    CronSubmitter *newEditorSubmitter(const QJsonValue &before, QObject *parent = nullptr);
    // Undo and restore from the journal (models/undo): a runner for one entry that goes through
    // this session (the profile's rules, the journal, the verification timing); what it changes
    // is applied to the table as the server returned it.
    UndoRunner *newUndoRunner(QObject *parent = nullptr);
    // The exactly-once create and the checked update, journaled, with the session's verification
    // timing. The caller has applied refusal() and applies the answer (applyServerCron).
    api::CronCreator *sendCreate(const api::CronCreate &create, const QString &threadId);
    api::CronUpdater *sendUpdate(const QString &cronId, const api::CronPatch &patch,
                                 const QJsonValue &before);
    // How long to wait after a lost answer before looking, and for how long the change may still
    // appear (api::CronCreator, api::CronUpdater). Tests shorten them.
    void setVerificationTiming(std::chrono::milliseconds delay, std::chrono::milliseconds window)
    {
        m_verificationDelay = delay;
        m_verificationWindow = window;
    }

    bool isLoading() const { return m_fetcher != nullptr; }
    bool hasLoaded() const { return m_lastLoaded.isValid(); }
    QDateTime lastLoaded() const { return m_lastLoaded; }
    const api::ApiError &lastError() const { return m_lastError; }

    // What the server can do, from the last probe (a current server's until a probe answers).
    const api::ServerCapabilities &capabilities() const { return m_capabilities; }
    // Asks the server what it supports; capabilitiesChanged() follows.
    void probe();

    // Crons whose metadata matches exactly, filtered by the server (which must support it);
    // empty for every cron. Takes effect at the next reload.
    void setServerMetadataFilter(const QJsonObject &metadata) { m_serverMetadata = metadata; }
    QJsonObject serverMetadataFilter() const { return m_serverMetadata; }
    // The deployment's total, unfiltered, when a server-side filter narrows what is loaded; -1
    // when unknown or when nothing is filtered on the server.
    qint64 unfilteredTotal() const { return m_unfilteredTotal; }

    void reload();
    // Ends the load at once (loadFailed with Kind::Canceled): nothing more of it reaches the
    // table after the call, so that the table can be cleared for another deployment.
    void cancelLoad();
    // Deletes each cron; every answer is reported on its own (deleted or deleteFailed).
    void deleteCrons(const QStringList &cronIds);
    // Pauses or resumes each cron with PATCH {"enabled": ...}, then re-reads it from the server
    // before the table shows the change (updated or updateFailed per cron).
    void setCronsEnabled(const QStringList &cronIds, bool enabled);
    // Replaces one cron's row with the server's version of it (after an edit elsewhere).
    void applyServerCron(const api::Cron &cron);
    // The same for many at once (a bulk edit's answers): one change of the table, so that its
    // sort and search keys are rebuilt once, not once per cron.
    void applyServerCrons(const QList<api::Cron> &crons);

    // "Run now": starts one run of `cron` through a RunStarter with the session's client, journal
    // and rules (a read-only profile refuses it before anything is sent, and mutationRefused()
    // says so too). Connect to the starter before control returns to the event loop.
    RunStarter *startRun(const api::Cron &cron, bool keepThread, QObject *parent = nullptr);

    // The latest runs of a thread, newest first (threadRunsLoaded or threadRunsFailed).
    void fetchThreadRuns(const QString &threadId, int limit = 10);

    // The clock that stamps answers with their arrival and decides what is due. Tests set one.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime currentTime() const { return m_clock(); }

    // Due re-reads: the crons whose next run came after they were read are read again, a few at
    // a time (GET by id; on servers without it, one search narrowed to the cron's thread, or to
    // its assistant's enabled crons by next run), so that "overdue" is only ever said on what the
    // server answered after its scheduler had the chance to fire them. When more are due than
    // maxTargetedRereads, one reload is cheaper and reads them all. Off by default, so that tests
    // drive checkDue() themselves; the window turns it on.
    static constexpr int maxRereadsInFlight = 4;
    static constexpr int maxTargetedRereads = 500;
    void setDueChecksEnabled(bool enabled);
    bool dueChecksEnabled() const;
    void setDueCheckInterval(std::chrono::milliseconds interval);
    // One pass: queues what is due now. Does nothing while a load runs (it reads every row).
    void checkDue();
    // Crons queued or being read again, and the requests for them on the wire.
    qsizetype rereadsPending() const { return m_rereadPending.size(); }
    int rereadsInFlight() const { return m_rereadsInFlight; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadProgress(qint64 fetched, qint64 total);
    void loadSucceeded();
    void loadFailed(const crondesk::api::ApiError &error);
    void capabilitiesChanged();
    // The profile's rules refused a change; nothing was sent.
    void mutationRefused(crondesk::models::MutationKind kind, const QString &reason);
    void deleted(const QString &cronId);
    void deleteFailed(const QString &cronId, const crondesk::api::ApiError &error);
    void updated(const crondesk::api::Cron &cron);
    void updateFailed(const QString &cronId, const crondesk::api::ApiError &error);
    void threadRunsLoaded(const QString &threadId, const QList<crondesk::api::Run> &runs);
    void threadRunsFailed(const QString &threadId, const crondesk::api::ApiError &error);
    // The due re-reads queued so far have all been answered (or failed).
    void rereadsSettled();

private:
    void loadAssistants();
    void countUnfiltered();
    void confirmUpdate(const api::Cron &patched);
    void pumpRereads();
    void rereadById(const QString &cronId);
    void rereadBySearch();
    void finishRereads(const QStringList &cronIds);
    void dropRereads();
    // Ends the load once the fetch has finished and every page it delivered is in the table.
    void concludeLoadWhenPrepared();
    // Hands prepared pages to the table, without the crons deleted since the load began.
    void showPreparedPages(QList<PreparedPage> pages);
    // Removes a deleted cron's row, and keeps it out of the pages of a load still running.
    void removeRow(const QString &cronId);

    api::ApiClient *m_client;
    CronTableModel *m_model;
    QPointer<JournalRecorder> m_journal;
    std::optional<ConnectionProfile> m_profile;
    std::chrono::milliseconds m_verificationDelay {2000};
    std::chrono::milliseconds m_verificationWindow {30000};
    QPointer<api::CronFetcher> m_fetcher;
    // A first load's pages are prepared off the GUI thread and shown in the order they came.
    CronPagePreparer *m_preparer;
    // How the fetch ended (an error of Kind::None: it succeeded), kept until its last pages are in.
    std::optional<api::ApiError> m_fetchOutcome;
    QDateTime m_fetchedAt; // when the last page of a successful fetch arrived
    QSet<QString> m_removedWhileLoading; // crons deleted since the running load began
    QDateTime m_lastLoaded;
    api::ApiError m_lastError;
    api::ServerCapabilities m_capabilities;
    QJsonObject m_serverMetadata;
    qint64 m_unfilteredTotal = -1;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    QTimer *m_dueTimer;
    QStringList m_rereadQueue;
    QSet<QString> m_rereadPending; // queued or in flight
    int m_rereadsInFlight = 0;
    bool m_reloadAfterRereads = false;
};

} // namespace crondesk::models
