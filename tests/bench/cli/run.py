#!/usr/bin/python3
"""crondeskctl listing benchmark: `crons list --all` and `crons export` of every cron of a
crondesk-sandbox deployment in each format, against curl reading the same pages, in the same loop
against the same Release sandbox. Wall time is the whole process, start to exit; peak memory is
the maximum resident set size from /usr/bin/time -v. Output goes to /dev/null, as a pipe to a
fast reader would take it.

    cmake --preset release && cmake --build build/release -j2 --target crondeskctl crondesk-sandbox
    tests/bench/cli/run.py --ctl build/release/bin/crondeskctl \\
        --sandbox build/release/bin/crondesk-sandbox --sizes 10000,100000 --runs 5

Prints a Markdown table (medians, with the fastest and slowest run) and the machine's load
average before and after, for docs/BENCHMARKS.md. The ratio to curl is taken per run, against
the curl run just before it, so that load from other work on the machine affects both sides.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fetch"))
from run import curl_command, start_sandbox  # noqa: E402  (the fetch benchmark's helpers)


def timed(command):
    """Runs command under /usr/bin/time -v, stdout to /dev/null (not through this script, whose
    reading would be what is measured); returns (wall seconds, peak RSS MiB, CPU seconds user + system)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as report:
        started = time.monotonic()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + command,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - started
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed ({result.returncode}): {result.stderr[-500:]}")
        rss_kib = 0
        cpu = 0.0
        for line in report.read().splitlines():
            if "Maximum resident set size" in line:
                rss_kib = int(line.rsplit(":", 1)[1])
            if "User time (seconds)" in line or "System time (seconds)" in line:
                cpu += float(line.rsplit(":", 1)[1])
        return wall, rss_kib / 1024.0, cpu


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ctl", required=True, help="path of crondeskctl (Release)")
    parser.add_argument("--sandbox", required=True, help="path of crondesk-sandbox (Release)")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--formats", default="csv,json,jsonl")
    parser.add_argument("--commands", default="list,export")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", help="another crondeskctl (e.g. the previous build), run "
                        "alternating with --ctl in the same loop, for a before/after in one run")
    args = parser.parse_args()
    binaries = [("", args.ctl)] + ([(" (baseline)", args.baseline)] if args.baseline else [])

    print(f"load average before: {load_average()}", file=sys.stderr)
    rows = []
    for seed in [int(size) for size in args.sizes.split(",")]:
        sandbox, url = start_sandbox(args.sandbox, seed)
        try:
            subprocess.run(curl_command(url, seed, 1), check=True)  # every page served once
            results = {}
            for run in range(args.runs):
                curl_wall, curl_rss, curl_cpu = timed(curl_command(url, seed, 1))
                results.setdefault("curl", []).append((curl_wall, curl_rss, 1.0, curl_cpu))
                for command in args.commands.split(","):
                    for fmt in args.formats.split(","):
                        for label, ctl in binaries:
                            argv = [ctl, "--url", url, "crons", command, "--all", "--format", fmt]
                            wall, rss, cpu = timed(argv)
                            results.setdefault((command, fmt, label), []).append(
                                (wall, rss, wall / curl_wall, cpu))
                            print(f"{seed} {command} {fmt}{label} run {run}: {wall:.3f} s, {rss:.0f} MiB, "
                                  f"{wall / curl_wall:.2f}x curl ({curl_wall:.3f} s), CPU {cpu:.2f} s, "
                                  f"load {load_average()}", file=sys.stderr)
            for key, values in results.items():
                walls = [v[0] for v in values]
                rsss = [v[1] for v in values]
                ratios = [v[2] for v in values]
                cpus = [v[3] for v in values]
                name = "curl, pages in sequence" if key == "curl" else \
                    f"crondeskctl crons {key[0]} --all --format {key[1]}{key[2]}"
                rows.append((seed, name, statistics.median(walls), min(walls), max(walls),
                             statistics.median(rsss), statistics.median(ratios),
                             statistics.median(cpus)))
        finally:
            sandbox.kill()
            sandbox.wait()
    print(f"load average after: {load_average()}", file=sys.stderr)
    print("| Crons | Command | Median wall | Fastest–slowest | CPU (user + sys) | Peak RSS "
          "| × curl (median of per-run ratios) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for seed, name, median, low, high, rss, ratio, cpu in rows:
        print(f"| {seed:,} | {name} | {median * 1000:,.0f} ms | {low * 1000:,.0f}–{high * 1000:,.0f} ms "
              f"| {cpu * 1000:,.0f} ms | {rss:.0f} MiB | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
