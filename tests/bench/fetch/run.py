#!/usr/bin/python3
"""Fetch-all benchmark: every cron of a crondesk-sandbox deployment of 1k, 10k and 100k crons,
read by the Cron Desk client (api::CronFetcher), by the official LangGraph JS SDK (pinned in
package-lock.json) and by curl fetching the same pages, in the same run against the same server.
Wall time is the whole process, start to exit; peak memory is the maximum resident set size
reported by /usr/bin/time -v.

Run it through CMake, from a Release build:

    cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build build/bench --target bench-fetch

or directly: run.py --client build/bench/tests/bin/bench_fetch_client
--sandbox build/bench/bin/crondesk-sandbox. Installs the SDK with `npm ci` when it is missing.
Prints a Markdown table for docs/BENCHMARKS.md.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE = 1000


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def start_sandbox(executable, seed):
    process = subprocess.Popen([executable, "--port", "0", "--seed", str(seed), "--no-scheduler",
                                "--no-control"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r"listening on (\S+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"sandbox did not start: {line!r}")
    return process, match.group(1)


def timed(command):
    """Runs command under /usr/bin/time -v; returns (wall seconds, peak RSS MiB, stdout)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as report:
        started = time.monotonic()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + command,
                                capture_output=True, text=True)
        wall = time.monotonic() - started
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed ({result.returncode}): {result.stderr[-500:]}")
        rss_kib = 0
        for line in report.read().splitlines():
            if "Maximum resident set size" in line:
                rss_kib = int(line.rsplit(":", 1)[1])
        return wall, rss_kib / 1024.0, result.stdout


def curl_command(url, seed, parallel):
    """One curl process fetching the same pages as the clients (keep-alive between them)."""
    command = ["curl", "-sS", "--fail"]
    if parallel > 1:
        command += ["--parallel", "--parallel-max", str(parallel)]
    pages = seed // PAGE + 1
    for index in range(pages):
        body = json.dumps({"limit": PAGE, "offset": index * PAGE, "sort_by": "created_at",
                           "sort_order": "asc"})
        if index > 0:
            command.append("--next")
        command += ["-H", "Content-Type: application/json", "-d", body, "-o", "/dev/null",
                    url + "/runs/crons/search"]
    return command


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--client", required=True, help="path of bench_fetch_client")
    parser.add_argument("--sandbox", required=True, help="path of crondesk-sandbox")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5, help="runs per client and size (median)")
    parser.add_argument("--build-type", default="?", help="CMake build type, for the report")
    args = parser.parse_args()

    if not os.path.isdir(os.path.join(HERE, "node_modules", "@langchain", "langgraph-sdk")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    script = os.path.join(HERE, "fetch_all_sdk.mjs")

    contenders = [
        ("Cron Desk client, 4 pages in flight", "crondesk", lambda url, n: [args.client, url]),
        ("Cron Desk client, 1 page at a time", "crondesk",
         lambda url, n: [args.client, url, "--in-flight", "1"]),
        ("JS SDK, pages in sequence", "sdk", lambda url, n: ["node", script, url]),
        ("JS SDK, 4 pages in flight", "sdk",
         lambda url, n: ["node", script, url, "--in-flight", "4"]),
        ("curl, pages in sequence", "curl", lambda url, n: curl_command(url, n, 1)),
        ("curl, 4 pages in parallel", "curl", lambda url, n: curl_command(url, n, 4)),
    ]

    results = {}
    for seed in [int(size) for size in args.sizes.split(",")]:
        sandbox, url = start_sandbox(args.sandbox, seed)
        try:
            # Warm the server's page cache: every page serialised once, as a long-running server's
            # would be, so no contender pays for the first serialisation.
            subprocess.run(curl_command(url, seed, 1), check=True)
            for run in range(args.runs):
                for name, kind, command in contenders:
                    wall, rss, out = timed(command(url, seed))
                    if kind != "curl":
                        rows = json.loads(out.strip().splitlines()[-1])["rows"]
                        if rows != seed:
                            raise RuntimeError(f"{name} read {rows} crons of {seed}")
                    results.setdefault((seed, name), []).append((wall, rss))
                    print(f"{seed:>7} run {run + 1}: {name}: {wall * 1000:.0f} ms, {rss:.0f} MiB",
                          file=sys.stderr)
        finally:
            sandbox.terminate()
            sandbox.wait()

    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    curl = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split()[1]
    print(f"Measured {time.strftime('%Y-%m-%d')}: {cpu_model()}, {os.cpu_count()} cores; "
          f"{platform.system()} {platform.release()}; Cron Desk {args.build_type} build; "
          f"@langchain/langgraph-sdk 1.9.31 on Node {node}; curl {curl}. "
          f"Median of {args.runs} runs; wall time of the whole process; peak RSS from "
          f"/usr/bin/time -v.\n")
    sizes = sorted({seed for seed, _ in results})
    header = "| Client | " + " | ".join(f"{seed:,} crons" for seed in sizes) + " |"
    print(header)
    print("|---|" + "---|" * len(sizes))
    medians = {}
    for name, _, _ in contenders:
        cells = []
        for seed in sizes:
            runs = results[(seed, name)]
            wall = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            medians[(seed, name)] = wall
            cells.append(f"{wall * 1000:,.0f} ms, {rss:,.0f} MiB")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    ours = contenders[0][0]
    for seed in sizes:
        sdk = min(medians[(seed, contenders[2][0])], medians[(seed, contenders[3][0])])
        curl_best = min(medians[(seed, contenders[4][0])], medians[(seed, contenders[5][0])])
        print(f"- {seed:,}: {sdk / medians[(seed, ours)]:.1f}x faster than the faster JS SDK "
              f"way; {medians[(seed, ours)] / curl_best:.2f}x the time of the faster curl way.")


if __name__ == "__main__":
    main()
