#pragma once

#include <models/connections/mutationpolicy.h>
#include <models/session/cronsubmitter.h>

#include <QJsonValue>
#include <QPointer>

namespace crondesk::models {

class CronRepository;

// The editor's submits as the session sends them (CronRepository::newEditorSubmitter makes one
// per dialog): refused up front when the profile's rules forbid the change, journaled, sent, and
// the server's version of the cron put into the inventory.
//
// Create: for a thread cron that asks for a new thread, the thread is created first
// (threadCreated() lets the form show its id, so a second attempt reuses it); then the cron is
// created exactly once, with a correlation key in its metadata, and after an ambiguous failure
// (timeout, dropped connection, 5xx) the server is searched for that key before anything is
// reported (api::CronCreator): found is a success; absent after the server's own error is a
// failure that is safe to retry; a lost answer whose cron never appeared is "may have been
// created", never "not created". Edit: one PATCH with only the changed fields, read back after an
// ambiguous failure the same way (api::CronUpdater).
class CronEditorController final : public CronSubmitter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronEditorController)

public:
    // `before` is the cron being edited, as JSON, for the journal (undefined for a create).
    CronEditorController(CronRepository *session, const QJsonValue &before,
                         QObject *parent = nullptr);
    ~CronEditorController() override;

    void create(const CronDraft &draft) override;
    void update(const QString &cronId, const CronDraft &original, const CronDraft &edited) override;
    bool isBusy() const override { return m_busy; }

private:
    // Refuses (failed()) when the profile's rules forbid `kind`; true when it may go ahead.
    bool mayMutate(MutationKind kind);
    void createCron(const CronDraft &draft, const QString &threadId);
    void fail(const api::ApiError &error, const QString &explanation, bool outcomeUnknown);

    QPointer<CronRepository> m_session;
    QJsonValue m_before;
    // Kept after an Unknown outcome, so the next attempt looks for that cron before creating.
    QString m_pendingCorrelationId;
    bool m_busy = false;
};

// The field a server error names: its `field` when the API layer found one, else the resource a
// 404 says is missing (a thread or an assistant).
DraftField fieldOfError(const api::ApiError &error);

} // namespace crondesk::models
