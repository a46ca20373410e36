#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace crondesk::sandbox {

// The subset of JSON Schema the Agent Server's request schemas use, enough to reject what the
// server rejects with the status it uses (422) and a message in the style of jsonschema_rs, which
// the server puts in "detail". Formats are annotations only, as in the server's validator
// (draft 2020-12): ids and date-times are checked by the handlers, with the server's wording.
class JsonSchema final
{
public:
    enum Type : unsigned {
        Null = 1,
        Boolean = 2,
        Integer = 4,
        Number = 8 | Integer,
        String = 16,
        Array = 32,
        Object = 64,
        Any = 127,
    };

    JsonSchema() = default; // accepts anything
    explicit JsonSchema(unsigned types)
        : m_types(types)
    { }

    static JsonSchema object() { return JsonSchema(Object); }
    static JsonSchema string() { return JsonSchema(String); }
    static JsonSchema integer() { return JsonSchema(Integer); }
    static JsonSchema boolean() { return JsonSchema(Boolean); }
    static JsonSchema arrayOf(JsonSchema items);
    static JsonSchema stringEnum(const QStringList &values);
    static JsonSchema anyOf(QList<JsonSchema> alternatives);

    JsonSchema &property(const QString &name, JsonSchema schema);
    JsonSchema &required(const QStringList &names);
    JsonSchema &minimum(double value);
    JsonSchema &maximum(double value);
    JsonSchema &minLength(int value);
    JsonSchema &maxLength(int value);
    JsonSchema &maxProperties(int value);
    JsonSchema &additionalProperties(JsonSchema schema);

    // The first violation, worded like jsonschema_rs ("0 is less than the minimum of 1"), or
    // nullopt when `value` is valid.
    std::optional<QString> validate(const QJsonValue &value) const;

    // How jsonschema_rs shows an instance in a message: compact JSON.
    static QString show(const QJsonValue &value);

private:
    unsigned m_types = Any;
    QList<QPair<QString, std::shared_ptr<const JsonSchema>>> m_properties;
    QStringList m_required;
    std::optional<QJsonArray> m_enum;
    std::optional<double> m_minimum;
    std::optional<double> m_maximum;
    int m_minLength = -1;
    int m_maxLength = -1;
    int m_maxProperties = -1;
    std::shared_ptr<const JsonSchema> m_items;
    std::shared_ptr<const JsonSchema> m_additional;
    QList<std::shared_ptr<const JsonSchema>> m_anyOf;
};

} // namespace crondesk::sandbox
