#include "journalrecorder.h"

#include "logging.h"

#include <models/api/apirequest.h>
#include <models/api/cron.h>
#include <models/api/croncreator.h>
#include <models/connections/connectionresolver.h>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

JournalEntry entryFor(MutationKind kind, const QString &cronId, const QJsonValue &before,
                      const QJsonValue &requestBody)
{
    JournalEntry entry;
    entry.action = mutationName(kind);
    entry.cronId = cronId;
    entry.before = before.isUndefined() ? QJsonValue(QJsonValue::Null) : before;
    entry.after = QJsonValue(QJsonValue::Null);
    entry.request = requestBody;
    return entry;
}

void fillFailure(JournalEntry &entry, const api::ApiError &error)
{
    entry.succeeded = false;
    entry.httpStatus = error.httpStatus;
    entry.serverMessage = error.toString();
    entry.requestId = error.requestId;
}

} // namespace

JournalRecorder::JournalRecorder(ChangeJournal journal, QString client, QObject *parent)
    : QObject(parent)
    , m_journal(std::move(journal))
    , m_client(std::move(client))
{ }

JournalRecorder::~JournalRecorder() = default;

void JournalRecorder::setConnection(const ResolvedConnection &connection)
{
    setConnection(connection.profile ? connection.profile->name : QString(),
                  connection.url.toString(), connection.key.key);
}

void JournalRecorder::setConnection(const QString &profileName, const QString &url,
                                    const QString &apiKey)
{
    m_profile = profileName;
    m_url = url;
    m_journal.setSecrets(apiKey.isEmpty() ? QStringList() : QStringList {apiKey});
}

bool JournalRecorder::record(JournalEntry entry)
{
    if (entry.id.isEmpty())
        entry.id = JournalEntry::newId();
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    if (entry.client.isEmpty())
        entry.client = m_client;
    if (entry.profile.isEmpty())
        entry.profile = m_profile;
    if (entry.url.isEmpty())
        entry.url = m_url;
    if (entry.operatorName.isEmpty())
        entry.operatorName = currentOperator();
    QString error;
    if (!m_journal.append(entry, &error)) {
        qCWarning(lcJournal) << "change journal:" << error;
        Q_EMIT recordFailed(error);
        return false;
    }
    Q_EMIT recorded(m_journal.redacted(ChangeJournal::bounded(entry)));
    return true;
}

void JournalRecorder::track(api::ApiResultRequest<api::Cron> *request, MutationKind kind,
                            const QString &cronId, const QJsonValue &before,
                            const QJsonValue &requestBody)
{
    const JournalEntry entry = entryFor(kind, cronId, before, requestBody);
    connect(request, &api::ApiRequest::succeeded, this, [this, request, base = entry]() {
        JournalEntry entry = base;
        entry.succeeded = true;
        entry.httpStatus = request->httpStatus();
        entry.requestId = QString::fromLatin1(request->responseHeader("x-request-id"));
        entry.after = api::cronToJson(request->result());
        if (entry.cronId.isEmpty())
            entry.cronId = request->result().cronId;
        record(entry);
    });
    connect(request, &api::ApiRequest::failed, this,
            [this, base = entry](const api::ApiError &error) {
                JournalEntry entry = base;
                fillFailure(entry, error);
                record(entry);
            });
}

void JournalRecorder::trackDelete(api::ApiResultRequest<api::Empty> *request, const QString &cronId,
                                  const QJsonValue &before)
{
    const JournalEntry entry = entryFor(MutationKind::Delete, cronId, before, QJsonValue());
    connect(request, &api::ApiRequest::succeeded, this, [this, request, base = entry]() {
        JournalEntry entry = base;
        entry.succeeded = true;
        entry.httpStatus = request->httpStatus();
        entry.requestId = QString::fromLatin1(request->responseHeader("x-request-id"));
        record(entry);
    });
    connect(request, &api::ApiRequest::failed, this,
            [this, base = entry](const api::ApiError &error) {
                JournalEntry entry = base;
                fillFailure(entry, error);
                record(entry);
            });
}

void JournalRecorder::trackCreate(api::CronCreator *creator)
{
    const JournalEntry entry
        = entryFor(MutationKind::Create, {}, QJsonValue(), creator->request().toJson());
    connect(creator, &api::CronCreator::succeeded, this, [this, creator, base = entry]() {
        JournalEntry entry = base;
        entry.succeeded = true;
        entry.httpStatus = creator->outcome() == api::CronCreator::Outcome::Created ? 200 : 0;
        entry.after = api::cronToJson(creator->result());
        entry.cronId = creator->result().cronId;
        record(entry);
    });
    connect(creator, &api::CronCreator::failed, this,
            [this, base = entry](const api::ApiError &error) {
                JournalEntry entry = base;
                fillFailure(entry, error);
                record(entry);
            });
}

} // namespace crondesk::models
