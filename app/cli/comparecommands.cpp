#include "comparecommands.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/api/apiclient.h>
#include <models/compare/attribution.h>
#include <models/compare/snapshotdiff.h>
#include <models/compare/snapshottaker.h>
#include <models/connections/credentialstore.h>
#include <models/connections/profilestore.h>
#include <models/journal/changejournal.h>

#include <QCoreApplication>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

bool isUrl(const QString &text)
{
    return text.startsWith("http://"_L1, Qt::CaseInsensitive)
        || text.startsWith("https://"_L1, Qt::CaseInsensitive);
}

QStringList commaList(const QStringList &values)
{
    QStringList list;
    for (const QString &value : values)
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts))
            list.append(part.trimmed());
    return list;
}

} // namespace

// --- snapshot save ---

QString SnapshotSaveCommand::summary() const
{
    return translate("Save the deployment's crons (filtered as crons list), assistants and "
                     "capabilities as a snapshot file.");
}

QList<QCommandLineOption> SnapshotSaveCommand::options() const
{
    // The filters of crons list; sorting, limits and formats mean nothing for a snapshot.
    QList<QCommandLineOption> filters = CronsListCommand::options();
    filters.removeIf([](const QCommandLineOption &option) {
        static const QStringList kept {u"assistant"_s, u"thread"_s, u"enabled"_s, u"metadata"_s};
        return !kept.contains(option.names().constFirst());
    });
    return filters;
}

