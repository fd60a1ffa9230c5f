#!/usr/bin/env bash
# bench/serve.sh BUILD_DIR: the HTTP server (`resorb serve`) under wrk on loopback. Requests/s
# and latency (p50, p99) of POST /api/v1/assess and of a patient's timeline, next to a static
# file (/style.css, compiled into the program) served by the same server in the same run: the
# ratio endpoint/static says what the engine and the registry cost over plain serving. Then a
# soak: a BENCH_SOAK-second (default 60) mixed run of assess and timeline, with the server's
# resident memory (VmRSS) before and after it, to show that it does not grow. See
# bench/README.md.
#
# Sets up a temporary registry (a clinician with a bearer token, one patient with eight visits
# and three MRI studies), checks with curl that every request benchmarked answers 200 with the
# right body (a run timed on 401s would measure nothing), and fails when wrk sees a socket
# error or a status above 399, or when the server's access log has a request that did not end
# in 200. Also prints, per run, the server's CPU time per request, the share of the cores taken
# by the server, wrk and the rest, and how many server threads did the work (a thread per
# connection: as many as wrk's connections when the work is spread; a note says when a run used
# only one).
# Knobs (environment): BENCH_DURATION (20s per endpoint), BENCH_SOAK (60, seconds),
# BENCH_WARMUP (2s per endpoint, not recorded), BENCH_THREADS (wrk threads, 1),
# BENCH_CONNECTIONS (8), BENCH_LOG=null (access log to /dev/null instead of a file: no status
# check from the log).
# The summary is also written to bench/out/serve.txt and wrk's own output to
# bench/out/serve-wrk.txt.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: bench/serve.sh BUILD_DIR" >&2
    exit 1
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
resorb=$build/resorb
duration=${BENCH_DURATION:-20s}
soak=${BENCH_SOAK:-60}
warmup=${BENCH_WARMUP:-2s}
wthreads=${BENCH_THREADS:-1}
conns=${BENCH_CONNECTIONS:-8}
logmode=${BENCH_LOG:-file}
soak=${soak%s}

if [ ! -x "$resorb" ]; then
    echo "serve.sh: $resorb not found; build first (make build)" >&2
    exit 1
fi
for tool in wrk curl jq; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "serve.sh: $tool is needed (scripts/install-deps bench)" >&2
        exit 1
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/resorb-bench.XXXXXX")
pid=
sampler=
cleanup() {
    [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true
    [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export LC_ALL=C
unset LANG LC_MESSAGES LANGUAGE RESORB_DB

fail() {
    echo "serve.sh: $*" >&2
    exit 1
}

# ---- the registry: one clinician, one patient with a realistic follow-up ---------------------
db=$tmp/registry.db
case_file=$src/examples/followup-second-mri.json # 6 visits, 2 MRIs, questionnaires
body_file=$src/examples/seed-l5s1-right.json     # what the web page's example sends to assess
printf 'bench-password\n' | "$resorb" user add bench --role clinician --db "$db" >/dev/null
token=$("$resorb" user token bench --db "$db")
id=$("$resorb" case add --db "$db" "$case_file")
printf '{"date": "2025-05-15", "leg_pain_nrs": 1, "back_pain_nrs": 0, "course": "improving"}\n' >"$tmp/v1.json"
printf '{"date": "2025-09-11", "leg_pain_nrs": 0, "back_pain_nrs": 1, "course": "stable",
  "motor": [{"muscle": "ankle_plantarflexion", "side": "right", "mmt": 5}]}\n' >"$tmp/v2.json"
printf '{"date": "2025-09-04", "modality": "mri", "findings": [{"level": "L5/S1",
  "morphology": "extrusion", "zone": "subarticular", "side": "right", "migration": "none",
  "t2_signal": "iso", "modic": 0, "pfirrmann": 3, "ap_mm": 1.5, "canal_compromise_pct": 6,
  "area_mm2": 20, "volume_mm3": 180}]}\n' >"$tmp/s1.json"
