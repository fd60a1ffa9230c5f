#!/usr/bin/env bash
# evidence_cli: `resorb evidence` lists every row and ends with the disclaimer; `resorb evidence
# ID` shows one row with its DOI, in English and in Japanese; --format json gives valid JSON
# (jq) that is byte-stable; an unknown id exits 2 with a message naming it and nothing on
# stdout; usage errors exit 1.
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
# run NAME EXPECTED_RC ARGS...: runs resorb with LANG unset, output in $tmp/out and $tmp/err.
run() {
    local name=$1 expected=$2
    shift 2
    local rc=0
    env -u LC_ALL -u LC_MESSAGES -u LANG "$RESORB" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ "$rc" -ne "$expected" ]; then
        fail "$name: exit $rc, expected $expected; stderr:"
        cat "$tmp/err" >&2
    fi
}
has() { # NAME FILE FIXED-STRING
    grep -qF -- "$3" "$2" || fail "$1: '$3' not in $(basename "$2")"
}

id=chiu2015.regression.sequestration
doi=10.1177/0269215514540919
disclaimer="resorb supports, and does not replace, a clinician's judgement."

# One row, English.
run "show $id" 0 evidence "$id"
has "show $id" "$tmp/out" "$id"
has "show $id" "$tmp/out" "$doi"
has "show $id" "$tmp/out" "96%"
has "show $id" "$tmp/out" "Chiu CC"
has "show $id" "$tmp/out" "abstract"
has "show $id" "$tmp/out" "Spontaneous regression on imaging, sequestrated herniation"
[ "$(tail -n 1 "$tmp/out")" = "$disclaimer" ] || fail "show $id: last line is not the disclaimer"
[ ! -s "$tmp/err" ] || fail "show $id: unexpected stderr"

# One row, Japanese (global --lang before or after the command, or LANG=ja_JP.UTF-8).
run "show $id --lang ja" 0 --lang ja evidence "$id"
has "ja" "$tmp/out" "画像上の自然退縮の確率:遊離脱出(sequestration)型"
has "ja" "$tmp/out" "出典"
has "ja" "$tmp/out" "$doi"
[ "$(tail -n 1 "$tmp/out")" = "resorb は臨床医の判断を支援するものであり、それに代わるものではありません。" ] ||
    fail "ja: last line is not the Japanese disclaimer"
cp "$tmp/out" "$tmp/ja1"
run "ja after the command" 0 evidence "$id" --lang=ja
cmp -s "$tmp/out" "$tmp/ja1" || fail "--lang=ja after the command gives other output"
rc=0
env -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 "$RESORB" evidence "$id" >"$tmp/out" 2>/dev/null || rc=$?
if [ "$rc" -ne 0 ] || ! cmp -s "$tmp/out" "$tmp/ja1"; then
    fail "LANG=ja_JP.UTF-8 does not select Japanese"
fi

# The list: one line per row between the header and the footer, then the disclaimer.
run "list" 0 evidence
has "list" "$tmp/out" "$id"
has "list" "$tmp/out" "Chiu 2015"
has "list" "$tmp/out" "zou2023.regression.extrusion"
has "list" "$tmp/out" "peul2007.operated_1y"
[ "$(tail -n 1 "$tmp/out")" = "$disclaimer" ] || fail "list: last line is not the disclaimer"
rows=$(grep -cE '^[a-z0-9][a-z0-9._-]*  +[^ ]' "$tmp/out" || true)
run "json list" 0 evidence --format json
if ! jq -e 'type == "array"' "$tmp/out" >/dev/null; then
    fail "json list: not a JSON array"
else
    count=$(jq length "$tmp/out")
    [ "$count" -ge 200 ] || fail "json list: only $count rows"
    [ "$rows" -eq "$count" ] || fail "text list has $rows rows, JSON has $count"
    jq -e 'map(.id) == (map(.id) | sort) and (map(.id) | unique | length) == length' "$tmp/out" \
        >/dev/null || fail "json list: ids not sorted and unique"
    jq -e 'all(.[]; (.confidence | IN("source-text", "abstract", "secondary", "inferred"))
                and ((.authors != "") or (.journal != "")))' "$tmp/out" >/dev/null ||
        fail "json list: a row without a confidence or a source"
    jq -e 'all(.[]; .unit != "%" or .value == null or (.value >= 0 and .value <= 100))' \
        "$tmp/out" >/dev/null || fail "json list: a percentage outside [0, 100]"
    cp "$tmp/out" "$tmp/list1.json"
    run "json list again" 0 evidence --format=json
    cmp -s "$tmp/out" "$tmp/list1.json" || fail "json list: two runs differ"
    echo "list: $count rows"
fi

# One row as JSON: all fields, exact values.
run "json $id" 0 evidence --format json "$id"
if jq -e . "$tmp/out" >/dev/null; then
    [ "$(jq -r .doi "$tmp/out")" = "$doi" ] || fail "json $id: wrong doi"
    [ "$(jq -r .value "$tmp/out")" = "96" ] || fail "json $id: wrong value"
    [ "$(jq -r .unit "$tmp/out")" = "%" ] || fail "json $id: wrong unit"
    [ "$(jq -r .confidence "$tmp/out")" = "abstract" ] || fail "json $id: wrong confidence"
    [ "$(jq -r .year "$tmp/out")" = "2015" ] || fail "json $id: wrong year"
    [ "$(jq -r .low "$tmp/out")" = "null" ] || fail "json $id: low should be null"
    [ "$(jq -r .source "$tmp/out")" = "Chiu 2015" ] || fail "json $id: wrong short source"
    keys=$(jq -r 'keys_unsorted | join(",")' "$tmp/out")
    [ "$keys" = "id,label_en,label_ja,value,low,high,unit,population,n,authors,title,journal,year,doi,pmid,confidence,note,source" ] ||
        fail "json $id: keys not in the fixed order: $keys"
else
    fail "json $id: not valid JSON"
fi
run "json qualitative" 0 evidence --format json autio2006.predictor.komori_grade
[ "$(jq -r .value "$tmp/out")" = "null" ] || fail "qualitative row: value should be null"

# Unknown id: exit 2, the id named on stderr, the list command suggested, nothing on stdout.
for fmt in text json; do
    run "unknown id ($fmt)" 2 evidence --format "$fmt" no.such.row
    [ ! -s "$tmp/out" ] || fail "unknown id ($fmt): output on stdout"
    has "unknown id ($fmt)" "$tmp/err" '"no.such.row"'
    has "unknown id ($fmt)" "$tmp/err" "resorb evidence"
done
run "prefix of ids" 2 evidence chiu2015
[ ! -s "$tmp/out" ] || fail "prefix of ids: output on stdout"
has "prefix of ids" "$tmp/err" "chiu2015.regression.sequestration"

# Usage errors: exit 1, a message, nothing on stdout.
for args in "--format" "--format xml" "--format=yaml" "--bogus" "$id chiu2015.regression.bulge"; do
    # shellcheck disable=SC2086 # the words are meant to split
    run "'$args'" 1 evidence $args
    [ ! -s "$tmp/out" ] || fail "'$args': output on stdout"
    [ -s "$tmp/err" ] || fail "'$args': no message on stderr"
done
run "help" 0 evidence --help
has "help" "$tmp/out" "usage: resorb evidence"

if [ "$failures" -ne 0 ]; then
    echo "evidence_cli: $failures failure(s)" >&2
    exit 1
fi
echo "evidence_cli: ok"
