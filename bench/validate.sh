#!/usr/bin/env bash
# bench/validate.sh BUILD_DIR: parse + validate throughput of `resorb validate --ndjson`, and of
# `jq -c .` on the same file in the same run as the peer (see bench/README.md).
#
# Generates BENCH_CASES (default 200,000) realistic cases with resorb-gencases into a temporary
# directory (about 1.5 KB a case, so about 290 MB; deleted at exit), checks that resorb accepts
# them all, then times each tool BENCH_RUNS times (default 3, after one warm-up run that also
# puts the file in the page cache) and keeps the best. Uses hyperfine when it is installed,
# else bash's clock (BENCH_TIMER=bash forces that). Prints cases/s and MB/s (MB = 10^6 bytes) for both and the ratio
# resorb/jq of their throughputs (> 1: resorb is faster). The summary is also written to
# bench/out/validate.txt.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: bench/validate.sh BUILD_DIR" >&2
    exit 1
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
resorb=$build/resorb
gencases=$build/tests/resorb-gencases
cases=${BENCH_CASES:-200000}
runs=${BENCH_RUNS:-3}
seed=${BENCH_SEED:-1}

for bin in "$resorb" "$gencases"; do
    if [ ! -x "$bin" ]; then
        echo "validate.sh: $bin not found; build first (make build)" >&2
        exit 1
    fi
done
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1
have_hyperfine=0
if [ "${BENCH_TIMER:-}" != bash ] && command -v hyperfine >/dev/null 2>&1; then
    have_hyperfine=1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/resorb-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
file=$tmp/cases.ndjson

echo "generating $cases cases (seed $seed) ..."
"$gencases" --seed "$seed" --count "$cases" >"$file"
bytes=$(wc -c <"$file")
lines=$(wc -l <"$file")
echo "input: $lines cases, $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB)"

# Correctness first: a benchmark of a validator that rejects its input measures nothing.
rc=0
"$resorb" validate --ndjson "$file" >/dev/null 2>"$tmp/err" || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "validate.sh: resorb validate --ndjson exited $rc on generated cases:" >&2
    head -n 10 "$tmp/err" >&2
    exit 1
fi

# best_time NAME CMD...: prints the best wall time in seconds of $runs runs.
best_time() {
    local name=$1
    shift
    if [ "$have_hyperfine" -eq 1 ] && [ "$have_jq" -eq 1 ]; then
        hyperfine --style none --warmup 1 --runs "$runs" -N --output null \
            --export-json "$tmp/$name.json" "$*" >/dev/null 2>&1
        jq -r '.results[0].min' "$tmp/$name.json"
        return
    fi
    "$@" >/dev/null 2>&1 || true # warm-up
    local best="" t0 t1 t
    for _ in $(seq "$runs"); do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s%N)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
            best=$t
        fi
    done
    echo "$best"
}

timer=bash
[ "$have_hyperfine" -eq 1 ] && [ "$have_jq" -eq 1 ] && timer=hyperfine
echo "timing: best of $runs runs each ($timer)"

t_resorb=$(best_time resorb "$resorb" validate --ndjson "$file")
report() { # NAME SECONDS
    awk -v n="$1" -v t="$2" -v c="$lines" -v b="$bytes" \
        'BEGIN { printf "%-28s %8.3f s  %10.0f cases/s  %8.1f MB/s\n", n, t, c / t, b / 1e6 / t }'
}
{
    echo "== Parse + validate throughput"
    echo "machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "input: $lines cases, $bytes bytes, resorb-gencases --seed $seed --count $cases"
    report "resorb validate --ndjson" "$t_resorb"
    if [ "$have_jq" -eq 1 ]; then
        t_jq=$(best_time jq jq -c . "$file")
        report "jq -c ." "$t_jq"
        awk -v r="$t_resorb" -v j="$t_jq" \
            'BEGIN { printf "ratio resorb/jq (throughput): %.2f\n", j / r }'
    else
        echo "jq not installed (apt-get install jq): no peer comparison"
    fi
} | tee "$tmp/summary"
mkdir -p "$here/out"
cp "$tmp/summary" "$here/out/validate.txt"