void SnapshotSaveCommand::execute()
{
    const QStringList files = positionals();
    if (files.size() != 1) {
        fail(ExitUsage, translate("snapshot save needs exactly one FILE"));
        return;
    }
    const std::optional<api::CronSearchQuery> query = filterQuery();
    if (!query)
        return;
    const QString path = files.first();
    auto *taker = new models::SnapshotTaker(
        client(), *query,
        models::connectionSecrets(connection().key.key, requestFactory().extraHeaders()), this);
    connect(taker, &models::SnapshotTaker::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    connect(taker, &models::SnapshotTaker::succeeded, this,
            [this, path](const models::Snapshot &snapshot) {
                QString error;
                if (!models::writeSnapshot(snapshot, path, &error)) {
                    fail(ExitRefused, error);
                    return;
                }
                note(QCoreApplication::translate("crondeskctl", "saved %n cron(s) to %1", nullptr,
                                                 int(snapshot.crons.size()))
                         .arg(path));
                done(ExitOk);
            });
    taker->start();
}

// --- diff ---

QString DiffCommand::summary() const
{
    return translate("Compare two snapshots: OLD and NEW are each a snapshot file, @PROFILE or a "
                     "deployment URL (read now). Exit 0 when they do not differ, 4 when they do.");
}

QList<QCommandLineOption> DiffCommand::options() const
{
    return {
        QCommandLineOption(u"match"_s,
                           translate("Pair crons by id (default when both sides are the same "
                                     "deployment) or by content (default across deployments)."),
                           u"id|content"_s),
        QCommandLineOption(u"key"_s,
                           translate("With --match content: the fields that pair two crons, "
                                     "comma-separated (default schedule,timezone,payload; e.g. "
                                     "metadata.name)."),
                           u"FIELD"_s),
        QCommandLineOption(u"ignore"_s,
                           translate("Fields not compared, comma-separated (default "
                                     "next_run_date,updated_at; \"\" compares every field)."),
                           u"FIELD,..."_s),
        QCommandLineOption(u"format"_s,
                           translate("Output format: table, json, markdown or html (default "
                                     "table)."),
                           u"FORMAT"_s, u"table"_s),
        QCommandLineOption({u"o"_s, u"output"_s},
                           translate("Write the report to FILE (replaced atomically) instead of "
                                     "stdout."),
                           u"FILE"_s),
    };
}

void DiffCommand::execute()
{
    const QStringList sources = positionals();
    if (sources.size() != 2) {
        fail(ExitUsage,
             translate("diff needs two sources: OLD and NEW (a snapshot file, "
                       "@PROFILE or a deployment URL)"));
        return;
    }
    const std::optional<models::DiffFormat> format
        = models::parseDiffFormat(parser().value(u"format"_s));
    if (!format) {
        fail(ExitUsage,
             translate("unknown --format \"%1\" (use table, json, markdown or html)")
                 .arg(parser().value(u"format"_s)));
        return;
    }
    m_format = *format;
    if (parser().isSet(u"match"_s)) {
        const QString match = parser().value(u"match"_s).toLower();
        if (match != "id"_L1 && match != "content"_L1) {
            fail(ExitUsage, translate("--match must be id or content"));
            return;
        }
        m_matchGiven = true;
        m_options.match = match == "id"_L1 ? models::MatchMode::Id : models::MatchMode::Content;
    }
    m_options.key = commaList(parser().values(u"key"_s));
    if (!m_options.key.isEmpty() && m_matchGiven && m_options.match == models::MatchMode::Id) {
        fail(ExitUsage,
             translate("--key pairs crons by content: it cannot be used with "
                       "--match id"));
        return;
    }
    if (!m_options.key.isEmpty()) {
        m_options.match = models::MatchMode::Content;
        m_matchGiven = true;
    }
    if (parser().isSet(u"ignore"_s))
        m_options.ignore = commaList(parser().values(u"ignore"_s));

    // Files first: a damaged snapshot is a usage error found before anything is sent. Both
    // files are read at once; the first damaged one in argument order is reported.
    QStringList files;
    QList<int> fileSides;
    for (int i = 0; i < 2; ++i) {
        m_sides[i].argument = sources.at(i);
        if (!m_sides[i].argument.startsWith(u'@') && !isUrl(m_sides[i].argument)) {
            files.append(m_sides[i].argument);
            fileSides.append(i);
        }
    }
    QList<models::SnapshotReadResult> reads = models::readSnapshots(files);
    for (qsizetype f = 0; f < reads.size(); ++f) {
        Side &side = m_sides[fileSides.at(f)];
        if (!reads[f].snapshot) {
            fail(ExitUsage, reads.at(f).message);
            return;
        }
        side.snapshot = std::move(reads[f].snapshot);
        side.side = {side.argument, side.snapshot->takenAt};
    }
    readNextLive();
}

void DiffCommand::readNextLive()
{
    Side *side = nullptr;
    for (Side &candidate : m_sides) {
        if (!candidate.snapshot) {
            side = &candidate;
            break;
        }
    }
    if (!side) {
        report();
        return;
    }
    models::ConnectionInputs inputs;
    inputs.environment = context().environment;
    if (isUrl(side->argument)) {
        inputs.urlFlag = side->argument;
        inputs.apiKeyFlag = parser().value(u"api-key"_s);
        readLive(side, inputs);
        return;
    }
    const QString profileName = side->argument.mid(1);
    const models::ProfileStore store(profilesFile(context().environment));
    inputs.profile = store.find(profileName);
    if (!inputs.profile) {
        fail(ExitUsage,
             translate("there is no connection profile called \"%1\" in %2 (profiles "
                       "are made in the Cron Desk app)")
                 .arg(profileName, store.filePath()));
        return;
    }
    if (!m_credentials)
        m_credentials
            = context().credentials ? context().credentials : new models::CredentialStore(this);
    m_credentials->readKey(profileName, this,
                           [this, side, inputs](const models::CredentialStore::Result &result) {
                               models::ConnectionInputs withKey = inputs;
                               withKey.profileKey = result.found ? result.key : QString();
                               readLive(side, withKey);
                           });
}

void DiffCommand::readLive(Side *side, const models::ConnectionInputs &inputs)
{
    const models::ResolvedConnection connection = models::resolveConnection(inputs);
    if (!connection.isValid()) {
        fail(ExitUsage, models::urlTextForDisplay(side->argument) + u": "_s + connection.error);
        return;
    }
    api::RequestFactory factory = connection.requestFactory();
    if (!inputs.profile) {
        QString error;
        const auto headers = parseHeaders(parser().values(u"header"_s), &error);
        if (!headers) {
            fail(ExitUsage, error);
            return;
        }
        factory.setExtraHeaders(*headers);
    }
    auto *client = new api::ApiClient(factory, this);
    auto *taker = new models::SnapshotTaker(
        client, {}, models::connectionSecrets(connection.key.key, factory.extraHeaders()), this);
    const QString label = side->argument.startsWith(u'@')
        ? side->argument
        : models::urlWithoutCredentials(connection.url);
    connect(taker, &models::SnapshotTaker::failed, this, [this, label](const api::ApiError &error) {
        fail(exitCodeFor(error), label + u": "_s + error.toString());
    });
    connect(taker, &models::SnapshotTaker::succeeded, this,
            [this, side, label](const models::Snapshot &snapshot) {
                side->snapshot = snapshot;
                side->side = {label, snapshot.takenAt};
                readNextLive();
            });
    taker->start();
}

void DiffCommand::report()
{
    const models::Snapshot &oldSnapshot = *m_sides[0].snapshot;
    const models::Snapshot &newSnapshot = *m_sides[1].snapshot;
    if (!m_matchGiven)
        m_options.match = oldSnapshot.serverUrl == newSnapshot.serverUrl
            ? models::MatchMode::Id
            : models::MatchMode::Content;
    models::DiffReport report;
    report.oldSide = m_sides[0].side;
    report.newSide = m_sides[1].side;
    report.diff = models::diffCrons(oldSnapshot.crons, newSnapshot.crons, m_options,
                                    oldSnapshot.graphByAssistant(), newSnapshot.graphByAssistant());
    if (report.diff.hasDifferences()) {
        const QList<models::JournalEntry> journal
            = models::ChangeJournal(journalFile(context().environment)).readAll();
        report.attribution = models::attributeDiff(report.diff, journal, oldSnapshot.serverUrl,
                                                   oldSnapshot.takenAt, newSnapshot.serverUrl,
                                                   newSnapshot.takenAt);
    }
    const QByteArray bytes = models::renderDiffReport(report, m_format);
    const int code = report.diff.hasDifferences() ? ExitDifferences : ExitOk;
    const QString path = parser().value(u"output"_s);
    if (path.isEmpty() || path == "-"_L1) {
        printBytes(bytes);
        done(code);
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        fail(ExitRefused, translate("cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    done(code);
}

} // namespace crondesk::cli
