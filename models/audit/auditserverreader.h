#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::api {
class ApiClient;
}

namespace crondesk::models {

struct AuditInput;

// What an audit needs from the server besides the crons: the assistants (orphan-assistant), the
// threads the crons name (orphan-thread) and the server's version for the report.
struct AuditServerState
{
    std::optional<QSet<QString>> assistantIds;
    QString assistantsUnavailable; // why not, when assistantIds is nullopt
    std::optional<QSet<QString>> threadIds; // those of the crons' threads that exist
    QString threadsUnavailable;
    QString serverVersion;
    // The first failure that was no answer at all (network, TLS, timeout, a malformed answer):
    // the command line gives up on those (exit 3) rather than audit half a deployment.
    std::optional<api::ApiError> transportError;

    // Puts what was read into an audit's input.
    void applyTo(AuditInput *input) const;
};

// Reads the AuditServerState for a set of crons, through the deployment's one client: GET /info,
// every assistant (pages of 1,000, ids only), and the threads the crons name (searched by id, 100
// at a time, ids only, a few searches in flight). A part that fails is marked unavailable with
// the server's words, so the rules that need it are "not evaluated", never passed. Used by
// `crondeskctl audit` and the Audit view alike.
class AuditServerReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditServerReader)

public:
    explicit AuditServerReader(api::ApiClient *client, QObject *parent = nullptr);
    ~AuditServerReader() override;

    // Starts reading for these crons. Call once; finished() follows exactly once.
    void start(const QList<api::Cron> &crons);
    // Gives up: finished() is not emitted.
    void cancel();

    static constexpr int assistantPageSize = 1000;
    static constexpr int threadBatchSize = 100;
    static constexpr int maxThreadSearchesInFlight = 4;
    // More assistants than this and the list is not read to the end (orphans not evaluated).
    static constexpr int maxAssistantPages = 200;

Q_SIGNALS:
    void finished(const crondesk::models::AuditServerState &state);

private:
    void readInfo();
    void readAssistants(int offset);
    void readThreads();
    void noteFailure(const api::ApiError &error);
    void partDone();

    api::ApiClient *m_client;
    AuditServerState m_state;
    QSet<QString> m_assistants;
    QSet<QString> m_threads;
    QStringList m_threadIds; // to look up
    qsizetype m_nextThread = 0;
    int m_threadSearches = 0;
    int m_pending = 0;
    bool m_canceled = false;
};

} // namespace crondesk::models
