#!/usr/bin/env bash
# followup_cli: `resorb timeline` and `resorb forecast` on the follow-up examples, in English
# and Japanese, as text and as JSON (formats resorb.timeline/1 and resorb.forecast/1, checked
# with python3), byte-stable between runs; the herniation, its reduction and grade, the triage
# at each visit (failed-conservative: surgical consultation for no improvement from the visit
# past 3 months), the forecast's intervals in order; one study gives no forecast and a reason;
# an invalid case exits 2 with diagnostics on stderr and nothing on stdout; usage errors exit 1;
# an unreadable file exits 3. When `resorb db init` works (the registry is built in), the same
# record read with --patient from a fresh registry gives the same documents, an unknown patient
# exits 2 and a missing registry 3.
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
# run NAME EXPECTED_RC ARGS...: runs resorb with the locale unset, output in $tmp/out, $tmp/err.
run() {
    local name=$1 expected=$2
    shift 2
    local rc=0
    env -u LC_ALL -u LC_MESSAGES -u LANG -u RESORB_DB "$RESORB" "$@" >"$tmp/out" 2>"$tmp/err" ||
        rc=$?
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

ex="$RESORB_SOURCE_DIR/examples"
second="$ex/followup-second-mri.json"
failed="$ex/failed-conservative-4-months.json"
disclaimer="resorb supports, and does not replace, a clinician's judgement."

# 1. Timeline, text, English.
run "timeline text" 0 timeline "$second"
cp "$tmp/out" "$tmp/timeline.txt"
for want in "Timeline of followup-second-mri as of 2025-03-13 (onset 2024-09-10)" \
    "2024-09-25 (0.5 months after onset): leg pain 8, back pain 5, course worsening" \
    "Leg pain NRS: 2024-09-25 8 → 2024-10-03 8 → 2024-10-17 5" \
    "minimal clinically important difference reached" \
    "2025-03-06 MRI: L5/S1 right extrusion (volume 520 mm³" \
    "L5/S1 right, extrusion (baseline 2024-09-25): marked resorption" \
    "volume 2100 mm³ → 520 mm³, change -1580 mm³, reduction 75.2%: marked resorption" \
    "zou2023.reduction.50_or_more" "$disclaimer"; do
    has "timeline text" "$tmp/timeline.txt" "$want"
done
[ -s "$tmp/err" ] && fail "timeline text: stderr not empty"

# 2. Timeline, JSON: the herniation, the triage per visit.
run "timeline json" 0 timeline --format json "$failed"
cp "$tmp/out" "$tmp/failed.json"
json_value "timeline json" "$tmp/failed.json" "d['format']" "resorb.timeline/1"
json_value "timeline json" "$tmp/failed.json" "len(d['visits'])" "5"
json_value "timeline json" "$tmp/failed.json" "d['herniations'][0]['points'][1]['measure']" "ap"
json_value "timeline json" "$tmp/failed.json" "d['herniations'][0]['grade']" "none"
json_value "timeline json" "$tmp/failed.json" \
    "[('surgical.no_improvement' in v['triage']['rules']) for v in d['visits']]" \
    "[False, False, False, True, True]"
json_value "timeline json" "$tmp/failed.json" "d['visits'][3]['date']" "2025-02-19"
json_value "timeline json" "$tmp/failed.json" "d['visits'][3]['triage']['category']" \
    "surgical_consultation"
json_value "timeline json" "$tmp/failed.json" "d['visits'][3]['known']['studies']" "1"
json_value "timeline json" "$tmp/failed.json" "d['symptoms'][0]['change']['mcid_reached']" "False"
json_value "timeline json" "$tmp/failed.json" \
    "all(e in d['evidence'] for r in d['herniations'][0]['reasons'] for e in r['evidence'])" "True"

# 3. Japanese.
run "timeline ja" 0 --lang ja timeline "$second"
has "timeline ja" "$tmp/out" "followup-second-mri の経過(2025-03-13 時点、発症 2024-09-10)"
has "timeline ja" "$tmp/out" "著明な吸収"
has "timeline ja" "$tmp/out" "受診と各時点のトリアージ"
run "forecast ja" 0 --lang ja forecast "$second"
has "forecast ja" "$tmp/out" "followup-second-mri の吸収予測(2025-03-13 時点)"
has "forecast ja" "$tmp/out" "ベースラインの"
has "forecast ja" "$tmp/out" "50% 縮小"

# 4. Forecast, text and JSON.
run "forecast text" 0 forecast "$second"
cp "$tmp/out" "$tmp/forecast.txt"
for want in "Resorption forecast for followup-second-mri as of 2025-03-13" \
    "L5/S1 right, extrusion: volume, baseline 2100 mm³ on 2024-09-25" \
    "measured 2025-03-06 (5.3 months): 25% of the baseline (520 mm³)" \
    "at 12 months (2025-09-25):" "50% reduction:" "chictr2400094586.rate.type3_sd" \
    "$disclaimer"; do
    has "forecast text" "$tmp/forecast.txt" "$want"
done
run "forecast json" 0 forecast --format json "$second"
cp "$tmp/out" "$tmp/forecast.json"
json_value "forecast json" "$tmp/forecast.json" "d['format']" "resorb.forecast/1"
json_value "forecast json" "$tmp/forecast.json" "d['herniations'][0]['fitted']" "True"
json_value "forecast json" "$tmp/forecast.json" \
    "[h['months'] for h in d['herniations'][0]['horizons']]" "[3.0, 6.0, 12.0]"
json_value "forecast json" "$tmp/forecast.json" \
    "all(x['relative']['low95'] <= x['relative']['low80'] <= x['relative']['median'] <= x['relative']['high80'] <= x['relative']['high95'] for x in d['herniations'][0]['horizons'])" \
    "True"
json_value "forecast json" "$tmp/forecast.json" \
    "d['herniations'][0]['horizons'][2]['relative']['median'] < 0.5" "True"
json_value "forecast json" "$tmp/forecast.json" \
    "d['herniations'][0]['half_reduction']['within_horizon_probability'] > 0.9" "True"

# 5. Byte-stable.
run "forecast again" 0 forecast --format json "$second"
cmp -s "$tmp/out" "$tmp/forecast.json" || fail "forecast json differs between runs"
run "timeline again" 0 timeline "$second"
cmp -s "$tmp/out" "$tmp/timeline.txt" || fail "timeline text differs between runs"

# 6. One study only: no forecast, a reason.
run "one study" 0 forecast --format json "$ex/seed-l5s1-right.json"
json_value "one study" "$tmp/out" "d['herniations'][0]['fitted']" "False"
json_value "one study" "$tmp/out" "d['herniations'][0]['reasons'][0]['key']" \
    "followup.forecast.single_study"

# 7. Invalid input, usage errors, unreadable file.
printf '{"format":"resorb.case/1","patient":{"age":45}}' >"$tmp/bad.json"
for cmd in timeline forecast; do
    run "$cmd invalid" 2 "$cmd" "$tmp/bad.json"
    [ -s "$tmp/out" ] && fail "$cmd invalid: output on stdout"
    has "$cmd invalid" "$tmp/err" "error[required]"
    run "$cmd no input" 1 "$cmd"
    run "$cmd two inputs" 1 "$cmd" "$second" "$failed"
    run "$cmd bad format" 1 "$cmd" --format xml "$second"
    run "$cmd bad option" 1 "$cmd" --frobnicate "$second"
    run "$cmd bad patient" 1 "$cmd" --patient abc
    run "$cmd db without patient" 1 "$cmd" --db "$tmp/x.db" "$second"
    run "$cmd help" 0 "$cmd" --help
    has "$cmd help" "$tmp/out" "usage: resorb $cmd"
    run "$cmd unreadable" 3 "$cmd" "$tmp/missing.json"
done

# 8. The registry, when it is built in.
db="$tmp/reg.db"
if env -u RESORB_DB "$RESORB" db init --db "$db" >/dev/null 2>&1; then
    run "case add" 0 case add --db "$db" "$second"
    id=$(awk 'NF { last = $1 } END { print last }' "$tmp/out")
    run "timeline patient" 0 timeline --patient "$id" --db "$db" --format json
    cp "$tmp/out" "$tmp/patient_timeline.json"
    run "timeline file json" 0 timeline --format json "$second"
    python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
sys.exit(0 if a == b else 1)' "$tmp/patient_timeline.json" "$tmp/out" ||
        fail "timeline --patient differs from the case file"
    RESORB_DB="$db" "$RESORB" forecast --patient "$id" --format json >"$tmp/pf.json" 2>"$tmp/err" ||
        fail "forecast --patient with RESORB_DB failed"
    python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
sys.exit(0 if a == b else 1)' "$tmp/pf.json" "$tmp/forecast.json" ||
        fail "forecast --patient differs from the case file"
    run "unknown patient" 2 timeline --patient 999999 --db "$db"
    has "unknown patient" "$tmp/err" "no patient 999999"
    run "missing registry" 3 forecast --patient 1 --db "$tmp/none/reg.db"
else
    echo "followup_cli: the registry is not built in; --patient not tested" >&2
fi

if [ "$failures" -ne 0 ]; then
    echo "followup_cli: $failures failure(s)" >&2
    exit 1
fi
echo "followup_cli: ok"
