#pragma once

#include <models/audit/auditrule.h>
#include <models/common/jsontext.h>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace crondesk::models {

// "This finding is known and accepted until then": an acknowledged finding is still reported,
// marked acknowledged; once `until` has passed it no longer applies.
struct AuditAcknowledgement
{
    AuditRule rule = AuditRule::InvalidSchedule;
    QString cronId; // empty: every finding of the rule (e.g. a burst, which names no one cron)
    QString reason;
    QDateTime until; // UTC

    // Whether it covers a finding of `findingRule` about `findingCronId` at `now`.
    bool covers(AuditRule findingRule, const QString &findingCronId, const QDateTime &now) const;
    friend bool operator==(const AuditAcknowledgement &, const AuditAcknowledgement &) = default;
};

// What one rule does under a policy.
struct AuditRuleSettings
{
    bool enabled = true;
    AuditSeverity severity = AuditSeverity::Warning;
    QList<double> thresholds; // parallel to AuditRuleInfo::thresholds

    friend bool operator==(const AuditRuleSettings &, const AuditRuleSettings &) = default;
};

// The rules a team agreed on (docs/audit.md): which rules apply and how seriously, their
// thresholds, the metadata every cron must carry, how far ahead to look, and the findings it
// accepts for now. Default-constructed: every rule at its defaults.
struct AuditPolicy
{
    static constexpr int defaultHorizonDays = 7;
    static constexpr int maxHorizonDays = 31;

    AuditPolicy();

    std::array<AuditRuleSettings, auditRuleCount> rules;
    QStringList requiredMetadata; // keys every cron's metadata must have, non-empty
    int horizonDays = defaultHorizonDays; // burst and the report's fire-time heat map look this far
    QList<AuditAcknowledgement> acknowledgements;

    const AuditRuleSettings &settings(AuditRule rule) const { return rules.at(int(rule)); }
    AuditRuleSettings &settings(AuditRule rule) { return rules.at(int(rule)); }
    bool isEnabled(AuditRule rule) const { return settings(rule).enabled; }
    AuditSeverity severity(AuditRule rule) const { return settings(rule).severity; }
    AuditRuleSet enabledRules() const;
    // The rule's threshold `key` (one of AuditRuleInfo::thresholds); 0 for an unknown key.
    double threshold(AuditRule rule, QLatin1StringView key) const;
    void setThreshold(AuditRule rule, QLatin1StringView key, double value);
    // The acknowledgement that covers this finding at `now`, or nullptr.
    const AuditAcknowledgement *acknowledgementFor(AuditRule rule, const QString &cronId,
                                                   const QDateTime &now) const;

    friend bool operator==(const AuditPolicy &, const AuditPolicy &) = default;
};

// A mistake in a policy file, where it is.
struct AuditPolicyProblem
{
    TextPosition position; // 1-based; 0:0 when the place could not be found
    QString path; // "rules.burst.max_crons_per_minute"; empty for the whole file
    QString message; // a sentence

    friend bool operator==(const AuditPolicyProblem &, const AuditPolicyProblem &) = default;
};

struct AuditPolicyReading
{
    std::optional<AuditPolicy> policy; // set when there is no problem
    QList<AuditPolicyProblem> problems; // every problem found, in file order
};

// Reads a policy file (JSON, schema in docs/audit.md). Everything is checked, and every problem
// reported with its line and column; a policy is returned only when there are none.
AuditPolicyReading readAuditPolicy(QByteArrayView bytes);
// The policy as a policy file: every rule with its settings, then the acknowledgements.
// readAuditPolicy(writeAuditPolicy(p)).policy == p.
QByteArray writeAuditPolicy(const AuditPolicy &policy);
// "policy.json:3:14: rules.burst: ..." as compilers print it, for the command line.
QString formatPolicyProblem(const AuditPolicyProblem &problem, const QString &fileName);

} // namespace crondesk::models
