#!/usr/bin/python3
"""Differential test of the schedule engine against croniter, the library the LangGraph server
computes next_run_date with (Debian's python3-croniter 1.3.5, with pytz; see
/work/shared/reference/croniter-notes.md).

Three oracles:

* croniter itself, called exactly as the server does: a fresh croniter(schedule, base) for every
  fire time, base = the previous fire time. Outside the days on which the zone changes its UTC
  offset, every fire time must agree, except for cases that fall into a named class of known
  croniter 1.3.5 defects. Each class is detected by a predicate on the expression and then
  *verified*: croniter's answer must equal what a model of that defect predicts. Nothing is
  skipped silently; an unexplained difference fails the test.
* a reference evaluator written here from the documented semantics (value sets produced by the
  expression generator itself, day-of-month OR day-of-week, and the DST rule of
  docs/schedule-dst.md) that walks matching wall-clock times day by day and maps each to an
  instant with pytz's transition table. The engine must agree with it everywhere, DST days
  included, for next and previous fire times.
* croniter's parser: a few thousand mutated expressions must be accepted or rejected alike, and
  the value sets the engine parses must equal croniter's expansion, again up to named defects.

pytz only knows offsets up to 2037, so fire times from 2037 on are not compared.

Usage: differential.py --driver PATH [--expressions 5000] [--seed 1] [--jobs 2] [--verbose]
Exit status: 0 agreement, 1 disagreement, 77 croniter/pytz missing (reported as skipped).
"""

import argparse
import bisect
import calendar
import datetime
import json
import multiprocessing
import random
import re
import subprocess
import sys
import time

try:
    import pytz
    from croniter import croniter
    # croniter.expand() re-raises through exec() in its caller's globals, so the name must be here.
    from croniter.croniter import CroniterBadCronError, CroniterBadDateError, CroniterError  # noqa: F401
except ImportError as exc:  # pragma: no cover
    print(f"SKIP: {exc}; install python3-croniter and python3-tz", file=sys.stderr)
    sys.exit(77)

EPOCH = datetime.datetime(1970, 1, 1)
CUTOFF = int((datetime.datetime(2037, 1, 1) - EPOCH).total_seconds())
START_LOW = int((datetime.datetime(2001, 1, 1) - EPOCH).total_seconds())
START_HIGH = int((datetime.datetime(2035, 6, 1) - EPOCH).total_seconds())
N_FIRES = 5
SHOW = None  # --show CLASS prints a few examples of that class

ZONES = [
    "UTC",
    "America/New_York",  # northern DST
    "Europe/Berlin",  # northern DST
    "Australia/Sydney",  # southern DST
    "America/Santiago",  # southern DST, changes at midnight
    "Asia/Kolkata",  # +05:30
    "Asia/Kathmandu",  # +05:45
    "Australia/Adelaide",  # +09:30, southern DST
    "Pacific/Chatham",  # +12:45/+13:45, southern DST
    "Australia/Lord_Howe",  # 30-minute DST
    "America/St_Johns",  # -03:30, northern DST
]

MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7), (0, 59)]
MINUTE, HOUR, DOM, MONTH, DOW, SECOND = range(6)


# ----------------------------------------------------------------------------------------------
# Zone data straight from pytz, independent of Qt.

