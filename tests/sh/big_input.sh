#!/usr/bin/env bash
# label: slow
# big_input: hostile and large inputs stay bounded.
#  (a) one 50 MiB JSON document (a 50 MiB id string; a 50 MiB visits array), as a file and on
#      stdin: exit 2, a too_large error on stderr, nothing on stdout, in under 5 s, and (when
#      /usr/bin/time exists and the build has no sanitizer) a peak RSS under 64 MiB: the reader
#      stops at the 1 MiB cap instead of loading the document.
#  (b) a 50 MiB NDJSON file of valid generated cases (5 MiB under the sanitizers): exit 0.
#  (c) one 2 MiB line among valid lines in --ndjson mode: exit 2 and the error names that line.
# The inputs are made in a temporary directory and deleted at exit.
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_GENCASES:?set RESORB_GENCASES to the resorb-gencases binary}"
sanitize=${RESORB_SANITIZE:-OFF}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

MIB=$((1024 * 1024))
RSS_LIMIT_KB=$((64 * 1024))
have_time=0
[ -x /usr/bin/time ] && have_time=1

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# run NAME TIMEOUT CMD...: runs CMD with stdout/stderr to $tmp/NAME.out/.err, sets $rc, $ms
# (wall time) and $rss_kb (peak RSS in KiB, or "" when /usr/bin/time is absent).
run() {
    local name=$1 limit=$2
    shift 2
    local t0
    t0=$(now_ms)
    rc=0
    if [ "$have_time" -eq 1 ]; then
        timeout "$limit" /usr/bin/time -f %M -o "$tmp/$name.rss" "$@" \
            >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
        rss_kb=$(tail -n 1 "$tmp/$name.rss" 2>/dev/null || true)
    else
        timeout "$limit" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
        rss_kb=""
    fi
    ms=$(($(now_ms) - t0))
    [ "$rc" -ne 124 ] || fail "$name: timed out after $limit s"
}

# ---- (a) one 50 MiB document ----
big_id=$tmp/big-id.json
{
    printf '{"format":"resorb.case/1","id":"'
    head -c $((50 * MIB)) /dev/zero | tr '\0' 'a'
    printf '","patient":{"age":40,"sex":"male"},"history":{"onset":"2020-01-01"}}\n'
} >"$big_id"

big_array=$tmp/big-array.json
{
    printf '{"format":"resorb.case/1","patient":{"age":40,"sex":"male"},'
    printf '"history":{"onset":"2020-01-01"},"visits":['
    # 22 bytes per element: 2,400,000 of them make 50.4 MiB.
    yes '{"date":"2020-01-01"},' | head -n 2400000 || true # yes ends on SIGPIPE
    printf '{"date":"2020-01-01"}]}\n'
} >"$big_array"

