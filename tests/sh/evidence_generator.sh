#!/usr/bin/env bash
# evidence_generator: resorb-gen-evidence refuses bad evidence tables with exit 1 and a
# "file:line: message" naming the problem (duplicate id across files, no source, missing or
# unknown confidence, malformed numbers and ids, wrong field count, inferred row without a note,
# Japanese label with no Japanese), writes nothing then, and accepts good tables, emitting rows
# sorted by id.
set -euo pipefail
: "${RESORB_GEN_EVIDENCE:?set RESORB_GEN_EVIDENCE to the resorb-gen-evidence binary}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

header='id	label_en	label_ja	value	low	high	unit	population	n	authors	title	journal	year	doi	pmid	confidence	note'

# row ID VALUE LOW HIGH N AUTHORS JOURNAL YEAR DOI PMID CONFIDENCE NOTE: one data line.
row() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$1" "A label" "ラベル" "$2" "$3" "$4" "%" "adults" "$5" "$6" "" "$7" "$8" "$9" \
        "${10}" "${11}" "${12}"
}
good_row() { # ID
    row "$1" 96 "" "" 31 "Chiu CC, Chuang TY" "Clin Rehabil 2015;29(2):184-95" 2015 \
        10.1177/0269215514540919 "" abstract ""
}
table() { # FILE, then the data lines on stdin
    { echo "# a fixture"; echo "$header"; cat; } >"$tmp/$1"
}

# expect_reject NAME PATTERN FILE...: exit 1, a file:line message matching PATTERN, no output.
expect_reject() {
    local name=$1 pattern=$2
    shift 2
    local rc=0
    rm -f "$tmp/out.c"
    "$RESORB_GEN_EVIDENCE" -o "$tmp/out.c" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
    if [ "$rc" -ne 1 ]; then
        fail "$name: exit $rc, expected 1"
        cat "$tmp/stderr" >&2
        return
    fi
    if ! grep -Eq "^$tmp/[a-z_0-9]+\.tsv:[0-9]+: .*$pattern" "$tmp/stderr"; then
        fail "$name: no file:line message matching '$pattern'; stderr was:"
        cat "$tmp/stderr" >&2
    fi
    [ ! -e "$tmp/out.c" ] || fail "$name: output written despite the error"
    echo "rejected $name: $(head -n 1 "$tmp/stderr")"
}

good_row a.one | table dup1.tsv
good_row b.two | table dup2.tsv
good_row a.one | table dup3.tsv
expect_reject "duplicate id across files" 'duplicate id \(first defined at .*dup1\.tsv:3\): a\.one' \
    "$tmp/dup1.tsv" "$tmp/dup2.tsv" "$tmp/dup3.tsv"

{ good_row a.one; good_row a.one; } | table dupsame.tsv
expect_reject "duplicate id in one file" 'duplicate id' "$tmp/dupsame.tsv"

row x.nosource 5 "" "" "" "" "" "" "" "" abstract "" | table nosource.tsv
expect_reject "row without a source" 'without a source' "$tmp/nosource.tsv"

row x.noyear 5 "" "" "" "Someone A" "" "" "" "" abstract "" | table noyear.tsv
expect_reject "authors but no year, doi, pmid or locator" 'without a source' "$tmp/noyear.tsv"

row x.noconf 5 "" "" "" "Chiu CC" "Clin Rehabil" 2015 "" "" "" "" | table noconf.tsv
expect_reject "no confidence" 'missing confidence' "$tmp/noconf.tsv"

row x.badconf 5 "" "" "" "Chiu CC" "Clin Rehabil" 2015 "" "" published "" | table badconf.tsv
expect_reject "unknown confidence word" 'unknown confidence.*: published' "$tmp/badconf.tsv"

row x.badvalue 9,6 "" "" "" "Chiu CC" "Clin Rehabil" 2015 "" "" abstract "" | table badvalue.tsv
expect_reject "malformed value" 'malformed number in column value' "$tmp/badvalue.tsv"

row x.badlow 5 abc 7 "" "Chiu CC" "Clin Rehabil" 2015 "" "" abstract "" | table badlow.tsv
expect_reject "malformed low" 'malformed number in column low' "$tmp/badlow.tsv"

