# tests/support/server_test.bash: what the shell tests of `resorb serve` share, sourced after
# setting test_name (for messages) and needs (the commands the test runs besides resorb):
#
#   test_name=server_tls needs="curl openssl"
#   . "$RESORB_SOURCE_DIR/tests/support/server_test.bash"
#
# It checks the environment and the commands (a missing one fails the test, naming the package
# source), makes $tmp (removed on exit, with any server still running) and defines:
#   ok NAME | bad NAME WHY | check NAME GOT WANT   count and print one result
#   serve NAME [ARGS...]    start `resorb serve --listen 127.0.0.1:0 ARGS` in $tmp; sets $pid and
#                           $url (read from its first line); stdout $tmp/NAME.out, log NAME.log
#   stop NAME               SIGTERM, and check that it exits 0
#   req [CURL ARGS...] URL  status in $code (000: no answer), body $tmp/body, headers $tmp/headers
#   hdr NAME                the last value of header NAME in $tmp/headers
#   finish                  print "TEST: N passed, M failed"; fails when any failed
# (It is not in tests/sh/, so CMake does not take it for a test.)

: "${RESORB:?RESORB must name the resorb binary}"
: "${test_name:?set test_name before sourcing server_test.bash}"

export LC_ALL=C
unset LANG LC_MESSAGES LANGUAGE RESORB_DB 2>/dev/null || true

resorb=$(cd "$(dirname "$RESORB")" && pwd)/$(basename "$RESORB")
for cmd in ${needs:-}; do
    command -v "$cmd" >/dev/null ||
        { echo "$test_name: $cmd is not installed (scripts/install-deps test)" >&2; exit 1; }
done

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

serve() {
    local name=$1
    shift
    (cd "$tmp" && exec "$resorb" serve --listen 127.0.0.1:0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.log") &
    pid=$!
    url=
    for _ in $(seq 1 100); do
        url=$(grep -oE 'https?://127\.0\.0\.1:[0-9]+/' "$tmp/$name.out" 2>/dev/null | head -n 1 || true)
        [ -n "$url" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$url" ] || { echo "$test_name: the server ($name) did not start" >&2; cat "$tmp/$name.log" >&2; exit 1; }
}

stop() {
    kill -TERM "$pid"
    wait "$pid" && ok "$1: stops on SIGTERM" || bad "$1: exit" "$?"
    pid=
}

req() {
    rm -f "$tmp/body" "$tmp/headers"
    code=$(curl -sS -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' "$@" 2>"$tmp/curl.err") || code=000
}

hdr() { grep -i "^$1:" "$tmp/headers" 2>/dev/null | tail -n 1 | cut -d: -f2- | sed -e 's/^ *//' -e 's/\r$//'; }

finish() {
    echo "$test_name: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
