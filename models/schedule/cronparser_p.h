#pragma once

// The cron expression parser behind CronExpression::parse(). Internal to the schedule library.

#include <models/schedule/cronexpression.h>

namespace crondesk::schedule::detail {

// Syntax that other cron implementations reject or read differently, collected while parsing.
enum Portability : quint32 {
    PortabilitySeconds = 1u << 0,
    PortabilityLastDayOfMonth = 1u << 1,
    PortabilityLastWeekday = 1u << 2,
    PortabilityNthWeekday = 1u << 3,
    PortabilityQuestionMark = 1u << 4,
    PortabilityMacro = 1u << 5,
    PortabilityStepWithoutRange = 1u << 6,
    PortabilitySundayWrap = 1u << 7,
    PortabilityRangeToLast = 1u << 8,
};

struct ParseResult
{
    CronFields fields;
    CronExpression::Macro macro = CronExpression::Macro::None;
    quint32 portability = 0;
    bool hasSeconds = false;
};

// Parses `text` as croniter 1.3.5 would (see docs/schedule.md for where we deliberately differ).
// Returns false and fills `error` (when given) on the first problem found, left to right.
bool parseCron(QStringView text, ParseResult *result, ParseError *error);

} // namespace crondesk::schedule::detail
