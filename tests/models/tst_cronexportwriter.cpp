// The streaming export writer against the way the exports were written before it: QJsonDocument
// over api::cronToJson() and csvField() over QStrings. Every byte must stay the same, for crons as
// the sandbox sends them and for text chosen to break a hand-written JSON writer.
#include <models/api/cron.h>
#include <models/api/timestamp.h>
#include <models/inventory/cronexport.h>
#include <models/inventory/cronexportwriter.h>
#include <tests/sandbox/sandboxserver.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;
using models::CronExportWriter;

namespace {

// --- the formats as they were written before CronExportWriter (the oracle) ---

QString oracleCompactObject(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QByteArray oracleJson(const QList<api::Cron> &crons)
{
    QJsonArray array;
    for (const api::Cron &cron : crons)
        array.append(api::cronToJson(cron));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray oracleJsonLines(const QList<api::Cron> &crons)
{
    QByteArray out;
    for (const api::Cron &cron : crons)
        out += QJsonDocument(api::cronToJson(cron)).toJson(QJsonDocument::Compact) + '\n';
    return out;
}

QByteArray oracleCsv(const QList<api::Cron> &crons)
{
    QString out
        = u"cron_id,assistant_id,thread_id,schedule,timezone,next_run_date,enabled,end_time,"
          "on_run_completed,created_at,updated_at,user_id,metadata,payload\r\n"_s;
    for (const api::Cron &cron : crons) {
        const QStringList fields {
            cron.cronId,
            cron.assistantId,
            cron.threadId,
            cron.schedule,
            cron.timezone,
            api::formatTimestamp(cron.nextRunDate),
            cron.enabled ? u"true"_s : u"false"_s,
            api::formatTimestamp(cron.endTime),
            cron.onRunCompleted,
            api::formatTimestamp(cron.createdAt),
            api::formatTimestamp(cron.updatedAt),
            cron.userId,
            oracleCompactObject(cron.metadata),
            oracleCompactObject(cron.payload),
        };
        QStringList quoted;
        for (const QString &field : fields)
            quoted.append(models::csvField(field));
        out += quoted.join(u',') + u"\r\n"_s;
    }
    return out.toUtf8();
}

QByteArray written(const QList<api::Cron> &crons, CronExportWriter::Format format)
{
    CronExportWriter writer(format);
    QByteArray out;
    writer.begin(&out);
    // A page at a time, as crondeskctl writes them.
    for (qsizetype i = 0; i < crons.size(); i += 7)
        writer.write(crons.mid(i, 7), &out);
    writer.end(&out);
    return out;
}

// A page as a server would send it, decoded as the client decodes pages (payload and metadata
// stay text until read).
QList<api::Cron> decodedPage(const QByteArray &json)
{
    QString error;
    const std::optional<QList<api::Cron>> crons = api::cronListFromJson(json, &error);
    if (!crons)
        qFatal("fixture does not decode: %s", qPrintable(error));
    return *crons;
}

// One cron of a page, with `payload` and `metadata` as raw JSON text and other fields merged in.
QByteArray cronText(const QByteArray &payload, const QByteArray &metadata,
                    const QByteArray &fields = {})
{
    return "{\"cron_id\":\"3f1c2a4e-0000-4000-8000-000000000001\",\"schedule\":\"0 9 * * *\","
           "\"assistant_id\":\"a\",\"thread_id\":null,\"created_at\":\"2026-01-02T03:04:05+00:00\","
           "\"next_run_date\":\"2026-01-03T09:00:00.250+00:00\",\"enabled\":true,"
        + fields + "\"payload\":" + payload + ",\"metadata\":" + metadata + "}";
}

} // namespace

class TestCronExportWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writer_onTheSandboxesCrons_writesTheBytesQJsonDocumentWrote()
    {
        sandbox::SandboxServer server({.seedCount = 400});
        QJsonObject query {{"limit"_L1, 1000}, {"sort_by"_L1, u"created_at"_s}};
        const sandbox::HttpResponse page
            = server.handleLocally("POST", u"/runs/crons/search"_s, query);
        QCOMPARE(page.status, 200);
        const QList<api::Cron> crons = decodedPage(page.body);
        QCOMPARE(crons.size(), 400);
        QCOMPARE(written(crons, CronExportWriter::Format::Json), oracleJson(crons));
        QCOMPARE(written(crons, CronExportWriter::Format::JsonLines), oracleJsonLines(crons));
        QCOMPARE(written(crons, CronExportWriter::Format::Csv), oracleCsv(crons));
    }

    void writer_onAwkwardText_writesTheBytesQJsonDocumentWrote_data()
    {
        QTest::addColumn<QByteArray>("page");
        auto row = [](const char *name, const QByteArray &payload, const QByteArray &metadata,
                      const QByteArray &fields = {}) {
            QTest::newRow(name) << QByteArray("[" + cronText(payload, metadata, fields) + "]");
        };
        row("empty objects", "{}", "{}");
        row("nested empties", "{\"a\":{},\"b\":[],\"c\":[{}],\"d\":[[]]}",
            "{\"x\":[1,{\"y\":{}}]}");
        row("unsorted keys", "{\"z\":1,\"a\":2}", "{\"b\":true,\"a\":null}");
        row("whitespace", "{ \"a\" : 1 }", "{\n\"k\":\"v\"\n}");
        row("duplicate keys", "{\"a\":1,\"a\":2}", "{}");
        row("numbers", "{\"a\":0,\"b\":-1,\"c\":123456789012345,\"d\":1234567890123456,\"e\":1.5}",
            "{\"f\":-0,\"g\":1e3,\"h\":0.1,\"i\":-123456789012345,\"j\":1E+2,\"k\":"
            "100000000000000000000}");
        row("escapes",
            "{\"a\":\"\\/"
            "\",\"b\":\"\\u00e9\",\"c\":\"\\u0001\",\"d\":\"\\n\\t\\\"\\\\\",\"e\":\"\\u001F\"}",
            "{\"f\":\"\\b\\f\\r\",\"g\":\"\\u00Ff\",\"h\":\"\\u007f\",\"i\":\"\\u2028\"}");
        row("surrogates", "{\"a\":\"\\ud83d\\ude00\",\"b\":\"\\ud800\",\"c\":\"\\udfff x\"}",
            "{\"d\":\"😀\",\"e\":\"é ü ß\"}");
        row("brackets in strings", "{\"a\":\"{[,:]}\",\"b\":\"\\\"]\",\"c\":[\"x,y\",\"}\"]}",
            "{\"k,\":\"v:\"}");
        row("non-ascii keys", "{\"é\":1,\"z\":2,\"É\":3}", "{\"\\u00e9\":1}");
        row("escaped keys", "{\"a\\\"b\":1,\"a\\nb\":2}", "{\"\\/\":1}");
        row("deep", "{\"a\":[[[[[[[[[[{\"b\":[1,2,{\"c\":{}}]}]]]]]]]]]]}", "{}");
        row("literals", "{\"a\":true,\"b\":false,\"c\":null,\"d\":[true,false,null]}", "{}");
        row("text fields", "{}", "{}",
            "\"user_id\":\" lead, \\\"x\\\"\\r\\n\",\"timezone\":\"Europe/Berlin\","
            "\"on_run_completed\":\"keep\\u0000\",\"end_time\":\"0999-01-01T00:00:00+00:00\","
            "\"updated_at\":\"9999-12-31T23:59:59.999+00:00\",");
        row("lone surrogate in a field", "{}", "{}", "\"user_id\":\"a\\ud800b\",");
        row("old timestamps", "{}", "{}",
            "\"updated_at\":\"1969-12-31T23:59:59.001+00:00\","
            "\"end_time\":\"1000-03-01T00:00:00+00:00\",");
    }
    void writer_onAwkwardText_writesTheBytesQJsonDocumentWrote()
    {
        QFETCH(QByteArray, page);
        const QList<api::Cron> crons = decodedPage(page);
        QCOMPARE(written(crons, CronExportWriter::Format::Json), oracleJson(crons));
        QCOMPARE(written(crons, CronExportWriter::Format::JsonLines), oracleJsonLines(crons));
        QCOMPARE(written(crons, CronExportWriter::Format::Csv), oracleCsv(crons));
        // Read first (no longer text), they go through QJsonDocument: still the same bytes.
        for (const api::Cron &cron : crons) {
            (void)cron.payload.object();
            (void)cron.metadata.object();
        }
        QCOMPARE(written(crons, CronExportWriter::Format::Json), oracleJson(crons));
        QCOMPARE(written(crons, CronExportWriter::Format::Csv), oracleCsv(crons));
    }

    void writer_cronsBuiltInCode_writesTheBytesQJsonDocumentWrote()
    {
        api::Cron cron;
        cron.cronId = u"c1"_s;
        cron.schedule = u"*/5 * * * *"_s;
        cron.metadata = QJsonObject {{"owner"_L1, "ops, \"night\" team"_L1}};
        cron.payload = QJsonObject {{"input"_L1, QJsonObject {{"n"_L1, 2.5}}}};
        cron.createdAt = QDateTime(QDate(2026, 11, 22), QTime(6, 0, 0, 7), Qt::UTC);
        cron.enabled = false;
        api::Cron other = cron;
        other.cronId = u"c2 \u00e9"_s;
        other.threadId = u"t"_s;
        for (const QList<api::Cron> &crons : {QList<api::Cron>(), QList<api::Cron> {cron, other}}) {
            QCOMPARE(written(crons, CronExportWriter::Format::Json), oracleJson(crons));
            QCOMPARE(written(crons, CronExportWriter::Format::JsonLines), oracleJsonLines(crons));
            QCOMPARE(written(crons, CronExportWriter::Format::Csv), oracleCsv(crons));
        }
    }

    void isCanonicalCompactJson_acceptsOnlyWhatQJsonDocumentWritesBack_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("copied");
        for (const char *text :
             {"{}", "{\"a\":1}", "{\"a\":{\"b\":[1,\"x\",true,null,{}]},\"b\":-5}",
              "{\"a\":\"\\\"\\\\\\n\\u0001\"}", "{\"A\":1,\"B\":2,\"a\":3}", "{\"a\":\"é\"}"}) {
            QTest::newRow(text) << QByteArray(text) << true;
        }
        for (const char *text :
             {"{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "{ \"a\":1}", "{\"a\":1.0}", "{\"a\":1e2}",
              "{\"a\":-0}", "{\"a\":\"\\/\"}", "{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u000a\"}",
              "{\"a\":\"\\u001F\"}", "{\"é\":1}", "{\"a\\n\":1}", "[]",
              "{\"a\":1234567890123456}"}) {
            QTest::newRow(text) << QByteArray(text) << false;
        }
    }
    void isCanonicalCompactJson_acceptsOnlyWhatQJsonDocumentWritesBack()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, copied);
        QCOMPARE(models::exportdetail::isCanonicalCompactJson(text), copied);
        const QJsonDocument document = QJsonDocument::fromJson(text);
        QVERIFY(!document.isNull());
        const bool canonical = document.toJson(QJsonDocument::Compact) == text;
        // Never claims a text canonical that is not; may pass over some that are (numbers).
        if (models::exportdetail::isCanonicalCompactJson(text))
            QVERIFY(canonical);
        QByteArray out;
        models::exportdetail::appendCanonicalObject(text, &out);
        if (document.isObject())
            QCOMPARE(out, document.toJson(QJsonDocument::Compact));
    }
};

QTEST_GUILESS_MAIN(TestCronExportWriter)
#include "tst_cronexportwriter.moc"