"$resorb" visit add --db "$db" "$id" "$tmp/v1.json" >/dev/null
"$resorb" visit add --db "$db" "$id" "$tmp/v2.json" >/dev/null
"$resorb" study add --db "$db" "$id" "$tmp/s1.json" >/dev/null
nvisits=$(jq '.visits | length' <("$resorb" case export --db "$db" "$id"))
nstudies=$(jq '.imaging | length' <("$resorb" case export --db "$db" "$id"))

# ---- the server ---------------------------------------------------------------------------------
log=$tmp/access.log
[ "$logmode" = null ] && log=/dev/null
serve_args=(serve --listen 127.0.0.1:0 --db "$db")
(cd "$tmp" && exec "$resorb" "${serve_args[@]}" >"$tmp/serve.out" 2>"$log") &
pid=$!
url=
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/serve.out" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$url" ] || fail "the server did not start: $(cat "$tmp/serve.out")"

# The endpoints: name, label, path under the URL, bearer token and body file ("-": none).
names=(static assess timeline)
labels=("GET /style.css" "POST /api/v1/assess" "GET /api/v1/patients/$id/timeline")
paths=(style.css api/v1/assess "api/v1/patients/$id/timeline")
toks=(- "$token" "$token")
bodies=(- "$body_file" -)

# ---- correctness first: every request benchmarked answers 200 with the expected body ----------
probe() { # I [EXTRA CURL ARGS]: status in $code, body in $tmp/body
    local i=$1
    shift
    local args=(-sS -o "$tmp/body" -w '%{http_code} %{content_type}')
    [ "${toks[$i]}" = - ] || args+=(-H "Authorization: Bearer ${toks[$i]}")
    [ "${bodies[$i]}" = - ] || args+=(-H 'Content-Type: application/json' --data-binary "@${bodies[$i]}")
    read -r code ctype <<<"$(curl "${args[@]}" "$@" "$url${paths[$i]}" || echo 000)"
}
probe 0
if ! { [ "$code" = 200 ] && [[ "$ctype" == text/css* ]] && [ -s "$tmp/body" ]; }; then
    fail "GET /style.css: status $code, type $ctype"
fi
bytes_0=$(wc -c <"$tmp/body")
probe 1
if ! { [ "$code" = 200 ] && jq -e '.format == "resorb.assessment/1"' "$tmp/body" >/dev/null; }; then
    fail "POST /api/v1/assess: status $code: $(head -c 300 "$tmp/body")"
fi
bytes_1=$(wc -c <"$tmp/body")
probe 2
if ! { [ "$code" = 200 ] &&
    jq -e --argjson n "$nvisits" '.format == "resorb.timeline/1" and (.visits | length) == $n' "$tmp/body" >/dev/null; }; then
    fail "GET timeline: status $code: $(head -c 300 "$tmp/body")"
fi
bytes_2=$(wc -c <"$tmp/body")
# ... and without the token the API refuses: the 200s above are the authorised path.
code=$(curl -sS -o /dev/null -w '%{http_code}' "$url${paths[2]}")
[ "$code" = 401 ] || fail "timeline without a token: status $code, want 401"

