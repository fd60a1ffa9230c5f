# tests/support/server_test.bash: what the shell tests of `resorb serve` share, sourced after
# setting test_name (for messages) and needs (the commands the test runs besides resorb):
#
#   : "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
#   test_name=server_tls needs="curl openssl"
#   . "$RESORB_SOURCE_DIR/tests/support/server_test.bash"
#
# It checks the environment and the commands (a missing one fails the test, naming the package
# source), sets LC_ALL=C, $resorb (the binary, absolute) and $src (the source tree), makes $tmp
# (removed on exit, with every server still running killed) and defines:
#   ok NAME | bad NAME WHY | check NAME GOT WANT   count and print one result
#   serve NAME [ARGS...]    start `resorb serve --listen 127.0.0.1:0 ARGS` in $tmp; sets $pid,
#                           $url (read from its first line, ends in "/") and $port, also kept
#                           as PID_NAME, URL_NAME and PORT_NAME for a test that runs several
#                           servers at once; stdout $tmp/NAME.out, stderr (the log) NAME.log
#   stop NAME [SIGNAL]      send SIGNAL (default TERM) to server NAME, and check that it exits 0
#                           within 5 s (killed after that)
#   req [CURL ARGS...] URL  status in $code (000: no answer), body $tmp/body, headers $tmp/headers
#   hdr NAME                the last value of header NAME in $tmp/headers
#   keep_open NAME FD       open one keep-alive connection to server NAME on descriptor FD
#   keep_req FD PATH [HEADER...]  one GET of PATH on that same connection: status in $code
#                           (000: no answer, e.g. the server closed it), body in $tmp/body;
#                           so a test can run a command between two requests of one connection.
#                           The server closes a connection after a refusal (4xx, 5xx)
#   finish                  print "TEST: N passed, M failed"; fails when any failed
# (It is not in tests/sh/, so CMake does not take it for a test.)

: "${RESORB:?RESORB must name the resorb binary}"
: "${test_name:?set test_name before sourcing server_test.bash}"

export LC_ALL=C
unset LANG LC_MESSAGES LANGUAGE RESORB_DB 2>/dev/null || true

resorb=$(cd "$(dirname "$RESORB")" && pwd)/$(basename "$RESORB")
src=${RESORB_SOURCE_DIR:-}
for cmd in ${needs:-}; do
    command -v "$cmd" >/dev/null ||
        { echo "$test_name: $cmd is not installed (scripts/install-deps test)" >&2; exit 1; }
done

tmp=$(mktemp -d)
pid=
servers=() # the PIDs of the servers started and not yet stopped
cleanup() {
    local p
    for p in "${servers[@]}"; do
        kill -KILL "$p" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT

pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s: %s\n' "$1" "$2"; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1" "got '$2', want '$3'"; fi; }

serve() {
    local name=$1 p u=
    shift
    (cd "$tmp" && exec "$resorb" serve --listen 127.0.0.1:0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.log") &
    p=$!
    servers+=("$p")
    for _ in $(seq 1 100); do # at most 10 s
        u=$(grep -oE 'https?://127\.0\.0\.1:[0-9]+/' "$tmp/$name.out" 2>/dev/null | head -n 1 || true)
        [ -n "$u" ] && break
        kill -0 "$p" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$u" ]; then
        echo "$test_name: the server ($name) did not start" >&2
        cat "$tmp/$name.log" >&2 || true
        exit 1
    fi
    pid=$p
    url=$u
    u=${u%/}
    port=${u##*:}
    printf -v "PID_$name" '%s' "$pid"
    printf -v "URL_$name" '%s' "$url"
    printf -v "PORT_$name" '%s' "$port"
}

stop() {
    local name=$1 sig=${2:-TERM} pidvar="PID_$1" rc=0 gone=0 t0=$SECONDS q
    local p=${!pidvar}
    kill -"$sig" "$p"
    for _ in $(seq 1 50); do
        if ! kill -0 "$p" 2>/dev/null; then gone=1; break; fi
        sleep 0.1
    done
    if [ "$gone" -eq 0 ]; then
        bad "$name: SIG$sig" "still running after 5 s"
        kill -KILL "$p" 2>/dev/null || true
    fi
    wait "$p" || rc=$?
    local left=()
    for q in "${servers[@]}"; do [ "$q" = "$p" ] || left+=("$q"); done
    servers=("${left[@]}")
    [ "$pid" != "$p" ] || pid=
    if [ "$gone" -eq 1 ] && [ "$rc" -eq 0 ]; then
        ok "$name: SIG$sig stops the server, exit 0 within 5 s ($((SECONDS - t0)) s)"
    elif [ "$gone" -eq 1 ]; then
        bad "$name: SIG$sig" "exit status $rc (log: $(tail -n 3 "$tmp/$name.log" | tr '\n' ' '))"
    fi
}

req() {
    rm -f "$tmp/body" "$tmp/headers"
    code=$(curl -sS -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' "$@" 2>"$tmp/curl.err") || code=000
}

hdr() { grep -i "^$1:" "$tmp/headers" 2>/dev/null | tail -n 1 | cut -d: -f2- | sed -e 's/^ *//' -e 's/\r$//'; }

keep_open() {
    local port=PORT_$1
    eval "exec $2<>/dev/tcp/127.0.0.1/${!port}"
}

keep_req() {
    local fd=$1 path=$2 line len=0 body= h
    shift 2
    code=000
    : >"$tmp/body"
    # In a subshell that ignores SIGPIPE: a connection the server closed fails the write.
    (
        trap '' PIPE
        printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n' "$path"
        for h in "$@"; do printf '%s\r\n' "$h"; done
        printf '\r\n'
    ) >&"$fd" 2>/dev/null || return 0
    IFS= read -r -t 5 -u "$fd" line || return 0
    line=${line%$'\r'}
    [[ $line == HTTP/1.1\ * ]] || return 0
    code=${line:9:3}
    while IFS= read -r -t 5 -u "$fd" line; do # the headers, up to the blank line
        line=${line%$'\r'}
        [ -n "$line" ] || break
        if [[ ${line,,} == content-length:* ]]; then
            len=${line#*:}
            len=${len// /}
        fi
    done
    # LC_ALL=C: -N counts bytes.
    [ "$len" -eq 0 ] || IFS= read -r -N "$len" -t 5 -u "$fd" body || true
    printf '%s' "$body" >"$tmp/body"
}

finish() {
    echo "$test_name: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
