#include "undorunner.h"

#include <models/api/apiclient.h>
#include <models/api/apirequest.h>
#include <models/api/croncreator.h>
#include <models/api/cronupdater.h>
#include <models/journal/journalrecorder.h>

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

// The plan confirmed and the plan made again just before sending are the same change.
bool samePlan(const UndoPlan &a, const UndoPlan &b)
{
    return a.step == b.step && a.changes == b.changes && a.patch == b.patch && a.create == b.create
        && a.threadId == b.threadId;
}

} // namespace

UndoRunner::UndoRunner(api::ApiClient *client, JournalRecorder *journal,
                       std::optional<ConnectionProfile> profile, QString url, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_journal(journal)
    , m_profile(std::move(profile))
    , m_url(std::move(url))
{ }

UndoRunner::~UndoRunner() = default;

void UndoRunner::prepare(const JournalEntry &entry, const QList<JournalEntry> &journal)
{
    m_entry = entry;
    m_journalEntries = journal;
    m_plan = {};
    gather([this](const UndoInputs &inputs) {
        m_plan = planUndo(m_entry, inputs);
        Q_EMIT planned(m_plan);
    });
}

void UndoRunner::gather(std::function<void(const UndoInputs &)> then)
{
    UndoInputs inputs;
    inputs.journal = m_journalEntries;
    inputs.url = m_url;
    inputs.now = m_clock();
    // Entries that cannot be undone whatever the server says are planned without asking it.
    if (!entryRefusal(m_entry, inputs).isEmpty()) {
        QTimer::singleShot(0, this, [then, inputs] { then(inputs); });
        return;
    }
    m_client->getCron(m_entry.cronId)
        ->then(
            this,
            [then, inputs](const api::Cron &cron) {
                UndoInputs withCron = inputs;
                withCron.current = cron;
                then(withCron);
            },
            [this, then, inputs](const api::ApiError &error) {
                if (error.kind != api::ApiError::Kind::NotFound) {
                    Q_EMIT prepareFailed(error);
                    return;
                }
                const QString threadId = threadToCheck(m_entry);
                if (threadId.isEmpty()) {
                    then(inputs);
                    return;
                }
                m_client->getThread(threadId)->then(
                    this,
                    [then, inputs](const api::Thread &) {
                        UndoInputs withThread = inputs;
                        withThread.thread = UndoInputs::Thread::Exists;
                        then(withThread);
                    },
                    [then, inputs](const api::ApiError &threadError) {
                        UndoInputs withThread = inputs;
                        withThread.thread = threadError.kind == api::ApiError::Kind::NotFound
                            ? UndoInputs::Thread::Missing
                            : UndoInputs::Thread::Unknown;
                        then(withThread);
                    });
            });
}

void UndoRunner::execute()
{
    if (m_sent)
        return;
    if (!m_plan.isPossible()) {
        Q_EMIT refused(m_plan.refusal.isEmpty() ? tr("There is no undo to carry out.")
                                                : m_plan.refusal);
        return;
    }
    if (const MutationDecision rules = decision(); rules.isRefused()) {
        Q_EMIT refused(rules.reason);
        return;
    }
    m_sent = true;
    // The plan was confirmed against the cron as it was then; look once more just before sending.
    gather([this](const UndoInputs &inputs) {
        const UndoPlan again = planUndo(m_entry, inputs);
        if (!samePlan(again, m_plan)) {
            m_plan = again;
            Q_EMIT refused(again.isPossible()
                               ? tr("The cron changed since the undo was confirmed; look at the "
                                    "new plan and confirm again.")
                               : again.refusal);
            m_sent = false;
            return;
        }
        send();
    });
}

void UndoRunner::send()
{
    switch (m_plan.step) {
    case UndoPlan::Step::Patch: {
        api::CronUpdater *updater = m_client->updateCronChecked(m_plan.cronId, m_plan.patch);
        updater->setVerificationDelay(m_verificationDelay);
        updater->setVerificationWindow(m_verificationWindow);
        updater->then(
            this,
            [this, updater](const api::Cron &cron) {
                record(true, updater->outcome() == api::CronUpdater::Outcome::Applied ? 200 : 0,
                       api::cronToJson(cron), cron.cronId);
                // Read back: the table and the outcome show the server's state now.
                m_client->getCron(cron.cronId)
                    ->then(
                        this,
                        [this](const api::Cron &current) {
                            finish(tr("Undone: the fields the %1 changed are back as they "
                                      "were.")
                                       .arg(m_plan.entryAction),
                                   current);
                        },
                        [this, cron](const api::ApiError &) {
                            finish(tr("Undone: the fields the %1 changed are back as they "
                                      "were.")
                                       .arg(m_plan.entryAction),
                                   cron);
                        });
            },
            [this](const api::ApiError &error) {
                record(false, error.httpStatus, QJsonValue(QJsonValue::Null), m_plan.cronId, error);
                Q_EMIT failed(error);
            });
        break;
    }
    case UndoPlan::Step::Recreate: {
        api::CronCreator *creator = m_client->createCronOnce(m_plan.create, m_plan.threadId);
        creator->setVerificationDelay(m_verificationDelay);
        creator->setVerificationWindow(m_verificationWindow);
        creator->then(
            this,
            [this, creator](const api::Cron &cron) {
                record(true, creator->outcome() == api::CronCreator::Outcome::Created ? 200 : 0,
                       api::cronToJson(cron), cron.cronId);
                m_client->getCron(cron.cronId)
                    ->then(
                        this,
                        [this, id = cron.cronId](const api::Cron &current) {
                            finish(restoredText(id, m_plan.cronId), current);
                        },
                        [this, cron](const api::ApiError &) {
                            finish(restoredText(cron.cronId, m_plan.cronId), cron);
                        });
            },
            [this](const api::ApiError &error) {
                record(false, error.httpStatus, QJsonValue(QJsonValue::Null), QString(), error);
                Q_EMIT failed(error);
            });
        break;
    }
    case UndoPlan::Step::Delete: {
        auto *request = m_client->deleteCron(m_plan.cronId);
        request->then(
            this,
            [this, request](const api::Empty &) {
                record(true, request->httpStatus(), QJsonValue(QJsonValue::Null), m_plan.cronId);
                finish(tr("Undone: cron %1, which the create made, is deleted.").arg(m_plan.cronId),
                       std::nullopt);
            },
            [this](const api::ApiError &error) {
                record(false, error.httpStatus, QJsonValue(QJsonValue::Null), m_plan.cronId, error);
                Q_EMIT failed(error);
            });
        break;
    }
    case UndoPlan::Step::None:
        break;
    }
}

void UndoRunner::record(bool ok, int status, const QJsonValue &after, const QString &cronId,
                        const api::ApiError &error)
{
    JournalEntry entry;
    entry.action = m_plan.journalAction;
    entry.cronId = cronId;
    entry.undoes = m_plan.entryId;
    entry.before = m_plan.current;
    entry.after = after;
    switch (m_plan.step) {
    case UndoPlan::Step::Patch:
        entry.request = m_plan.patch.toJson();
        break;
    case UndoPlan::Step::Recreate:
        entry.request = m_plan.create.toJson();
        break;
    default:
        break;
    }
    entry.succeeded = ok;
    entry.httpStatus = status;
    if (!ok) {
        entry.serverMessage = error.toString();
        entry.requestId = error.requestId;
    }
    entry.id = JournalEntry::newId();
    if (m_journal)
        m_journal->record(entry);
    m_recorded = entry;
}

void UndoRunner::finish(const QString &message, const std::optional<api::Cron> &cron)
{
    m_result = cron;
    Q_EMIT succeeded(message);
}

} // namespace crondesk::models
