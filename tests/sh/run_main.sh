#!/usr/bin/env bash
# run_main: what `make run` starts (scripts/run-main) works end to end. It validates the
# examples, assesses the worked case, then serves the page on a demo registry (created on the
# first run: every example as a patient and a clinician "demo" whose random password it prints):
#  - the page and /healthz answer; signing in as demo with the printed password works; the
#    patient list has every example; a timeline answers;
#  - a second run reuses the registry (same password, no duplicated patients);
#  - with RESORB_DB set it serves that registry untouched (no demo user, no patients added);
#  - SIGTERM stops it with exit 0.
# label: quick
set -euo pipefail

: "${RESORB:?RESORB must name the resorb binary}"
: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
command -v curl >/dev/null || { echo "run_main: curl is not installed (scripts/install-deps test)" >&2; exit 1; }
command -v jq >/dev/null || { echo "run_main: jq is not installed (scripts/install-deps test)" >&2; exit 1; }

export LC_ALL=C
unset LANG LC_MESSAGES LANGUAGE RESORB_DB 2>/dev/null || true
resorb=$(cd "$(dirname "$RESORB")" && pwd)/$(basename "$RESORB")
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s: %s\n' "$1" "$2"; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "got '$2', want '$3'"; fi; }

n_examples=$(ls "$RESORB_SOURCE_DIR"/examples/*.json | wc -l)
url=

# start NAME [ENV...]: runs scripts/run-main in the background on a free port; sets pid, url.
start() {
    local name=$1
    shift
    env "$@" RESORB_RUN_DIR="$tmp/run" RESORB_LISTEN=127.0.0.1:0 \
        "$RESORB_SOURCE_DIR/scripts/run-main" "$resorb" >"$tmp/$name.out" 2>"$tmp/$name.err" &
    pid=$!
    url=
    for _ in $(seq 1 300); do # at most 30 s: the first run adds every example
        url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/$name.err" 2>/dev/null | head -n 1 || true)
        [ -n "$url" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$url" ]; then
        bad "$name: the server started" "$(tail -5 "$tmp/$name.err")"
        exit 1
    fi
}

stop() {
    kill -TERM "$pid"
    local rc=0
    wait "$pid" || rc=$?
    pid=
    check "$1: SIGTERM stops it with exit 0" "$rc" 0
}

login() { # USER PASSWORD -> the HTTP status; the cookie in $tmp/jar
    curl -sS -o /dev/null -w '%{http_code}' -c "$tmp/jar" -H 'Content-Type: application/json' \
        -d "$(jq -cn --arg u "$1" --arg p "$2" '{user: $u, password: $p}')" "${url}api/v1/login"
}

# ---- the first run: the demo registry ------------------------------------------------------
start first
grep -q 'all '"$n_examples"' examples are valid' "$tmp/first.out" && ok "first run: the examples were validated" \
    || bad "validation" "$(head -3 "$tmp/first.out")"
grep -q 'CONSERVATIVE' "$tmp/first.out" && ok "first run: the worked case was assessed" || bad "assessment" "no triage"
password=$(sed -n 's/.*sign in as "demo" with the password \([A-Za-z0-9]*\)$/\1/p' "$tmp/first.out")
[ "${#password}" -ge 16 ] && ok "first run: a random demo password is printed" || bad "demo password" "'$password'"
[ "$(stat -c %a "$tmp/run/demo-password")" = 600 ] && ok "the demo password file is private (600)" \
    || bad "password file mode" "$(stat -c %a "$tmp/run/demo-password")"
check "GET /healthz" "$(curl -sS -o /dev/null -w '%{http_code}' "${url}healthz")" 200
check "GET / (the page)" "$(curl -sS -o /dev/null -w '%{http_code}' "$url")" 200
check "anonymous assess on loopback" "$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$RESORB_SOURCE_DIR/examples/seed-l5s1-right.json" "${url}api/v1/assess")" 200
check "the patients need a sign-in" "$(curl -sS -o /dev/null -w '%{http_code}' "${url}api/v1/patients")" 401
check "a wrong password is refused" "$(login demo "x$password")" 401
check "sign in as demo with the printed password" "$(login demo "$password")" 200
check "the patient list has every example" "$(curl -sS -b "$tmp/jar" "${url}api/v1/patients" | jq '.patients | length')" "$n_examples"
check "a timeline answers" "$(curl -sS -o /dev/null -w '%{http_code}' -b "$tmp/jar" "${url}api/v1/patients/1/timeline")" 200
stop first

# ---- a second run reuses it ----------------------------------------------------------------
start second
grep -q "the password $password\$" "$tmp/second.out" && ok "second run: the same password" || bad "second run password" "$(grep password "$tmp/second.out")"
! grep -q 'created the demo registry' "$tmp/second.out" && ok "second run: the registry is reused" || bad "second run" "created again"
check "second run: sign in" "$(login demo "$password")" 200
check "second run: no duplicated patients" "$(curl -sS -b "$tmp/jar" "${url}api/v1/patients" | jq '.patients | length')" "$n_examples"
stop second

# ---- RESORB_DB: the operator's registry, untouched -----------------------------------------
own=$tmp/own.db
printf 'own-pw-1\n' | "$resorb" user add alice --role viewer --db "$own" >/dev/null
start own RESORB_DB="$own"
grep -q "the registry: $own (RESORB_DB)" "$tmp/own.out" && ok "RESORB_DB: serves that registry" || bad "RESORB_DB" "$(grep registry "$tmp/own.out")"
check "RESORB_DB: its own user signs in" "$(login alice own-pw-1)" 200
check "RESORB_DB: no patients were added" "$(curl -sS -b "$tmp/jar" "${url}api/v1/patients" | jq '.patients | length')" 0
check "RESORB_DB: no demo user" "$(login demo "$password")" 401
stop own

echo "run_main: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
