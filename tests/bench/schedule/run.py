#!/usr/bin/python3
"""Schedule engine benchmark: Cron Desk against croniter (Debian's python3-croniter 1.3.5, the
library the LangGraph server uses) and the npm cron-parser (pinned in package-lock.json), in the
same run, on the same cases (cases.json), per next-fire-time call.

Run it through CMake, from a Release build:

    cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build build/bench --target bench-schedule

or directly: run.py --cxx build/bench/tests/bin/schedule_bench. Installs cron-parser with
`npm ci` when it is missing. Prints a Markdown table for docs/BENCHMARKS.md.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def lines(command, cwd=HERE):
    out = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cxx", required=True, help="path of the schedule_bench executable")
    parser.add_argument("--min-time", default="0.5", help="seconds per measurement, at least")
    parser.add_argument("--build-type", default="?", help="CMake build type, for the report")
    args = parser.parse_args()
    cases = os.path.join(HERE, "cases.json")

    if not os.path.isdir(os.path.join(HERE, "node_modules", "cron-parser")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)

    ours = lines([args.cxx, cases, "--min-time", args.min_time])
    croniter = lines(["/usr/bin/python3", os.path.join(HERE, "bench_croniter.py"), cases,
                      args.min_time])
    cronparser = lines(["node", os.path.join(HERE, "bench_cronparser.mjs"), cases, args.min_time])
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    croniter_version = subprocess.run(
        ["/usr/bin/python3", "-c", "import croniter; print(croniter.__version__)"],
        capture_output=True, text=True).stdout.strip() or "1.3.5"

    print(f"Machine: {cpu_model()}, {os.cpu_count()} cores; {platform.system()} "
          f"{platform.release()}; Cron Desk build type {args.build_type}; "
          f"croniter {croniter_version} on Python {platform.python_version()}; "
          f"cron-parser {cronparser[0]['version']} on Node {node}.")
    print()
    print("| Expression | Zone | Cron Desk next() | Cron Desk nextSeconds() | croniter chained "
          "| croniter fresh (server) | cron-parser | vs croniter | vs cron-parser "
          "| allocations per next() |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    vs_croniter, vs_cronparser = [], []
    for o, c, j in zip(ours, croniter, cronparser):
        assert o["expr"] == c["expr"] == j["expr"]
        a = c["nsPerNext"] / o["nsPerNext"]
        b = j["nsPerNext"] / o["nsPerNext"]
        vs_croniter.append(a)
        vs_cronparser.append(b)
        allocations = o["allocationsPerNext"]
        print(f"| `{o['expr']}` | {o['zone']} | {o['nsPerNext']:.0f} ns "
              f"| {o['nsPerNextSeconds']:.0f} ns | {c['nsPerNext'] / 1000:.1f} µs "
              f"| {c['nsPerFreshNext'] / 1000:.1f} µs | {j['nsPerNext'] / 1000:.1f} µs "
              f"| {a:,.0f}× | {b:,.0f}× | {'n/a' if allocations < 0 else f'{allocations:g}'} |")
    print()
    parse = statistics.median(o["nsPerParse"] for o in ours)
    print(f"Speed-up per next-fire-time call (Cron Desk next() with QDateTime in and out): "
          f"vs croniter min {min(vs_croniter):,.0f}×, median {statistics.median(vs_croniter):,.0f}×; "
          f"vs cron-parser min {min(vs_cronparser):,.0f}×, median "
          f"{statistics.median(vs_cronparser):,.0f}×. Targets: 100× and 10×: "
          f"{'met' if min(vs_croniter) >= 100 and min(vs_cronparser) >= 10 else 'NOT met'}. "
          f"Parsing an expression takes {parse / 1000:.1f} µs (median).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
