#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/connections/connectionprofile.h>
#include <models/journal/changejournal.h>
#include <models/undo/undoplanner.h>

#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <optional>

namespace crondesk::api {
class ApiClient;
}

namespace crondesk::models {

class JournalRecorder;

// One undo of one journal entry, for the app (CronRepository::newUndoRunner) and crondeskctl
// alike. prepare() reads what the plan needs (the cron as it is now, a deleted thread cron's
// thread) and reports planUndo()'s plan; once the operator has confirmed it, execute() applies
// the profile's rules (a read-only profile refuses before anything is sent), reads the cron again
// and refuses when the plan is no longer the one confirmed (someone changed it meanwhile), sends
// the one request, journals it once as "undo" or "restore" with `undoes` naming the entry, and
// reads the result back.
class UndoRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UndoRunner)

public:
    // `journal` may be nullptr (nothing recorded); `url` is the deployment connected to.
    UndoRunner(api::ApiClient *client, JournalRecorder *journal,
               std::optional<ConnectionProfile> profile, QString url, QObject *parent = nullptr);
    ~UndoRunner() override;

    void setVerificationTiming(std::chrono::milliseconds delay, std::chrono::milliseconds window)
    {
        m_verificationDelay = delay;
        m_verificationWindow = window;
    }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // Plans the undo of `entry`; `journal` is the whole journal (to see whether it was undone).
    // planned() or prepareFailed() follows.
    void prepare(const JournalEntry &entry, const QList<JournalEntry> &journal);
    const UndoPlan &plan() const { return m_plan; }
    // The profile's rules for the plan prepared (the caller asks for a typed name when needed).
    MutationDecision decision() const { return undoDecision(m_profile, m_plan); }

    // Carries out the plan prepared: refused(), succeeded() or failed() follows.
    void execute();

    // After succeeded(): the cron as the server now has it (none after a delete), and the journal
    // entry written.
    const std::optional<api::Cron> &resultCron() const { return m_result; }
    const JournalEntry &recordedEntry() const { return m_recorded; }

Q_SIGNALS:
    void planned(const crondesk::models::UndoPlan &plan);
    // The server could not be asked what the plan needs (the network, an old server).
    void prepareFailed(const crondesk::api::ApiError &error);
    // Nothing was sent: the profile's rules, or the cron changed since the plan was confirmed.
    void refused(const QString &reason);
    // Done; `message` says what happened in a sentence ("Restored as a new cron …").
    void succeeded(const QString &message);
    void failed(const crondesk::api::ApiError &error);

private:
    void gather(std::function<void(const UndoInputs &)> then);
    void send();
    void record(bool ok, int status, const QJsonValue &after, const QString &cronId,
                const api::ApiError &error = {});
    void finish(const QString &message, const std::optional<api::Cron> &cron);

    api::ApiClient *m_client;
    QPointer<JournalRecorder> m_journal;
    std::optional<ConnectionProfile> m_profile;
    QString m_url;
    std::chrono::milliseconds m_verificationDelay {2000};
    std::chrono::milliseconds m_verificationWindow {30000};
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    JournalEntry m_entry;
    QList<JournalEntry> m_journalEntries;
    UndoPlan m_plan;
    std::optional<api::Cron> m_result;
    JournalEntry m_recorded;
    bool m_sent = false;
};

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::models::UndoPlan)