rss() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; } # PID KEY -> kB
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }          # utime + stime
task_ticks() { awk '{ print $1, $14 + $15 }' /proc/"$1"/task/*/stat | sort; } # per thread
hz=$(getconf CLK_TCK)
rss_start=$(rss "$pid" VmRSS)
proc_threads=$(rss "$pid" Threads) # while idle: no connection yet
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

: >"$tmp/wrk.txt"
logged=0
notes=()
declare -A W res share # W: the last run's wrk-summary (requests, p50_us, ...); res, share: per endpoint
if [ "$log" != /dev/null ]; then
    sleep 0.3
    logged=$(wc -l <"$log") # the probes above, the 401 among them
fi
# secs DURATION: wrk's duration ("20s", "2m", "1h", "30") in whole seconds.
secs() {
    local d=$1
    case $d in
        *h) echo $((${d%h} * 3600)) ;;
        *m) echo $((${d%m} * 60)) ;;
        *s) echo "${d%s}" ;;
        *) echo "$d" ;;
    esac
}
# run_wrk TITLE DURATION SCRIPT URL ARGS...: runs wrk and checks it; its summary goes to W, the
# server's CPU per request to w_cpu_us, its latencies to w_srv50/w_srv99, the CPU split to w_share,
# the number of server threads that did the work to w_busy.
run_wrk() {
    local title=$1 dur=$2 script=$3 target=$4
    shift 4
    local out=$tmp/wrk.out c0 c1 s0 s1 t0 t1 wpid n
    n=$(secs "$dur")
    c0=$(cpu_ticks "$pid")
    read -r s0 </proc/stat
    times >"$tmp/times0" # builtins: the shell's children (wrk) before and after
    wrk -t "$wthreads" -c "$conns" -d "$dur" --latency -s "$here/$script" "$target" -- "$@" >"$out" 2>&1 &
    wpid=$!
    # Threads that did at least 5% of the server's work, counted from 1 s after the start to 1 s
    # before the end: each connection has its thread, which lives as long as the connection, so
    # this is how many could run at once (how many cores could serve). Runs under 4 s: not counted.
    w_busy=-
    if [ "$n" -ge 4 ] 2>/dev/null; then
        sleep 1
        t0=$(cpu_ticks "$pid")
        task_ticks "$pid" >"$tmp/tasks0"
        sleep $((n - 2))
        t1=$(cpu_ticks "$pid")
        task_ticks "$pid" >"$tmp/tasks1"
        w_busy=$(join "$tmp/tasks0" "$tmp/tasks1" | awk -v c="$((t1 - t0))" '$3 - $2 >= 0.05 * c && c > 0 { n++ } END { print n + 0 }')
    fi
    wait "$wpid" || fail "wrk failed on $title: $(cat "$out")"
    times >"$tmp/times1"
    read -r s1 </proc/stat
    c1=$(cpu_ticks "$pid")
    if [[ $title != warm-up* ]] && [ "$w_busy" = 1 ] && [ "$(nproc)" -gt 1 ]; then
        notes+=("$title ran on one server thread: at most one core served its $conns connections")
    fi
    # Who had the cores during the run: the server, wrk, everything else (% of all cores).
    w_share=$(awk -v s0="$s0" -v s1="$s1" -v c="$((c1 - c0))" -v hz="$hz" '
        function secs(line,   a, b, i, t) { split(line, a, " "); t = 0
            for (i = 1; i <= 2; i++) { split(a[i], b, /[ms]/); t += b[1] * 60 + b[2] }; return t }
        FNR == 2 { w[FILENAME] = secs($0) }
        END { split(s0, a, " "); split(s1, b, " "); tot = 0 # cpu user nice system idle iowait irq softirq steal
            for (i = 2; i <= 9; i++) tot += b[i] - a[i]
            idle = (b[5] - a[5]) + (b[6] - a[6]); wt = (w[ARGV[2]] - w[ARGV[1]]) * hz
            rest = tot - idle - c - wt; if (rest < 0) rest = 0
            printf "server %.0f%%, wrk %.0f%%, rest %.0f%%, idle %.0f%%", 100 * c / tot, 100 * wt / tot, 100 * rest / tot, 100 * idle / tot }' \
        "$tmp/times0" "$tmp/times1")
    { echo "== $title"; cat "$out"; echo; } >>"$tmp/wrk.txt"
    local line
    line=$(grep '^wrk-summary ' "$out") || fail "no summary from wrk on $title: $(cat "$out")"
    W=()
    for kv in ${line#wrk-summary }; do
        W[${kv%%=*}]=${kv#*=}
    done
    w_cpu_us=$(((c1 - c0) * 1000000 / hz))
    if [ "${W[requests]}" -eq 0 ] || grep -q 'Non-2xx' "$out" ||
        [ $((W[connect] + W[read] + W[write] + W[status] + W[timeout])) -ne 0 ]; then
        fail "$title: wrk saw errors (connect ${W[connect]}, read ${W[read]}, write ${W[write]}, status>399 ${W[status]}, timeout ${W[timeout]}):
$(cat "$out")"
    fi
    # The access log: every request since the last run ended in 200 (none aborted or refused).
    if [ "$log" != /dev/null ]; then
        sleep 0.3 # the last requests are logged when they end
        local total bad
        total=$(wc -l <"$log")
        tail -n +$((logged + 1)) "$log" | head -n $((total - logged)) >"$tmp/segment"
        logged=$total
        bad=$(awk '/"method"/ { n++; if ($0 !~ /"status":200,/ || $0 ~ /"outcome"/) { b++; if (b <= 5) print > "/dev/stderr" } }
                   /"event"/ { e++; print > "/dev/stderr" }
                   END { printf "%d %d %d", n, b, e }' "$tmp/segment")
        read -r w_logged w_bad w_events <<<"$bad"
        [ "$w_bad" -eq 0 ] || fail "$title: $w_bad of $w_logged requests in the access log did not end in 200 (first ones above)"
        [ "$w_events" -eq 0 ] || fail "$title: the server logged $w_events events (above)"
        [ "$w_logged" -ge "${W[requests]}" ] || fail "$title: the access log has $w_logged requests, wrk counted ${W[requests]}"
        # The server's own view of the latency (request line in to response queued), in ms.
        read -r w_srv50 w_srv99 <<<"$(sed -n 's/.*"duration_ms":\([0-9.]*\).*/\1/p' "$tmp/segment" | sort -g |
            awk '{ v[NR] = $1 } END { i50 = int(0.50 * (NR - 1) + 1.5); i99 = int(0.99 * (NR - 1) + 1.5);
                if (i99 > NR) i99 = NR; printf "%s %s", v[i50], v[i99] }')"
    else
        w_srv50=-
        w_srv99=-
    fi
}

