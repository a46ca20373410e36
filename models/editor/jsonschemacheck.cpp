#include "jsonschemacheck.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace crondesk::models {

namespace {

QString typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"boolean"_s;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return std::floor(d) == d && std::isfinite(d) ? u"integer"_s : u"number"_s;
    }
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"undefined"_s;
}

bool hasType(const QJsonValue &value, const QString &type)
{
    const QString actual = typeOf(value);
    if (type == actual)
        return true;
    return type == u"number" && actual == u"integer";
}

QString shortJson(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = u'"' + value.toString() + u'"';
    else if (value.isDouble())
        text = QString::number(value.toDouble(), 'g', 15);
    else if (value.isBool())
        text = value.toBool() ? u"true"_s : u"false"_s;
    else if (value.isNull())
        text = u"null"_s;
    else
        text = typeOf(value);
    return text.size() > 40 ? text.left(39) + u'…' : text;
}

// Walks a value and a schema together, collecting issues.
class Checker final
{
    Q_DECLARE_TR_FUNCTIONS(JsonSchemaCheck)

public:
    Checker(const QJsonObject &root, int limit)
        : m_root(root)
        , m_limit(limit)
    { }

    QList<SchemaIssue> issues() const { return m_issues; }

    void check(const QJsonValue &value, const QJsonObject &schema, const JsonPath &path, int depth)
    {
        if (full() || depth > 64)
            return;
        if (schema.contains("$ref"_L1)) {
            const std::optional<QJsonObject> target = resolve(schema.value("$ref"_L1).toString());
            if (target)
                check(value, *target, path, depth + 1);
            // Siblings of $ref are ignored by the drafts pydantic targets, except in newer ones;
            // checking them too is harmless for the keywords we know.
        }
        if (schema.contains("allOf"_L1)) {
            const QJsonArray all = schema.value("allOf"_L1).toArray();
            for (const QJsonValue &sub : all)
                check(value, sub.toObject(), path, depth + 1);
        }
        for (const auto keyword : {"anyOf"_L1, "oneOf"_L1}) {
            if (!schema.contains(keyword))
                continue;
            const QJsonArray options = schema.value(keyword).toArray();
            bool matched = options.isEmpty();
            for (const QJsonValue &option : options) {
                Checker trial(m_root, 1);
                trial.check(value, option.toObject(), path, depth + 1);
                if (trial.issues().isEmpty()) {
                    matched = true;
                    break;
                }
            }
            if (!matched)
                add(path, tr("%1 matches none of the allowed forms").arg(shortJson(value)));
        }
        if (!checkType(value, schema, path))
            return; // everything below assumes the right type
        if (schema.contains("const"_L1) && schema.value("const"_L1) != value)
            add(path, tr("must be %1").arg(shortJson(schema.value("const"_L1))));
        if (schema.contains("enum"_L1)) {
            const QJsonArray allowed = schema.value("enum"_L1).toArray();
            if (!allowed.contains(value)) {
                QStringList names;
                for (const QJsonValue &option : allowed)
                    names.append(shortJson(option));
                add(path, tr("%1 is not one of %2").arg(shortJson(value), names.join(u", "_s)));
            }
        }
        if (value.isDouble())
            checkNumber(value.toDouble(), schema, path);
        else if (value.isString())
            checkString(value.toString(), schema, path);
        else if (value.isObject())
            checkObject(value.toObject(), schema, path, depth);
        else if (value.isArray())
            checkArray(value.toArray(), schema, path, depth);
    }

private:
    bool full() const { return m_issues.size() >= m_limit; }

    void add(const JsonPath &path, const QString &message)
    {
        if (!full())
            m_issues.append({path, message});
    }

    std::optional<QJsonObject> resolve(const QString &ref) const
    {
        // Local JSON pointers only ("#/$defs/Message"); remote references are not followed.
        if (!ref.startsWith("#"_L1))
            return std::nullopt;
        QJsonValue node = m_root;
        const QStringList parts = ref.mid(1).split(u'/', Qt::SkipEmptyParts);
        for (QString part : parts) {
            part.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
            if (node.isObject())
                node = node.toObject().value(part);
            else if (node.isArray())
                node = node.toArray().at(part.toInt());
            else
                return std::nullopt;
        }
        if (!node.isObject())
            return std::nullopt;
        return node.toObject();
    }

