#pragma once

#include <models/connections/mutationpolicy.h>
#include <models/journal/changejournal.h>

#include <QJsonValue>
#include <QObject>
#include <QString>

namespace crondesk::api {
class CronCreator;
struct Cron;
template<typename T>
class ApiResultRequest;
struct Empty;
} // namespace crondesk::api

namespace crondesk::models {

struct ResolvedConnection;

// Writes one journal entry per mutation request once its answer (or failure) is in: the caller
// hands over the request right after making it, with the cron as it was. Entries name the
// client, the profile, the URL and the OS user; API keys in use are redacted from every entry.
class JournalRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalRecorder)

public:
    // `client` is "crondesk" or "crondeskctl".
    JournalRecorder(ChangeJournal journal, QString client, QObject *parent = nullptr);
    ~JournalRecorder() override;

    const ChangeJournal &journal() const { return m_journal; }

    // The deployment the following mutations go to; its API key becomes a secret to redact.
    void setConnection(const ResolvedConnection &connection);
    void setConnection(const QString &profileName, const QString &url, const QString &apiKey);

    // Create, update, pause or resume: records the cron the server returns, or the failure.
    // `requestBody` is the JSON sent (a CronCreate or CronPatch body).
    void track(api::ApiResultRequest<api::Cron> *request, MutationKind kind, const QString &cronId,
               const QJsonValue &before, const QJsonValue &requestBody);
    // Delete.
    void trackDelete(api::ApiResultRequest<api::Empty> *request, const QString &cronId,
                     const QJsonValue &before);
    // An exactly-once create (ApiClient::createCronOnce).
    void trackCreate(api::CronCreator *creator);

    // Fills in what the recorder knows (time, client, profile, URL, operator) where `entry`
    // leaves it empty, then appends. For mutations made without a request object.
    bool record(JournalEntry entry);

Q_SIGNALS:
    void recorded(const crondesk::models::JournalEntry &entry);
    // The journal file could not be written: the change happened but is not on record.
    void recordFailed(const QString &error);

private:
    ChangeJournal m_journal;
    QString m_client;
    QString m_profile;
    QString m_url;
};

} // namespace crondesk::models
