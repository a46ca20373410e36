#pragma once

#include <models/api/cron.h>
#include <models/audit/auditpolicy.h>
#include <models/audit/auditrule.h>
#include <models/audit/firecounts.h>

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <array>
#include <optional>

namespace crondesk::models {

// A cron as read from the server, and when: overdue is judged on what the server said then.
struct AuditCron
{
    api::Cron cron;
    QDateTime readAt; // invalid: read at the audit's `now`
};

// The most recent run of a cron, for last-run-failed.
struct AuditLastRun
{
    QString runId;
    QString status; // pending, running, error, success, timeout, interrupted
    QDateTime at;
    friend bool operator==(const AuditLastRun &, const AuditLastRun &) = default;
};

// Everything an audit looks at. The optional parts enable the rules that need them; without them
// those rules are listed as not evaluated, never as passed.
struct AuditInput
{
    QList<AuditCron> crons;
    QDateTime now; // the audit is "as of" this instant
    // Ids of the server's assistants; nullopt when they were not read (orphan-assistant is then
    // not evaluated, and `assistantsUnavailable` may say why).
    std::optional<QSet<QString>> assistantIds;
    QString assistantsUnavailable;
    // Ids of the threads that exist, at least among those the crons name; nullopt when not read.
    std::optional<QSet<QString>> threadIds;
    QString threadsUnavailable;
    // The last run of each cron whose runs were read and that has one (models/runs tells a
    // cron's runs from its thread's others); nullopt when no run history was read, and then
    // `lastRunsUnavailable` may say why. Crons without an entry are not judged by
    // last-run-failed: the app has them for the rows that have been on screen, crondeskctl audit
    // --runs for every cron.
    std::optional<QHash<QString, AuditLastRun>> lastRuns;
    QString lastRunsUnavailable;
    QString serverUrl;
    QString serverVersion;
};

// One thing the audit found.
struct AuditFinding
{
    AuditRule rule = AuditRule::InvalidSchedule;
    AuditSeverity severity = AuditSeverity::Warning;
    QString cronId; // empty for findings about several crons (burst)
    QString assistantId;
    QString threadId;
    QString message; // one sentence with the values that triggered it
    QJsonObject evidence; // those values, machine-readable (instants in RFC 3339, UTC)
    QString suggestion;
    bool acknowledged = false;
    QString acknowledgementReason;
    QDateTime acknowledgedUntil;

    friend bool operator==(const AuditFinding &, const AuditFinding &) = default;
};

// A rule that was asked for but could not be judged, and why.
struct AuditSkippedRule
{
    AuditRule rule;
    QString reason;
    friend bool operator==(const AuditSkippedRule &, const AuditSkippedRule &) = default;
};

struct AuditResult
{
    QDateTime now;
    QString serverUrl;
    QString serverVersion;
    int cronCount = 0;
    int horizonDays = AuditPolicy::defaultHorizonDays;
    QList<AuditFinding> findings; // by severity (highest first), rule, then cron id
    AuditRuleSet evaluated; // rules that were judged
    AuditRuleSet disabled; // rules the policy turns off (or --rule left out)
    QList<AuditSkippedRule> notEvaluated;
    HourlyFireCounts fires; // over horizonDays from the hour of `now`
    std::array<AuditSeverity, auditRuleCount> severities {}; // the policy's, per rule

    AuditSeverity severityOf(AuditRule rule) const { return severities.at(int(rule)); }

    int count(AuditSeverity severity) const;
    int countOf(AuditRule rule) const;
    int acknowledgedCount() const;
    // Whether a finding that is not acknowledged has at least this severity.
    bool hasUnacknowledgedAtLeast(AuditSeverity severity) const;
};

struct AuditOptions
{
    AuditRuleSet rules = AuditRuleSet::all(); // e.g. crondeskctl audit --rule
    bool countFires = true; // the report's heat map; the CLI without a report skips it
};

// The audit: every enabled and selected rule over `input`, as the policy says. Pure and
// thread-safe: the app runs it off the GUI thread.
AuditResult runAudit(const AuditInput &input, const AuditPolicy &policy,
                     const AuditOptions &options = {});

// Only the findings at or above `minimum` (the summary counts follow).
AuditResult withMinimumSeverity(const AuditResult &result, AuditSeverity minimum);

// A cron with the findings about it, for "the worst crons".
struct AuditCronScore
{
    QString cronId;
    QString assistantId;
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    AuditRuleSet rules;
    int score() const { return errors * 100 + warnings * 10 + infos; }
};
// The crons with the most serious unacknowledged findings, worst first, at most `limit`.
QList<AuditCronScore> worstCrons(const AuditResult &result, int limit = 10);

// "3 d 4 h", "12 min", "40 s": a duration as the findings state it.
QString formatAuditDuration(qint64 seconds);

} // namespace crondesk::models
