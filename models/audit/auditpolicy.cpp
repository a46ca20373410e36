#include "auditpolicy.h"

#include <models/api/timestamp.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("AuditPolicy", text);
}

constexpr int policyVersion = 1;

QString knownRuleIds()
{
    QStringList ids;
    for (const AuditRuleInfo &info : auditRules())
        ids.append(QString(info.id));
    return ids.join(u", "_s);
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return translate("a boolean");
    case QJsonValue::Double:
        return translate("a number");
    case QJsonValue::String:
        return translate("a string");
    case QJsonValue::Array:
        return translate("an array");
    case QJsonValue::Object:
        return translate("an object");
    case QJsonValue::Undefined:
        break;
    }
    return translate("nothing");
}

// "2026-06-30T12:00:00Z" or "…+02:00" (an offset is required: "until" is an instant, and a
// local time would depend on who reads the file), or "2026-06-30": through that day, UTC.
std::optional<QDateTime> parseUntil(const QString &text)
{
    static const QRegularExpression dateOnly(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    static const QRegularExpression withOffset(u"(Z|z|[+-]\\d{2}:\\d{2})$"_s);
    if (dateOnly.match(text).hasMatch()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        return QDateTime(date.addDays(1), QTime(0, 0), QTimeZone::utc());
    }
    if (!withOffset.match(text).hasMatch())
        return std::nullopt;
    const QDateTime instant = api::parseTimestamp(QStringView(text));
    if (!instant.isValid())
        return std::nullopt;
    return instant.toUTC();
}

// Checks one policy document and fills `policy`, collecting every problem with its JSON path.
class PolicyChecker
{
public:
    explicit PolicyChecker(QStringView text)
        : m_text(text)
    { }

    QList<AuditPolicyProblem> problems;

    void problem(const JsonPath &path, const QString &message)
    {
        AuditPolicyProblem entry;
        entry.path = formatJsonPath(path);
        entry.message = message;
        if (const std::optional<TextPosition> at = locateJsonPath(m_text, path))
            entry.position = *at;
        problems.append(entry);
    }

    void check(const QJsonObject &root, AuditPolicy *policy)
    {
        for (auto it = root.begin(); it != root.end(); ++it) {
            const QString &key = it.key();
            const JsonPath path {key};
            if (key == "version"_L1) {
                if (it->toDouble(-1) != policyVersion)
                    problem(path, translate("“version” must be 1, the only version there is."));
            } else if (key == "description"_L1) {
                if (!it->isString())
                    problem(path, translate("“description” must be a string."));
            } else if (key == "horizon_days"_L1) {
                if (const auto days = wholeNumber(*it, path, 1, AuditPolicy::maxHorizonDays))
                    policy->horizonDays = int(*days);
            } else if (key == "required_metadata"_L1) {
                readRequiredMetadata(*it, path, policy);
            } else if (key == "rules"_L1) {
                readRules(*it, path, policy);
            } else if (key == "acknowledgements"_L1) {
                readAcknowledgements(*it, path, policy);
            } else {
                problem(path,
                        translate("Unknown key “%1”: a policy has version, description, "
                                  "horizon_days, required_metadata, rules and acknowledgements.")
                            .arg(key));
            }
        }
        // Problems in file order, as an editor would list them.
        std::stable_sort(problems.begin(), problems.end(),
                         [](const AuditPolicyProblem &a, const AuditPolicyProblem &b) {
                             return std::pair(a.position.line, a.position.column)
                                 < std::pair(b.position.line, b.position.column);
                         });
    }

private:
    std::optional<double> wholeNumber(const QJsonValue &value, const JsonPath &path, double minimum,
                                      double maximum)
    {
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::isnan(number) || number != std::floor(number)
            || number < minimum || number > maximum) {
            problem(path,
                    translate("“%1” must be a whole number from %2 to %3, not %4.")
                        .arg(formatJsonPath(path), QString::number(minimum, 'f', 0),
                             QString::number(maximum, 'f', 0),
                             value.isDouble() ? QString::number(number) : jsonTypeName(value)));
            return std::nullopt;
        }
        return number;
    }

    void readRequiredMetadata(const QJsonValue &value, const JsonPath &path, AuditPolicy *policy)
    {
        if (!value.isArray()) {
            problem(path, translate("“required_metadata” must be an array of metadata keys."));
            return;
        }
        const QJsonArray keys = value.toArray();
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QString key = keys.at(i).toString();
            if (!keys.at(i).isString() || key.trimmed().isEmpty()) {
                problem(path + JsonPath {i},
                        translate("Each required metadata key must be a non-empty string."));
                continue;
            }
            if (!policy->requiredMetadata.contains(key))
                policy->requiredMetadata.append(key);
        }
    }

    void readRules(const QJsonValue &value, const JsonPath &path, AuditPolicy *policy)
    {
        if (!value.isObject()) {
            problem(path, translate("“rules” must be an object keyed by rule id."));
            return;
        }
        const QJsonObject rules = value.toObject();
        for (auto it = rules.begin(); it != rules.end(); ++it) {
            const JsonPath rulePath = path + JsonPath {it.key()};
            const std::optional<AuditRule> rule = ruleFromId(it.key());
            if (!rule) {
                problem(rulePath,
                        translate("Unknown rule “%1”; the rules are: %2.")
                            .arg(it.key(), knownRuleIds()));
                continue;
            }
            if (!it->isObject()) {
                problem(rulePath,
                        translate("Rule “%1” must be an object, such as {\"enabled\": "
                                  "false}.")
                            .arg(it.key()));
                continue;
            }
            readRule(*rule, it->toObject(), rulePath, policy);
        }
    }

    void readRule(AuditRule rule, const QJsonObject &object, const JsonPath &path,
                  AuditPolicy *policy)
    {
        const AuditRuleInfo &info = auditRuleInfo(rule);
        AuditRuleSettings &settings = policy->settings(rule);
        for (auto it = object.begin(); it != object.end(); ++it) {
            const JsonPath keyPath = path + JsonPath {it.key()};
            if (it.key() == "enabled"_L1) {
                if (it->isBool())
                    settings.enabled = it->toBool();
                else
                    problem(keyPath, translate("“enabled” must be true or false."));
                continue;
            }
            if (it.key() == "severity"_L1) {
                const std::optional<AuditSeverity> severity = severityFromId(it->toString());
                if (it->isString() && severity)
                    settings.severity = *severity;
                else
                    problem(keyPath,
                            translate("“severity” must be \"info\", \"warning\" or "
                                      "\"error\"."));
                continue;
            }
            qsizetype index = -1;
            for (qsizetype i = 0; i < info.thresholds.size(); ++i) {
                if (it.key() == info.thresholds.at(i).key)
                    index = i;
            }
            if (index < 0) {
                QStringList allowed {u"enabled"_s, u"severity"_s};
                for (const AuditThreshold &threshold : info.thresholds)
                    allowed.append(QString(threshold.key));
                problem(keyPath,
                        translate("Unknown setting “%1” for rule “%2”; it takes: %3.")
                            .arg(it.key(), QString(info.id), allowed.join(u", "_s)));
                continue;
            }
            const AuditThreshold &threshold = info.thresholds.at(index);
            if (const auto number = wholeNumber(*it, keyPath, threshold.minimum, threshold.maximum))
                settings.thresholds[index] = *number;
        }
    }

    void readAcknowledgements(const QJsonValue &value, const JsonPath &path, AuditPolicy *policy)
    {
        if (!value.isArray()) {
            problem(path,
                    translate("“acknowledgements” must be an array of {rule, cron_id, "
                              "reason, until} objects."));
            return;
        }
        const QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const JsonPath itemPath = path + JsonPath {i};
            if (!list.at(i).isObject()) {
                problem(itemPath,
                        translate("An acknowledgement must be an object with rule, "
                                  "cron_id, reason and until."));
                continue;
            }
            readAcknowledgement(list.at(i).toObject(), itemPath, policy);
        }
    }

    void readAcknowledgement(const QJsonObject &object, const JsonPath &path, AuditPolicy *policy)
    {
        AuditAcknowledgement acknowledgement;
        bool ok = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() != "rule"_L1 && it.key() != "cron_id"_L1 && it.key() != "reason"_L1
                && it.key() != "until"_L1) {
                problem(path + JsonPath {it.key()},
                        translate("Unknown key “%1”: an acknowledgement has rule, cron_id, reason "
                                  "and until.")
                            .arg(it.key()));
                ok = false;
            }
        }
        const auto require = [&](const char *key) {
            if (object.contains(QLatin1StringView(key)))
                return true;
            problem(path,
                    translate("This acknowledgement has no “%1”.").arg(QLatin1StringView(key)));
            ok = false;
            return false;
        };
        if (require("rule")) {
            const QJsonValue rule = object.value("rule"_L1);
            if (const auto known = ruleFromId(rule.toString()); rule.isString() && known) {
                acknowledgement.rule = *known;
            } else {
                problem(path + JsonPath {u"rule"_s},
                        translate("Unknown rule “%1”; the rules are: %2.")
                            .arg(rule.isString() ? rule.toString() : jsonTypeName(rule),
                                 knownRuleIds()));
                ok = false;
            }
        }
        if (object.contains("cron_id"_L1)) {
            const QJsonValue cronId = object.value("cron_id"_L1);
            if (cronId.isString()) {
                acknowledgement.cronId = cronId.toString().trimmed();
            } else if (!cronId.isNull()) {
                problem(path + JsonPath {u"cron_id"_s},
                        translate("“cron_id” must be a cron id, or null for every finding of the "
                                  "rule."));
                ok = false;
            }
        }
        if (require("reason")) {
            const QJsonValue reason = object.value("reason"_L1);
            if (!reason.isString() || reason.toString().trimmed().isEmpty()) {
                problem(path + JsonPath {u"reason"_s},
                        translate("“reason” must say why the finding is accepted."));
                ok = false;
            }
            acknowledgement.reason = reason.toString().trimmed();
        }
        if (require("until")) {
            const QJsonValue until = object.value("until"_L1);
            const std::optional<QDateTime> instant
                = until.isString() ? parseUntil(until.toString()) : std::nullopt;
            if (!instant) {
                problem(path + JsonPath {u"until"_s},
                        translate("“until” must be an instant with its offset, such as "
                                  "\"2026-06-30T18:00:00Z\", or a date such as \"2026-06-30\" "
                                  "(through that day, UTC)."));
                ok = false;
            } else {
                acknowledgement.until = *instant;
            }
        }
        if (ok)
            policy->acknowledgements.append(acknowledgement);
    }

    QStringView m_text;
};

