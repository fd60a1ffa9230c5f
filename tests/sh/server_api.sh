#!/usr/bin/env bash
# server_api: `resorb serve` over real loopback sockets (docs/api.md).
#  (a) Every endpoint: /healthz, /api/v1/version, /api/v1/evidence[/{id}] (byte for byte what
#      `resorb evidence --format json [ID]` prints), /api/v1/messages, /api/v1/validate,
#      /api/v1/assess, the page and its files (ETag, 304, HEAD), 404, 405, 415, 400.
#  (b) Same result through every door: for every examples/*.json, in English and Japanese,
#      POST /api/v1/assess returns exactly the bytes of `resorb assess --format json FILE`
#      (cmp); also 64 concurrent requests, with Accept-Language, and for a case without as_of
#      (?as_of= / --as-of, and today for both).
#  (c) Errors: for every tests/bad/*.json the diagnostics of /api/v1/validate and of the 422
#      from /api/v1/assess equal those of `resorb validate --format json` (problem, path,
#      line, column, args, message), in English and Japanese.
#  (d) Limits: body cap (exactly 1 MiB passes, 1 MiB + 1 is 413 before the body is read, a
#      chunked body over the cap is cut off), URL (414) and header (431) caps, ours and
#      libmicrohttpd's, JSON depth (too_deep), the per-connection timeout (a client that sends
#      part of its headers, or its headers and part of its body, then stalls, is cut off), the
#      connection limit (a connection over it waits in the accept queue, neither served nor
#      refused, and is served once a connection closes).
#  (e) Security headers and Cache-Control on every kind of response; 401 without
#      --allow-anonymous-assess (the public endpoints stay open); the access log is one JSON
#      object per line with time, method, path, status, bytes, duration_ms; SIGTERM and SIGINT
#      stop the server with exit 0 within 5 s, also with a request in flight; bad options and
#      a busy port are refused.
# Every server listens on 127.0.0.1 with port 0 (a free port; it prints its URL) and is killed
# by PID on exit. Prints ok/FAIL lines and `server_api: N passed, M failed`.
# Runs unchanged under the sanitizer build (RESORB then names the ASan binary).
# label: quick
set -euo pipefail

: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
test_name=server_api needs="curl jq"
. "$RESORB_SOURCE_DIR/tests/support/server_test.bash"

json_post() { req -H 'Content-Type: application/json' --data-binary "@$1" "${@:2}"; }

CSP="default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
# security NAME [CACHE]: the last response carries the security headers (and that Cache-Control).
security() {
    local why=
    [ "$(hdr Content-Security-Policy)" = "$CSP" ] || why="$why CSP='$(hdr Content-Security-Policy)'"
    [ "$(hdr X-Content-Type-Options)" = nosniff ] || why="$why nosniff"
    [ "$(hdr Referrer-Policy)" = no-referrer ] || why="$why Referrer-Policy"
    [ "$(hdr X-Frame-Options)" = DENY ] || why="$why X-Frame-Options"
    if [ -n "${2:-}" ]; then
        [ "$(hdr Cache-Control)" = "$2" ] || why="$why Cache-Control='$(hdr Cache-Control)'"
    else
        [ -n "$(hdr Cache-Control)" ] || why="$why no Cache-Control"
    fi
    if [ -z "$why" ]; then ok "$1: security headers${2:+, Cache-Control $2}"; else bad "$1: security headers" "$why"; fi
}
# expect NAME STATUS [ERROR_CODE]: checks $code and, for errors, the JSON error shape.
expect() {
    if [ "$code" != "$2" ]; then
        bad "$1" "status $code, expected $2 ($(head -c 200 "$tmp/body" 2>/dev/null | tr '\n' ' '))"
        return 1
    fi
    if [ -n "${3:-}" ]; then
        local got
        got=$(jq -r '.error.code + "|" + (.error.message | type) + "|" + (.error.diagnostics | type)' "$tmp/body" 2>/dev/null || echo invalid)
        if [ "$got" != "$3|string|array" ]; then
            bad "$1" "error body: $got"
            return 1
        fi
    fi
    ok "$1"
}

serve A --allow-anonymous-assess --max-connections 16 --timeout 2
A=$URL_A

