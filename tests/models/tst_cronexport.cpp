#include <models/cronexport.h>

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
};

QTEST_GUILESS_MAIN(TestCronExport)
#include "tst_cronexport.moc"