QJsonValue thresholdJson(double value)
{
    return value == std::floor(value) ? QJsonValue(qint64(value)) : QJsonValue(value);
}

} // namespace

bool AuditAcknowledgement::covers(AuditRule findingRule, const QString &findingCronId,
                                  const QDateTime &now) const
{
    return rule == findingRule && (cronId.isEmpty() || cronId == findingCronId) && until > now;
}

AuditPolicy::AuditPolicy()
{
    for (const AuditRuleInfo &info : auditRules()) {
        AuditRuleSettings &entry = rules.at(int(info.rule));
        entry.enabled = info.enabledByDefault;
        entry.severity = info.defaultSeverity;
        for (const AuditThreshold &threshold : info.thresholds)
            entry.thresholds.append(threshold.defaultValue);
    }
}

AuditRuleSet AuditPolicy::enabledRules() const
{
    AuditRuleSet set;
    for (int i = 0; i < auditRuleCount; ++i) {
        if (rules.at(i).enabled)
            set.insert(AuditRule(i));
    }
    return set;
}

double AuditPolicy::threshold(AuditRule rule, QLatin1StringView key) const
{
    const QList<AuditThreshold> &known = auditRuleInfo(rule).thresholds;
    for (qsizetype i = 0; i < known.size(); ++i) {
        if (known.at(i).key == key)
            return settings(rule).thresholds.value(i, known.at(i).defaultValue);
    }
    return 0;
}

