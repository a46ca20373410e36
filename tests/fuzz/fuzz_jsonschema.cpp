// Fuzzes the JSON schema check of the editor (models/editor/jsonschemacheck.*). Schemas come from
// the server (an assistant's /schemas answer), values from the operator, so both are hostile
// input. The input is "VALUE\0SCHEMA" (both JSON), or, without a NUL, one text used as the value
// against a pydantic-style schema and as a schema for a few values. The check must finish quickly
// whatever the schema (self-references, wide anyOf), report at most `limit` issues, each with a
// message, and locate each issue's path in the value's text when the value is that text.
#include "fuzzcheck.h"

#include <models/common/jsontext.h>
#include <models/editor/jsonschemacheck.h>

#include <QJsonArray>
#include <QJsonDocument>

using namespace crondesk;
using namespace Qt::StringLiterals;

namespace {

const QJsonObject &sampleSchema()
{
    static const QJsonObject schema = QJsonDocument::fromJson(R"({
        "title": "Input", "type": "object", "required": ["messages"],
        "additionalProperties": false,
        "properties": {
            "messages": {"type": "array", "minItems": 1, "maxItems": 3,
                         "items": {"$ref": "#/$defs/Message"}},
            "n": {"type": "integer", "minimum": 1, "maximum": 5, "exclusiveMaximum": 5},
            "s": {"type": ["string", "null"], "minLength": 1, "maxLength": 3},
            "e": {"enum": ["a", "b", 1, null]}, "c": {"const": {"x": [1]}},
            "u": {"anyOf": [{"type": "string"}, {"$ref": "#/definitions/Deep"}]},
            "o": {"oneOf": [{"type": "number"}, {"type": "boolean"}]},
            "m": {"type": "object", "additionalProperties": {"type": "number"}},
            "tree": {"$ref": "#/$defs/Tree"}
        },
        "$defs": {
            "Message": {"type": "object", "required": ["role", "content"],
                        "properties": {"role": {"enum": ["user", "assistant"]},
                                       "content": {"type": "string"}},
                        "allOf": [{"required": ["role"]}]},
            "Tree": {"type": "object",
                     "properties": {"children": {"type": "array",
                                                 "items": {"$ref": "#/$defs/Tree"}}}}
        },
        "definitions": {"Deep": {"type": "array", "items": {"$ref": "#/definitions/Deep"},
                                 "nullable": true}}
    })")
                                          .object();
    return schema;
}

const QList<QJsonValue> &sampleValues()
{
    static const QList<QJsonValue> values = [] {
        QList<QJsonValue> v {QJsonValue(),          QJsonValue(1),    QJsonValue(-2.5),
                             QJsonValue(u"text"_s), QJsonValue(true), QJsonObject(),
                             QJsonArray()};
        v.append(QJsonDocument::fromJson(R"({"messages":[{"role":"user","content":"hi"},{}],
            "n":9,"s":"abcd","e":"z","u":[[1]],"tree":{"children":[{"children":[{}]}]},
            "extra":1})")
                     .object());
        return v;
    }();
    return values;
}

void check(const QJsonValue &value, const QJsonObject &schema, const QByteArray &valueText)
{
    for (const int limit : {1, 20}) {
        const QList<models::SchemaIssue> issues = models::checkJsonSchema(value, schema, limit);
        FUZZ_CHECK(issues.size() <= limit, QString::number(issues.size()));
        for (const models::SchemaIssue &issue : issues) {
            FUZZ_CHECK(!issue.message.isEmpty(), u"an issue without a message"_s);
            if (!valueText.isNull())
                (void)models::locateJsonPath(QString::fromUtf8(valueText), issue.path);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype nul = input.indexOf('\0');
    if (nul >= 0) {
        const QByteArray valueText = input.left(nul);
        const std::optional<QJsonValue> value = models::readJsonValue(valueText);
        const QJsonDocument schema = QJsonDocument::fromJson(input.mid(nul + 1));
        if (value && schema.isObject())
            check(*value, schema.object(), valueText);
        return 0;
    }
    const std::optional<QJsonValue> value = models::readJsonValue(input);
    if (!value)
        return 0;
    check(*value, sampleSchema(), input);
    if (value->isObject()) {
        for (const QJsonValue &sample : sampleValues())
            check(sample, value->toObject(), {});
    }
    return 0;
}
