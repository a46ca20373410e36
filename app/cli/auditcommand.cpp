#include "auditcommand.h"

#include "cliparse.h"
#include "commandline.h"

#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>
#include <models/audit/auditpolicystore.h>
#include <models/audit/auditreport.h>
#include <models/audit/auditserverreader.h>
#include <models/common/safetext.h>
#include <models/runs/lastruncache.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

namespace {

// Exit codes mean what each command says: for audit, 4 is "a finding at or above --fail-on"
// (for creates and updates it is "may have been applied"; docs/crondeskctl.md).
constexpr int ExitFindings = ExitUnknown;

QString translate(const char *text)
{
    return QCoreApplication::translate("crondeskctl", text);
}

// Counted messages are marked with QT_TRANSLATE_N_NOOP where they are written, so that lupdate
// finds them for the English plural forms (it cannot see through this wrapper).
QString translate(const char *text, int n)
{
    return QCoreApplication::translate("crondeskctl", text, nullptr, n);
}

const QStringList &filterOptionNames()
{
    static const QStringList names {u"assistant"_s, u"thread"_s, u"enabled"_s, u"metadata"_s};
    return names;
}

QString ruleIds()
{
    QStringList ids;
    for (const models::AuditRuleInfo &info : models::auditRules())
        ids.append(QString(info.id));
    return ids.join(u", "_s);
}

} // namespace

std::optional<AuditCommand::Format> AuditCommand::parseFormat(const QString &text)
{
    static const QList<std::pair<QLatin1StringView, Format>> formats {
        {"table"_L1, Format::Table},       {"json"_L1, Format::Json},
        {"jsonl"_L1, Format::JsonLines},   {"csv"_L1, Format::Csv},
        {"markdown"_L1, Format::Markdown}, {"html"_L1, Format::Html},
    };
    for (const auto &[name, format] : formats) {
        if (text == name)
            return format;
    }
    return std::nullopt;
}

QString AuditCommand::summary() const
{
    return translate("Audit the crons under a policy: findings with severity, evidence and a "
                     "suggestion. Exit 0 when no unacknowledged finding is at or above --fail-on, "
                     "4 when one is.");
}

QList<QCommandLineOption> AuditCommand::options() const
{
    // The filters of crons list (not its sort, limit or format).
    QList<QCommandLineOption> list;
    for (const QCommandLineOption &option : CronsListCommand::options()) {
        if (filterOptionNames().contains(option.names().first()))
            list.append(option);
    }
    list += {
        QCommandLineOption(u"policy"_s,
                           translate("Audit policy file (docs/audit.md). Default: the profile's "
                                     "policy with --profile, else the default policy."),
                           u"FILE"_s),
        QCommandLineOption(u"now"_s,
                           translate("Audit as of this instant (ISO 8601 with an offset or Z), "
                                     "as if the crons were read then: reproducible audits."),
                           u"TIME"_s),
        QCommandLineOption(u"min-severity"_s,
                           translate("Report only findings at or above: info (default), "
                                     "warning or error."),
                           u"SEVERITY"_s),
        QCommandLineOption(u"fail-on"_s,
                           translate("Exit 4 when an unacknowledged finding reported is at or "
                                     "above: info, warning, error (default) or never."),
                           u"SEVERITY"_s),
        QCommandLineOption(u"rule"_s,
                           translate("Only these rules (comma-separated ids, repeatable)."),
                           u"ID,..."_s),
        QCommandLineOption(u"format"_s,
                           translate("Output format: table (default), json, jsonl, csv, markdown "
                                     "or html."),
                           u"FORMAT"_s),
        QCommandLineOption(u"runs"_s,
                           translate("Also read each cron's runs, for last-run-failed: one "
                                     "request per thread cron's thread, a few per stateless cron "
                                     "that keeps its threads. Off by default, since a large "
                                     "deployment makes that many requests.")),
        QCommandLineOption({u"o"_s, u"output"_s},
                           translate("Write to FILE (replaced atomically) instead of stdout."),
                           u"FILE"_s),
    };
    return list;
}