row x.nan nan "" "" "" "Chiu CC" "Clin Rehabil" 2015 "" "" abstract "" | table nan.tsv
expect_reject "nan as a value" 'malformed number in column value' "$tmp/nan.tsv"

row x.badn 5 "" "" 12.5 "Chiu CC" "Clin Rehabil" 2015 "" "" abstract "" | table badn.tsv
expect_reject "malformed n" 'malformed number in column n' "$tmp/badn.tsv"

row x.badyear 5 "" "" "" "Chiu CC" "Clin Rehabil" 15 "" "" abstract "" | table badyear.tsv
expect_reject "malformed year" 'malformed number in column year' "$tmp/badyear.tsv"

row x.order 5 7 3 "" "Chiu CC" "Clin Rehabil" 2015 "" "" abstract "" | table order.tsv
expect_reject "low above high" 'low is greater than high' "$tmp/order.tsv"

row x.outside 9 1 3 "" "Chiu CC" "Clin Rehabil" 2015 "" "" abstract "" | table outside.tsv
expect_reject "value outside its interval" 'outside' "$tmp/outside.tsv"

row Chiu2015.Upper 5 "" "" "" "Chiu CC" "Clin Rehabil" 2015 "" "" abstract "" | table badid.tsv
expect_reject "id with capitals" 'malformed id' "$tmp/badid.tsv"

row x.inferred 5 "" "" "" "Chiu CC" "Clin Rehabil" 2015 "" "" inferred "" | table inferred.tsv
expect_reject "inferred row without a note" 'inferred row needs a note' "$tmp/inferred.tsv"

good_row x.ascii | sed 's/ラベル/A label/' | table ascii.tsv
expect_reject "Japanese label with no Japanese" 'label_ja has no Japanese' "$tmp/ascii.tsv"

good_row x.fields | sed 's/\t[^\t]*$//' | table fields.tsv
expect_reject "wrong field count" 'wrong number of fields' "$tmp/fields.tsv"

{ echo "id	label_en	value"; good_row x.header; } >"$tmp/header.tsv"
expect_reject "wrong header" 'header must be exactly' "$tmp/header.tsv"

# Good tables: several files, rows out of order, a qualitative row, registry ids and web
# addresses as locators; the output is sorted by id.
{
    good_row zeta.last
    row alpha.qualitative "" "" "" "" "Autio RA" "Spine 2006;31(11):1247-52" 2006 "" 16688039 abstract ""
    row mid.registry 81.48 "" "" 57 "" "study registered as ChiCTR2400094586" "" "" "" abstract ""
} | table good1.tsv
{
    row beta.web "" 150 600 "" "" "pregabalin label via palliativecare.org.nz" "" "" "" secondary ""
    row gamma.inferred 25.6 "" "" 90 "Hornung AL" "Spine J 2023" 2023 "" "" inferred "23/90"
} | table good2.tsv
rc=0
"$RESORB_GEN_EVIDENCE" -o "$tmp/good.c" "$tmp/good1.tsv" "$tmp/good2.tsv" 2>"$tmp/stderr" || rc=$?
if [ "$rc" -ne 0 ]; then
    fail "good tables: exit $rc, expected 0"
    cat "$tmp/stderr" >&2
else
    ids=$(grep -o '^    {"[^"]*"' "$tmp/good.c" | sed 's/^    {"//; s/"$//' | tr '\n' ' ')
    [ "$ids" = "alpha.qualitative beta.web gamma.inferred mid.registry zeta.last " ] ||
        fail "good tables: ids not sorted or missing: $ids"
    grep -q 'resorb__evidence_len = 5;' "$tmp/good.c" || fail "good tables: wrong row count"
    grep -q '"alpha.qualitative", .*false, NAN, NAN, NAN' "$tmp/good.c" ||
        fail "good tables: a qualitative row is not emitted with has_value false and NaN"
    echo "accepted good tables: 5 rows, sorted"
fi

if [ "$failures" -ne 0 ]; then
    echo "evidence_generator: $failures failure(s)" >&2
    exit 1
fi
echo "evidence_generator: ok"
