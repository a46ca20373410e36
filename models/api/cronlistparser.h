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

} // namespace crondesk::api