    bool checkType(const QJsonValue &value, const QJsonObject &schema, const JsonPath &path)
    {
        const QJsonValue type = schema.value("type"_L1);
        QStringList types;
        if (type.isString())
            types.append(type.toString());
        else if (type.isArray()) {
            const QJsonArray array = type.toArray();
            for (const QJsonValue &t : array)
                types.append(t.toString());
        }
        if (schema.value("nullable"_L1).toBool())
            types.append(u"null"_s);
        if (types.isEmpty())
            return true;
        for (const QString &t : std::as_const(types)) {
            if (hasType(value, t))
                return true;
        }
        add(path, tr("expected %1, got %2").arg(types.join(tr(" or ")), shortJson(value)));
        return false;
    }

    void checkNumber(double number, const QJsonObject &schema, const JsonPath &path)
    {
        if (schema.contains("minimum"_L1) && number < schema.value("minimum"_L1).toDouble())
            add(path,
                tr("%1 is below the minimum %2")
                    .arg(number)
                    .arg(schema.value("minimum"_L1).toDouble()));
        if (schema.contains("maximum"_L1) && number > schema.value("maximum"_L1).toDouble())
            add(path,
                tr("%1 is above the maximum %2")
                    .arg(number)
                    .arg(schema.value("maximum"_L1).toDouble()));
        if (schema.value("exclusiveMinimum"_L1).isDouble()
            && number <= schema.value("exclusiveMinimum"_L1).toDouble())
            add(path,
                tr("%1 must be greater than %2")
                    .arg(number)
                    .arg(schema.value("exclusiveMinimum"_L1).toDouble()));
        if (schema.value("exclusiveMaximum"_L1).isDouble()
            && number >= schema.value("exclusiveMaximum"_L1).toDouble())
            add(path,
                tr("%1 must be less than %2")
                    .arg(number)
                    .arg(schema.value("exclusiveMaximum"_L1).toDouble()));
    }

    void checkString(const QString &text, const QJsonObject &schema, const JsonPath &path)
    {
        const qsizetype length = text.size();
        if (schema.contains("minLength"_L1) && length < schema.value("minLength"_L1).toInteger())
            add(path,
                tr("must be at least %1 characters long")
                    .arg(schema.value("minLength"_L1).toInteger()));
        if (schema.contains("maxLength"_L1) && length > schema.value("maxLength"_L1).toInteger())
            add(path,
                tr("must be at most %1 characters long")
                    .arg(schema.value("maxLength"_L1).toInteger()));
    }

    void checkObject(const QJsonObject &object, const QJsonObject &schema, const JsonPath &path,
                     int depth)
    {
        const QJsonArray required = schema.value("required"_L1).toArray();
        for (const QJsonValue &name : required) {
            if (!object.contains(name.toString()))
                add(path, tr("the required property \"%1\" is missing").arg(name.toString()));
        }
        const QJsonObject properties = schema.value("properties"_L1).toObject();
        const QJsonValue additional = schema.value("additionalProperties"_L1);
        for (auto it = object.begin(); it != object.end(); ++it) {
            JsonPath childPath = path;
            childPath.append(it.key());
            if (properties.contains(it.key())) {
                check(it.value(), properties.value(it.key()).toObject(), childPath, depth + 1);
            } else if (additional.isBool() && !additional.toBool()) {
                add(childPath, tr("\"%1\" is not a known property").arg(it.key()));
            } else if (additional.isObject()) {
                check(it.value(), additional.toObject(), childPath, depth + 1);
            }
        }
    }

    void checkArray(const QJsonArray &array, const QJsonObject &schema, const JsonPath &path,
                    int depth)
    {
        if (schema.contains("minItems"_L1)
            && array.size() < schema.value("minItems"_L1).toInteger())
            add(path, tr("needs at least %1 items").arg(schema.value("minItems"_L1).toInteger()));
        if (schema.contains("maxItems"_L1)
            && array.size() > schema.value("maxItems"_L1).toInteger())
            add(path, tr("takes at most %1 items").arg(schema.value("maxItems"_L1).toInteger()));
        const QJsonValue items = schema.value("items"_L1);
        if (!items.isObject())
            return;
        for (qsizetype i = 0; i < array.size(); ++i) {
            JsonPath childPath = path;
            childPath.append(i);
            check(array.at(i), items.toObject(), childPath, depth + 1);
        }
    }

    QJsonObject m_root;
    int m_limit;
    QList<SchemaIssue> m_issues;
};

} // namespace

QList<SchemaIssue> checkJsonSchema(const QJsonValue &value, const QJsonObject &schema, int limit)
{
    if (schema.isEmpty() || limit <= 0)
        return {};
    Checker checker(schema, limit);
    checker.check(value, schema, {}, 0);
    return checker.issues();
}

} // namespace crondesk::models