# ---- (a) endpoints ---------------------------------------------------------------------------
req "${A}healthz"
expect "GET /healthz" 200 && [ "$(jq -r .status "$tmp/body")" = ok ] && ok "GET /healthz says ok"
security "GET /healthz" no-store

req "${A}api/v1/version"
expect "GET /api/v1/version" 200
v=$(jq -r '.version' "$tmp/body")
[ "resorb $v" = "$("$resorb" version)" ] && ok "version matches \`resorb version\` ($v)" \
    || bad "version" "$v vs $("$resorb" version)"
[ "$(jq -r '.formats.case + " " + .formats.assessment' "$tmp/body")" = "resorb.case/1 resorb.assessment/1" ] \
    && ok "version names the formats" || bad "version formats" "$(cat "$tmp/body")"

req "${A}api/v1/evidence"
expect "GET /api/v1/evidence" 200
"$resorb" evidence --format json >"$tmp/cli-evidence.json"
cmp -s "$tmp/body" "$tmp/cli-evidence.json" && ok "GET /api/v1/evidence = \`resorb evidence --format json\` (byte for byte)" \
    || bad "evidence list" "differs from the CLI"
security "GET /api/v1/evidence" no-cache
for id in chiu2015.regression.extrusion $(jq -r '.[-1].id' "$tmp/cli-evidence.json"); do
    req "${A}api/v1/evidence/$id"
    "$resorb" evidence --format json "$id" >"$tmp/cli-row.json"
    if [ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/cli-row.json"; then
        ok "GET /api/v1/evidence/$id = \`resorb evidence --format json $id\`"
    else
        bad "evidence $id" "status $code or bytes differ"
    fi
done
req "${A}api/v1/evidence/no.such.row"
expect "GET /api/v1/evidence/no.such.row is 404" 404 not_found
cli_msg=$("$resorb" evidence no.such.row 2>&1 >/dev/null | head -n 1 | sed 's/^resorb: //' || true)
[ "$(jq -r .error.message "$tmp/body")" = "$cli_msg" ] && ok "unknown evidence id: the CLI's message" \
    || bad "unknown evidence id message" "$(jq -r .error.message "$tmp/body") vs $cli_msg"

req "${A}api/v1/messages?lang=ja"
expect "GET /api/v1/messages?lang=ja" 200
[ "$(jq -r '.language + " " + .messages["server.web.submit"] + " " + .messages["report.category.conservative"]' "$tmp/body")" = "ja 評価する 保存療法" ] \
    && ok "messages in Japanese: the page's own and the report's words" || bad "messages ja" "$(head -c 200 "$tmp/body")"
n_en=$(curl -sS "${A}api/v1/messages?lang=en" | jq '.messages | length')
n_ja=$(jq '.messages | length' "$tmp/body")
[ "$n_en" = "$n_ja" ] && [ "$n_en" -gt 100 ] && ok "messages: the same $n_en keys in both languages" \
    || bad "messages keys" "en $n_en, ja $n_ja"

req "$A"
expect "GET / (the page)" 200
[ "$(hdr Content-Type)" = "text/html; charset=utf-8" ] && grep -q '<script type="module" src="/app.js"' "$tmp/body" \
    && ok "GET / is the embedded index.html" || bad "GET /" "content type $(hdr Content-Type)"
grep -qi '<script>' "$tmp/body" || grep -qi ' style=' "$tmp/body" \
    && bad "the page" "has inline script or style" || ok "the page has no inline script or style"
security "GET /" no-cache
etag=$(hdr ETag)
req -H "If-None-Match: $etag" "$A"
[ "$code" = 304 ] && [ ! -s "$tmp/body" ] && ok "If-None-Match $etag: 304 without a body" || bad "304" "status $code"
security "304" no-cache
# Every file of web/ is served (the page's modules import each other by these paths).
for f in $(cd "$src/web" && ls) examples/seed-l5s1-right.json; do
    req "${A}$f"
    if [ "$code" = 200 ] && [ "$(hdr X-Content-Type-Options)" = nosniff ]; then
        ok "GET /$f ($(hdr Content-Type))"
    else
        bad "GET /$f" "status $code"
    fi
done
cmp -s "$tmp/body" "$src/examples/seed-l5s1-right.json" && ok "the embedded example is examples/seed-l5s1-right.json" \
    || bad "embedded example" "differs"
code=$(curl -sS -I -o "$tmp/headers" -w '%{http_code}' "$A")
[ "$code" = 200 ] && ok "HEAD / is 200" || bad "HEAD /" "status $code"

req "${A}no/such/file"
expect "GET an unknown path is 404" 404 not_found
security "404" no-store
req "${A}api/v1/assess"
expect "GET /api/v1/assess is 405" 405 method_not_allowed
[ "$(hdr Allow)" = POST ] && ok "405 says Allow: POST" || bad "405 Allow" "$(hdr Allow)"
req "${A}%FF%FEnot-utf-8"
expect "a path that is not UTF-8 is 404 (JSON)" 404 not_found
req -X DELETE "${A}healthz"
expect "DELETE /healthz is 405" 405 method_not_allowed
req -H 'Content-Type: text/plain' --data-binary "@$src/examples/seed-l5s1-right.json" "${A}api/v1/assess"
expect "POST /api/v1/assess as text/plain is 415" 415 unsupported_media_type
json_post "$src/examples/seed-l5s1-right.json" "${A}api/v1/assess?lang=fr"
expect "?lang=fr is 400" 400 bad_parameter
json_post "$src/examples/seed-l5s1-right.json" "${A}api/v1/assess?as_of=2025-02-30"
expect "?as_of=2025-02-30 is 400" 400 bad_parameter

# ---- (b) the same result through every door ---------------------------------------------------
n_same=0
n_diff=0
for f in "$src"/examples/*.json; do
    for lang in en ja; do
        "$resorb" --lang "$lang" assess --format json "$f" >"$tmp/cli.json" 2>/dev/null || true
        json_post "$f" "${A}api/v1/assess?lang=$lang"
        if [ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/cli.json"; then
            n_same=$((n_same + 1))
        else
            n_diff=$((n_diff + 1))
            bad "same result: $(basename "$f") ($lang)" "status $code; $(cmp "$tmp/body" "$tmp/cli.json" 2>&1 | head -n 1)"
        fi
    done
done
[ "$n_diff" -eq 0 ] && [ "$n_same" -gt 0 ] \
    && ok "same result: POST /api/v1/assess = \`resorb assess --format json\` for $n_same example/language pairs (cmp)"
security "POST /api/v1/assess" no-store
[ "$(hdr Content-Language)" = ja ] && ok "Content-Language: ja" || bad "Content-Language" "$(hdr Content-Language)"

# Concurrency: 64 assessments, 8 at a time (each connection on its own thread), all the CLI's bytes.
mkdir -p "$tmp/par"
"$resorb" --lang ja assess --format json "$src/examples/cauda-equina.json" >"$tmp/cli-par.json"
: >"$tmp/par.cfg"
for i in $(seq 1 64); do
    [ "$i" -gt 1 ] && echo next >>"$tmp/par.cfg"
    printf 'url = "%sapi/v1/assess?lang=ja"\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\noutput = "%s/par/%02d.json"\n' \
        "$A" "$src/examples/cauda-equina.json" "$tmp" "$i" >>"$tmp/par.cfg"
done
curl -sS --parallel --parallel-max 8 --config "$tmp/par.cfg" 2>"$tmp/curl.err" || true
n_par=0
for f in "$tmp"/par/*.json; do cmp -s "$f" "$tmp/cli-par.json" && n_par=$((n_par + 1)); done
[ "$n_par" -eq 64 ] && ok "64 concurrent assessments (8 at a time): all = the CLI's output" \
    || bad "concurrent assessments" "$n_par of 64 match"

"$resorb" --lang ja assess --format json "$src/examples/foot-drop.json" >"$tmp/cli.json"
json_post "$src/examples/foot-drop.json" -H 'Accept-Language: ja-JP,ja;q=0.9,en;q=0.5' "${A}api/v1/assess"
cmp -s "$tmp/body" "$tmp/cli.json" && ok "Accept-Language: ja-JP,ja;q=0.9 answers in Japanese (= the CLI)" \
    || bad "Accept-Language" "differs"
"$resorb" --lang en assess --format json "$src/examples/foot-drop.json" >"$tmp/cli.json"
json_post "$src/examples/foot-drop.json" -H 'Accept-Language: ja;q=0.2, en-GB;q=0.8' "${A}api/v1/assess"
cmp -s "$tmp/body" "$tmp/cli.json" && ok "Accept-Language: ja;q=0.2, en-GB;q=0.8 answers in English" \
    || bad "Accept-Language q" "differs"

jq 'del(.as_of)' "$src/examples/seed-l5s1-right.json" >"$tmp/no-as-of.json"
"$resorb" assess --format json --as-of 2025-03-10 "$tmp/no-as-of.json" >"$tmp/cli.json"
json_post "$tmp/no-as-of.json" "${A}api/v1/assess?as_of=2025-03-10"
cmp -s "$tmp/body" "$tmp/cli.json" && ok "no as_of in the case: ?as_of=2025-03-10 = --as-of 2025-03-10" \
    || bad "as_of parameter" "differs"
[ "$(jq -r '.as_of_source' "$tmp/body")" != case ] && ok "the output says the date was not the case's ($(jq -r .as_of_source "$tmp/body"))" \
    || bad "as_of_source" "case"
"$resorb" assess --format json "$tmp/no-as-of.json" >"$tmp/cli1.json"
json_post "$tmp/no-as-of.json" "${A}api/v1/assess"
"$resorb" assess --format json "$tmp/no-as-of.json" >"$tmp/cli2.json" # around midnight UTC either may match
if cmp -s "$tmp/body" "$tmp/cli1.json" || cmp -s "$tmp/body" "$tmp/cli2.json"; then
    ok "no as_of anywhere: today (UTC), as the CLI ($(jq -r .as_of "$tmp/body"))"
else
    bad "default as_of" "server $(jq -r .as_of "$tmp/body") vs CLI $(jq -r .as_of "$tmp/cli1.json")"
fi

# ---- (c) errors: the CLI's diagnostics ---------------------------------------------------------
# One `resorb validate --format json` over all the files and one curl per language and endpoint
# (curl --config, transfers separated by "next", on one keep-alive connection) keep this fast.
bads=("$src"/tests/bad/*.json)
n_bads=${#bads[@]}
for lang in en ja; do
    "$resorb" --lang "$lang" validate --format json "${bads[@]}" >"$tmp/cli-$lang.json" 2>/dev/null || true
    for ep in validate assess; do
        mkdir -p "$tmp/$ep-$lang"
        : >"$tmp/$ep-$lang.cfg"
        for i in "${!bads[@]}"; do
            [ "$i" -gt 0 ] && echo next >>"$tmp/$ep-$lang.cfg"
            {
                printf 'url = "%sapi/v1/%s?lang=%s"\n' "$A" "$ep" "$lang"
                printf 'header = "Content-Type: application/json"\n'
                printf 'data-binary = "@%s"\n' "${bads[$i]}"
                printf 'output = "%s/%s-%s/%04d.json"\n' "$tmp" "$ep" "$lang" "$i"
                printf 'write-out = "%%{http_code}\\n"\n'
            } >>"$tmp/$ep-$lang.cfg"
        done
        curl -sS --config "$tmp/$ep-$lang.cfg" >"$tmp/$ep-$lang.codes" 2>"$tmp/curl.err" || true
    done
    # validate: 200 and the CLI's {valid, errors, warnings}; assess: 422, invalid_case and the
    # CLI's errors and warnings as "diagnostics".
    verdict=$(jq -n -r --argjson n "$n_bads" --slurpfile cli "$tmp/cli-$lang.json" \
        --rawfile vcodes "$tmp/validate-$lang.codes" --rawfile acodes "$tmp/assess-$lang.codes" \
        --slurpfile v <(cat "$tmp/validate-$lang"/*.json) --slurpfile a <(cat "$tmp/assess-$lang"/*.json) '
        def norm: sort_by(.severity, .problem, .path, .message);
        ($cli[0].results) as $r | ($vcodes | split("\n")) as $vc | ($acodes | split("\n")) as $ac
        | [range(0; $r | length) as $i
           | $r[$i] as $c
           | if $vc[$i] != "200" then "\($c.source): validate status \($vc[$i])"
             elif ($v[$i] | {valid, errors, warnings}) != ($c | {valid, errors, warnings})
               then "\($c.source): validate diagnostics differ"
             elif $ac[$i] != "422" then "\($c.source): assess status \($ac[$i])"
             elif $a[$i].error.code != "invalid_case" then "\($c.source): assess code \($a[$i].error.code)"
             elif ($a[$i].error.diagnostics | norm) != (($c.errors + $c.warnings) | norm)
               then "\($c.source): assess diagnostics differ"
             else empty end]
        | if length == 0 and ($r | length) == $n and ($v | length) == $n and ($a | length) == $n
          then "ok" else ((.[0:3] | join("; ")) + " (\($r | length) results)") end')
    if [ "$verdict" = ok ]; then
        ok "tests/bad ($lang): validate (200) and assess (422) give the CLI's diagnostics for all $n_bads files"
    else
        bad "tests/bad ($lang)" "$verdict"
    fi
done
json_post "${bads[0]}" "${A}api/v1/assess"
security "422" no-store

# ---- (d) limits ----------------------------------------------------------------------------------
# A valid case padded with spaces to exactly 1 MiB passes; one byte more is 413.
cap=1048576
cp "$src/examples/seed-l5s1-right.json" "$tmp/exact.json"
pad=$((cap - $(wc -c <"$tmp/exact.json")))
head -c "$pad" /dev/zero | tr '\0' ' ' >>"$tmp/exact.json"
json_post "$tmp/exact.json" "${A}api/v1/assess"
expect "a body of exactly 1 MiB (the case cap) is assessed" 200
printf ' ' >>"$tmp/exact.json"
json_post "$tmp/exact.json" "${A}api/v1/assess"
expect "a body of 1 MiB + 1 byte is 413" 413 too_large
[ "$(jq -r '.error.diagnostics[0].problem + " " + .error.diagnostics[0].args[0]' "$tmp/body")" = "too_large 1048576" ] \
    && ok "413 carries the CLI's too_large diagnostic" || bad "413 diagnostic" "$(head -c 300 "$tmp/body")"
security "413" no-store
# Refused on Content-Length alone: the 100 MB body is never sent (curl waits for 100-continue).
t0=$SECONDS
code=$(head -c 100000000 /dev/zero | curl -sS -o "$tmp/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H 'Content-Length: 100000000' --data-binary @- "${A}api/v1/validate" 2>/dev/null) || true
[ "$code" = 413 ] && [ $((SECONDS - t0)) -le 5 ] && ok "Content-Length 100 MB: 413 at once" || bad "huge Content-Length" "status $code"
code=$(curl -sS -o "$tmp/body" -w '%{http_code}' -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' \
    --data-binary "@$tmp/exact.json" "${A}api/v1/assess" 2>/dev/null) || true
case $code in
    2*) bad "chunked body over the cap" "status $code" ;;
    *) ok "a chunked body over the cap is cut off (status ${code:-none}, no assessment)" ;;
esac

long=$(head -c 2100 /dev/zero | tr '\0' a)
req "${A}healthz?x=$long"
expect "a URL over 2048 bytes is 414" 414 uri_too_long
security "414" no-store
req "${A}healthz?x=$(head -c 70000 /dev/zero | tr '\0' a)"
[ "$code" = 414 ] && ok "a URL over libmicrohttpd's buffer is 414 too" || bad "huge URL" "status $code"
req -H "X-Filler: $(head -c 9000 /dev/zero | tr '\0' a)" "${A}healthz"
expect "headers over 8 KiB are 431" 431 headers_too_large
security "431" no-store
hdrs=()
for i in $(seq 1 70); do hdrs+=(-H "X-H$i: $i"); done
req "${hdrs[@]}" "${A}healthz"
expect "70 header lines (cap 64) are 431" 431 headers_too_large
req -H "X-Filler: $(head -c 70000 /dev/zero | tr '\0' a)" "${A}healthz"
[ "$code" = 431 ] && ok "headers over libmicrohttpd's buffer are 431 too" || bad "huge header" "status $code"

deep=$tmp/deep.json
{ printf '{"format": "resorb.case/1", "patient": {"age": 40, "sex": "female"}, "history": {"onset": "2025-01-01"}, "exam": {"slr": '
  head -c 10000 /dev/zero | tr '\0' '['; head -c 10000 /dev/zero | tr '\0' ']'; printf '}}'; } >"$deep"
json_post "$deep" "${A}api/v1/assess"
[ "$code" = 422 ] && jq -e '.error.diagnostics | map(.problem) | index("too_deep")' "$tmp/body" >/dev/null \
    && ok "10,000 nested arrays: 422 too_deep (the parser's depth cap)" || bad "depth" "status $code $(head -c 200 "$tmp/body")"

# The per-connection timeout (2 s here): a client that stalls is cut off.
slow() { # slow NAME TEXT: sends TEXT, then waits for the server to close (at most 8 s)
    local t0 line closed=0
    t0=$(date +%s%N)
    exec 3<>"/dev/tcp/127.0.0.1/$PORT_A"
    printf '%b' "$2" >&3
    while IFS= read -r -t 8 -u 3 line; do :; done && closed=1 || true
    # read returns non-zero at EOF as well as on timeout: tell them apart by the time taken.
    local ms=$((($(date +%s%N) - t0) / 1000000))
    exec 3<&- 3>&- || true
    if [ "$ms" -ge 1500 ] && [ "$ms" -lt 7500 ]; then
        ok "$1: cut off after $ms ms (timeout 2 s)"
    else
        bad "$1" "closed after $ms ms (expected 2-7 s)"
    fi
}
slow "timeout: headers begun, then silence" 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n'
slow "timeout: headers and half a body, then silence" \
    'POST /api/v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"format":'
grep -q '"outcome":"timeout"' "$tmp/A.log" && ok "the access log records the timeouts" || bad "timeout log" "no outcome timeout"

# The connection limit: with 2 connections held open, a third waits in the accept queue (curl
# times out, exit 28: it is neither served nor refused); a waiting one is served once one closes.
serve B --max-connections 2 --timeout 10
exec 4<>"/dev/tcp/127.0.0.1/$PORT_B"
exec 5<>"/dev/tcp/127.0.0.1/$PORT_B"
sleep 0.3
rc=0
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 1 "${URL_B}healthz" 2>/dev/null) || rc=$?
[ "$code" != 200 ] && [ "$rc" -eq 28 ] && ok "connection limit 2: a third connection waits while two are open (not served, not refused)" \
    || bad "connection limit" "status $code, curl exit $rc with 2 connections open"
# (without the held connections: a copy of their descriptors would keep them open)
curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "${URL_B}healthz" >"$tmp/queued" 2>/dev/null 4>&- 5>&- &
queued=$!
sleep 0.3
exec 4<&- 4>&-
wait "$queued" || true
[ "$(cat "$tmp/queued")" = 200 ] && ok "connection limit: the waiting connection is served as soon as a slot is free" \
    || bad "connection limit" "status $(cat "$tmp/queued") after a slot freed"
exec 5<&- 5>&-
grep -q 'connection limit' "$tmp/B.log" && bad "connection limit" "libmicrohttpd refused a connection: $(grep 'connection limit' "$tmp/B.log" | head -n 1)" \
    || ok "connection limit: no connection refused by libmicrohttpd"
stop B INT

# ---- (e) authentication not configured; the log; stopping ----------------------------------------
serve C
json_post "$src/examples/seed-l5s1-right.json" "${URL_C}api/v1/assess"
expect "without --allow-anonymous-assess: POST /api/v1/assess is 401" 401 unauthorized
[ "$(hdr WWW-Authenticate)" = 'Bearer realm="resorb"' ] && ok "401 has WWW-Authenticate" || bad "WWW-Authenticate" "$(hdr WWW-Authenticate)"
jq -r .error.message "$tmp/body" | grep -q 'authentication required' && ok "401 says authentication is required" \
    || bad "401 message" "$(jq -r .error.message "$tmp/body")"
security "401" no-store
json_post "$src/examples/seed-l5s1-right.json" "${URL_C}api/v1/validate"
expect "without the flag: POST /api/v1/validate is 401" 401 unauthorized
for path in healthz api/v1/version api/v1/evidence api/v1/evidence/chiu2015.regression.extrusion api/v1/messages ""; do
    req "${URL_C}$path"
    [ "$code" = 200 ] || bad "public /$path without the flag" "status $code"
done
ok "without the flag the public endpoints and the page stay open"
stop C TERM

bad_log=$(jq -R -s '[split("\n")[] | select(length > 0) | (try fromjson catch "not json")
    | select(type != "object" or ((.time // "") | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$") | not))] | length' "$tmp/A.log")
[ "$bad_log" -eq 0 ] && ok "access log: every line of stderr is one JSON object with a UTC time" \
    || bad "access log" "$bad_log lines are not JSON objects"
jq -c 'select(.method != null)' "$tmp/A.log" >"$tmp/requests.jsonl"
if jq -e -s 'length > 50 and all(.[]; has("time") and has("method") and has("path") and has("status") and has("bytes") and has("duration_ms"))' "$tmp/requests.jsonl" >/dev/null; then
    ok "access log: $(wc -l <"$tmp/requests.jsonl") request lines with time, method, path, status, bytes, duration_ms"
else
    bad "access log fields" "$(head -n 2 "$tmp/requests.jsonl")"
fi
jq -e -s 'map(select(.path == "/api/v1/assess" and .status == 413)) | length > 0' "$tmp/requests.jsonl" >/dev/null \
    && ok "access log: the 413 is logged with its status" || bad "access log 413" "missing"
grep -q 'lang=\|as_of=' "$tmp/requests.jsonl" && bad "access log" "logs query strings" || ok "access log: paths without their query"
grep -q '"path":"/%FF%FEnot-utf-8","status":404' "$tmp/requests.jsonl" && ok "access log: raw paths, as sent" \
    || bad "access log raw path" "missing"
# Stopping with a request in flight (its body half sent): the grace period, then exit 0.
exec 3<>"/dev/tcp/127.0.0.1/$PORT_A"
printf 'POST /api/v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"format":' >&3
sleep 0.3
stop A TERM
exec 3<&- 3>&- || true
grep -q '"event":"stop","signal":"SIGTERM"' "$tmp/A.log" && ok "the log records the stop" || bad "stop event" "missing"
# It ends by the grace period (shutdown) or by this server's 2 s timeout, whichever is first.
last=$(jq -r 'select(.method == "POST" and .path == "/api/v1/validate") | .outcome // "completed"' "$tmp/A.log" | tail -n 1)
case $last in
    shutdown | timeout) ok "the request in flight at the stop is logged (outcome $last)" ;;
    *) bad "in-flight request at stop" "last outcome: $last" ;;
esac

# Refused configurations.
set +e
"$resorb" serve --listen nonsense >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q 'listen address' "$tmp/err" && ok "--listen nonsense: usage error (exit 1)" || bad "--listen nonsense" "exit $rc"
"$resorb" serve --max-connections 0 >/dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] && ok "--max-connections 0: usage error" || bad "--max-connections 0" "exit $rc"
"$resorb" serve --max-connections 4097 >/dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] && ok "--max-connections 4097: usage error" || bad "--max-connections 4097" "exit $rc"
"$resorb" serve --threads 4 >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q -- '--threads is no longer an option' "$tmp/err" && ok "--threads (gone: a thread per connection): usage error that says so" \
    || bad "--threads" "exit $rc: $(cat "$tmp/err")"
"$resorb" serve --help >"$tmp/help" 2>&1; rc=$?
[ "$rc" -eq 0 ] && grep -q -- '--allow-anonymous-assess' "$tmp/help" && ok "serve --help" || bad "serve --help" "exit $rc"
set -e
serve D
set +e
timeout 5 "$resorb" serve --listen "127.0.0.1:$PORT_D" >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" -eq 3 ] && grep -q 'cannot listen' "$tmp/err" && ok "a port in use: exit 3, \"$(head -n 1 "$tmp/err")\"" || bad "port in use" "exit $rc"
stop D TERM

finish
