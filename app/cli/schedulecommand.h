#pragma once

#include <QDateTime>
#include <QStringList>
#include <QTextStream>

namespace crondesk::cli {

// crondeskctl schedule: the schedule engine from the command line, offline.
//
//   schedule next EXPR [--tz ZONE] [--from ISO8601] [-n N]   the next N fire times (default 5)
//   schedule prev EXPR [--tz ZONE] [--from ISO8601] [-n N]   the previous N, newest first
//   schedule describe EXPR [--tz ZONE]                       plain English
//   schedule check EXPR                                      validate; portability warnings
//   schedule dst EXPR [--tz ZONE] [--from ISO8601] [--days D]  runs hit by clock changes
//
// Fire times print one per line as ISO 8601 in the schedule's zone with the UTC offset
// ("2026-03-09T02:30:00-04:00"), strictly after (before) --from, which defaults to `now`.
// A --from without an offset is a wall-clock time in --tz. EXPR may be one quoted argument or
// several words. Exit codes: 0 success, 1 the schedule never fires, 2 bad command line or an
// invalid expression, time zone or instant; messages go to `err`.
//
// `args` are the words after "schedule".
int runScheduleCommand(const QStringList &args, QTextStream &out, QTextStream &err,
                       const QDateTime &now);

// The help text of the schedule commands.
QString scheduleUsage();

} // namespace crondesk::cli
