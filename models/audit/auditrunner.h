#pragma once

#include <models/audit/auditengine.h>

#include <QObject>

namespace crondesk::models {

// Runs runAudit() on a worker thread (the global QThreadPool, as the API decodes big answers) and
// hands the result back on the thread that owns the runner: 100,000 crons take a while, and the
// window must stay responsive meanwhile. Only the latest run's result is delivered; an older run
// that finishes later is dropped.
class AuditRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditRunner)

public:
    explicit AuditRunner(QObject *parent = nullptr);
    ~AuditRunner() override;

    void start(const AuditInput &input, const AuditPolicy &policy,
               const AuditOptions &options = {});
    // Drops the result of the run under way, if any: finished() does not follow.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const crondesk::models::AuditResult &result);

private:
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace crondesk::models
