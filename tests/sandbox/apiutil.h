#pragma once

#include "httpmessage.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::sandbox {

class Store;

class JsonSchema;

// Reads a JSON request body and validates it against `schema`, as the server's ApiRequest.json()
// does: malformed JSON (including an empty body) is 422 "Invalid JSON in request body", a schema
// violation 422 with the validator's message. Returns the error response, or nullopt with `out`
// filled.
std::optional<HttpResponse> readJsonBody(const ApiRequest &request, const JsonSchema &schema,
                                         QJsonObject *out);

// Removes the keys the server strips silently on ingress (and logs a warning for), in place:
// reserved metadata keys from `metadata` and `config.metadata`, reserved configurable keys from
// `config.configurable` and `context`. Also inserts `config.configurable = {}` when `config` is
// present without it, as the server does.
void stripReservedKeys(QJsonObject &body);

// True when an object key anywhere in `value` contains NUL, which the server refuses in config
// and context.
bool containsNulKey(const QJsonValue &value);

// X-Pagination-Next/-Total exactly as the server's get_pagination_headers computes them.
HeaderList paginationHeaders(qsizetype offset, qsizetype limit, qsizetype returned);

// The object with only `fields` kept (those it has).
QJsonObject project(const QJsonObject &object, const QStringList &fields);

// A JSON array of strings, or an empty list for an absent value.
QStringList stringList(const QJsonValue &value);

// The assistant a request names: a graph id means that graph's system assistant, anything else
// must be the UUID of a stored assistant. Null when there is none.
QString resolveAssistantId(const Store &store, const QString &value);

} // namespace crondesk::sandbox