class Zone:
    def __init__(self, name):
        self.name = name
        tz = pytz.timezone(name)
        self.tz = tz
        times = getattr(tz, "_utc_transition_times", None)
        if not times:
            off = int(tz.utcoffset(datetime.datetime(2000, 1, 1)).total_seconds())
            self.at, self.off = [], [off]
        else:
            at, off = [], []
            for t, info in zip(times, tz._transition_info):
                o = int(info[0].total_seconds())
                u = int((t - EPOCH).total_seconds()) if t.year > 1 else -(1 << 62)
                if off and o == off[-1]:
                    continue
                at.append(u)
                off.append(o)
            # off[i] applies from at[i]; before at[0] (the distant past) off[0] too.
            self.at, self.off = at[1:], off
        # Offsets in force at some time after 1900 bound how far a wall time is from its instant.
        ends = self.at + [1 << 62]
        recent = [o for o, e in zip(self.off, ends) if e > -2208988800]
        self.min_off, self.max_off = min(recent), max(recent)
        self.transition_days = set()
        for i, u in enumerate(self.at):
            if not (START_LOW - 86400 * 400 < u < CUTOFF + 86400):
                continue
            for local in (u - 1 + self.off[i], u + self.off[i + 1]):
                self.transition_days.add(local // 86400)

    def bounds(self, u1, u2):
        """Smallest and largest offset in force at some time in [u1, u2]."""
        i = bisect.bisect_right(self.at, u1)
        j = bisect.bisect_right(self.at, u2)
        window = self.off[i:j + 1]
        return min(window), max(window)

    def offset_at(self, u):
        return self.off[bisect.bisect_right(self.at, u)]

    def image(self, w):
        """The instant a wall time fires at: its first occurrence; in a gap, moved later by the
        size of the gap (the offset from before the change applies)."""
        i = bisect.bisect_right(self.at, w - self.max_off - 86400)
        j = bisect.bisect_right(self.at, w - self.min_off + 86400)
        occurrences = []
        for k in range(max(i - 1, 0), min(j + 1, len(self.at)) + 1):
            start = self.at[k - 1] if k > 0 else -(1 << 62)
            end = self.at[k] if k < len(self.at) else (1 << 62)
            u = w - self.off[k]
            if start <= u < end:
                occurrences.append(u)
        if occurrences:
            return min(occurrences)
        for k in range(max(i, 1), min(j + 1, len(self.at)) + 1):
            t = self.at[k - 1]
            before, after = self.off[k - 1], self.off[k]
            if t + before <= w < t + after:
                return w - before
        raise AssertionError(f"no image for wall {w} in {self.name}")

    def is_transition_day(self, u):
        return (u + self.offset_at(u)) // 86400 in self.transition_days

    def transitions_between(self, a, b):
        return [u for u in self.at if a <= u < b]


ZONE_CACHE = {}


def zone(name):
    if name not in ZONE_CACHE:
        ZONE_CACHE[name] = Zone(name)
    return ZONE_CACHE[name]


# ----------------------------------------------------------------------------------------------
# Expression generator. Every generated field carries its own meaning (the set of values it
# stands for), worked out here from the documented syntax, so the reference does not depend on
# either parser.

class Sem:
    """Semantics of an expression: value sets plus day-of-month L and nth weekdays."""

    def __init__(self):
        self.sets = [set(), set(), set(), set(), set(), {0}]
        self.last_dom = False
        self.nth = {}  # weekday -> set of k (1..5) or "L"
        self.raw_dow = set()  # day-of-week values before folding 7 into 0
        self.six = False

    def dom_restricted(self):
        full = set(range(1, 31)) <= self.sets[DOM] and (31 in self.sets[DOM] or self.last_dom)
        return not full

    def dow_restricted(self):
        return bool(self.nth) or self.sets[DOW] != set(range(7))

    def to_json(self):
        return {"sets": [sorted(s) for s in self.sets], "L": self.last_dom,
                "nth": {str(k): sorted(str(x) for x in v) for k, v in self.nth.items()},
                "six": self.six}


def rand_case(rng, text):
    mode = rng.random()
    if mode < 0.5:
        return text
    if mode < 0.75:
        return text.upper()
    return text.capitalize()


def value_text(rng, field, v):
    if field == MONTH and rng.random() < 0.4:
        return rand_case(rng, MONTH_NAMES[v - 1])
    if field == DOW and v < 7 and rng.random() < 0.4:
        return rand_case(rng, DAY_NAMES[v])
    if rng.random() < 0.04:
        return "0" + str(v)
    return str(v)


def pick_value(rng, field):
    lo, hi = RANGES[field]
    if field == DOM and rng.random() < 0.35:
        return rng.randint(27, 31)
    if field in (MINUTE, SECOND) and rng.random() < 0.5:
        return rng.choice([0, 0, 15, 30, 45, 59, rng.randint(lo, hi)])
    return rng.randint(lo, hi)


def gen_item(rng, field):
    """One list item: (text, values)."""
    lo, hi = RANGES[field]
    kind = rng.random()
    if kind < 0.40:
        v = pick_value(rng, field)
        return value_text(rng, field, v), {v}
    if kind < 0.62:
        a, b = sorted((pick_value(rng, field), pick_value(rng, field)))
        if field == DOW and a > 0 and rng.random() < 0.2:
            return value_text(rng, field, a) + "-" + rng.choice(["0", "sun", "SUN"]), set(range(a, 8))
        if field == DOM and rng.random() < 0.1:
            return f"{a}-{rng.choice('lL')}", set(range(a, 32))
        return value_text(rng, field, a) + "-" + value_text(rng, field, b), set(range(a, b + 1))
    if kind < 0.80:
        s = rng.choice([1, 2, 3, 4, 5, 6, 7, 10, 12, 15, 20, 30, rng.randint(1, hi + 3)])
        return f"*/{s}", set(range(lo, hi + 1, s))
    if kind < 0.92:
        a, b = sorted((pick_value(rng, field), pick_value(rng, field)))
        s = rng.randint(1, max(1, (b - a) // 2 + 1))
        return value_text(rng, field, a) + "-" + value_text(rng, field, b) + f"/{s}", set(range(a, b + 1, s))
    a = pick_value(rng, field)
    s = rng.randint(1, 20)
    return value_text(rng, field, a) + f"/{s}", set(range(a, hi + 1, s))


def gen_field(rng, field, sem):
    star_bias = {MINUTE: 0.15, HOUR: 0.35, DOM: 0.55, MONTH: 0.7, DOW: 0.55, SECOND: 0.3}[field]
    r = rng.random()
    lo, hi = RANGES[field]
    if field in (DOM, DOW) and r < 0.05:
        values = set(range(lo, hi + 1))
        text = "?"
    elif r < star_bias:
        values = set(range(lo, hi + 1))
        text = "*"
    elif field == DOW and r < star_bias + 0.12:
        items = []
        for _ in range(rng.randint(1, 3)):
            d = rng.randint(0, 7)
            dtext = value_text(rng, DOW, d)
            if rng.random() < 0.3:
                items.append(f"{rng.choice('lL')}{d}")
                sem.nth.setdefault(d % 7, set()).add("L")
            else:
                k = rng.randint(1, 5)
                items.append(f"{dtext}#{k}")
                sem.nth.setdefault(d % 7, set()).add(k)
        sem.sets[DOW] = set()
        return ",".join(items)
    else:
        items, values = [], set()
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
            if field == DOM and rng.random() < 0.12:
                items.append(rng.choice("lL"))
                sem.last_dom = True
                continue
            t, v = gen_item(rng, field)
            items.append(t)
            values |= v
        text = ",".join(items)
    if field == DOW:
        sem.raw_dow |= values
        values = {v % 7 for v in values}
    sem.sets[field] = values
    return text


MACROS = {"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
          "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
          "@hourly": "0 * * * *"}

COMMON = ["* * * * *", "*/5 * * * *", "*/15 * * * *", "0 * * * *", "30 * * * *", "0 0 * * *",
          "0 9 * * 1-5", "30 2 * * *", "0 2 * * *", "15 1 * * *", "0 1,2,3 * * *",
          "0 0 1 * *", "0 0 L * *", "0 12 * * sun", "0 0 1 1 *", "0 */2 * * *", "5 4 * * 7",
          "0 0 13 * fri", "0 0 * * 5#3", "0 0 * * L5", "0 0 29 2 *", "0 0 31 * *",
          "0 0 */5 * *", "0 0,12 1 */2 *", "0 22 * * 1-5", "23 0-20/2 * * *", "0 0 * * 6,0",
          "59 23 31 12 *", "0 8-17 * * mon-fri", "0 12 * * * 30", "0 0 30 2 *",
          "0 0 31 4,6,9,11 *", "0 0 30 2 mon", "0 0 31 4,6 5", "0 0 31 4 1#1"]


def parse_simple(text):
    """Semantics for the hand-written list (plain syntax only)."""
    sem = Sem()
    fields = text.split()
    sem.six = len(fields) == 6
    for i, f in enumerate(fields):
        values = set()
        for item in f.split(","):
            lo, hi = RANGES[i]
            if item in ("L", "l") and i == DOM:
                sem.last_dom = True
                continue
            m = re.fullmatch(r"(\w+)#(\d)", item)
            if m and i == DOW:
                d = int(m.group(1)) if m.group(1).isdigit() else DAY_NAMES.index(m.group(1))
                sem.nth.setdefault(d % 7, set()).add(int(m.group(2)))
                continue
            m = re.fullmatch(r"L(\d)", item)
            if m and i == DOW:
                sem.nth.setdefault(int(m.group(1)) % 7, set()).add("L")
                continue
            base, _, step = item.partition("/")
            step = int(step) if step else 1

            def num(t):
                if t.isdigit():
                    return int(t)
                return (MONTH_NAMES.index(t) + 1) if i == MONTH else DAY_NAMES.index(t)
            if base == "*":
                a, b = lo, hi
            elif "-" in base:
                a, b = (num(x) for x in base.split("-"))
            else:
                a = num(base)
                b = hi if step > 1 else a
            values |= set(range(a, b + 1, step))
        if i == DOW:
            sem.raw_dow |= values
            values = {v % 7 for v in values}
        sem.sets[i] = values
    return sem


def generate(rng, count):
    out = []
    for text in COMMON:
        out.append((text, parse_simple(text)))
    for name, expansion in MACROS.items():
        out.append((rand_case(rng, name), parse_simple(expansion)))
    while len(out) < count:
        sem = Sem()
        sem.six = rng.random() < 0.1
        fields = [gen_field(rng, f, sem) for f in range(5)]
        if sem.six:
            fields.append(gen_field(rng, SECOND, sem))
        out.append((" ".join(fields), sem))
    return out


# ----------------------------------------------------------------------------------------------
# Reference evaluator.

def day_matcher(sem, dom_restricted=None, dow_restricted=None, dow_set=None, both=False):
    dom_r = sem.dom_restricted() if dom_restricted is None else dom_restricted
    dow_r = sem.dow_restricted() if dow_restricted is None else dow_restricted
    dows = sem.sets[DOW] if dow_set is None else dow_set
    doms, months, nth, last = sem.sets[DOM], sem.sets[MONTH], sem.nth, sem.last_dom
    cache = {}

    def matches(days):
        d = datetime.date(1970, 1, 1) + datetime.timedelta(days=days)
        if d.month not in months:
            return False
        key = (d.year, d.month, d.day)
        if key in cache:
            return cache[key]
        length = calendar.monthrange(d.year, d.month)[1]
        wd = (days + 4) % 7
        dom_ok = d.day in doms or (last and d.day == length)
        ks = nth.get(wd, ())
        dow_ok = wd in dows or ((d.day - 1) // 7 + 1) in ks or ("L" in ks and d.day + 7 > length)
        if both:
            ok = dom_ok and dow_ok
        elif dom_r and dow_r:
            ok = dom_ok or dow_ok
        elif dom_r:
            ok = dom_ok
        elif dow_r:
            ok = dow_ok
        else:
            ok = True
        cache[key] = ok
        return ok
    return matches


TOD_CACHE = {}


def times_of_day(sem):
    key = (tuple(sorted(sem.sets[HOUR])), tuple(sorted(sem.sets[MINUTE])),
           tuple(sorted(sem.sets[SECOND])))
    if key not in TOD_CACHE:
        TOD_CACHE[key] = [h * 3600 + m * 60 + s for h in key[0] for m in key[1] for s in key[2]]
    return TOD_CACHE[key]


def ref_next(sem, z, base, n, matcher=None):
    """The first n fire times strictly after `base` (and before CUTOFF): images of the matching
    wall times, sorted. Wall time w has its image within [w - max offset, w - min offset] of
    the offsets around it, which bounds where to start and when to stop."""
    matcher = matcher or day_matcher(sem)
    tod = times_of_day(sem)
    found = []
    low, _ = z.bounds(base - 2 * 86400, base + 2 * 86400)
    first_wall = base + low + 1
    day = first_wall // 86400

    def done(w):
        if len(found) < n:
            return False
        _, high = z.bounds(found[n - 1] - 2 * 86400, found[n - 1] + 2 * 86400)
        return w - high > found[n - 1]

    while day * 86400 - z.max_off < CUTOFF:
        if done(day * 86400):
            break
        if matcher(day):
            start = bisect.bisect_left(tod, first_wall - day * 86400)
            for t in tod[start:]:
                w = day * 86400 + t
                if done(w):
                    break
                u = z.image(w)
                if base < u < CUTOFF and u not in found:
                    bisect.insort(found, u)
        day += 1
    return found[:n]


def ref_prev(sem, z, base, n):
    matcher = day_matcher(sem)
    tod = times_of_day(sem)
    found = []  # descending
    _, high = z.bounds(base - 2 * 86400, base + 2 * 86400)
    last_wall = base + high - 1
    day = last_wall // 86400
    floor_day = (START_LOW - 86400 * 400 * 2) // 86400

    def done(w):
        if len(found) < n:
            return False
        low, _ = z.bounds(found[n - 1] - 2 * 86400, found[n - 1] + 2 * 86400)
        return w - low < found[n - 1]

    while day > floor_day:
        if done((day + 1) * 86400):
            break
        if matcher(day):
            end = bisect.bisect_right(tod, last_wall - day * 86400)
            for t in reversed(tod[:end]):
                w = day * 86400 + t
                if done(w):
                    break
                u = z.image(w)
                if u < base and u not in found:
                    found.append(u)
                    found.sort(reverse=True)
        day -= 1
    return found[:n]


NEVER_CACHE = {}


def never_fires_cached(text, variant, sem, matcher):
    key = (text, variant)
    if key not in NEVER_CACHE:
        NEVER_CACHE[key] = never_fires(sem, matcher)
    return NEVER_CACHE[key]


def never_fires(sem, matcher=None):
    """Whether no date matches. 2000-2027 is a whole 28-year cycle without a skipped leap
    year, so every month starts on every weekday in it, in leap and common years alike."""
    matcher = matcher or day_matcher(sem)
    start = (datetime.date(2000, 1, 1) - datetime.date(1970, 1, 1)).days
    end = (datetime.date(2028, 1, 1) - datetime.date(1970, 1, 1)).days
    return not any(matcher(day) for day in range(start, end))


# ----------------------------------------------------------------------------------------------
# croniter, as the server calls it.

def croniter_text(text):
    # 1.3.5 rejects "?"; newer croniter reads it as "*", which is what the documented syntax says.
    return text.replace("?", "*")


CRONITER_CACHE = {}


def croniter_next(text, z, base):
    """croniter(text, base).get_next() as the server calls it. get_next(start_time=...) resets
    every piece of iteration state (current time, DST reference, tzinfo), so one object per
    expression answers like a fresh one and the slow expansion runs once."""
    start = datetime.datetime.fromtimestamp(base, z.tz)
    it = CRONITER_CACHE.get(text)
    if it is None:
        it = CRONITER_CACHE[text] = croniter(croniter_text(text), start)
    try:
        result = it.get_next(datetime.datetime, start_time=start)
    except CroniterBadDateError:
        return "baddate"
    return int(result.timestamp())


def local_str(z, u):
    if not isinstance(u, int):
        return str(u)
    return datetime.datetime.fromtimestamp(u, z.tz).strftime("%Y-%m-%d %H:%M:%S%z")


def wall_matches(sem, z, u):
    """Whether the local wall time of instant u matches the expression's fields."""
    w = u + z.offset_at(u)
    day, sod = divmod(w, 86400)
    return (day_matcher(sem)(day) and sod // 3600 in sem.sets[HOUR]
            and sod // 60 % 60 in sem.sets[MINUTE] and sod % 60 in sem.sets[SECOND])


def croniter_model_dow7(sem):
    """croniter 1.3.5 with 6 fields leaves day-of-week 7 unfolded; 7 then never matches."""
    raw = set(sem.raw_dow)
    restricted = bool(sem.nth) or len(raw) != 7
    return day_matcher(sem, dow_restricted=restricted, dow_set={v for v in raw if v != 7})


def classify(text, sem, z, base, ours, theirs):
    """Name the known croniter defect that explains `theirs` != `ours`, after checking that the
    defect's model predicts `theirs`. Returns (class, detail) or (None, reason)."""
    dom_r, dow_r = sem.dom_restricted(), sem.dow_restricted()

    def expect(matcher):
        r = ref_next(sem, z, base, 1, matcher)
        return r[0] if r else "baddate"

    # Day-of-month and day-of-week both restricted, day of week with # or L: croniter's
    # day-of-month half keeps the weekday condition (day of month AND n#k), so it either gives up
    # (when that never matches) or loses to the weekday half: the day of month is ignored.
    if dom_r and dow_r and sem.nth:
        if never_fires_cached(text, "dom-and-nth", sem, day_matcher(sem, both=True)):
            model = "baddate"
        else:
            model = expect(day_matcher(sem, dom_restricted=False))
        if theirs == model:
            return "nth-ignores-dom", ""
    # croniter decides "restricted" by counting expanded items, L included: "2-31,L" counts as
    # "*" and "1-31,L" does not.
    if sem.last_dom:
        count = len(sem.sets[DOM]) + 1
        if (count == 31) != (not dom_r):
            if theirs == expect(day_matcher(sem, dom_restricted=(count != 31))):
                return "dom-L-counted", ""
    # 6 fields: day of week 7 is not folded into Sunday and then never matches; when that
    # leaves the weekday half of the OR rule empty, croniter gives up on the whole expression.
    if sem.six and 7 in sem.raw_dow:
        raw = set(sem.raw_dow)
        dow_r7 = bool(sem.nth) or len(raw) != 7
        if dom_r and dow_r7 and never_fires_cached(
                text, "dow7-half", sem, day_matcher(sem, dom_restricted=False,
                                                    dow_restricted=True, dow_set=raw - {7})):
            model = "baddate"
        else:
            model = expect(croniter_model_dow7(sem))
        if theirs == model:
            return "six-field-dow-7", ""
    # One half of the OR rule can never match (e.g. "0 0 30 2 mon"): croniter searches that half
    # for 50 years and gives up with CroniterBadDateError instead of using the other half.
    if theirs == "baddate" and dom_r and dow_r and ours != "baddate":
        if never_fires_cached(text, "dom-half", sem, day_matcher(sem, dow_restricted=False)) or \
                never_fires_cached(text, "dow-half", sem, day_matcher(sem, dom_restricted=False)):
            return "or-half-never-fires", ""
    # Day-of-month values past the end of the month make croniter skip the first days of the
    # next month (0 0 */5 * * from Feb 27 gives Mar 6, not Mar 1).
    if dom_r and max(sem.sets[DOM] or {0}) > 28 and isinstance(theirs, int) and theirs > ours:
        return "dom-overflow-skips", ""
    if (z.is_transition_day(base) or (isinstance(ours, int) and z.is_transition_day(ours))
            or (isinstance(theirs, int) and z.is_transition_day(theirs))):
        if not isinstance(theirs, int):
            return "dst-day", "croniter gives up"
        if not wall_matches(sem, z, theirs):
            return "dst-day", "croniter returns a time that does not match the expression"
        if z.image(theirs + z.offset_at(theirs)) != theirs:
            return "dst-day", "croniter fires again in the repeated hour"
        if theirs > ours:
            return "dst-day", "croniter skips a fire time"
        return "dst-day", "croniter fires earlier than the rule"
    return None, "unexplained"


def evaluate(job):
    """Runs one chunk of cases in a worker: reference and croniter."""
    cases, answers = job
    out = []
    for case, answer in zip(cases, answers):
        text, sem_json, zname, base, want_prev = case
        sem = sem_from_json(sem_json)
        z = zone(zname)
        rec = {"case": case[:4], "problems": [], "outcomes": {}, "prev": 0}
        ours = [u for u in answer["fires"] if u < CUTOFF]
        ref = ref_next(sem, z, base, N_FIRES)
        if ours != ref:
            rec["problems"].append(("engine-vs-reference", text, zname, base,
                                    [local_str(z, u) for u in ours], [local_str(z, u) for u in ref]))
        if want_prev:
            ours_prev = answer.get("prev", [])
            ref_p = ref_prev(sem, z, base, 3)
            rec["prev"] = 1
            if ours_prev[:len(ref_p)] != ref_p:
                rec["problems"].append(("engine-prev-vs-reference", text, zname, base,
                                        [local_str(z, u) for u in ours_prev],
                                        [local_str(z, u) for u in ref_p]))
        if answer["neverFires"]:
            # Both must see that nothing ever matches (croniter after a 50-year search).
            theirs = croniter_next(text, z, base)
            outcome = "agree" if theirs == "baddate" and not ref else "unexplained"
            if outcome != "agree":
                rec["problems"].append(("never-fires-differs", text, zname, base,
                                        local_str(z, theirs)))
            rec["outcomes"][("normal", outcome)] = rec["outcomes"].get(("normal", outcome), 0) + 1
        step_base = base
        for i in range(len(ref)):
            theirs = croniter_next(text, z, step_base)
            expected = ref[i]
            on_dst_day = (z.is_transition_day(step_base) or z.is_transition_day(expected)
                          or (isinstance(theirs, int) and z.is_transition_day(theirs)))
            side = "dst" if on_dst_day else "normal"
            if theirs == expected:
                outcome = "agree"
            else:
                cls, detail = classify(text, sem, z, step_base, expected, theirs)
                if cls is None or (cls == "dst-day" and not on_dst_day):
                    rec["problems"].append(("croniter-unexplained", text, zname, step_base,
                                            local_str(z, expected), local_str(z, theirs)))
                    outcome = "unexplained"
                else:
                    outcome = cls + (f": {detail}" if detail else "")
                    if SHOW and SHOW in outcome and len(rec.setdefault("examples", [])) < 3:
                        rec["examples"].append((text, zname, local_str(z, step_base),
                                                local_str(z, expected), local_str(z, theirs)))
            rec["outcomes"][(side, outcome)] = rec["outcomes"].get((side, outcome), 0) + 1
            step_base = expected
        out.append(rec)
    return out


def sem_from_json(j):
    sem = Sem()
    sem.sets = [set(s) for s in j["sets"]]
    sem.last_dom = j["L"]
    sem.nth = {int(k): {("L" if x == "L" else int(x)) for x in v} for k, v in j["nth"].items()}
    sem.raw_dow = set(j.get("raw_dow", []))
    sem.six = j["six"]
    return sem


# ----------------------------------------------------------------------------------------------
# Parser differential.

MUTATION_ALPHABET = list("0123456789*/-,#?LlWwHhRr@ ") + ["jan", "FEB", "mon", "Sun", "7", "60",
                                                           "32", "13", "24", "8", "0", "L5", "5#3"]


def mutate(rng, text):
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        pos = rng.randint(0, len(text))
        if op < 0.4 or not text:
            text = text[:pos] + rng.choice(MUTATION_ALPHABET) + text[pos:]
        elif op < 0.7:
            text = text[:pos] + text[pos + 1:]
        else:
            text = text[:pos] + rng.choice(MUTATION_ALPHABET) + text[pos + 1:]
    return text


HAND_PICKED_SYNTAX = [
    "", " ", "* * * *", "* * * * * * *", "@daily", "@DAILY", " @daily", "@reboot", "@every 5m",
    "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *", "* * * 0 *", "* * * 13 *",
    "* * * * 8", "* * * * 7", "* * * * 0-7", "* * * * 5-0", "* * * * 5-00", "* * * * fri-sun",
    "* * * * sun-sat", "* * * * L", "* * * * L5", "* * * * 5L", "* * * * 5#3", "* * * * 5#6",
    "* * * * 5#0", "* * * * 1#2,1", "* * * * *,1#2", "* * * * 1#2xyz", "* * * * 1#2,L3",
    "* * L * *", "* * LW * *", "* * 15W * *", "* * 1-L * *", "* * 10-L/5 * *", "* * L-5 * *",
    "H * * * *", "H(0-29) * * * *", "R * * * *", "R/5 * * * *", "r(0-29)/5 * * * *",
    "*/0 * * * *", "*/ * * * *", "/5 * * * *", "5/ * * * *", "5/15 * * * *", "1-5/2 * * * *",
    "5-1 * * * *", "-5 * * * *", "1,,2 * * * *", "1, * * * *", ",1 * * * *", "* * ? * ?",
    "? * * * *", "* * * ? *", "* * 1,? * *", "1-2-3 * * * *", "*-5 * * * *", "1/2/3 * * * *",
    "JAN * * * *", "* * * JAN-mar *", "* * * jan/2 *", "* * * * MON/2", "* * * * * 60",
    "* * 0 * * *", "* * * * 7 0", "0 0 1-31,L * 1", "0 0 2-31,L * 1", "* * * * 07",
    "* * * * 1-5/0", "* * * * */7", "* * * * l7", "* * * * l8", "* * * * mon#2",
    "* * * * monday", "* * * january *", "0 0 * * 1-5 0", "00 00 01 01 *",
]


def croniter_valid(text):
    try:
        croniter.expand(text)
        return True
    except (CroniterError, ValueError, TypeError, IndexError, KeyError, NameError):
        return False


def croniter_sets(text):
    """croniter's expansion as our sets, for comparison with the engine's fields."""
    expanded, nth = croniter.expand(text)
    six = len(expanded) == 6
    sets, last = [], False
    for i, values in enumerate(expanded):
        lo, hi = RANGES[i]
        if "*" in values:  # croniter's field procedures treat any list holding * as *
            s = set(range(lo, hi + 1))
            if i == DOW:
                s = set(range(7))
        else:
            s = set()
            for v in values:
                if v == "l":
                    last = True
                elif v != "*":
                    s.add(v)
        sets.append(s)
    if not six:
        sets.append({0})
    n = {}
    for k, v in nth.items():
        n[int(k) % 7] = {("L" if x == "l" else int(x)) for x in v}
    if n:
        sets[DOW] = set()
    return sets, last, n, six


def classify_syntax(text, ours, theirs_valid):
    fields = text.split()
    if ours["valid"] and not theirs_valid and "?" in text and croniter_valid(croniter_text(text)):
        return "question-mark (croniter 1.3.5 rejects ?; newer croniter reads it as *)"
    if not ours["valid"] and theirs_valid:
        if any(re.fullmatch(r"r(\(\d+-\d+\))?(/\d+)?", f, re.I) for f in fields):
            return "random-R (croniter draws a random value; unpredictable, so rejected)"
        if len(fields) >= 5:
            dow_items = fields[4].split(",")
            if any(re.match(r"\w+#\d+", x) and not re.fullmatch(r"\w+#\d+", x) for x in dow_items):
                return "nth-trailing-text (croniter ignores text after n#k)"
            special = [x for x in dow_items if "#" in x or re.fullmatch(r"[lL]\d+", x)]
            if special and len(special) < len(dow_items):
                return "nth-mixed-with-plain (croniter accepts when the plain values repeat the nth weekdays or are *)"
        if len(fields) == 6 and ours["field"] == "day of month" and re.fullmatch(r"0+", ours["text"]):
            return "six-field-dom-0 (croniter 1.3.5 reads day 0 as 1 in 6-field expressions)"
    return None


def check_error_shape(text, ours):
    """The error must quote the offending text at the column it gives."""
    col, snippet = ours["column"], ours["text"]
    if col < 1 or text[col - 1:col - 1 + len(snippet)] != snippet:
        return f"column {col} does not hold {snippet!r}"
    if snippet and snippet not in ours["message"]:
        return "message does not quote the text"
    if str(col) not in ours["message"]:
        return "message does not give the column"
    if not ours["field"]:
        return "no field"
    return None


def normalise_dom(sets, last, nth):
    """Day-of-month 1-30 plus L is every day, like 1-31."""
    sets = [set(x) for x in sets]
    if last and set(range(1, 31)) <= sets[DOM]:
        sets[DOM], last = set(range(1, 32)), False
    return sets, last, nth


def fields_from_driver(ours):
    f = ours["fields"]
    sets = [set(f[k]) for k in ("minutes", "hours", "daysOfMonth", "months", "daysOfWeek", "seconds")]
    nth = {int(k): {("L" if x == "L" else int(x)) for x in v} for k, v in f["nth"].items()}
    return sets, f["L"], nth


def syntax_differential(rng, driver, count, verbose):
    seeds = [t for t, _ in generate(random.Random(rng.random()), 400)]
    texts = list(HAND_PICKED_SYNTAX)
    while len(texts) < count:
        texts.append(mutate(rng, rng.choice(seeds)))
    answers = run_driver(driver, [{"op": "check", "expr": t} for t in texts])
    agree, classes, problems = 0, {}, []
    for text, ours in zip(texts, answers):
        theirs = croniter_valid(text)
        if not ours["valid"]:
            shape = check_error_shape(text, ours)
            if shape:
                problems.append(("error-shape", text, shape, ours["message"]))
        if ours["valid"] == theirs:
            agree += 1
            if theirs:
                mine = normalise_dom(*fields_from_driver(ours))
                sets, last, nth, six = croniter_sets(text)
                their = normalise_dom(sets, last, nth)
                if mine != their:
                    if six and 7 in croniter.expand(text)[0][4]:
                        cls = "six-field-dow-7 (croniter keeps 7 unfolded)"
                    elif mine[1] and their[0][DOM] == set(range(1, 32)) and not their[1]:
                        cls = "dom-L-counted (croniter reads 31 items including L as *)"
                    else:
                        cls = None
                    if cls:
                        classes[cls] = classes.get(cls, 0) + 1
                    else:
                        problems.append(("expansion-differs", text, str(mine), str(their)))
            continue
        cls = classify_syntax(text, ours, theirs)
        if cls:
            classes[cls] = classes.get(cls, 0) + 1
        else:
            problems.append(("validity-differs", text, f"engine {'accepts' if ours['valid'] else 'rejects: ' + ours['message']}",
                             f"croniter {'accepts' if theirs else 'rejects'}"))
    return len(texts), agree, classes, problems


# ----------------------------------------------------------------------------------------------

def run_driver(driver, requests):
    payload = "".join(json.dumps(r) + "\n" for r in requests)
    proc = subprocess.run([driver], input=payload, capture_output=True, text=True, check=True)
    lines = proc.stdout.splitlines()
    if len(lines) != len(requests):
        raise RuntimeError(f"driver answered {len(lines)} of {len(requests)} requests: {proc.stderr}")
    return [json.loads(line) for line in lines]


def pick_start(rng, z):
    if z.at and rng.random() < 0.5:
        candidates = z.transitions_between(START_LOW, START_HIGH)
        if candidates:
            t = rng.choice(candidates)
            return t + rng.randint(-36 * 3600, 36 * 3600)
    u = rng.randint(START_LOW, START_HIGH)
    if rng.random() < 0.3:
        u -= u % 60
    return u


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--driver", required=True)
    parser.add_argument("--expressions", type=int, default=5000)
    parser.add_argument("--zones-per-expression", type=int, default=4)
    parser.add_argument("--starts", type=int, default=2)
    parser.add_argument("--syntax", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20260308)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--show", help="print examples of a disagreement class")
    args = parser.parse_args()
    global SHOW
    SHOW = args.show

    began = time.monotonic()
    rng = random.Random(args.seed)
    expressions = generate(rng, args.expressions)
    cases = []
    for index, (text, sem) in enumerate(expressions):
        names = ["UTC"] + [ZONES[1 + (index * 3 + k) % (len(ZONES) - 1)]
                           for k in range(args.zones_per_expression - 1)]
        for zname in names:
            z = zone(zname)
            for _ in range(args.starts):
                j = sem.to_json()
                j["raw_dow"] = sorted(sem.raw_dow)
                cases.append((text, j, zname, pick_start(rng, z), rng.random() < 0.2))

    requests = []
    for text, _, zname, base, want_prev in cases:
        requests.append({"op": "next", "expr": text, "zone": zname, "start": base, "n": N_FIRES})
        requests.append({"op": "prev", "expr": text, "zone": zname, "start": base, "n": 3})
    answers = run_driver(args.driver, requests)
    invalid = [(c[0], a) for c, a in zip(cases, answers[0::2]) if not a["valid"]]
    problems = [("engine-rejects-generated", t, a.get("message")) for t, a in invalid]
    paired = []
    for case, nxt, prv in zip(cases, answers[0::2], answers[1::2]):
        if nxt["valid"]:
            nxt = dict(nxt)
            nxt["prev"] = [u for u in prv["fires"]]
            paired.append((case, nxt))

    chunk = max(1, len(paired) // (args.jobs * 8))
    jobs = [([c for c, _ in paired[i:i + chunk]], [a for _, a in paired[i:i + chunk]])
            for i in range(0, len(paired), chunk)]
    with multiprocessing.Pool(args.jobs) as pool:
        records = [r for part in pool.imap_unordered(evaluate, jobs) for r in part]

    outcomes = {}
    prev_cases = sum(r["prev"] for r in records)
    for r in records:
        for example in r.get("examples", []):
            print("example:", *example)
        for k, v in r["outcomes"].items():
            outcomes[k] = outcomes.get(k, 0) + v
        problems.extend(r["problems"])

    n_syntax, syntax_agree, syntax_classes, syntax_problems = syntax_differential(
        rng, args.driver, args.syntax, args.verbose)
    problems.extend(syntax_problems)

    steps = sum(outcomes.values())
    print(f"schedule differential (seed {args.seed}): {len(expressions)} expressions, "
          f"{len(cases)} cases in {len(ZONES)} zones, {steps} fire times, "
          f"{time.monotonic() - began:.1f} s")
    print(f"  engine vs reference (documented rules): next on all {len(records)} cases, "
          f"previous on {prev_cases}")
    for side, title in (("normal", "off DST days"), ("dst", "on DST days (our rule: docs/schedule-dst.md)")):
        rows = {k[1]: v for k, v in outcomes.items() if k[0] == side}
        total = sum(rows.values())
        print(f"  croniter, {title}: {rows.get('agree', 0)}/{total} agree")
        for k in sorted(rows):
            if k != "agree":
                print(f"    {rows[k]:6d}  {k}")
    print(f"  syntax: {n_syntax} expressions, {syntax_agree} accepted/rejected alike")
    for k in sorted(syntax_classes):
        print(f"    {syntax_classes[k]:6d}  {k}")
    if problems:
        print(f"FAIL: {len(problems)} unexplained differences", file=sys.stderr)
        for p in problems[: (len(problems) if args.verbose else 40)]:
            print("  ", *p, file=sys.stderr)
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
