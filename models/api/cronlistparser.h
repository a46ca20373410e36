#pragma once

// Private to models/api: the fast decoder behind cronListFromJson.

#include <models/api/cron.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace crondesk::api {

std::optional<QList<Cron>> parseCronList(const QByteArray &page, QString *error,
                                         CronDecoding decoding);
// One cron object as a whole document (the answer to a create, get or update).
std::optional<Cron> parseCron(const QByteArray &body, QString *error);

} // namespace crondesk::api
