#pragma once

#include <models/inventory/cronexportwriter.h>

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>

#include <vector>

namespace crondesk::models {

// Formats crons for an export on pool threads while its caller goes on (reading the next pages),
// and hands the bytes back on the caller's thread in the order the crons were added: together they
// are exactly what one CronExportWriter writing every cron in that order gives. crondeskctl's
// streamed listings use it, so that formatting 100,000 crons runs beside their fetch instead of on
// the thread that reads the network.
//
//     pipeline.add(pages, orderedPointersIntoPages);   // as crons become ready to write
//     connect(&pipeline, &CronExportPipeline::formatted, out, write);
class CronExportPipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CronExportPipeline)

public:
    using Format = CronExportWriter::Format;

    explicit CronExportPipeline(Format format, QObject *parent = nullptr);
    ~CronExportPipeline() override;

    // Formats `crons`, after every cron added before them. They point into `pages`, which is kept
    // (shared, not copied) until they are formatted.
    void add(QList<QList<api::Cron>> pages, std::vector<const api::Cron *> crons);
    // Crons added so far.
    qint64 added() const { return m_added; }
    // Whether every batch added has been handed over.
    bool isIdle() const { return m_nextHandOver == m_nextSequence; }

Q_SIGNALS:
    // The bytes of the next batch, in the order the batches were added.
    void formatted(const QByteArray &bytes);
    // Every batch added so far has been handed over.
    void drained();

private:
    void onFormatted(int sequence, QByteArray bytes);

    Format m_format;
    qint64 m_added = 0;
    int m_nextSequence = 0;
    int m_nextHandOver = 0;
    QMap<int, QByteArray> m_waiting; // formatted before a batch added earlier
};

} // namespace crondesk::models
