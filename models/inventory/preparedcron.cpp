#include "preparedcron.h"

namespace crondesk::models {

QList<PreparedCron> prepareCrons(QList<api::Cron> crons)
{
    QList<PreparedCron> prepared;
    prepared.reserve(crons.size());
    for (api::Cron &cron : crons) {
        api::Cron::RunParameters run = cron.runParameters();
        prepared.append(PreparedCron {std::move(cron), std::move(run)});
    }
    return prepared;
}

} // namespace crondesk::models