bool AuditCommand::readOptions()
{
    QString error;
    const QString formatText
        = parser().isSet(u"format"_s) ? parser().value(u"format"_s) : u"table"_s;
    const std::optional<Format> format = parseFormat(formatText);
    if (!format) {
        fail(ExitUsage,
             translate("unknown --format \"%1\" (use table, json, jsonl, csv, "
                       "markdown or html)")
                 .arg(formatText));
        return false;
    }
    m_format = *format;
    if (parser().isSet(u"now"_s)) {
        m_now = parseInstant(parser().value(u"now"_s), &error);
        if (!m_now) {
            fail(ExitUsage, u"--now: "_s + error);
            return false;
        }
        m_now = m_now->toUTC();
    }
    if (parser().isSet(u"min-severity"_s)) {
        const auto severity = models::severityFromId(parser().value(u"min-severity"_s));
        if (!severity) {
            fail(ExitUsage, translate("--min-severity must be info, warning or error"));
            return false;
        }
        m_minSeverity = *severity;
    }
    if (parser().isSet(u"fail-on"_s)) {
        const QString value = parser().value(u"fail-on"_s);
        const auto severity = models::severityFromId(value);
        if (!severity && value != "never"_L1) {
            fail(ExitUsage, translate("--fail-on must be info, warning, error or never"));
            return false;
        }
        m_failOn = severity;
    }
    if (parser().isSet(u"rule"_s)) {
        models::AuditRuleSet rules;
        for (const QString &value : parser().values(u"rule"_s)) {
            for (const QString &id : value.split(u',', Qt::SkipEmptyParts)) {
                const auto rule = models::ruleFromId(id.trimmed());
                if (!rule) {
                    fail(ExitUsage,
                         translate("--rule: unknown rule \"%1\" (the rules are: %2)")
                             .arg(id.trimmed(), ruleIds()));
                    return false;
                }
                rules.insert(*rule);
            }
        }
        if (rules.isEmpty()) {
            fail(ExitUsage, translate("--rule needs at least one rule id"));
            return false;
        }
        m_options.rules = rules;
    }
    // The heat map is only in the reports.
    m_options.countFires = m_format == Format::Html || m_format == Format::Markdown;
    return true;
}

bool AuditCommand::readPolicy()
{
    QString path = parser().value(u"policy"_s);
    const QString profile = parser().value(u"profile"_s);
    if (path.isEmpty() && !profile.isEmpty()) {
        const models::AuditPolicyStore store(
            models::AuditPolicyStore::directoryFor(profilesFile(context().environment)));
        if (store.hasPolicy(profile)) {
            path = store.filePath(profile);
            note(translate("using the audit policy of profile \"%1\" (%2)").arg(profile, path));
        }
    }
    if (path.isEmpty())
        return true; // the default policy
    const models::AuditPolicyReading reading = models::readAuditPolicyFile(path);
    if (!reading.policy) {
        // Every problem, each as FILE:LINE:COLUMN: ..., then the usage exit.
        for (qsizetype i = 0; i + 1 < reading.problems.size(); ++i)
            note(models::formatPolicyProblem(reading.problems.at(i), path));
        fail(ExitUsage, models::formatPolicyProblem(reading.problems.last(), path));
        return false;
    }
    m_policy = *reading.policy;
    return true;
}

void AuditCommand::execute()
{
    if (!readOptions() || !readPolicy())
        return;
    const std::optional<api::CronSearchQuery> filter = filterQuery();
    if (!filter)
        return;
    m_input.serverUrl = requestFactory().baseUrl().toString(QUrl::RemoveUserInfo);
    readCrons(*filter);
}

