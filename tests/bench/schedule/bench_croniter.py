#!/usr/bin/python3
"""croniter side of the schedule benchmark: time per get_next() call for cases.json.

Two figures per case: a croniter iterator chained like a scheduler (its fastest use), and a
fresh croniter(expr, base).get_next() per fire time, which is how the LangGraph server calls it.
Prints one JSON object per case. Uses Debian's croniter 1.3.5 with pytz."""

import datetime
import json
import statistics
import sys
import time

import pytz
from croniter import croniter


def per_call(run, steps, min_time):
    samples = []
    begin = time.perf_counter()
    while len(samples) < 5 or time.perf_counter() - begin < min_time:
        samples.append(run() / steps)
    return statistics.median(samples) * 1e9


def main():
    config = json.load(open(sys.argv[1]))
    min_time = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3
    start_utc = datetime.datetime.fromisoformat(config["start"].replace("Z", "+00:00"))
    steps = config["steps"]
    for case in config["cases"]:
        tz = pytz.timezone(case["zone"])
        start = start_utc.astimezone(tz)
        start = tz.normalize(start)

        def chained():
            it = croniter(case["expr"], start)
            t = time.perf_counter()
            for _ in range(steps):
                it.get_next(datetime.datetime)
            return time.perf_counter() - t

        def fresh():
            base = start
            t = time.perf_counter()
            for _ in range(steps):
                base = croniter(case["expr"], base).get_next(datetime.datetime)
            return time.perf_counter() - t

        print(json.dumps({"expr": case["expr"], "zone": case["zone"],
                          "nsPerNext": per_call(chained, steps, min_time),
                          "nsPerFreshNext": per_call(fresh, steps, min_time)}), flush=True)


if __name__ == "__main__":
    main()