# ---- warm-up (not recorded), then each endpoint for $duration ---------------------------------
for i in 0 1 2; do
    run_wrk "warm-up ${labels[$i]}" "$warmup" serve.lua "$url${paths[$i]}" "${toks[$i]}" "${bodies[$i]}"
done
for i in 0 1 2; do
    run_wrk "${labels[$i]}" "$duration" serve.lua "$url${paths[$i]}" "${toks[$i]}" "${bodies[$i]}"
    res[${names[$i]}]="${W[requests]} ${W[duration_us]} ${W[p50_us]} ${W[p99_us]} $w_cpu_us $w_srv50 $w_srv99"
    share[${names[$i]}]="$w_share; busy threads $w_busy"
done

# ---- soak: assess and timeline in turn for $soak seconds; RSS before, every 5 s, after ---------
rss_before=$(rss "$pid" VmRSS)
# A sample every 5 s while wrk runs; the sampler stops by itself when the soak is over.
(for _ in $(seq 1 $((soak / 5))); do
    sleep 5
    kill -0 "$pid" 2>/dev/null && rss "$pid" VmRSS
done >"$tmp/rss.samples") &
sampler=$!
run_wrk "soak: assess + timeline in turn, ${soak}s" "${soak}s" serve-mix.lua "$url" \
    "$token" "$body_file" "POST:/api/v1/assess" "GET:/api/v1/patients/$id/timeline"
wait "$sampler" || true
sampler=
res[soak]="${W[requests]} ${W[duration_us]} ${W[p50_us]} ${W[p99_us]} $w_cpu_us $w_srv50 $w_srv99"
share[soak]="$w_share; busy threads $w_busy"
rss_after=$(rss "$pid" VmRSS)
rss_hwm=$(rss "$pid" VmHWM)
rss_max=$( (cat "$tmp/rss.samples"; echo "$rss_after") | sort -n | tail -n 1)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- a graceful stop --------------------------------------------------------------------------
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" -eq 0 ] || fail "the server exited $rc on SIGTERM"

