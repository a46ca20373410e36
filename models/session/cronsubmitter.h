#pragma once

#include <models/api/apierror.h>
#include <models/api/cron.h>
#include <models/editor/crondraft.h>

#include <QObject>
#include <QString>

namespace crondesk::models {

// Why a submit did not save, in the terms the editor shows.
struct SubmitFailure
{
    api::ApiError error;
    DraftField field = DraftField::None; // the field the server's message names, if any
    QString message; // the server's detail and what it means for submitting again
    // The answer was lost and it could not be found out whether the cron was created (or, for
    // an edit, changed): it may have been. Submitting a create again first looks for the cron made
    // by this attempt, so it is never created twice.
    bool outcomeUnknown = false;
};

// What the cron editor submits through. The editor sees this and never a client or a request:
// the session behind it (CronRepository::newEditorSubmitter) applies the profile's rules,
// journals the change, sends it and puts the server's version into the inventory. Tests and
// screenshots can stand in for the whole write path with their own implementation.
class CronSubmitter : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronSubmitter)

public:
    using QObject::QObject;
    ~CronSubmitter() override;

    virtual void create(const CronDraft &draft) = 0;
    virtual void update(const QString &cronId, const CronDraft &original, const CronDraft &edited)
        = 0;
    virtual bool isBusy() const = 0;

Q_SIGNALS:
    // What is being waited for, for the progress line.
    void progress(const QString &what);
    void threadCreated(const QString &threadId);
    // The cron as the server now has it. `recovered`: the answer was lost, but the check found
    // the cron (possibly one stored by an earlier attempt of this dialog).
    void saved(const crondesk::api::Cron &cron, bool recovered);
    void failed(const crondesk::models::SubmitFailure &failure);
};

} // namespace crondesk::models

Q_DECLARE_METATYPE(crondesk::models::SubmitFailure)
