#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/editor/crondraft.h>
#include <models/journal/journalrecorder.h>

#include <QObject>
#include <QPointer>

#include <chrono>

namespace crondesk::api {
class ApiClient;
}

namespace crondesk::models {

// Why a submit did not save, in the terms the editor shows.
struct SubmitFailure
{
    api::ApiError error;
    DraftField field = DraftField::None; // the field the server's message names, if any
    QString message; // the server's detail and what it means for submitting again
    // The answer was lost and it could not be found out whether the cron was created (or, for
    // an edit, changed): it may have been. Submitting a create again first looks for the cron made
    // by this attempt, so it is never created twice.
    bool outcomeUnknown = false;
};

// Sends what the cron editor submits and reports how it went; the dialog never sees a request.
//
// Create: for a thread cron that asks for a new thread, the thread is created first
// (threadCreated() lets the form show its id, so a second attempt reuses it); then the cron is
// created exactly once, with a correlation key in its metadata, and after an ambiguous failure
// (timeout, dropped connection, 5xx) the server is searched for that key before anything is
// reported (api::CronCreator): found is a success; absent after the server's own error is a
// failure that is safe to retry; a lost answer whose cron never appeared is "may have been
// created", never "not created". Edit: one PATCH with only the changed fields, read back after an
// ambiguous failure the same way (api::CronUpdater).
class CronEditorController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronEditorController)

public:
    explicit CronEditorController(api::ApiClient *client, QObject *parent = nullptr);
    ~CronEditorController() override;

    void create(const CronDraft &draft);
    void update(const QString &cronId, const CronDraft &original, const CronDraft &edited);
    bool isBusy() const { return m_busy; }

    // Where saves are recorded (nullptr: nowhere); `before` is the cron being edited, as JSON.
    void setJournal(JournalRecorder *journal, const QJsonValue &before = {});

    // How long to wait after a lost answer before looking for the cron, and for how long it may
    // still appear (see api::CronCreator).
    void setVerificationDelay(std::chrono::milliseconds delay) { m_verificationDelay = delay; }
    void setVerificationWindow(std::chrono::milliseconds window) { m_verificationWindow = window; }

Q_SIGNALS:
    // What is being waited for, for the progress line.
    void progress(const QString &what);
    void threadCreated(const QString &threadId);
    // The cron as the server now has it. `recovered`: the answer was lost, but the check found
    // the cron (possibly one stored by an earlier attempt of this dialog).
    void saved(const crondesk::api::Cron &cron, bool recovered);
    void failed(const crondesk::models::SubmitFailure &failure);

private:
    void createCron(const CronDraft &draft, const QString &threadId);
    void fail(const api::ApiError &error, const QString &explanation, bool outcomeUnknown);

    api::ApiClient *m_client;
    QPointer<JournalRecorder> m_journal;
    QJsonValue m_before;
    // Kept after an Unknown outcome, so the next attempt looks for that cron before creating.
    QString m_pendingCorrelationId;
    std::chrono::milliseconds m_verificationDelay {2000};
    std::chrono::milliseconds m_verificationWindow {30000};
    bool m_busy = false;
};

// The field a server error names: its `field` when the API layer found one, else the resource a
// 404 says is missing (a thread or an assistant).
DraftField fieldOfError(const api::ApiError &error);

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::models::SubmitFailure)
