#include "croneditorcontroller.h"

#include <models/api/apiclient.h>
#include <models/api/croncreator.h>
#include <models/api/cronupdater.h>
#include <models/editor/cronmapping.h>
#include <models/session/cronrepository.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CronEditorController)
};

} // namespace

DraftField fieldOfError(const api::ApiError &error)
{
    const DraftField named = draftFieldFromKey(error.field);
    if (named != DraftField::None)
        return named;
    switch (error.missing) {
    case api::ApiError::Resource::Thread:
        return DraftField::Thread;
    case api::ApiError::Resource::Assistant:
        return DraftField::Assistant;
    default:
        return DraftField::None;
    }
}

CronEditorController::CronEditorController(CronRepository *session, const QJsonValue &before,
                                           QObject *parent)
    : CronSubmitter(parent)
    , m_session(session)
    , m_before(before)
{ }

CronEditorController::~CronEditorController() = default;

bool CronEditorController::mayMutate(MutationKind kind)
{
    const QString refusal = m_session ? m_session->refusal(kind, 1)
                                      : Tr::tr("The connection is closed: nothing was sent.");
    if (refusal.isEmpty())
        return true;
    SubmitFailure failure;
    failure.message = refusal;
    Q_EMIT failed(failure);
    return false;
}

void CronEditorController::create(const CronDraft &draft)
{
    if (m_busy || !mayMutate(MutationKind::Create))
        return;
    m_busy = true;
    if (!draft.isThreadBound()) {
        createCron(draft, QString());
        return;
    }
    if (!draft.createThread) {
        createCron(draft, draft.threadId.trimmed());
        return;
    }
    Q_EMIT progress(Tr::tr("Creating a new thread…"));
    m_session->client()->createThread()->then(
        this,
        [this, draft](const api::Thread &thread) {
            Q_EMIT threadCreated(thread.threadId);
            createCron(draft, thread.threadId);
        },
        [this](const api::ApiError &error) {
            SubmitFailure failure;
            failure.error = error;
            failure.field = DraftField::Thread;
            failure.message
                = Tr::tr("The new thread could not be created: %1").arg(error.toString());
            m_busy = false;
            Q_EMIT failed(failure);
        });
}

void CronEditorController::createCron(const CronDraft &draft, const QString &threadId)
{
    if (!m_session) {
        // The connection closed while the thread was being made: say so, send nothing.
        m_busy = false;
        mayMutate(MutationKind::Create);
        return;
    }
    Q_EMIT progress(Tr::tr("Creating the cron…"));
    api::CronCreator *creator = m_session->sendCreate(toCronCreate(draft), threadId);
    if (!m_pendingCorrelationId.isEmpty())
        creator->setCorrelationId(m_pendingCorrelationId);
    connect(creator, &api::CronCreator::checking, this,
            [this] { Q_EMIT progress(Tr::tr("The server may have created it; checking…")); });
    creator->then(
        this,
        [this, creator](const api::Cron &cron) {
            const bool recovered = creator->outcome() != api::CronCreator::Outcome::Created;
            m_pendingCorrelationId.clear();
            m_busy = false;
            if (m_session)
                m_session->applyServerCron(cron);
            Q_EMIT saved(cron, recovered);
        },
        [this, creator](const api::ApiError &error) {
            const bool unknown = creator->outcome() == api::CronCreator::Outcome::Unknown;
            m_pendingCorrelationId = unknown ? creator->correlationId() : QString();
            QString explanation;
            if (unknown)
                explanation = Tr::tr("The server may have created the cron: its answer was lost "
                                     "and it could not be found out. Submitting again first looks "
                                     "for it, so it will not be created twice.");
            else if (error.notSent)
                explanation = Tr::tr("Nothing reached the server; you can submit again safely.");
            else if (error.isAmbiguous())
                explanation = Tr::tr("The server did not store the cron (checked); you can submit "
                                     "again safely.");
            fail(error, explanation, unknown);
        });
}

void CronEditorController::update(const QString &cronId, const CronDraft &original,
                                  const CronDraft &edited)
{
    if (m_busy || !mayMutate(MutationKind::Update))
        return;
    m_busy = true;
    Q_EMIT progress(Tr::tr("Saving the changes…"));
    api::CronUpdater *updater
        = m_session->sendUpdate(cronId, toCronPatch(original, edited), m_before);
    connect(updater, &api::CronUpdater::checking, this,
            [this] { Q_EMIT progress(Tr::tr("The change may have been saved; checking…")); });
    updater->then(
        this,
        [this, updater](const api::Cron &cron) {
            m_busy = false;
            if (m_session)
                m_session->applyServerCron(cron);
            Q_EMIT saved(cron, updater->outcome() == api::CronUpdater::Outcome::Recovered);
        },
        [this, updater](const api::ApiError &error) {
            const bool unknown = updater->outcome() == api::CronUpdater::Outcome::Unknown;
            QString explanation;
            if (unknown)
                // A PATCH sets values rather than adding anything, so repeating it is harmless.
                explanation = Tr::tr("The change may have been saved: the answer was lost and the "
                                     "cron did not show it. Saving again sets the same values.");
            else if (error.isAmbiguous())
                explanation = Tr::tr("The change was not saved (checked); you can save again.");
            fail(error, explanation, unknown);
        });
}

void CronEditorController::fail(const api::ApiError &error, const QString &explanation,
                                bool outcomeUnknown)
{
    SubmitFailure failure;
    failure.error = error;
    failure.field = fieldOfError(error);
    failure.message
        = explanation.isEmpty() ? error.toString() : error.toString() + u' ' + explanation;
    failure.outcomeUnknown = outcomeUnknown;
    m_busy = false;
    Q_EMIT failed(failure);
}

} // namespace crondesk::models