void AuditCommand::readCrons(const api::CronSearchQuery &filter)
{
    auto *fetcher = new api::CronFetcher(client(), filter, this);
    connect(fetcher, &api::CronFetcher::pageArrived, this, [this](const QList<api::Cron> &page) {
        // Overdue is judged on what the server said when the page arrived; with --now, as if it
        // arrived then.
        const QDateTime readAt = m_now.value_or(QDateTime::currentDateTimeUtc());
        for (const api::Cron &cron : page)
            m_input.crons.append({cron, readAt});
    });
    connect(fetcher, &api::CronFetcher::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    connect(fetcher, &api::CronFetcher::succeeded, this, [this] {
        // The fetch delivers pages in no particular order; the audit's findings are sorted, but
        // its input should be the same from run to run too.
        std::sort(m_input.crons.begin(), m_input.crons.end(),
                  [](const models::AuditCron &a, const models::AuditCron &b) {
                      return a.cron.cronId < b.cron.cronId;
                  });
        readServerState();
    });
    fetcher->start();
}

void AuditCommand::readServerState()
{
    QList<api::Cron> crons;
    crons.reserve(m_input.crons.size());
    for (const models::AuditCron &entry : std::as_const(m_input.crons))
        crons.append(entry.cron);
    noteMalformed(crons);
    auto *reader = new models::AuditServerReader(client(), this);
    connect(reader, &models::AuditServerReader::finished, this,
            [this](const models::AuditServerState &state) {
                if (state.transportError) {
                    failWith(*state.transportError);
                    return;
                }
                state.applyTo(&m_input);
                if (parser().isSet(u"runs"_s))
                    readLastRuns();
                else
                    finish();
            });
    reader->start(crons);
}

void AuditCommand::readLastRuns()
{
    QList<api::Cron> crons;
    QSet<QString> pending;
    for (const models::AuditCron &entry : std::as_const(m_input.crons)) {
        crons.append(entry.cron);
        pending.insert(entry.cron.cronId);
    }
    if (crons.isEmpty()) {
        m_input.lastRuns.emplace();
        finish();
        return;
    }
    // The app's cache, asked for every cron: crons of one thread share one read and are told
    // apart; stateless crons that delete their threads cost nothing (and have no history).
    auto *cache = new models::LastRunCache(client(), this);
    cache->setMaxConcurrent(4);
    connect(cache, &models::LastRunCache::changed, this,
            [this, cache, crons, pending](const QStringList &ids) mutable {
                for (const QString &id : ids)
                    pending.remove(id);
                if (!pending.isEmpty())
                    return;
                QHash<QString, models::AuditLastRun> runs;
                int unreadable = 0;
                QString firstFailure;
                for (const api::Cron &cron : std::as_const(crons)) {
                    const models::LastRunCache::Entry entry = cache->entry(cron.cronId);
                    if (entry.state == models::LastRunCache::Entry::State::Failed) {
                        if (unreadable++ == 0)
                            firstFailure = entry.reason;
                    } else if (entry.lastRun) {
                        runs.insert(cron.cronId,
                                    {entry.lastRun->runId, entry.lastRun->status,
                                     entry.lastRun->createdAt});
                    }
                }
                if (unreadable > 0)
                    note(translate(QT_TRANSLATE_N_NOOP("crondeskctl",
                                                       "the runs of %n cron(s) could not be "
                                                       "read, so last-run-failed did not judge "
                                                       "them (the first: %1)"),
                                   unreadable)
                             .arg(firstFailure));
                m_input.lastRuns = runs;
                cache->deleteLater();
                finish();
            });
    cache->request(crons);
}

void AuditCommand::finish()
{
    m_input.now = m_now.value_or(QDateTime::currentDateTimeUtc());
    const models::AuditResult all = models::runAudit(m_input, m_policy, m_options);
    const models::AuditResult result = models::withMinimumSeverity(all, m_minSeverity);
    for (const models::AuditSkippedRule &skipped : result.notEvaluated)
        note(translate("%1 not evaluated: %2")
                 .arg(QString(models::ruleId(skipped.rule)), skipped.reason));

    const QByteArray bytes = render(result);
    const QString path = parser().value(u"output"_s);
    if (path.isEmpty() || path == "-"_L1) {
        printBytes(bytes);
    } else {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()
            || !file.commit()) {
            fail(ExitRefused, translate("cannot write %1: %2").arg(path, file.errorString()));
            return;
        }
        note(translate(QT_TRANSLATE_N_NOOP("crondeskctl", "wrote %n finding(s) to %1"),
                       int(result.findings.size()))
                 .arg(path));
    }
    const bool failed = m_failOn && result.hasUnacknowledgedAtLeast(*m_failOn);
    done(failed ? ExitFindings : ExitOk);
}

QByteArray AuditCommand::render(const models::AuditResult &result) const
{
    const QDateTime generatedAt = QDateTime::currentDateTimeUtc();
    QList<QJsonObject> records;
    if (m_format == Format::Csv) {
        for (const models::AuditFinding &finding : result.findings)
            records.append(models::auditFindingToJson(finding));
    }
    const models::AuditReportContext context {generatedAt, QString()};
    switch (m_format) {
    case Format::Json:
        return models::auditResultJsonText(result, generatedAt);
    case Format::JsonLines: {
        QByteArray lines;
        for (const models::AuditFinding &finding : result.findings)
            lines += models::auditFindingJsonLine(finding);
        return lines;
    }
    case Format::Csv:
        return jsonRecords(records, OutputFormat::Csv, models::auditCsvColumns());
    case Format::Markdown:
        return models::auditReportMarkdown(result, context).toUtf8();
    case Format::Html:
        return models::auditReportHtml(result, context).toUtf8();
    case Format::Table:
        break;
    }
    QList<QStringList> rows {
        {translate("SEVERITY"), translate("RULE"), translate("CRON"), translate("MESSAGE")}};
    for (const models::AuditFinding &finding : result.findings) {
        QString severity = QString(models::severityId(finding.severity));
        if (finding.acknowledged)
            severity += translate(" (ack)");
        rows.append({severity, QString(models::ruleId(finding.rule)),
                     finding.cronId.isEmpty() ? u"-"_s : finding.cronId, finding.message});
    }
    QString text = result.findings.isEmpty() ? QString() : textTable(rows) + u'\n';
    text += translate(QT_TRANSLATE_N_NOOP("crondeskctl", "%n cron(s) audited"), result.cronCount)
        + u": "_s
        + translate(QT_TRANSLATE_N_NOOP("crondeskctl", "%n finding(s)"),
                    int(result.findings.size()))
        + translate(" (%1 error, %2 warning, %3 info; %4 acknowledged)")
              .arg(result.count(models::AuditSeverity::Error))
              .arg(result.count(models::AuditSeverity::Warning))
              .arg(result.count(models::AuditSeverity::Info))
              .arg(result.acknowledgedCount())
        + u'\n';
    return text.toUtf8();
}

} // namespace crondesk::cli
