#!/usr/bin/env bash
# score_cli: `resorb score` on examples/neuropathic-questionnaires.json prints every score with
# its band and evidence ids, in English and Japanese, as text and as JSON (format
# resorb.scores/1, checked with jq when it is installed, else with python3), byte-stable; a
# case with two administrations gets its changes judged; an invalid case exits 2 with its
# diagnostics on stderr and nothing on stdout; usage errors exit 1.
# label: quick
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_SOURCE_DIR:?set RESORB_SOURCE_DIR to the source tree}"

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
# json_value NAME FILE EXPR EXPECTED: a python3 expression over the document `d`.
json_value() {
    local got
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
        "$2" "$3" 2>&1) || { fail "$1: $3: $got"; return; }
    [ "$got" = "$4" ] || fail "$1: $3 is '$got', expected '$4'"
}

example="$RESORB_SOURCE_DIR/examples/neuropathic-questionnaires.json"
disclaimer="resorb supports, and does not replace, a clinician's judgement."

# 1. Text, English: each instrument's value and band, with its evidence ids.
run "text en" 0 score "$example"
for want in "Scores: neuropathic-questionnaires (as of 2025-05-20)" \
    "ODI (Oswestry Disability Index), 2025-05-20: 48.9% (severe disability)" \
    "22 of 45 points over the 9 sections answered" \
    "Section 8 (sex life) not answered" \
    "RDQ (Roland-Morris Disability Questionnaire), 2025-05-20: 12" \
    "JOA score (low back pain, 1986), 2025-05-20: 17" \
    "JOABPEQ (JOA Back Pain Evaluation Questionnaire), 2025-05-20: no total (domains)" \
    "pain-related disorders: 29" \
    "DN4 (neuropathic pain screening), 2025-05-20: 6 (positive)" \
    "[perez2007.dn4.cutoff" \
    "painDETECT (neuropathic pain screening), 2025-05-20: 20 (neuropathic component likely)" \
    "STarT Back Screening Tool, 2025-05-20: 7 (high risk)" \
    "psychosocial subscale (items 5-9) 4 of 5" \
    "Leg pain NRS, 2025-05-20 (history): 6" \
    "Back pain NRS, 2025-05-20 (history): 4" \
    "$disclaimer"; do
    has "text en" "$tmp/out" "$want"
done
[ -s "$tmp/err" ] && fail "text en: unexpected stderr: $(cat "$tmp/err")"
cp "$tmp/out" "$tmp/text-en"

# 2. Text, Japanese: really translated.
run "text ja" 0 --lang ja score "$example"
for want in "スコア: neuropathic-questionnaires(2025-05-20 時点)" \
    "48.9%(重度の障害)" "項目 8(性生活)は未回答" "6(陽性)" "7(高リスク)" \
    "20(神経障害性成分の可能性が高い)" "下肢痛 NRS、2025-05-20・病歴: 6" \
    "resorb は臨床医の判断を支援するもの"; do
    has "text ja" "$tmp/out" "$want"
done
cmp -s "$tmp/out" "$tmp/text-en" && fail "text ja: identical to English"

# 3. JSON, English and Japanese: the values, bands and evidence, byte-stable.
run "json en" 0 score --format json "$example"
cp "$tmp/out" "$tmp/en.json"
json_value "json en" "$tmp/en.json" 'd["format"]' "resorb.scores/1"
json_value "json en" "$tmp/en.json" 'd["case_id"]' "neuropathic-questionnaires"
json_value "json en" "$tmp/en.json" '[s["instrument"] for s in d["scores"]]' \
    "['odi', 'rdq', 'joa', 'joabpeq', 'dn4', 'paindetect', 'startback', 'leg_nrs', 'back_nrs']"
json_value "json en" "$tmp/en.json" '[s["value"] for s in d["scores"]]' \
    "[48.889, 12.0, 17.0, None, 6.0, 20.0, 7.0, 6.0, 4.0]"
json_value "json en" "$tmp/en.json" '[s["band"] for s in d["scores"]]' \
    "['severe', None, None, None, 'positive', 'likely', 'high', None, None]"
