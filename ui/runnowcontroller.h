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
class CronRepository;
}

namespace crondesk::ui {

// Starts one run of a cron ("Run Now…", after the caller's confirmation) through the session's
// write path (CronRepository::startRun: the profile's rules, the journal), and follows the run to
// its end by reading it every few seconds; the window shows what it reports. One controller per
// started run; it deletes itself when the run has ended or the following failed.
class RunNowController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunNowController)

public:
    explicit RunNowController(models::CronRepository *repository, QObject *parent = nullptr);

    void start(const api::Cron &cron);

Q_SIGNALS:
    // The server accepted the run (pending), and later each change of its status.
    void started(const crondesk::api::Run &run);
    // The run ended (success, error, interrupted, timeout).
    void ended(const crondesk::api::Run &run);
    // The run could not be started, or could no longer be read; a full sentence.
    void failed(const QString &message);

private:
    void poll();

    QPointer<models::CronRepository> m_repository;
    QString m_cronId;
    api::Run m_run;
    int m_delayMs = 500;
};

} // namespace crondesk::ui
