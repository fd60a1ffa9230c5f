#!/usr/bin/env bash
# bench/store.sh BUILD_DIR: the registry. Import of BENCH_CASES (default 100,000) generated
# patients with their visits and imaging studies through `resorb case add --ndjson --batch N`
# (one transaction per N cases; default 1,000), in rows per second, next to the sqlite3
# command-line tool loading the very same rows as plain INSERT statements into the same schema
# in the same run (the peer a user would otherwise use); then the latency of loading one patient's record
# (what timeline and export do first): in-process against the same queries in plain SQL
# (bench_store_load), and end to end per command against the sqlite3 tool. Prints ratios; the
# summary also goes to bench/out/store.txt. See bench/README.md.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: bench/store.sh BUILD_DIR" >&2
    exit 1
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
resorb=$build/resorb
gencases=$build/tests/resorb-gencases
loadbench=$build/bench/bench_store_load
cases=${BENCH_CASES:-100000}
batch=${BENCH_BATCH:-1000}
seed=${BENCH_SEED:-1}
samples=${BENCH_SAMPLES:-20000}
commands=${BENCH_COMMANDS:-200}

for bin in "$resorb" "$gencases" "$loadbench"; do
    if [ ! -x "$bin" ]; then
        echo "store.sh: $bin not found; build first (make build)" >&2
        exit 1
    fi
done
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "store.sh: the sqlite3 command-line tool is needed for the peer (apt-get install sqlite3)" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/resorb-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LANG=C
unset LC_ALL LC_MESSAGES RESORB_DB RESORB_DB_MAX_BYTES

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

echo "generating $cases cases (seed $seed) ..."
"$gencases" --seed "$seed" --count "$cases" >"$tmp/cases.ndjson"
bytes=$(wc -c <"$tmp/cases.ndjson")
cat "$tmp/cases.ndjson" >/dev/null # into the page cache, for both tools alike

# 1. resorb: parse, validate, canonical JSON, rows and audit entries, one commit per batch.
db=$tmp/registry.db
"$resorb" db init --db "$db" >/dev/null
echo "importing with resorb case add --ndjson --batch $batch ..."
t0=$(date +%s%N)
"$resorb" case add --db "$db" --quiet --ndjson --batch "$batch" "$tmp/cases.ndjson" >"$tmp/ids"
t1=$(date +%s%N)
t_resorb=$(seconds "$t0" "$t1")
[ "$(wc -l <"$tmp/ids")" -eq "$cases" ] || { echo "store.sh: not every case was stored" >&2; exit 1; }
tables="patients visits visit_motor studies findings"
rows=0
for t in $tables; do
    n=$(sqlite3 "$db" "SELECT count(*) FROM $t")
    rows=$((rows + n))
    eval "rows_$t=$n"
done
audit=$(sqlite3 "$db" "SELECT count(*) FROM audit")
db_bytes=$(stat -c %s "$db")

# 2. The peer: the sqlite3 tool loading the same rows as plain SQL (INSERT statements, as
#    `.mode insert` / `.dump` write them: NULLs and types kept) into the same tables and indexes,
#    also WAL, synchronous=FULL and foreign keys on, one transaction per table.
peer=$tmp/peer.db
{
    echo "PRAGMA journal_mode = WAL;"
    for t in $tables; do sqlite3 "$db" ".schema $t"; done
} | sqlite3 "$peer" >/dev/null
for t in $tables; do
    echo "BEGIN;"
    sqlite3 -cmd ".mode insert $t" "$db" "SELECT * FROM $t"
    echo "COMMIT;"
