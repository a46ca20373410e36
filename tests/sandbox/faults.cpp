#include "faults.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

struct ActionName
{
    FaultRule::Action action;
    QLatin1StringView name;
};

constexpr ActionName actionNames[] = {
    {FaultRule::Action::None, "none"_L1},
    {FaultRule::Action::Status, "status"_L1},
    {FaultRule::Action::StatusAfterHandling, "status_after"_L1},
    {FaultRule::Action::Drop, "drop"_L1},
    {FaultRule::Action::Truncate, "truncate"_L1},
    {FaultRule::Action::Malformed, "malformed"_L1},
    {FaultRule::Action::WrongContentType, "content_type"_L1},
    {FaultRule::Action::Trickle, "trickle"_L1},
};

bool globMatches(const QString &glob, const QString &text)
{
    if (glob.isEmpty())
        return true;
    if (!glob.contains(u'*'))
        return glob == text;
    const QRegularExpression expression(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(glob).replace(u"\\*"_s, u".*"_s)));
    return expression.match(text).hasMatch();
}

bool readInt(const QJsonObject &object, QLatin1StringView key, int min, int *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isDouble() || value.toDouble() != double(value.toInteger())
        || value.toInteger() < min) {
        *error = u"'%1' must be an integer >= %2"_s.arg(key).arg(min);
        return false;
    }
    *out = int(value.toInteger());
    return true;
}

} // namespace

bool FaultRule::matches(QByteArrayView requestMethod, const QString &requestPath) const
{
    if (times == 0)
        return false;
    if (!method.isEmpty() && method.compare(requestMethod, Qt::CaseInsensitive) != 0)
        return false;
    return globMatches(path, requestPath);
}

std::optional<FaultRule> FaultRule::fromJson(const QJsonObject &object, QString *error)
{
    static const QStringList known
        = {u"id"_s,          u"method"_s,      u"path"_s,    u"delay_ms"_s,       u"action"_s,
           u"status"_s,      u"body"_s,        u"headers"_s, u"content_type"_s,   u"after_bytes"_s,
           u"chunk_bytes"_s, u"interval_ms"_s, u"times"_s,   u"commit_delay_ms"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = u"Unknown fault key '%1'"_s.arg(it.key());
            return std::nullopt;
        }
    }

    FaultRule rule;
    rule.method = object.value("method"_L1).toString().toUpper().toLatin1();
    rule.path = object.value("path"_L1).toString();
    const QString actionName = object.value("action"_L1).toString();
    if (actionName.isEmpty()) {
        // Giving a status implies the status action: {"path": "/ok", "status": 503} just works.
        rule.action = object.contains("status"_L1) ? Action::Status : Action::None;
    } else {
        bool found = false;
        for (const ActionName &entry : actionNames) {
            if (entry.name == actionName) {
                rule.action = entry.action;
                found = true;
            }
        }
        if (!found) {
            *error = u"Unknown fault action '%1'"_s.arg(actionName);
            return std::nullopt;
        }
    }
    int afterBytes = -1;
    if (!readInt(object, "delay_ms"_L1, 0, &rule.delayMs, error)
        || !readInt(object, "status"_L1, 100, &rule.status, error)
        || !readInt(object, "after_bytes"_L1, -1, &afterBytes, error)
        || !readInt(object, "chunk_bytes"_L1, 1, &rule.chunkBytes, error)
        || !readInt(object, "interval_ms"_L1, 0, &rule.intervalMs, error)
        || !readInt(object, "times"_L1, -1, &rule.times, error)
        || !readInt(object, "commit_delay_ms"_L1, -1, &rule.commitDelayMs, error))
        return std::nullopt;
    rule.afterBytes = afterBytes;
    if (rule.status > 599) {
        *error = u"'status' must be below 600"_s;
        return std::nullopt;
    }

    const QJsonValue body = object.value("body"_L1);
    if (body.isString())
        rule.body = body.toString().toUtf8();
    else if (body.isObject())
        rule.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        rule.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (!body.isUndefined() && !body.isNull())
        rule.body
            = QJsonDocument(QJsonArray {body}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    rule.contentType = object.value("content_type"_L1).toString().toLatin1();

    const QJsonObject headers = object.value("headers"_L1).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        rule.headers.append({it.key().toLatin1(), it.value().toVariant().toString().toLatin1()});
    return rule;
}

QJsonObject FaultRule::toJson() const
{
    QJsonObject object {{u"id"_s, id},
                        {u"method"_s, QString::fromLatin1(method)},
                        {u"path"_s, path},
                        {u"delay_ms"_s, delayMs},
                        {u"status"_s, status},
                        {u"body"_s, QString::fromUtf8(body)},
                        {u"content_type"_s, QString::fromLatin1(contentType)},
                        {u"after_bytes"_s, afterBytes},
                        {u"chunk_bytes"_s, chunkBytes},
                        {u"interval_ms"_s, intervalMs},
                        {u"times"_s, times},
                        {u"commit_delay_ms"_s, commitDelayMs}};
    for (const ActionName &entry : actionNames) {
        if (entry.action == action)
            object.insert(u"action"_s, QString(entry.name));
    }
    QJsonObject headerObject;
    for (const auto &[name, value] : headers)
        headerObject.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    object.insert(u"headers"_s, headerObject);
    return object;
}

QString FaultInjector::add(FaultRule rule)
{
    if (rule.id.isEmpty())
        rule.id = QString::number(m_nextId++);
    m_rules.append(rule);
    return rule.id;
}

bool FaultInjector::remove(const QString &id)
{
    return m_rules.removeIf([&id](const FaultRule &rule) { return rule.id == id; }) > 0;
}

void FaultInjector::clear()
{
    m_rules.clear();
}

std::optional<FaultRule> FaultInjector::take(QByteArrayView method, const QString &path)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        FaultRule &rule = m_rules[i];
        if (!rule.matches(method, path))
            continue;
        const FaultRule match = rule;
        if (rule.times > 0 && --rule.times == 0)
            m_rules.removeAt(i);
        return match;
    }
    return std::nullopt;
}

} // namespace crondesk::sandbox
