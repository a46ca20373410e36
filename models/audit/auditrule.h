#pragma once

#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace crondesk::models {

// The audit's rules (docs/audit.md). The order is the order reports list them in; the ids
// (ruleId()) are stable, kebab-case, and what policy files, `crondeskctl audit --rule` and the
// JSON output use.
enum class AuditRule : quint8 {
    InvalidSchedule,
    InvalidTimezone,
    NeverFires,
    MalformedField,
    Overdue,
    NextRunMismatch,
    Ended,
    Paused,
    TooFrequent,
    DstExposure,
    Duplicate,
    StatelessKeep,
    InsecureWebhook,
    MissingMetadata,
    NoEndTime,
    Burst,
    OrphanAssistant,
    OrphanThread,
    LastRunFailed,
};
inline constexpr int auditRuleCount = int(AuditRule::LastRunFailed) + 1;

enum class AuditSeverity : quint8 { Info, Warning, Error };

// What a rule needs to be judged: one cron alone (the health column shows these), all crons
// together, the server's assistants and threads, or run history.
enum class AuditScope : quint8 { Cron, CrossCron, ServerState, RunHistory };

// A number a policy may set for a rule, with its default and the values it accepts.
struct AuditThreshold
{
    QLatin1StringView key; // as in the policy file: "min_interval_seconds"
    double defaultValue = 0;
    double minimum = 0;
    double maximum = 0;
    const char *description = nullptr; // untranslated, for docs and errors
};

struct AuditRuleInfo
{
    AuditRule rule;
    QLatin1StringView id;
    AuditSeverity defaultSeverity;
    bool enabledByDefault;
    AuditScope scope;
    const char *title; // untranslated short name: "Overdue"
    const char *explanation; // untranslated one-line explanation of what the rule checks
    const char *suggestion; // untranslated default suggestion
    QList<AuditThreshold> thresholds;
};

// Every rule, in AuditRule order.
const QList<AuditRuleInfo> &auditRules();
const AuditRuleInfo &auditRuleInfo(AuditRule rule);
QLatin1StringView ruleId(AuditRule rule);
std::optional<AuditRule> ruleFromId(QStringView id);
// Translated short name, explanation and suggestion.
QString ruleTitle(AuditRule rule);
QString ruleExplanation(AuditRule rule);
QString ruleSuggestion(AuditRule rule);

QLatin1StringView severityId(AuditSeverity severity); // "info", "warning", "error"
std::optional<AuditSeverity> severityFromId(QStringView id);
QString severityTitle(AuditSeverity severity); // translated: "Error"

// A set of rules, as a bit mask: what one cron's check found, or which rules are enabled.
class AuditRuleSet final
{
public:
    constexpr AuditRuleSet() = default;
    constexpr AuditRuleSet(AuditRule rule) // NOLINT: a rule is a one-rule set
        : m_bits(bit(rule))
    { }
    static constexpr AuditRuleSet all() { return fromBits((1u << auditRuleCount) - 1); }
    static constexpr AuditRuleSet fromBits(quint32 bits)
    {
        AuditRuleSet set;
        set.m_bits = bits;
        return set;
    }

    constexpr bool has(AuditRule rule) const { return m_bits & bit(rule); }
    constexpr bool isEmpty() const { return m_bits == 0; }
    constexpr quint32 bits() const { return m_bits; }
    constexpr void insert(AuditRule rule) { m_bits |= bit(rule); }
    constexpr void remove(AuditRule rule) { m_bits &= ~bit(rule); }
    constexpr AuditRuleSet operator&(AuditRuleSet other) const
    {
        return fromBits(m_bits & other.m_bits);
    }
    constexpr AuditRuleSet operator|(AuditRuleSet other) const
    {
        return fromBits(m_bits | other.m_bits);
    }
    QList<AuditRule> rules() const;

    friend constexpr bool operator==(AuditRuleSet, AuditRuleSet) = default;

private:
    static constexpr quint32 bit(AuditRule rule) { return 1u << quint32(rule); }
    quint32 m_bits = 0;
};

} // namespace crondesk::models
