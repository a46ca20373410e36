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

// JSON text, or "@FILE" for the contents of a file (readOptionFile). A UTF-8 byte order mark in
// front is skipped (models::readJsonValue), in every option that takes JSON.
std::optional<QJsonValue> parseJsonArgument(const QString &text, QString *error);

// The contents of an @FILE: a regular file or a pipe of at most MaxOptionFileBytes, read in pieces
// so that nothing bigger is ever held. Devices (/dev/zero), directories and sockets are refused.
constexpr qint64 MaxOptionFileBytes = 10 * 1024 * 1024;
std::optional<QByteArray> readOptionFile(const QString &path, QString *error);

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

// Every numeric option goes through one of these two, so that none can switch a limit off: the
// text must be plain decimal digits (no sign, exponent, hex, "nan" or "inf"; surrounding spaces
// are ignored) and the value within the option's documented range. The message names the range;
// the caller puts the option's name in front.

// A whole number from `min` to `max`.
std::optional<qint64> parseWholeNumber(const QString &text, qint64 min, qint64 max, QString *error);
// A number with an optional fraction ("30", "2.5", ".5") from `min` to `max`.
std::optional<double> parseDecimal(const QString &text, double min, double max, QString *error);

// The documented ranges (docs/crondeskctl.md).
constexpr double MinTimeoutSeconds = 0.1;
constexpr double MaxTimeoutSeconds = 3600;
constexpr qint64 MaxLimit = 1'000'000'000; // --limit: more than any deployment holds

// An assistant filter for search and count, which need a UUID: a UUID as is, a graph name as the
// id of its system assistant (api-contract §6.4).
QString assistantFilterId(const QString &idOrGraph);

// A schedule shift for a bulk update: a sign, then hours and/or minutes, "+30m", "-1h",
// "+1h30m", "90m" (later when unsigned). In minutes, at most a week either way.
constexpr int MaxShiftMinutes = 7 * 24 * 60;
std::optional<int> parseShift(const QString &text, QString *error);

} // namespace crondesk::cli