json_value "json en" "$tmp/en.json" 'd["scores"][3]["domains"]' \
    "{'pain': 29.0, 'lumbar_function': 50.0, 'walking': 36.0, 'social': 38.0, 'mental': 41.0}"
json_value "json en" "$tmp/en.json" 'd["scores"][6]["domains"]["psychosocial"]' "4.0"
json_value "json en" "$tmp/en.json" 'all(s["computed"] for s in d["scores"])' "True"
json_value "json en" "$tmp/en.json" '"freynhagen2006.paindetect.likely_min" in d["evidence"]' "True"
json_value "json en" "$tmp/en.json" 'd["evidence"] == sorted(set(d["evidence"]))' "True"
json_value "json en" "$tmp/en.json" 'd["changes"]' "[]"
json_value "json en" "$tmp/en.json" 'd["disclaimer"]' "$disclaimer"
run "json en again" 0 score --format json "$example"
cmp -s "$tmp/out" "$tmp/en.json" || fail "json en: output differs between two runs"
run "json ja" 0 --lang ja score --format json "$example"
json_value "json ja" "$tmp/out" 'd["language"]' "ja"
json_value "json ja" "$tmp/out" 'd["scores"][0]["band_label"]' "重度の障害"
json_value "json ja" "$tmp/out" '[s["value"] for s in d["scores"]]' \
    "[48.889, 12.0, 17.0, None, 6.0, 20.0, 7.0, 6.0, 4.0]"

# 4. Two administrations: changes judged against the minimal important change.
cat >"$tmp/two.json" <<'EOF'
{"format": "resorb.case/1", "id": "two", "as_of": "2025-06-01",
 "patient": {"age": 40, "sex": "female"},
 "history": {"onset": "2025-01-01", "leg_pain_nrs": 3},
 "visits": [{"date": "2025-02-01", "leg_pain_nrs": 7}],
 "questionnaires": {
  "odi": [{"date": "2025-02-01", "items": [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]},
          {"date": "2025-05-01", "items": [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]}],
  "dn4": [{"date": "2025-02-01", "items": [true, true, true, true, false, false, false, false, false, false]},
          {"date": "2025-05-01", "items": [true, true, true, false, false, false, false, false, false, false]}]}}
EOF
run "changes" 0 score --format json "$tmp/two.json"
json_value "changes" "$tmp/out" '[(c["instrument"], c["verdict"], c["reached"]) for c in d["changes"]]' \
    "[('odi', 'improved', True), ('dn4', 'not_judged', None), ('leg_nrs', 'improved', True)]"
json_value "changes" "$tmp/out" 'd["changes"][0]["delta"], d["changes"][0]["threshold"]' "(-20.0, 10.0)"
json_value "changes" "$tmp/out" 'd["changes"][2]["percent"]' "-57.143"
run "changes text" 0 score "$tmp/two.json"
has "changes text" "$tmp/out" "Improved by 20: at least the minimal important change of 10 [ostelo2008.mic.odi]"
has "changes text" "$tmp/out" "the band went from positive to negative"

# 5. An invalid case: diagnostics on stderr, nothing on stdout, exit 2 (also in JSON mode).
bad="$RESORB_SOURCE_DIR/tests/bad/questionnaire-odi-item-6.json"
for fmt in text json; do
    run "invalid $fmt" 2 score --format "$fmt" "$bad"
    [ -s "$tmp/out" ] && fail "invalid $fmt: something on stdout: $(head -c 200 "$tmp/out")"
    has "invalid $fmt" "$tmp/err" "questionnaire-odi-item-6.json"
    has "invalid $fmt" "$tmp/err" "/questionnaires/odi/0/items/"
done

# 6. Several files: one JSON document per line; a bad one in the middle makes the exit 2.
run "several" 2 score --format json "$example" "$bad" "$tmp/two.json"
lines=$(wc -l <"$tmp/out")
[ "$lines" -eq 2 ] || fail "several: $lines lines on stdout, expected 2"

# 7. Usage errors and help.
run "no file" 1 score
run "bad format" 1 score --format xml "$example"
run "bad option" 1 score --frobnicate "$example"
run "help" 0 score --help
has "help" "$tmp/out" "usage: resorb score"
run "command list" 0 help
has "command list" "$tmp/out" "score"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "score_cli: ok"
