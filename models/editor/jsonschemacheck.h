#pragma once

#include <models/common/jsontext.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace crondesk::models {

// One place where a value does not match a schema.
struct SchemaIssue
{
    JsonPath path; // where in the value
    QString message; // what is wrong, translated, without the path
};

// Checks `value` against a JSON Schema as an assistant's /schemas answer gives them (pydantic's
// output: local $ref into $defs/definitions, type, enum, const, required, properties,
// additionalProperties, items, anyOf/oneOf/allOf, numeric and length bounds). A pragmatic subset:
// keywords it does not know are ignored, so it can miss problems but never invents one that the
// subset's keywords do not state. The editor shows the issues as warnings, never as blockers.
//
// At most `limit` issues are reported, in document order of the schema's walk.
QList<SchemaIssue> checkJsonSchema(const QJsonValue &value, const QJsonObject &schema,
                                   int limit = 20);

} // namespace crondesk::models
