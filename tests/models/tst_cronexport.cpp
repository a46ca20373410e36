#include <models/api/cronwrite.h>
#include <models/inventory/cronexport.h>
#include <models/inventory/crontablemodel.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

api::Cron sampleCron()
{
    api::Cron cron;
    cron.cronId = u"c1"_s;
    cron.assistantId = u"a1"_s;
    cron.schedule = u"0 9 * * 1-5"_s;
    cron.timezone = u"Europe/Berlin"_s;
    cron.nextRunDate = QDateTime(QDate(2026, 11, 23), QTime(8, 0), Qt::UTC);
    cron.metadata = QJsonObject {{"owner"_L1, "ops, \"night\" team"_L1}};
    cron.enabled = false;
    return cron;
}

// A table as an operator arranged it: two crons, named assistants, a chosen column order.
struct ArrangedTable
{
    models::CronTableModel model;
    models::TableView view;

    ArrangedTable()
    {
        model.setNow(QDateTime(QDate(2026, 11, 22), QTime(6, 0), Qt::UTC));
        api::Assistant assistant;
        assistant.assistantId = u"a1"_s;
        assistant.graphId = u"report"_s;
        assistant.name = u"Nightly report"_s;
        model.setAssistants({assistant});
        api::Cron first = sampleCron();
        first.metadata
            = QJsonObject {{"owner"_L1, "ops"_L1}, {QString(api::correlationMetadataKey), u"k1"_s}};
        api::Cron second = sampleCron();
        second.cronId = u"c2"_s;
        second.threadId = u"t2"_s;
        second.enabled = true;
        second.endTime = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        model.upsertCrons({first, second});
        // Shown in this order, the rest hidden; rows as the view sorts them (c2 first).
        view.columns
            = {models::CronTableModel::DescriptionColumn, models::CronTableModel::AssistantColumn,
               models::CronTableModel::HealthColumn,      models::CronTableModel::CronIdColumn,
               models::CronTableModel::ThreadColumn,      models::CronTableModel::EnabledColumn,
               models::CronTableModel::MetadataColumn};
        view.rows = {1, 0};
    }
};

} // namespace

class TestCronExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvField_quotesOnlyWhenNeeded_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << u"abc"_s << u"abc"_s;
        QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
        QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("newline") << u"a\nb"_s << u"\"a\nb\""_s;
        QTest::newRow("leading space") << u" a"_s << u"\" a\""_s;
        QTest::newRow("empty") << QString() << QString();
    }
    void csvField_quotesOnlyWhenNeeded()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(models::csvField(text), field);
    }

    void csv_hasHeaderAndOneQuotedRowPerCron()
    {
        const QString csv = QString::fromUtf8(models::cronsToCsv({sampleCron()}));
        const QStringList lines = csv.split(u"\r\n"_s);
        QCOMPARE(lines.size(), 3); // header, row, empty after the final CRLF
        QVERIFY(lines[0].startsWith(
            u"cron_id,assistant_id,thread_id,schedule,timezone,next_run_date,enabled"_s));
        QVERIFY(lines[1].startsWith(
            u"c1,a1,,0 9 * * 1-5,Europe/Berlin,2026-11-23T08:00:00+00:00,false"_s));
        QVERIFY(lines[1].contains(u"\"{\"\"owner\"\":\"\"ops, \\\"\"night\\\"\" team\"\"}\""_s));
    }

    void json_isAnArrayOfWireCrons()
    {
        const QJsonDocument document
            = QJsonDocument::fromJson(models::cronsToJson({sampleCron(), sampleCron()}));
        QVERIFY(document.isArray());
        QCOMPARE(document.array().size(), 2);
        const QJsonObject first = document.array().first().toObject();
        QCOMPARE(first.value("cron_id"_L1).toString(), u"c1"_s);
        QVERIFY(first.value("thread_id"_L1).isNull());
        QCOMPARE(first.value("enabled"_L1).toBool(true), false);
    }

    void jsonLines_isOneCompactObjectPerLine()
    {
        const QList<QByteArray> lines
            = models::cronsToJsonLines({sampleCron(), sampleCron()}).split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[2].isEmpty());
        QVERIFY(QJsonDocument::fromJson(lines[0]).isObject());
    }

    void table_alignsColumnsAndSaysStatelessAndUtc()
    {
        api::Cron cron = sampleCron();
        cron.timezone.clear();
        const QStringList lines = models::cronsToTable({cron}).split(u'\n');
        QVERIFY(lines[0].startsWith(u"CRON ID"_s));
        QCOMPARE(lines[0].indexOf(u"SCHEDULE"_s), lines[1].indexOf(u"0 9 * * 1-5"_s));
        QVERIFY(lines[1].contains(u"stateless"_s));
        QVERIFY(lines[1].contains(u"UTC"_s));
        QVERIFY(lines[1].contains(u"paused"_s));
    }

    void visibleCsv_hasTheVisibleColumnsInViewOrderWithNamesBesideIds()
    {
        const ArrangedTable table;
        const QStringList lines
            = QString::fromUtf8(models::tableViewToCsv(table.model, table.view)).split(u"\r\n"_s);
        QCOMPARE(lines.size(), 4); // header, two rows, empty after the final CRLF
        QCOMPARE(lines[0],
                 u"Description,Assistant,Assistant ID,Health,Cron ID,Thread,Thread ID,Enabled,"
                 "Metadata"_s);
        // c2: the view's first row; a thread cron whose end time has passed.
        QCOMPARE(lines[1],
                 u"\"At 09:00, Monday through Friday (Europe/Berlin)\",Nightly report (report),a1,"
                 "End time passed,c2,t2,t2,Yes,\"owner=ops, \"\"night\"\" team\""_s);
        // c1: paused, stateless; the correlation key stays out of the metadata.
        QVERIFY2(lines[2].contains(u",Nightly report (report),a1,Paused,c1,stateless,,Paused,"
                                   "owner=ops"_s),
                 qPrintable(lines[2]));
    }

    void visibleJson_keysTheVisibleColumnsWithTypedValues()
    {
        const ArrangedTable table;
        const QJsonDocument document
            = QJsonDocument::fromJson(models::tableViewToJson(table.model, table.view));
        QVERIFY(document.isArray());
        QCOMPARE(document.array().size(), 2);
        const QJsonObject c2 = document.array().at(0).toObject();
        QCOMPARE(c2.keys().size(), 9);
        QCOMPARE(c2.value("cron_id"_L1).toString(), u"c2"_s);
        QCOMPARE(c2.value("assistant"_L1).toString(), u"Nightly report (report)"_s);
        QCOMPARE(c2.value("assistant_id"_L1).toString(), u"a1"_s);
        QCOMPARE(c2.value("thread_id"_L1).toString(), u"t2"_s);
        QCOMPARE(c2.value("health"_L1).toArray(), QJsonArray {u"End time passed"_s});
        QCOMPARE(c2.value("enabled"_L1), QJsonValue(true));
        QVERIFY(c2.value("description"_L1).toString().startsWith(u"At 09:00"_s));
        const QJsonObject c1 = document.array().at(1).toObject();
        QCOMPARE(c1.value("metadata"_L1).toObject(), (QJsonObject {{"owner"_L1, "ops"_L1}}));
        QCOMPARE(c1.value("enabled"_L1), QJsonValue(false));
    }

    void visibleTsv_hasAHeaderAndNeutralisesControlCharacters()
    {
        ArrangedTable table;
        api::Cron tricky = table.model.cronAt(0);
        tricky.metadata = QJsonObject {{"note"_L1, u"a\tb\nc\rd\u001be\u2028f"_s}};
        table.model.upsertCrons({tricky});
        table.view.columns
            = {models::CronTableModel::CronIdColumn, models::CronTableModel::MetadataColumn};
        table.view.rows = {0};
        const QString tsv = models::tableViewToTsv(table.model, table.view);
        QCOMPARE(tsv, u"Cron ID\tMetadata\nc1\tnote=a b c d e f\n"_s);
    }

    void visibleHtml_escapesValuesAndShowsTheHeaders()
    {
        const ArrangedTable table;
        const QString html = models::tableViewToHtml(table.model, table.view, u"Crons <x>"_s);
        QVERIFY(html.contains(u"<h3>Crons &lt;x&gt;</h3>"_s));
        QVERIFY(html.contains(u"<th>Assistant ID</th>"_s));
        QVERIFY(html.contains(u"<td>owner=ops, &quot;night&quot; team</td>"_s));
        QCOMPARE(html.count(u"<tr>"_s), 3);
    }
};

QTEST_GUILESS_MAIN(TestCronExport)
#include "tst_cronexport.moc"