check_too_large() {
    local name=$1
    [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
    grep -q 'too_large' "$tmp/$name.err" || {
        fail "$name: no too_large error on stderr:"
        head -c 600 "$tmp/$name.err" >&2
    }
    [ ! -s "$tmp/$name.out" ] || fail "$name: $(wc -c <"$tmp/$name.out") bytes on stdout"
    [ "$ms" -lt 5000 ] || fail "$name: took $ms ms (limit 5000)"
    # The message must not echo the input back: stderr stays small.
    local errsize
    errsize=$(wc -c <"$tmp/$name.err")
    [ "$errsize" -lt 65536 ] || fail "$name: $errsize bytes on stderr"
    if [ -n "$rss_kb" ]; then
        if [ "$sanitize" = "ON" ]; then
            echo "$name: peak RSS ${rss_kb} KiB (not checked under the sanitizers)"
        elif [ "$rss_kb" -ge "$RSS_LIMIT_KB" ]; then
            fail "$name: peak RSS ${rss_kb} KiB, limit $RSS_LIMIT_KB KiB"
        fi
    fi
    echo "$name: exit $rc in $ms ms, peak RSS ${rss_kb:-?} KiB"
}

run a-id-file 30 "$RESORB" validate "$big_id"
check_too_large a-id-file
run a-array-file 30 "$RESORB" validate "$big_array"
check_too_large a-array-file
run a-id-stdin 30 "$RESORB" validate - <"$big_id"
check_too_large a-id-stdin

# ---- (b) a 50 MiB NDJSON file of valid cases ----
if [ "$sanitize" = "ON" ]; then
    want=$((5 * MIB)) gen=5000
else
    want=$((50 * MIB)) gen=45000
fi
# awk stops reading at the size wanted, so the generator may end on SIGPIPE: the size check
# below is what tells whether generation worked.
"$RESORB_GENCASES" --seed 42 --count "$gen" |
    awk -v max="$want" '{ n += length($0) + 1; print; if (n >= max) exit }' \
        >"$tmp/valid.ndjson" || true
size=$(wc -c <"$tmp/valid.ndjson")
lines=$(wc -l <"$tmp/valid.ndjson")
[ "$size" -ge "$want" ] || fail "(b) generated only $size bytes, wanted $want"
run b-ndjson 300 "$RESORB" validate --ndjson "$tmp/valid.ndjson"
if [ "$rc" -ne 0 ]; then
    fail "b-ndjson: exit $rc on $lines valid cases; first errors:"
    grep -m 10 'error' "$tmp/b-ndjson.err" >&2 || head -n 10 "$tmp/b-ndjson.err" >&2
fi
echo "b-ndjson: $lines cases, $size bytes, exit $rc in $ms ms, peak RSS ${rss_kb:-?} KiB"
if [ -n "$rss_kb" ] && [ "$sanitize" != "ON" ] && [ "$rss_kb" -ge "$RSS_LIMIT_KB" ]; then
    # Not a failure (the brief bounds (a) only), but a streaming reader should not need this.
    echo "note: b-ndjson peak RSS ${rss_kb} KiB is over $RSS_LIMIT_KB KiB: is the file read whole?"
fi

# ---- (c) one 2 MiB line among valid lines ----
bad_line=4
{
    "$RESORB_GENCASES" --seed 7 --count 3
    printf '{"format":"resorb.case/1","id":"'
    head -c $((2 * MIB)) /dev/zero | tr '\0' 'b'
    printf '","patient":{"age":40,"sex":"male"},"history":{"onset":"2020-01-01"}}\n'
    "$RESORB_GENCASES" --seed 8 --count 3
} >"$tmp/long-line.ndjson"
run c-long-line 30 "$RESORB" validate --ndjson "$tmp/long-line.ndjson"
[ "$rc" -eq 2 ] || fail "c-long-line: exit $rc, expected 2"
grep 'too_large' "$tmp/c-long-line.err" >"$tmp/c-errors" || true
if [ ! -s "$tmp/c-errors" ]; then
    fail "c-long-line: no too_large error; stderr:"
    head -c 600 "$tmp/c-long-line.err" >&2
elif ! grep -Eq "(:$bad_line:|line $bad_line([^0-9]|\$)|\"line\": *$bad_line([^0-9]|\$))" \
    "$tmp/c-errors"; then
    fail "c-long-line: the too_large error does not name line $bad_line:"
    head -c 600 "$tmp/c-errors" >&2
fi
# Only that line is in error: no error names another line.
if grep -E ': error: ' "$tmp/c-long-line.err" | grep -Evq "(:$bad_line:|line $bad_line([^0-9]|\$))"; then
    fail "c-long-line: errors on other lines than $bad_line:"
    grep -E ': error: ' "$tmp/c-long-line.err" | head -n 5 >&2
fi
echo "c-long-line: exit $rc in $ms ms: $(head -c 300 "$tmp/c-errors")"

if [ "$failures" -ne 0 ]; then
    echo "big_input: $failures failure(s)" >&2
    exit 1
fi
echo "big_input: ok"