void AuditPolicy::setThreshold(AuditRule rule, QLatin1StringView key, double value)
{
    const QList<AuditThreshold> &known = auditRuleInfo(rule).thresholds;
    for (qsizetype i = 0; i < known.size(); ++i) {
        if (known.at(i).key == key)
            settings(rule).thresholds[i] = value;
    }
}

const AuditAcknowledgement *AuditPolicy::acknowledgementFor(AuditRule rule, const QString &cronId,
                                                            const QDateTime &now) const
{
    for (const AuditAcknowledgement &acknowledgement : acknowledgements) {
        if (acknowledgement.covers(rule, cronId, now))
            return &acknowledgement;
    }
    return nullptr;
}

AuditPolicyReading readAuditPolicy(QByteArrayView bytes)
{
    AuditPolicyReading reading;
    const QString text = QString::fromUtf8(withoutByteOrderMark(bytes));
    QString why;
    qsizetype offset = 0;
    const std::optional<QJsonValue> value = readJsonValue(bytes, &why, &offset);
    if (!value) {
        // The offset counts bytes and points just past the offending character.
        const qsizetype bom = bytes.size() - withoutByteOrderMark(bytes).size();
        const qsizetype index = std::max<qsizetype>(
            0,
            QString::fromUtf8(bytes.sliced(bom, std::max<qsizetype>(0, offset - bom))).size() - 1);
        reading.problems.append(
            {positionOf(text, index), QString(), translate("This is not JSON: %1.").arg(why)});
        return reading;
    }
    if (!value->isObject()) {
        reading.problems.append(
            {TextPosition {1, 1}, QString(),
             translate("A policy must be a JSON object, not %1.").arg(jsonTypeName(*value))});
        return reading;
    }
    AuditPolicy policy;
    PolicyChecker checker(text);
    checker.check(value->toObject(), &policy);
    reading.problems = checker.problems;
    if (reading.problems.isEmpty())
        reading.policy = policy;
    return reading;
}

