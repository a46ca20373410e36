#!/usr/bin/env bash
# Runs one libFuzzer harness the way docs/RELIABILITY.md ("Fuzzing") records it: one job, one
# worker, niced, until 10 million executions or SECONDS (default 1800), whichever comes first, with
# the committed corpus as seeds and the harness's dictionary. New inputs go to WORK/NAME (default
# /tmp/crondesk-fuzz), crashes to WORK/artifacts/; libFuzzer's own log to WORK/jobs/NAME/fuzz-0.log.
# The timeout is wall time and generous (60 s): on a shared, loaded machine a niced process can
# wait seconds for a core, and a slow unit found that way is not one.
#
#     cmake --preset fuzz && cmake --build --preset fuzz
#     tests/fuzz/run.sh cronexpression [SECONDS] [WORK]
#
# Afterwards, to fold what was found into the committed corpus (minimised):
#     build/fuzz/fuzz/fuzz_NAME -merge=1 tests/fuzz/corpus/NAME WORK/NAME
set -euo pipefail
name=${1:?usage: run.sh NAME [SECONDS] [WORK]}
seconds=${2:-1800}
work=${3:-/tmp/crondesk-fuzz}
root=$(cd "$(dirname "$0")/../.." && pwd)
binary="$root/build/fuzz/fuzz/fuzz_$name"
mkdir -p "$work/$name" "$work/artifacts" "$work/jobs/$name"
case "$name" in
    http1response | sandboxrequest | crondecoder | crondecoder_vs_qjson | snapshot) max_len=8192 ;;
    *) max_len=4096 ;;
esac
cd "$work/jobs/$name"
exec nice -n 10 "$binary" -jobs=1 -workers=1 -runs=10000000 -max_total_time="$seconds" \
    -max_len="$max_len" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$root/tests/fuzz/$name.dict" -artifact_prefix="$work/artifacts/$name-" \
    "$work/$name" "$root/tests/fuzz/corpus/$name" >"$work/$name.log" 2>&1
