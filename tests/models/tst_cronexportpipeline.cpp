// CronExportPipeline: crons formatted on pool threads come back in the order they were added, and
// together are exactly the bytes of one CronExportWriter writing them all.
#include <models/api/cron.h>
#include <models/inventory/cronexportpipeline.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crondesk;

namespace {

using Format = models::CronExportWriter::Format;

// `count` crons as a server's list answer, decoded as a fetch decodes them (payloads stay text;
// every other one needs QJsonDocument, its keys out of order, and quotes for CSV).
QList<api::Cron> decodedCrons(int count, const QString &idPrefix)
{
    QByteArray body = "[";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            body += ',';
        const QByteArray n = QByteArray::number(i);
        const QByteArray payload = i % 2 == 0
            ? QByteArray("{\"input\":{\"n\":" + n + "},\"webhook\":\"https://hooks.example/" + n
                         + "\"}")
            : QByteArray("{\"webhook\":\"say \\\"" + n + "\\\", twice\",\"input\":{ \"n\": " + n
                         + " }}");
        body += "{\"cron_id\":\"" + idPrefix.toUtf8() + '-' + n
            + "\",\"schedule\":\"*/5 * * * *\",\"created_at\":\"2026-12-02T12:00:00+00:00\","
              "\"enabled\":true,\"payload\":"
            + payload + ",\"metadata\":{\"owner\":\"ops, \\u00e9quipe\"}}";
    }
    body += ']';
    QString error;
    const std::optional<QList<api::Cron>> crons = api::cronListFromJson(body, &error);
    if (!crons)
        qFatal("the fixture does not decode: %s", qPrintable(error));
    return *crons;
}

std::vector<const api::Cron *> pointersTo(const QList<api::Cron> &crons)
{
    std::vector<const api::Cron *> pointers;
    for (const api::Cron &cron : crons)
        pointers.push_back(&cron);
    return pointers;
}

} // namespace

class TestCronExportPipeline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batches_giveTheBytesOfOneWriter_inTheOrderAdded_data()
    {
        QTest::addColumn<Format>("format");
        QTest::newRow("JSON array") << Format::Json;
        QTest::newRow("JSON Lines") << Format::JsonLines;
        QTest::newRow("CSV") << Format::Csv;
    }
    void batches_giveTheBytesOfOneWriter_inTheOrderAdded()
    {
        QFETCH(Format, format);
        // A large first batch and small ones after it: the small ones are ready long before it.
        QList<QList<api::Cron>> batches {decodedCrons(20000, u"big"_s)};
        for (int batch = 1; batch <= 20; ++batch)
            batches.append(decodedCrons(1 + batch % 3, u"small%1"_s.arg(batch)));

        QByteArray expected;
        models::CronExportWriter writer(format);
        for (const QList<api::Cron> &batch : std::as_const(batches))
            writer.write(batch, &expected);

        models::CronExportPipeline pipeline(format);
        QList<QByteArray> handedOver;
        connect(&pipeline, &models::CronExportPipeline::formatted, this,
                [&handedOver](const QByteArray &bytes) { handedOver.append(bytes); });
        QSignalSpy drained(&pipeline, &models::CronExportPipeline::drained);
        qint64 added = 0;
        for (const QList<api::Cron> &batch : std::as_const(batches)) {
            // The pipeline keeps its own share of the page; the caller's copy may go.
            QList<api::Cron> page = batch;
            std::vector<const api::Cron *> crons = pointersTo(page);
            pipeline.add({std::move(page)}, std::move(crons));
            added += batch.size();
            QCOMPARE(pipeline.added(), added);
        }
        QVERIFY(!pipeline.isIdle());
        QTRY_VERIFY_WITH_TIMEOUT(pipeline.isIdle(), 30000);

        QCOMPARE(handedOver.size(), batches.size());
        for (qsizetype i = 0; i < batches.size(); ++i) {
            models::CronExportWriter single(format, i == 0 ? 0 : 1);
            QByteArray first;
            single.write(batches.at(i).first(), &first);
            QVERIFY2(handedOver.at(i).startsWith(first), qPrintable(u"batch %1"_s.arg(i)));
        }
        QVERIFY(handedOver.join() == expected);
        QCOMPARE(drained.size(), 1);
    }

    // Only the crons given are written, in the order given, whatever the pages hold.
    void add_writesTheCronsGiven_inTheirOrder()
    {
        const QList<api::Cron> page = decodedCrons(5, u"c"_s);
        models::CronExportPipeline pipeline(Format::JsonLines);
        QByteArray written;
        connect(&pipeline, &models::CronExportPipeline::formatted, this,
                [&written](const QByteArray &bytes) { written += bytes; });
        pipeline.add({page}, {&page.at(3), &page.at(0)});
        QTRY_VERIFY(pipeline.isIdle());

        QByteArray expected;
        models::CronExportWriter writer(Format::JsonLines);
        writer.write(page.at(3), &expected);
        writer.write(page.at(0), &expected);
        QCOMPARE(written, expected);
    }

    // A receiver may delete the pipeline when it is handed bytes (a command that fails on a write
    // ends): nothing more is handed over, and nothing is touched after the delete.
    void formatted_receiverDeletesThePipeline_nothingMoreIsHandedOver()
    {
        auto *pipeline = new models::CronExportPipeline(Format::Csv);
        QList<api::Cron> first = decodedCrons(3, u"a"_s);
        QList<api::Cron> second = decodedCrons(3, u"b"_s);
        int handedOver = 0;
        QPointer<models::CronExportPipeline> watched(pipeline);
        connect(pipeline, &models::CronExportPipeline::formatted, this, [&] {
            ++handedOver;
            delete watched.data();
        });
        pipeline->add({first}, pointersTo(first));
        pipeline->add({second}, pointersTo(second));
        QTRY_VERIFY(watched.isNull());
        QTest::qWait(200);
        QCOMPARE(handedOver, 1);
    }
};

QTEST_GUILESS_MAIN(TestCronExportPipeline)
#include "tst_cronexportpipeline.moc"
