#!/usr/bin/env bash
# gencases_valid: every case resorb-gencases writes is valid (`resorb validate --ndjson -` exits
# 0 on 2,000 cases for each of two seeds), the same seed gives byte-identical output, another
# seed gives other cases, and bad arguments are refused with exit 1.
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_GENCASES:?set RESORB_GENCASES to the resorb-gencases binary}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

count=2000
for seed in 1 20250310; do
    "$RESORB_GENCASES" --seed "$seed" --count "$count" >"$tmp/a.ndjson"
    "$RESORB_GENCASES" --seed "$seed" --count "$count" >"$tmp/b.ndjson"
    lines=$(wc -l <"$tmp/a.ndjson")
    [ "$lines" -eq "$count" ] || fail "seed $seed: $lines lines, expected $count"
    cmp -s "$tmp/a.ndjson" "$tmp/b.ndjson" || fail "seed $seed: two runs differ"

    rc=0
    timeout 300 "$RESORB" validate --ndjson - <"$tmp/a.ndjson" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "seed $seed: resorb validate --ndjson exited $rc; first errors:"
        grep -m 10 'error' "$tmp/err" >&2 || head -n 10 "$tmp/err" >&2
    fi
    echo "seed $seed: $count cases, $(wc -c <"$tmp/a.ndjson") bytes, validate exit $rc"
done

# Another seed, other cases.
"$RESORB_GENCASES" --seed 2 --count 50 >"$tmp/c.ndjson"
"$RESORB_GENCASES" --seed 1 --count 50 >"$tmp/d.ndjson"
if cmp -s "$tmp/c.ndjson" "$tmp/d.ndjson"; then
    fail "seeds 1 and 2 give the same output"
fi
# A prefix of a longer run is the shorter run (each case depends only on the seed and what came
# before it).
head -n 50 "$tmp/a.ndjson" >"$tmp/e.ndjson"
"$RESORB_GENCASES" --seed 20250310 --count 50 >"$tmp/f.ndjson"
cmp -s "$tmp/e.ndjson" "$tmp/f.ndjson" || fail "--count 50 is not a prefix of --count $count"

# Bad arguments: a message on stderr, exit 1, nothing on stdout.
for args in "--seed" "--seed x" "--count -1" "--count 12abc" "--seed 18446744073709551616" \
    "--bogus"; do
    rc=0
    # shellcheck disable=SC2086 # the words are meant to split
    "$RESORB_GENCASES" $args >"$tmp/out" 2>"$tmp/err" || rc=$?
    [ "$rc" -eq 1 ] || fail "'$args': exit $rc, expected 1"
    [ -s "$tmp/err" ] || fail "'$args': no message on stderr"
    [ ! -s "$tmp/out" ] || fail "'$args': output on stdout"
done

if [ "$failures" -ne 0 ]; then
    echo "gencases_valid: $failures failure(s)" >&2
    exit 1
fi
echo "gencases_valid: ok"
