#pragma once

#include <models/schedule/cronexpression.h>

#include <QString>

namespace crondesk::schedule {

// Plain English for when `expr` fires, ending with the zone in parentheses, e.g.
// "At 09:00, Monday through Friday (America/New_York)". `zoneName` empty means UTC.
//
// Honest rather than pretty: when both day fields are restricted the text says "or", as the
// server fires when either matches; a schedule that never fires says so; and whatever this
// cannot phrase exactly is given as the raw expression instead of an approximation.
QString describe(const CronExpression &expr, const QString &zoneName);

} // namespace crondesk::schedule
