#!/usr/bin/env bash
# bench/forecast.sh BUILD_DIR: personalised forecast fits per second (see bench/README.md).
#  1. bench_forecast_bench gen writes BENCH_FORECAST_PATIENTS (default 2000) synthetic patients drawn
#     from the priors (seed BENCH_SEED, default 1): one or two follow-up MRIs each.
#  2. In C, one core, in-process: the posterior mode with its Laplace covariance
#     (resorb_forecast_fit_mode), and the whole forecast (resorb_forecast_fit: the mode, then
#     the exact posterior on a 40 x 40 grid and the intervals), each for at least
#     BENCH_SECONDS (default 3) of CPU.
#  3. The peer in the same run: the same mode-and-covariance fit with scipy.optimize.curve_fit
#     (bench/forecast.py, python3-scipy from Debian), cross-checked against the C solutions;
#     skipped with the install command when scipy is missing.
#  Prints fits/s and the ratios C/scipy; a copy goes to bench/out/forecast.txt.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: bench/forecast.sh BUILD_DIR" >&2; exit 1; }
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
prog=$build/bench/bench_forecast_bench
[ -x "$prog" ] || { echo "forecast.sh: $prog not found; build first (make build)" >&2; exit 1; }
patients=${BENCH_FORECAST_PATIENTS:-2000}
seconds=${BENCH_SECONDS:-3}
seed=${BENCH_SEED:-1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/resorb-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# A python3 that has scipy: the one on PATH, else Debian's.
py=""
for cand in python3 /usr/bin/python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import scipy' >/dev/null 2>&1; then
        py=$cand
        break
    fi
done

"$prog" gen "$patients" "$seed" >"$tmp/patients.tsv"
"$prog" modes "$tmp/patients.tsv" >"$tmp/modes.tsv"
{
    echo "== Personalised forecast fits"
    echo "machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "patients: $patients synthetic (seed $seed), at least ${seconds}s of CPU each, one core"
    "$prog" time "$tmp/patients.tsv" "$seconds" >"$tmp/c.txt"
    c_mode=$(awk '$1 == "c_mode_fits_per_s" { print $2 }' "$tmp/c.txt")
    c_full=$(awk '$1 == "c_full_fits_per_s" { print $2 }' "$tmp/c.txt")
    failed=$(awk '$1 == "failed" { print $2 + $3 }' "$tmp/c.txt")
    printf "resorb mode + Laplace (C, GSL)        %10.0f fits/s\n" "$c_mode"
    printf "resorb whole forecast (C, GSL, grid)  %10.0f fits/s\n" "$c_full"
    [ "$failed" = 0 ] || echo "warning: $failed C fits failed"
    if [ -n "$py" ]; then
        "$py" "$here/forecast.py" "$tmp/patients.tsv" "$seconds" "$tmp/modes.tsv" >"$tmp/py.txt"
        s=$(awk '$1 == "scipy_fits_per_s" { print $2 }' "$tmp/py.txt")
        printf "scipy.optimize.curve_fit (%s)  %10.0f fits/s\n" \
            "$("$py" -c 'import scipy; print("scipy " + scipy.__version__)')" "$s"
        awk '$1 ~ /^max_/ { print "cross-check: " $1 " " $2 }' "$tmp/py.txt"
        awk -v m="$c_mode" -v f="$c_full" -v s="$s" 'BEGIN {
            printf "ratio mode+Laplace C/scipy (throughput): %.1f\n", m / s
            printf "ratio whole forecast C / scipy mode only (throughput): %.1f\n", f / s
        }'
    else
        echo "scipy peer skipped: python3-scipy is not installed"
        echo "  install it with: apt-get install --no-install-recommends python3-scipy"
    fi
} | tee "$tmp/summary"
mkdir -p "$here/out"
cp "$tmp/summary" "$here/out/forecast.txt"
