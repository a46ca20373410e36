#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/api/thread.h>

#include <QObject>
#include <QPointer>

namespace crondesk::api {
class ApiClient;
}

namespace crondesk::models {

class JournalRecorder;

// "Run now" on the write path: starts one run of a cron (models::runNowCreate: its assistant and
// payload, on its thread or stateless) unless the profile's rules refuse it, in which case
// nothing is sent; and journals the start exactly once as "run" (the server's answer, or its
// refusal). Emits exactly one of started(), refused() or failed(), then deletes itself.
// CronRepository::startRun() hands these out in the app, with the session's client, journal and
// rules; crondeskctl crons run makes one with its own (it decides the rules itself, with the
// production confirmation).
class RunStarter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunStarter)

public:
    // `refusal`: why the profile's rules refuse the run, as a sentence; empty when they allow it.
    RunStarter(api::ApiClient *client, JournalRecorder *journal, QString refusal,
               QObject *parent = nullptr);

    // Starts once control returns to the event loop, so that connecting first is enough.
    // `keepThread` keeps a stateless run's thread (on_completion "keep") so that its outcome can
    // be read after it ends.
    void start(const api::Cron &cron, bool keepThread = false);

Q_SIGNALS:
    // The server accepted the run (pending).
    void started(const crondesk::api::Run &run);
    // The profile's rules refuse it; nothing was sent.
    void refused(const QString &reason);
    // The server refused it, or it could not be sent.
    void failed(const crondesk::api::ApiError &error);

private:
    void send(const api::Cron &cron, bool keepThread);

    QPointer<api::ApiClient> m_client;
    QPointer<JournalRecorder> m_journal;
    QString m_refusal;
};

} // namespace crondesk::models