row() { # LABEL "requests duration_us p50_us p99_us cpu_us srv50_ms srv99_ms" BYTES STATIC_RPS STATIC_CPU_US
    awk -v l="$1" -v b="$3" -v s="$4" -v sc="$5" -v v="$2" 'BEGIN { split(v, a, " ");
        rps = a[1] / (a[2] / 1e6); cpu = a[5] / a[1];
        printf "%-34s %8.0f %7.2f %7.2f %7s %7s %7s %8.0f", l, rps, a[3] / 1e3, a[4] / 1e3, a[6], a[7], b, cpu;
        if (s > 0) printf " %7.3f %7.3f", rps / s, sc / cpu; else printf " %7s %7s", "-", "-";
        printf "\n" }'
}
static_rps=$(awk -v v="${res[static]}" 'BEGIN { split(v, a, " "); printf "%.3f", a[1] / (a[2] / 1e6) }')
static_cpu=$(awk -v v="${res[static]}" 'BEGIN { split(v, a, " "); printf "%.3f", a[5] / a[1] }')
{
    echo "== HTTP server (resorb serve) under wrk, loopback"
    echo "machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "load average (1, 5, 15 min): $load_start at the start, $load_end at the end"
    echo "wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }'): -t $wthreads -c $conns -d $duration per endpoint (after a $warmup warm-up each), keep-alive"
    echo "server: a thread per connection ($proc_threads threads in the process while idle), access log to $([ "$log" = /dev/null ] && echo /dev/null || echo 'a file')"
    echo "registry: patient $id with $nvisits visits and $nstudies MRI studies; assess body $(basename "$body_file") ($(wc -c <"$body_file") bytes)"
    printf '%-34s %8s %7s %7s %7s %7s %7s %8s %7s %7s\n' endpoint "req/s" "p50 ms" "p99 ms" "srv p50" "srv p99" bytes "cpu us/r" "/static" "cpu /st"
    row "${labels[0]}" "${res[static]}" "$bytes_0" 0 0
    row "${labels[1]}" "${res[assess]}" "$bytes_1" "$static_rps" "$static_cpu"
    row "${labels[2]}" "${res[timeline]}" "$bytes_2" "$static_rps" "$static_cpu"
    echo "(p50, p99: wrk's, send to last byte; srv p50/p99: the access log's duration_ms; cpu us/r:"
    echo " the server's user + system CPU time per request; /static: req/s over the static file's;"
    echo " cpu /st: the static file's CPU per request over the endpoint's)"
    echo "CPU of the $(nproc) cores during each run (rest: other processes and interrupts), and the"
    echo "server's threads that did at least 5% of its work:"
    for i in 0 1 2; do
        printf '  %-32s %s\n' "${labels[$i]}" "${share[${names[$i]}]}"
    done
    echo "soak, ${soak} s, assess and timeline in turn:"
    row "POST assess / GET timeline" "${res[soak]}" "-" "$static_rps" "$static_cpu"
    echo "  CPU: ${share[soak]}"
    awk -v s="$rss_start" -v b="$rss_before" -v a="$rss_after" -v m="$rss_max" -v h="$rss_hwm" 'BEGIN {
        printf "VmRSS: %d kB at start (idle), %d kB before the soak, %d kB after it (largest sample %d kB); VmHWM %d kB\n", s, b, a, m, h;
        printf "growth over the soak: %+d kB (%+.1f%%)\n", a - b, (a - b) * 100 / b }'
    echo "VmRSS every 5 s during the soak (kB): $(tr '\n' ' ' <"$tmp/rss.samples")"
    for n in "${notes[@]}"; do echo "note: $n"; done
} | tee "$tmp/summary"
mkdir -p "$here/out"
cp "$tmp/summary" "$here/out/serve.txt"
cp "$tmp/wrk.txt" "$here/out/serve-wrk.txt"
