#include "jsonschema.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace crondesk::sandbox {

using namespace Qt::StringLiterals;

namespace {

unsigned typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return JsonSchema::Null;
    case QJsonValue::Bool:
        return JsonSchema::Boolean;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return std::isfinite(number) && std::floor(number) == number ? unsigned(JsonSchema::Integer)
                                                                     : 8u;
    }
    case QJsonValue::String:
        return JsonSchema::String;
    case QJsonValue::Array:
        return JsonSchema::Array;
    case QJsonValue::Object:
        return JsonSchema::Object;
    case QJsonValue::Undefined:
        return 0;
    }
    return 0;
}

QStringList typeNames(unsigned types)
{
    QStringList names;
    if (types & JsonSchema::Array)
        names << u"\"array\""_s;
    if (types & JsonSchema::Boolean)
        names << u"\"boolean\""_s;
    if ((types & JsonSchema::Number) == JsonSchema::Number)
        names << u"\"number\""_s;
    else if (types & JsonSchema::Integer)
        names << u"\"integer\""_s;
    if (types & JsonSchema::Null)
        names << u"\"null\""_s;
    if (types & JsonSchema::Object)
        names << u"\"object\""_s;
    if (types & JsonSchema::String)
        names << u"\"string\""_s;
    return names;
}

QString showNumber(double value)
{
    if (std::floor(value) == value && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value);
}

} // namespace

QString JsonSchema::show(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Double:
        return showNumber(value.toDouble());
    default: {
        const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
    }
    }
}

JsonSchema JsonSchema::arrayOf(JsonSchema items)
{
    JsonSchema schema(Array);
    schema.m_items = std::make_shared<const JsonSchema>(std::move(items));
    return schema;
}

JsonSchema JsonSchema::stringEnum(const QStringList &values)
{
    JsonSchema schema(String);
    schema.m_enum = QJsonArray::fromStringList(values);
    return schema;
}

JsonSchema JsonSchema::anyOf(QList<JsonSchema> alternatives)
{
    JsonSchema schema;
    for (JsonSchema &alternative : alternatives)
        schema.m_anyOf.append(std::make_shared<const JsonSchema>(std::move(alternative)));
    return schema;
}

JsonSchema &JsonSchema::property(const QString &name, JsonSchema schema)
{
    m_properties.append({name, std::make_shared<const JsonSchema>(std::move(schema))});
    return *this;
}

JsonSchema &JsonSchema::required(const QStringList &names)
{
    m_required = names;
    return *this;
}

JsonSchema &JsonSchema::minimum(double value)
{
    m_minimum = value;
    return *this;
}

JsonSchema &JsonSchema::maximum(double value)
{
    m_maximum = value;
    return *this;
}

JsonSchema &JsonSchema::minLength(int value)
{
    m_minLength = value;
    return *this;
}

JsonSchema &JsonSchema::maxLength(int value)
{
    m_maxLength = value;
    return *this;
}

JsonSchema &JsonSchema::maxProperties(int value)
{
    m_maxProperties = value;
    return *this;
}

JsonSchema &JsonSchema::additionalProperties(JsonSchema schema)
{
    m_additional = std::make_shared<const JsonSchema>(std::move(schema));
    return *this;
}

std::optional<QString> JsonSchema::validate(const QJsonValue &value) const
{
    const unsigned type = typeOf(value);
    if ((type & m_types) == 0) {
        const QStringList names = typeNames(m_types);
        return u"%1 is not of type%2 %3"_s.arg(show(value), names.size() > 1 ? u"s"_s : QString(),
                                               names.join(u", "_s));
    }
    if (m_enum && !m_enum->contains(value))
        return u"%1 is not one of %2"_s.arg(show(value), show(*m_enum));

    if (type & Number) {
        const double number = value.toDouble();
        if (m_minimum && number < *m_minimum)
            return u"%1 is less than the minimum of %2"_s.arg(show(value), showNumber(*m_minimum));
        if (m_maximum && number > *m_maximum)
            return u"%1 is greater than the maximum of %2"_s.arg(show(value),
                                                                 showNumber(*m_maximum));
    }
    if (type == String) {
        const qsizetype length = value.toString().toUcs4().size();
        if (m_minLength >= 0 && length < m_minLength)
            return u"%1 is shorter than %2 character%3"_s.arg(show(value))
                .arg(m_minLength)
                .arg(m_minLength == 1 ? QString() : u"s"_s);
        if (m_maxLength >= 0 && length > m_maxLength)
            return u"%1 is longer than %2 character%3"_s.arg(show(value).left(80) + u"…"_s)
                .arg(m_maxLength)
                .arg(m_maxLength == 1 ? QString() : u"s"_s);
    }
    if (type == Object) {
        const QJsonObject object = value.toObject();
        for (const QString &name : m_required) {
            if (!object.contains(name))
                return u"\"%1\" is a required property"_s.arg(name);
        }
        if (m_maxProperties >= 0 && object.size() > m_maxProperties)
            return u"%1 has more than %2 properties"_s.arg(show(value)).arg(m_maxProperties);
        for (const auto &[name, schema] : m_properties) {
            const auto it = object.constFind(name);
            if (it == object.constEnd())
                continue;
            if (auto problem = schema->validate(*it))
                return problem;
        }
        if (m_additional) {
            for (auto it = object.begin(); it != object.end(); ++it) {
                const bool declared
                    = std::any_of(m_properties.cbegin(), m_properties.cend(),
                                  [&it](const auto &entry) { return entry.first == it.key(); });
                if (declared)
                    continue;
                if (auto problem = m_additional->validate(it.value()))
                    return problem;
            }
        }
    }
    if (type == Array && m_items) {
        const QJsonArray array = value.toArray();
        for (const auto &item : array) {
            if (auto problem = m_items->validate(item))
                return problem;
        }
    }
    if (!m_anyOf.isEmpty()) {
        const bool anyValid
            = std::any_of(m_anyOf.cbegin(), m_anyOf.cend(), [&value](const auto &schema) {
                  return !schema->validate(value).has_value();
              });
        if (!anyValid)
            return u"%1 is not valid under any of the schemas listed in the 'anyOf' keyword"_s.arg(
                show(value));
    }
    return std::nullopt;
}

} // namespace crondesk::sandbox
