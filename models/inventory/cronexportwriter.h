#pragma once

#include <models/api/cron.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace crondesk::models {

// Writes crons in the export formats of cronexport.h (a JSON array, JSON Lines, CSV) a few at a
// time, so that a listing of 100,000 crons can be written as its pages arrive instead of being
// held whole. The bytes are exactly those of cronsToJson(), cronsToJsonLines() and cronsToCsv()
// (which are written with it), i.e. what QJsonDocument makes of api::cronToJson(): keys sorted,
// its escapes, its indentation.
//
// It is fast because it writes UTF-8 directly instead of building a QJsonObject per cron, and
// because a payload or metadata object that is still the server's text (api::LazyJsonObject)
// and is already in the form QJsonDocument would write is copied as it is; other objects are
// parsed and written by QJsonDocument, as before.
class CronExportWriter final
{
public:
    enum class Format { Json, JsonLines, Csv };

    // `writtenBefore`: crons of the same listing already written by another writer (the JSON
    // array's separators depend on it), when a listing is written in parts.
    explicit CronExportWriter(Format format, qint64 writtenBefore = 0)
        : m_format(format)
        , m_written(writtenBefore)
    { }

    // What comes before the first cron: "[" of the array, the CSV header.
    void begin(QByteArray *out);
    void write(const api::Cron &cron, QByteArray *out);
    void write(const QList<api::Cron> &crons, QByteArray *out);
    // What comes after the last cron: "]" of the array.
    void end(QByteArray *out);

    qint64 written() const { return m_written; }

private:
    Format m_format;
    qint64 m_written;
};

namespace exportdetail {
// The compact JSON of an object as QJsonDocument writes it, appended to `out`. `text` is JSON
// object text that has been validated; when it is already in that form it is copied, otherwise
// it is parsed and written. Exposed for the tests.
void appendCanonicalObject(QByteArrayView text, QByteArray *out);
// True when `text` (valid JSON) is byte for byte what QJsonDocument's compact form of it is.
bool isCanonicalCompactJson(QByteArrayView text);
// `compact` (QJsonDocument's compact form of a value) in its indented form, the value starting at
// nesting level `indent` (as inside an array of the indented document: 1).
void appendIndented(QByteArrayView compact, int indent, QByteArray *out);
} // namespace exportdetail

} // namespace crondesk::models
