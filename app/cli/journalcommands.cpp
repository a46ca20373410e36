#include "journalcommands.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/journal/changejournal.h>
#include <models/session/undorunner.h>
#include <models/undo/undoplanner.h>

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

QJsonObject entryRecord(const models::JournalEntry &entry)
{
    QJsonObject record = entry.toJson();
    record.insert(u"id"_s, entry.effectiveId());
    return record;
}

} // namespace

QString JournalListCommand::summary() const
{
    return translate("List the change journal, oldest first, with each entry's id.");
}

QList<QCommandLineOption> JournalListCommand::options() const
{
    return {formatOption(),
            QCommandLineOption(u"cron"_s, translate("Only the entries of this cron."), u"ID"_s),
            QCommandLineOption(u"action"_s,
                               translate("Only this action: create, update, pause, resume, "
                                         "delete, run, undo, restore."),
                               u"ACTION"_s),
            QCommandLineOption(u"since"_s,
                               translate("Only entries at or after DATE (2026-11-21, as UTC "
                                         "midnight, or an instant such as "
                                         "2026-11-21T10:00:00Z)."),
                               u"DATE"_s),
            QCommandLineOption(u"failed"_s, translate("Only the changes that failed."))};
}

void JournalListCommand::execute()
{
    const std::optional<OutputFormat> format = outputFormat();
    if (!format)
        return;
    models::JournalFilter filter;
    filter.action = parser().value(u"action"_s);
    filter.profile = parser().value(u"profile"_s);
    filter.failedOnly = parser().isSet(u"failed"_s);
    if (parser().isSet(u"since"_s)) {
        const QString since = parser().value(u"since"_s);
        const QDate day = QDate::fromString(since, Qt::ISODate);
        if (day.isValid() && since.size() == 10) {
            filter.from = QDateTime(day, QTime(0, 0), Qt::UTC);
        } else {
            QString error;
            const std::optional<QDateTime> instant = parseInstant(since, &error);
            if (!instant) {
                fail(ExitUsage, u"--since: "_s + error);
                return;
            }
            filter.from = *instant;
        }
    }
    const QString cronId = parser().value(u"cron"_s);
    QString error;
    const QList<models::JournalEntry> entries
        = models::ChangeJournal(journalFile(context().environment)).readAll(nullptr, &error);
    if (!error.isEmpty()) {
        fail(ExitUsage, error);
        return;
    }
    QList<models::JournalEntry> shown;
    for (const models::JournalEntry &entry : entries) {
        if (filter.matches(entry) && (cronId.isEmpty() || entry.cronId == cronId))
            shown.append(entry);
    }
    if (*format == OutputFormat::Table) {
        QList<QStringList> rows {{translate("ID"), translate("TIME"), translate("ACTION"),
                                  translate("CRON"), translate("RESULT"), translate("PROFILE"),
                                  translate("CLIENT"), translate("UNDOES")}};
        for (const models::JournalEntry &entry : std::as_const(shown)) {
            const QString result = entry.succeeded
                ? (entry.httpStatus > 0 ? u"ok %1"_s.arg(entry.httpStatus) : u"ok"_s)
                : (entry.httpStatus > 0 ? u"failed %1"_s.arg(entry.httpStatus) : u"failed"_s);
            rows.append({entry.effectiveId(), entry.time.toUTC().toString(Qt::ISODate),
                         entry.action, entry.cronId, result, entry.profile, entry.client,
                         entry.undoes});
        }
        print(textTable(rows));
        done(ExitOk);
        return;
    }
    QList<QJsonObject> records;
    for (const models::JournalEntry &entry : std::as_const(shown))
        records.append(entryRecord(entry));
    printBytes(jsonRecords(records, *format,
                           {u"id"_s, u"time"_s, u"action"_s, u"cron_id"_s, u"profile"_s,
                            u"client"_s, u"operator"_s, u"url"_s, u"undoes"_s, u"response"_s,
                            u"request"_s, u"before"_s, u"after"_s}));
    done(ExitOk);
}

QString JournalUndoCommand::summary() const
{
    return translate("Undo one change journal entry: an update, pause or resume is set back, a "
                     "deleted cron is restored (with a new id), a created cron is deleted.");
}

QList<QCommandLineOption> JournalUndoCommand::options() const
{
    return {QCommandLineOption(u"dry-run"_s,
                               translate("Print the plan and send nothing (exit 0 when it can "
                                         "be carried out, 2 when it is refused).")),
            QCommandLineOption(u"yes"_s,
                               translate("Carry the plan out (without it, nothing is "
                                         "sent).")),
            QCommandLineOption(u"confirm"_s,
                               translate("The profile's name, required to undo through a profile "
                                         "labelled production."),
                               u"PROFILE"_s)};
}

void JournalUndoCommand::execute()
{
    const QStringList references = positionals();
    if (references.size() != 1) {
        fail(ExitUsage, translate("journal undo needs exactly one entry id (see journal list)"));
        return;
    }
    QString error;
    const QList<models::JournalEntry> entries
        = models::ChangeJournal(journalFile(context().environment)).readAll(nullptr, &error);
    if (!error.isEmpty()) {
        fail(ExitUsage, error);
        return;
    }
    const std::optional<models::JournalEntry> entry
        = models::findJournalEntry(entries, references.first(), &error);
    if (!entry) {
        fail(ExitUsage, error);
        return;
    }
    m_runner = new models::UndoRunner(client(), journal(), connection().profile,
                                      connection().url.toString(), this);
    connect(m_runner, &models::UndoRunner::planned, this, &JournalUndoCommand::onPlanned);
    connect(m_runner, &models::UndoRunner::prepareFailed, this,
            [this](const api::ApiError &failure) { failWith(failure); });
    connect(m_runner, &models::UndoRunner::refused, this,
            [this](const QString &reason) { fail(ExitUsage, reason); });
    connect(m_runner, &models::UndoRunner::failed, this,
            [this](const api::ApiError &failure) { failWith(failure); });
    connect(m_runner, &models::UndoRunner::succeeded, this, [this](const QString &message) {
        print(message + u'\n');
        if (const models::JournalEntry &recorded = m_runner->recordedEntry();
            !recorded.id.isEmpty())
            note(translate("journaled as entry %1").arg(recorded.id));
        done(ExitOk);
    });
    m_runner->prepare(*entry, entries);
}

void JournalUndoCommand::onPlanned()
{
    const models::UndoPlan &plan = m_runner->plan();
    print(plan.describe() + u'\n');
    if (!plan.isPossible()) {
        done(ExitUsage);
        return;
    }
    const models::MutationDecision rules = m_runner->decision();
    if (rules.isRefused()) {
        fail(ExitUsage, rules.reason);
        return;
    }
    if (parser().isSet(u"dry-run"_s)) {
        done(ExitOk);
        return;
    }
    if (rules.needsTypedConfirmation()
        && !models::typedConfirmationMatches(parser().value(u"confirm"_s),
                                             rules.confirmationPhrase)) {
        fail(ExitUsage,
             rules.reason + u' '
                 + translate("Nothing was sent; repeat with --confirm \"%1\".")
                       .arg(rules.confirmationPhrase));
        return;
    }
    if (!parser().isSet(u"yes"_s)) {
        fail(ExitUsage, translate("Nothing was sent; repeat with --yes to carry the plan out."));
        return;
    }
    m_runner->execute();
}

} // namespace crondesk::cli