QByteArray writeAuditPolicy(const AuditPolicy &policy)
{
    QJsonObject root;
    root.insert("version"_L1, policyVersion);
    root.insert("horizon_days"_L1, policy.horizonDays);
    root.insert("required_metadata"_L1, QJsonArray::fromStringList(policy.requiredMetadata));
    QJsonObject rules;
    for (const AuditRuleInfo &info : auditRules()) {
        const AuditRuleSettings &settings = policy.settings(info.rule);
        QJsonObject rule {{"enabled"_L1, settings.enabled},
                          {"severity"_L1, QString(severityId(settings.severity))}};
        for (qsizetype i = 0; i < info.thresholds.size(); ++i)
            rule.insert(
                info.thresholds.at(i).key,
                thresholdJson(settings.thresholds.value(i, info.thresholds.at(i).defaultValue)));
        rules.insert(info.id, rule);
    }
    root.insert("rules"_L1, rules);
    QJsonArray acknowledgements;
    for (const AuditAcknowledgement &acknowledgement : policy.acknowledgements) {
        acknowledgements.append(
            QJsonObject {{"rule"_L1, QString(ruleId(acknowledgement.rule))},
                         {"cron_id"_L1,
                          acknowledgement.cronId.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                           : QJsonValue(acknowledgement.cronId)},
                         {"reason"_L1, acknowledgement.reason},
                         {"until"_L1, api::formatTimestamp(acknowledgement.until)}});
    }
    root.insert("acknowledgements"_L1, acknowledgements);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString formatPolicyProblem(const AuditPolicyProblem &problem, const QString &fileName)
{
    QString text = fileName;
    if (problem.position.line > 0)
        text += u':' + QString::number(problem.position.line) + u':'
            + QString::number(problem.position.column);
    text += u": "_s;
    if (!problem.path.isEmpty())
        text += problem.path + u": "_s;
    return text + problem.message;
}

} // namespace crondesk::models