done >"$tmp/rows.sql"
echo "loading the same rows with sqlite3 ..."
t0=$(date +%s%N)
sqlite3 "$peer" -cmd "PRAGMA synchronous = FULL" -cmd "PRAGMA foreign_keys = ON" <"$tmp/rows.sql"
t1=$(date +%s%N)
t_peer=$(seconds "$t0" "$t1")
peer_rows=0
for t in $tables; do peer_rows=$((peer_rows + $(sqlite3 "$peer" "SELECT count(*) FROM $t"))); done
[ "$peer_rows" -eq "$rows" ] || { echo "store.sh: the peer imported $peer_rows of $rows rows" >&2; exit 1; }
sql_bytes=$(wc -c <"$tmp/rows.sql")

# 3. Loading one record, in process.
"$loadbench" "$db" "$samples" "$seed" >"$tmp/load"

# 4. One command per record, end to end: resorb case export ID against sqlite3 reading the
#    same rows (process start included on both sides).
awk -v n="$commands" -v max="$cases" -v s="$seed" \
    'BEGIN { srand(s); for (i = 0; i < n; i++) print 1 + int(rand() * max) }' >"$tmp/sample"
percentiles() { # FILE of microseconds: "p50 p99"
    sort -n "$1" | awk '{ v[NR] = $1 } END { i50 = int(0.50 * (NR - 1) + 1.5); i99 = int(0.99 * (NR - 1) + 1.5);
        if (i99 > NR) i99 = NR; printf "%.0f %.0f", v[i50], v[i99] }'
}
: >"$tmp/cmd.resorb"
: >"$tmp/cmd.sqlite3"
while read -r id; do
    t0=$(date +%s%N)
    "$resorb" case export --db "$db" "$id" >/dev/null
    t1=$(date +%s%N)
    sqlite3 "$db" "SELECT case_json FROM patients WHERE id = $id;" \
        "SELECT json FROM visits WHERE patient_id = $id ORDER BY date, seq;" \
        "SELECT json FROM studies WHERE patient_id = $id ORDER BY date, seq;" >/dev/null
    t2=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$tmp/cmd.resorb"
    echo $(((t2 - t1) / 1000)) >>"$tmp/cmd.sqlite3"
done <"$tmp/sample"
read -r c50 c99 <<<"$(percentiles "$tmp/cmd.resorb")"
read -r s50 s99 <<<"$(percentiles "$tmp/cmd.sqlite3")"

{
    echo "== Registry import and record loads"
    echo "machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "input: $cases cases, $bytes bytes, resorb-gencases --seed $seed --count $cases"
    echo "rows: $rows (patients $rows_patients, visits $rows_visits, visit_motor $rows_visit_motor, studies $rows_studies, findings $rows_findings) + $audit audit entries; database $db_bytes bytes"
    awk -v t="$t_resorb" -v r="$rows" -v c="$cases" -v b="$batch" \
        'BEGIN { printf "%-40s %8.2f s  %9.0f rows/s  %8.0f cases/s\n", "resorb case add --ndjson --batch " b, t, r / t, c / t }'
    awk -v t="$t_peer" -v r="$rows" -v cb="$sql_bytes" \
        'BEGIN { printf "%-40s %8.2f s  %9.0f rows/s  (%d bytes of SQL)\n", "sqlite3 < INSERTs (same rows)", t, r / t, cb }'
    awk -v a="$t_resorb" -v b="$t_peer" 'BEGIN { printf "ratio resorb/sqlite3 (import throughput): %.2f\n", b / a }'
    cat "$tmp/load"
    echo "end to end, one command per record ($commands random patients, process start included):"
    printf "%-40s p50 %6d us  p99 %6d us\n" "resorb case export ID" "$c50" "$c99"
    printf "%-40s p50 %6d us  p99 %6d us\n" "sqlite3 DB (the same three SELECTs)" "$s50" "$s99"
    awk -v a="$c50" -v b="$s50" -v c="$c99" -v d="$s99" \
        'BEGIN { printf "ratio resorb/sqlite3 (latency): p50 %.2f, p99 %.2f\n", a / b, c / d }'
} | tee "$tmp/summary"
mkdir -p "$here/out"
cp "$tmp/summary" "$here/out/store.txt"
