#include "croncommands.h"

#include "commandline.h"

#include <models/api/apiclient.h>
#include <models/api/cronfetcher.h>
#include <models/cronexport.h>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace crondesk::cli {

Command *createCommand(const QStringList &words, QObject *parent)
{
    if (words.value(0) == "crons"_L1 && words.value(1) == "list"_L1)
        return new CronsListCommand(parent);
    return nullptr;
}

QString CronsListCommand::summary() const
{
    return QCoreApplication::translate("crondeskctl", "List every cron of the deployment.");
}

QList<QCommandLineOption> CronsListCommand::options() const
{
    return {QCommandLineOption(
        u"format"_s,
        QCoreApplication::translate("crondeskctl",
                                    "Output format: table, json, jsonl or csv (default table)."),
        u"FORMAT"_s, u"table"_s)};
}

void CronsListCommand::execute()
{
    const QString format = parser().value(u"format"_s);
    static const QStringList formats {u"table"_s, u"json"_s, u"jsonl"_s, u"csv"_s};
    if (!formats.contains(format)) {
        fail(ExitUsage,
             QCoreApplication::translate("crondeskctl",
                                         "unknown --format \"%1\" (use table, json, jsonl or csv)")
                 .arg(format));
        return;
    }
    m_client = new api::ApiClient(requestFactory(), this);
    auto *fetcher = new api::CronFetcher(m_client, api::CronSearchQuery(), this);
    auto crons = std::make_shared<QList<api::Cron>>();
    connect(fetcher, &api::CronFetcher::pageArrived, this,
            [crons](const QList<api::Cron> &page) { crons->append(page); });
    connect(fetcher, &api::CronFetcher::failed, this,
            [this](const api::ApiError &error) { failWith(error); });
    connect(fetcher, &api::CronFetcher::succeeded, this, [this, crons, format] {
        if (format == "json"_L1)
            printBytes(models::cronsToJson(*crons));
        else if (format == "jsonl"_L1)
            printBytes(models::cronsToJsonLines(*crons));
        else if (format == "csv"_L1)
            printBytes(models::cronsToCsv(*crons));
        else
            print(models::cronsToTable(*crons));
        done(ExitOk);
    });
    fetcher->start();
}

} // namespace crondesk::cli
