#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace crondesk::cli {

// Pure parsers for crondeskctl's option values. Each returns nullopt and sets `error` to a message
// for stderr when the text is not acceptable.

// true/false, yes/no, on/off, 1/0 (any case).
std::optional<bool> parseBool(const QString &text, QString *error);

// JSON text, or "@FILE" for the contents of a file.
std::optional<QJsonValue> parseJsonArgument(const QString &text, QString *error);

// Metadata given as repeated KEY=VALUE pairs and/or JSON objects ("@FILE" too), merged left to
// right. A VALUE that is valid JSON (true, 3, null, "quoted", [..], {..}) is taken as that JSON
// value; anything else is a string as written.
std::optional<QJsonObject> parseMetadata(const QStringList &values, QString *error);

// Interrupt nodes: "*", a comma-separated list of node names, or a JSON array.
std::optional<QJsonValue> parseInterrupts(const QString &text, QString *error);

// Stream modes: one mode (sent as a string), a comma-separated list or a JSON array (an array).
std::optional<QJsonValue> parseStreamMode(const QString &text, QString *error);

// An instant with an explicit offset or Z ("2026-12-31T23:59:00Z"). A time without an offset is
// refused: whether it meant local time or UTC would be a guess.
std::optional<QDateTime> parseInstant(const QString &text, QString *error);

// "Name: value" or "Name=value" headers. x-api-key is refused: the key has its own option, and
// must not end up in shell history twice.
std::optional<QList<QPair<QByteArray, QByteArray>>> parseHeaders(const QStringList &values,
                                                                 QString *error);

// A positive whole number.
std::optional<int> parsePositive(const QString &text, QString *error);

// An assistant filter for search and count, which need a UUID: a UUID as is, a graph name as the
// id of its system assistant (api-contract §6.4).
QString assistantFilterId(const QString &idOrGraph);

} // namespace crondesk::cli
