#!/usr/bin/env bash
# prognosis_doc: docs/prognosis.md cannot drift from the fit. Every number that
# `resorb evidence fit --format json` prints for the parameters, chi-square, fitted values,
# residuals and z of both families must appear in the doc, rounded as the doc writes them
# (parameters, chi2, fitted values 4 decimals; residuals 4 decimals with a sign; z 3 decimals
# with a sign), and every anchor's evidence id must be named there. Also checks that the live fit
# agrees with the one compiled into the binary, and the command's text, Japanese and JSON forms.
# label: quick
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_SOURCE_DIR:?set RESORB_SOURCE_DIR to the source tree}"

doc="$RESORB_SOURCE_DIR/docs/prognosis.md"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

[ -f "$doc" ] || { echo "FAIL: $doc missing" >&2; exit 1; }
"$RESORB" evidence fit --format json >"$tmp/fit.json"
jq -e . "$tmp/fit.json" >/dev/null || { echo "FAIL: not JSON" >&2; exit 1; }
[ "$(jq -r .same_as_compiled "$tmp/fit.json")" = true ] ||
    fail "the live fit differs from the compiled one"

# need LABEL TEXT: TEXT must occur in the doc.
need() {
    grep -qF -- "$2" "$doc" || fail "$1: '$2' not in docs/prognosis.md (re-run resorb evidence fit)"
}

nfits=$(jq '.fits | length' "$tmp/fit.json")
[ "$nfits" -ge 1 ] || fail "no fits"
for ((k = 0; k < nfits; k++)); do
    family=$(jq -r ".fits[$k].family" "$tmp/fit.json")
    while IFS=$'\t' read -r name value; do
        need "$family $name" "$(printf '%.4f' "$value")"
    done < <(jq -r ".fits[$k].parameters | to_entries[] | [.key, .value] | @tsv" "$tmp/fit.json")
    need "$family chi2" "$(printf '%.4f' "$(jq -r ".fits[$k].chi2" "$tmp/fit.json")")"
    while IFS=$'\t' read -r id fitted residual z; do
        need "$family anchor id" "$id"
        need "$family $id fitted" "$(printf '%.4f' "$fitted")"
        need "$family $id residual" "$(printf '%+.4f' "$residual")"
        need "$family $id z" "$(printf '%+.3f' "$z")"
    done < <(jq -r ".fits[$k].anchors[] | [.id, .fitted, .residual, .z] | @tsv" "$tmp/fit.json")
done
need "chosen family" "$(jq -r .chosen "$tmp/fit.json")"

# The command itself: byte-stable JSON, text in both languages ending with the disclaimer, and
# a usage error for an extra argument.
"$RESORB" evidence fit --format json >"$tmp/again.json"
cmp -s "$tmp/fit.json" "$tmp/again.json" || fail "evidence fit --format json is not byte-stable"
env -u LC_ALL -u LC_MESSAGES -u LANG "$RESORB" evidence fit >"$tmp/fit.txt"
grep -qF "wang2020.regression.pooled" "$tmp/fit.txt" || fail "text: anchor id missing"
[ "$(tail -n 1 "$tmp/fit.txt")" = "resorb supports, and does not replace, a clinician's judgement." ] ||
    fail "text: last line is not the disclaimer"
"$RESORB" --lang ja evidence fit >"$tmp/fit.ja.txt"
grep -qF "対数正規分布" "$tmp/fit.ja.txt" || fail "ja: no Japanese family name"
[ "$(tail -n 1 "$tmp/fit.ja.txt")" = "resorb は臨床医の判断を支援するものであり、それに代わるものではありません。" ] ||
    fail "ja: last line is not the Japanese disclaimer"
rc=0
"$RESORB" evidence fit extra >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "evidence fit extra: exit $rc, expected 1"

if [ "$failures" -ne 0 ]; then
    echo "prognosis_doc: $failures failure(s)" >&2
    exit 1
fi
echo "prognosis_doc: ok"
