#!/usr/bin/python3
"""Sandbox start benchmark (issue 19, target 5): how long `crondesk-sandbox --seed N` takes
until it prints "listening on", with the CPU it used by then and its peak RSS. Give one binary,
or several (e.g. an old and a new build) to run them alternating, so that load falls on all
alike. Prints the load average and, per binary, the median and range of each figure.

    tests/bench/sandbox/start.py --runs 7 build/release/bin/crondesk-sandbox /tmp/old-sandbox
"""

import argparse
import os
import statistics
import subprocess
import time


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_megabytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start_once(binary, seed):
    started = time.monotonic()
    process = subprocess.Popen([binary, "--port", "0", "--seed", str(seed), "--no-scheduler",
                                "--no-control"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:
            if "istening on" in line:
                break
        else:
            raise RuntimeError(f"{binary} ended without listening")
        wall = time.monotonic() - started
        return wall, cpu_seconds(process.pid), peak_megabytes(process.pid)
    finally:
        process.kill()
        process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binaries", nargs="+", help="crondesk-sandbox executables (Release)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=100000)
    args = parser.parse_args()

    load_before = load_average()
    results = {binary: [] for binary in args.binaries}
    for _ in range(args.runs):
        for binary in args.binaries:
            results[binary].append(start_once(binary, args.seed))
    print(f"Load average before: {load_before}; after: {load_average()}. --seed {args.seed}, "
          f"{args.runs} runs each, alternating.\n")
    print("| Binary | Wall until listening (median, range) | CPU (median) | Peak RSS (median) |")
    print("|---|---:|---:|---:|")
    for binary, runs in results.items():
        walls = [r[0] * 1000 for r in runs]
        print(f"| {binary} | {statistics.median(walls):,.0f} ms ({min(walls):,.0f}–"
              f"{max(walls):,.0f}) | {statistics.median(r[1] for r in runs):.1f} s | "
              f"{statistics.median(r[2] for r in runs):,.0f} MB |")


if __name__ == "__main__":
    main()
