#!/usr/bin/env bash
# bench/assess.sh BUILD_DIR: assessment throughput (see bench/README.md).
#  1. in-process: bench_assess on 1,000 generated cases (engine only, one core), next to the
#     parse + validate rate of the same cases;
#  2. end to end: `resorb assess --ndjson --format json` over BENCH_ASSESS_CASES (default
#     50,000) generated cases, next to `resorb validate --ndjson` and `jq -c .` on the same file
#     in the same run; ratios printed. Summary also in bench/out/assess.txt.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: bench/assess.sh BUILD_DIR" >&2; exit 1; }
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
resorb=$build/resorb gencases=$build/tests/resorb-gencases engine=$build/bench/bench_assess
for bin in "$resorb" "$gencases" "$engine"; do
    [ -x "$bin" ] || { echo "assess.sh: $bin not found; build first (make build)" >&2; exit 1; }
done
cases=${BENCH_ASSESS_CASES:-50000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/resorb-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$gencases" --seed 3 --count "$cases" >"$tmp/cases.ndjson"
"$gencases" --seed 4 --count 1000 >"$tmp/small.ndjson"

best() { # prints the best wall time of 3 runs (after a warm-up) of CMD
    "$@" >/dev/null 2>&1 || true
    local best="" t0 t1 t
    for _ in 1 2 3; do
        t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
        t=$(( (t1 - t0) / 1000 ))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    echo "$best"
}
{
    echo "== Assessment throughput"
    echo "machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "-- in-process (1,000 cases, one core)"
    "$engine" "$tmp/small.ndjson" 3
    echo "-- end to end ($cases cases, $(wc -c <"$tmp/cases.ndjson") bytes)"
    ta=$(best "$resorb" assess --ndjson --format json "$tmp/cases.ndjson")
    tv=$(best "$resorb" validate --ndjson --quiet "$tmp/cases.ndjson")
    tj=$(best jq -c . "$tmp/cases.ndjson")
    awk -v a="$ta" -v v="$tv" -v j="$tj" -v n="$cases" 'BEGIN {
        printf "resorb assess --ndjson --format json  %8.3f s  %9.0f cases/s\n", a / 1e6, n * 1e6 / a
        printf "resorb validate --ndjson              %8.3f s  %9.0f cases/s\n", v / 1e6, n * 1e6 / v
        printf "jq -c .                               %8.3f s  %9.0f cases/s\n", j / 1e6, n * 1e6 / j
        printf "ratio assess/validate (throughput): %.2f\n", v / a
        printf "ratio assess/jq (throughput): %.2f\n", j / a
    }'
} | tee "$tmp/summary"
mkdir -p "$here/out"
cp "$tmp/summary" "$here/out/assess.txt"
