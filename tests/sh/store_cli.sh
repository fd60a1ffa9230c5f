#!/usr/bin/env bash
# store_cli: the registry through the resorb command. db init/migrate are idempotent; every
# example is stored in one `case add`, listed, exported as case JSON that `resorb validate`
# accepts and that equals the example (code lists compared as sets) and re-imports to the same
# bytes; visit add and study add extend a record (as_of moves forward); an invalid visit or
# study, a stored case id, or one invalid file among valid ones exits 2 and changes nothing;
# delete hides, --purge removes; the cohort CSV has its header and one row per finding; check,
# backup, audit, Japanese messages and usage errors.
# label: quick
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_SOURCE_DIR:?set RESORB_SOURCE_DIR to the source tree}"
for tool in jq sqlite3; do
    command -v "$tool" >/dev/null || { echo "store_cli: $tool is required (scripts/install-deps)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
export RESORB_DB=$tmp/registry.db
# run NAME EXPECTED_RC ARGS...: resorb with LANG unset; output in $tmp/out and $tmp/err.
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
# The state a failed write must not change: every record, the audit trail, the row counts.
snapshot() {
    {
        env -u LANG "$RESORB" patients --all --format json | jq -c 'del(.patients[].updated_at)'
        env -u LANG "$RESORB" db audit | wc -l
        env -u LANG "$RESORB" db check | grep -v '^check'
        for id in $(env -u LANG "$RESORB" patients --format json | jq '.patients[].id'); do
            env -u LANG "$RESORB" case export "$id"
        done
    } >"$1"
}
unchanged() { # NAME SNAPSHOT
    snapshot "$tmp/after"
    cmp -s "$2" "$tmp/after" || fail "$1: the registry changed"
}
# A case as a canonical document: keys sorted, code lists (arrays of strings) sorted.
normal() {
    jq -S 'walk(if type == "array" and length > 0 and all(.[]; type == "string") then sort
                else . end)' "$1"
}

examples=("$RESORB_SOURCE_DIR"/examples/*.json)
n=${#examples[@]}

# 1. init and migrate, twice each: idempotent.
run "missing db" 3 patients
has "missing db" "$tmp/err" "resorb db init"
[ ! -e "$RESORB_DB" ] || fail "a reader created the database"
run "init" 0 db init
has "init" "$tmp/out" "registry ready (schema version"
run "init again" 0 db init
run "migrate" 0 db migrate
has "migrate" "$tmp/out" "nothing to migrate"
[ "$(stat -c %a "$RESORB_DB")" = 600 ] || fail "the database file is not mode 0600"

# 2. Every example in one command: ids 1..n in input order.
run "add examples" 0 case add "${examples[@]}"
[ "$(cat "$tmp/out")" = "$(seq 1 "$n")" ] || fail "add examples: ids $(tr '\n' ' ' <"$tmp/out")"
snapshot "$tmp/before"

# 3. Nothing is stored when anything fails: a stored id, one invalid file among valid ones, an
#    unreadable file.
jq 'del(.id)' "$RESORB_SOURCE_DIR/examples/seed-l5s1-right.json" >"$tmp/noid.json"
run "stored id" 2 case add "$tmp/noid.json" "${examples[0]}"
has "stored id" "$tmp/err" "is already stored (patient 1)"
has "stored id" "$tmp/err" "nothing was stored"
[ ! -s "$tmp/out" ] || fail "stored id: ids printed"
run "invalid among valid" 2 case add "$tmp/noid.json" "$RESORB_SOURCE_DIR/tests/bad/range-age-121.json"
has "invalid among valid" "$tmp/err" "error[range] /patient/age"
[ ! -s "$tmp/out" ] || fail "invalid among valid: ids printed"
run "unreadable" 3 case add "$tmp/noid.json" "$tmp/does-not-exist.json"
cat "$tmp/noid.json" "$tmp/noid.json" | jq -c . >"$tmp/two.ndjson"
echo '{"format": "resorb.case/1"}' >>"$tmp/two.ndjson"
run "ndjson with an invalid line" 2 case add --ndjson "$tmp/two.ndjson"
has "ndjson with an invalid line" "$tmp/err" "two.ndjson:3: error[required]"
unchanged "failed adds" "$tmp/before"

# 4. The list.
run "patients" 0 patients
[ "$(wc -l <"$tmp/out")" -eq $((n + 1)) ] || fail "patients: $(wc -l <"$tmp/out") lines"
has "patients" "$tmp/out" "$(printf '5\tfollowup-second-mri\t33\tfemale\t2024-09-10\t2025-03-13\t2024-09-25\t2025-03-13\t6\t2')"
run "patients json" 0 patients --format json
[ "$(jq '.patients | length' "$tmp/out")" -eq "$n" ] || fail "patients json: count"
[ "$(jq -r .format "$tmp/out")" = resorb.patients/1 ] || fail "patients json: format"

# 5. Export = the example; validate accepts it; re-import gives the same bytes.
i=0
for f in "${examples[@]}"; do
    i=$((i + 1))
    run "export $i" 0 case export "$i"
    cp "$tmp/out" "$tmp/export-$i.json"
    [ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "export $i: not one line"
    run "validate export $i" 0 validate "$tmp/export-$i.json"
    if ! diff <(normal "$f") <(normal "$tmp/export-$i.json") >"$tmp/diff"; then
        fail "export $i differs from $(basename "$f"):"
        head -20 "$tmp/diff" >&2
    fi
done
cat "$tmp"/export-*.json >"$tmp/all.ndjson"
run "init second" 0 db init --db "$tmp/second.db"
run "re-import" 0 case add --db "$tmp/second.db" --ndjson --batch 4 "$tmp/all.ndjson"
[ "$(wc -l <"$tmp/out")" -eq "$n" ] || fail "re-import: $(wc -l <"$tmp/out") ids"
env -u LANG "$RESORB" patients --db "$tmp/second.db" --format json |
    jq -r '.patients[] | "\(.id) \(.case_id)"' | while read -r id cid; do
    src=$(grep -l "\"id\":\"$cid\"" "$tmp"/export-*.json)
    env -u LANG "$RESORB" case export --db "$tmp/second.db" "$id" | cmp -s - "$src" ||
        echo "re-export of $cid differs" >>"$tmp/reexport"
done
[ ! -s "$tmp/reexport" ] || fail "$(cat "$tmp/reexport")"
# --db before the command means the same as after it (resorb --db FILE COMMAND).
run "global --db" 0 --db "$tmp/second.db" patients --format json
[ "$(jq '.patients | length' "$tmp/out")" -eq "$n" ] || fail "global --db: count"
run "global --db=" 0 --db="$tmp/second.db" --lang ja patients
[ "$(wc -l <"$tmp/out")" -eq $((n + 1)) ] || fail "global --db=: $(wc -l <"$tmp/out") lines"
run "global --db on a command without a registry" 1 --db "$tmp/second.db" evidence chiu2015.regression.extrusion
has "global --db, evidence" "$tmp/err" '--db'
run "global --db without a value" 1 --db
has "global --db without a value" "$tmp/err" '--db'
run "global --db without a command" 1 --db "$tmp/second.db"
has "global --db without a command" "$tmp/err" 'usage: resorb'

# 6. visit add / study add: valid ones extend the record; as_of moves forward.
cat >"$tmp/visit.json" <<'EOF'
{"date": "2025-04-10", "leg_pain_nrs": 1, "back_pain_nrs": 0, "course": "improving",
 "motor": [{"muscle": "ankle_plantarflexion", "side": "right", "mmt": 5}]}
EOF
run "visit add" 0 visit add 5 "$tmp/visit.json"
has "visit add" "$tmp/out" "visit of 2025-04-10 added to patient 5"
run "export after visit" 0 case export 5
[ "$(jq '.visits | length' "$tmp/out")" -eq 7 ] || fail "visit add: visits not 7"
[ "$(jq -r .as_of "$tmp/out")" = 2025-04-10 ] || fail "visit add: as_of did not move"
cp "$tmp/out" "$tmp/after-visit.json"
run "validate after visit" 0 validate "$tmp/after-visit.json"
cat >"$tmp/study.json" <<'EOF'
{"date": "2025-06-01", "modality": "mri",
 "findings": [{"level": "L5/S1", "morphology": "extrusion", "side": "right", "ap_mm": 1.5,
               "volume_mm3": 120.25}]}
EOF
run "study add" 0 study add 5 "$tmp/study.json"
has "study add" "$tmp/out" "imaging study of 2025-06-01 added to patient 5"
run "export after study" 0 case export 5
[ "$(jq '.imaging | length' "$tmp/out")" -eq 3 ] || fail "study add: studies not 3"
[ "$(jq -r '.imaging[2].findings[0].volume_mm3' "$tmp/out")" = 120.25 ] || fail "study add: volume"
[ "$(jq -r .as_of "$tmp/out")" = 2025-06-01 ] || fail "study add: as_of did not move"
snapshot "$tmp/before"

# 7. Invalid visits and studies: exit 2, a precise diagnostic, nothing changed.
echo '{"date": "2025-04-01", "leg_pain_nrs": 2}' >"$tmp/early.json"
run "visit out of order" 2 visit add 5 "$tmp/early.json"
has "visit out of order" "$tmp/err" "early.json: error[out_of_order] /date: the date 2025-04-01 is earlier than the previous entry's date 2025-04-10"
echo '{"date": "2025-07-01", "leg_pain_nrs": 11, "mood": "fine"}' >"$tmp/bad-visit.json"
run "visit invalid" 2 visit add 5 "$tmp/bad-visit.json"
has "visit invalid" "$tmp/err" "error[range] /leg_pain_nrs"
has "visit invalid" "$tmp/err" "error[unknown_field] /mood"
echo '{"date": "2025-07-01", "leg_pain_nrs": 1' >"$tmp/syntax.json"
run "visit syntax" 2 visit add 5 "$tmp/syntax.json"
has "visit syntax" "$tmp/err" "syntax.json:2:1: error[syntax]"
run "visit no patient" 2 visit add 999 "$tmp/visit.json"
has "visit no patient" "$tmp/err" "no patient 999 in the registry"
cat >"$tmp/dup-study.json" <<'EOF'
{"date": "2025-07-01", "modality": "mri", "findings": [
  {"level": "L4/L5", "morphology": "bulge", "side": "left"},
  {"level": "L4/L5", "morphology": "protrusion", "side": "left"}]}
EOF
run "study duplicate finding" 2 study add 5 "$tmp/dup-study.json"
has "study duplicate finding" "$tmp/err" "error[duplicate_finding] /findings/1"
echo '{"date": "2025-07-01", "findings": []}' >"$tmp/no-modality.json"
run "study invalid" 2 study add 5 "$tmp/no-modality.json"
has "study invalid" "$tmp/err" "error[required] /modality"
unchanged "invalid visits and studies" "$tmp/before"

# 8. The cohort CSV: header, CRLF, one row per finding of the patients not deleted.
header='patient_id,case_id,age,sex,onset,study_index,study_date,days_since_onset,days_since_first_study,modality,level,side,morphology,zone,migration,komori_grade,rim_enhancement,t2_signal,modic,pfirrmann,ap_mm,canal_compromise_pct,area_mm2,volume_mm3'
findings() { env -u LANG "$RESORB" patients --format json | jq '[.patients[].findings] | add'; }
run "cohort" 0 cohort --csv
[ "$(head -1 "$tmp/out" | tr -d '\r')" = "$header" ] || fail "cohort: header"
[ "$(wc -l <"$tmp/out")" -eq $(($(findings) + 1)) ] || fail "cohort: $(wc -l <"$tmp/out") lines for $(findings) findings"
[ "$(grep -c $'\r$' "$tmp/out")" -eq "$(wc -l <"$tmp/out")" ] || fail "cohort: lines not CRLF"
has "cohort" "$tmp/out" $'5,followup-second-mri,33,female,2024-09-10,3,2025-06-01,264,249,mri,L5/S1,right,extrusion,,,,,,,,1.5,,,120.25\r'
run "cohort to a file" 0 cohort --csv "$tmp/cohort.csv"
cmp -s "$tmp/cohort.csv" <(env -u LANG "$RESORB" cohort --csv) || fail "cohort: file differs from stdout"
[ -z "$(ls "$tmp" | grep partial)" ] || fail "cohort: a partial file was left"
run "cohort without --csv" 1 cohort

# 9. Soft delete hides; --purge removes.
run "delete" 0 case delete 3
has "delete" "$tmp/out" "patient 3 deleted (soft delete"
run "patients after delete" 0 patients
[ "$(wc -l <"$tmp/out")" -eq "$n" ] || fail "delete: still listed"
run "patients --all" 0 patients --all
has "patients --all" "$tmp/out" "elderly-ckd-anticoagulant"
run "export deleted" 2 case export 3
run "delete again" 2 case delete 3
run "cohort after delete" 0 cohort --csv
grep -q ',elderly-ckd-anticoagulant,' "$tmp/out" && fail "cohort: a deleted patient is in it"
[ "$(wc -l <"$tmp/out")" -eq $(($(findings) + 1)) ] || fail "cohort after delete: row count"
run "purge" 0 case delete 3 --purge
run "patients --all after purge" 0 patients --all
grep -q elderly-ckd-anticoagulant "$tmp/out" && fail "purge: still listed with --all"
run "add after purge" 0 case add "$RESORB_SOURCE_DIR/examples/elderly-ckd-anticoagulant.json"
[ "$(cat "$tmp/out")" -eq $((n + 1)) ] || fail "add after purge: id $(cat "$tmp/out") reused?"

# 10. check, backup, audit.
run "check" 0 db check --deep
has "check" "$tmp/out" "integrity: ok"
has "check" "$tmp/out" "records: all $n load as valid cases"
has "check" "$tmp/out" "check: ok"
run "backup" 0 db backup "$tmp/backup.db"
run "backup exists" 1 db backup "$tmp/backup.db"
has "backup exists" "$tmp/err" "never overwrites"
run "check backup" 0 db check --deep --db "$tmp/backup.db"
run "audit" 0 db audit
for action in db.migrate case.add visit.add study.add case.delete case.purge; do
    has "audit" "$tmp/out" "$action"
done
user=$(id -un)
[ "$(grep -c "	$user	case.add	" "$tmp/out")" -eq $((n + 1)) ] || fail "audit: case.add rows of $user"
run "audit of one patient" 0 db audit 5
[ "$(wc -l <"$tmp/out")" -eq 4 ] || fail "audit 5: $(wc -l <"$tmp/out") lines"

# 11. An older schema: refused until migrated; backup and check still read it.
cp "$tmp/backup.db" "$tmp/old.db"
sqlite3 "$tmp/old.db" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
    DROP INDEX audit_patient; DROP TABLE credentials; DROP TABLE users;
    DELETE FROM schema_version WHERE version >= 2;"
run "old schema refused" 2 patients --db "$tmp/old.db"
has "old schema refused" "$tmp/err" "resorb db migrate"
run "old schema check" 3 db check --db "$tmp/old.db"
has "old schema check" "$tmp/out" "schema version: 1, but this program expects 3"
run "old schema backup" 0 db backup --db "$tmp/old.db" "$tmp/old-backup.db"
run "migrate" 0 db migrate --db "$tmp/old.db"
has "migrate" "$tmp/out" "migrated from schema version 1 to 3"
run "migrate again" 0 db migrate --db "$tmp/old.db"
has "migrate again" "$tmp/out" "nothing to migrate"
run "check migrated" 0 db check --deep --db "$tmp/old.db"
run "audit of the migration" 0 db audit --db "$tmp/old.db"
has "audit of the migration" "$tmp/out" "	$user	db.migrate	-	schema version 2"
has "audit of the migration" "$tmp/out" "	$user	db.migrate	-	schema version 3"

# 12. Japanese, usage errors, other backends.
run "ja" 2 --lang ja case export 999
grep -q 'レジストリに患者 999 はいません' "$tmp/err" || fail "ja: no Japanese message"
run "ja patients" 0 --lang ja patients
has "ja patients" "$tmp/out" "発症日"
run "no verb" 1 case
run "bad id" 1 case export abc
run "bad id zero" 1 case delete 0
run "unknown verb" 1 db vacuum
run "visit without file" 1 visit add 5
run "help" 0 db --help
has "help" "$tmp/out" "usage: resorb db"
run "postgresql" 1 patients --db postgresql://localhost/resorb
has "postgresql" "$tmp/err" "PostgreSQL backend is not built yet"
echo "not a database at all, only text; long enough to fill a header page" >"$tmp/text.db"
run "not a database" 2 patients --db "$tmp/text.db"
has "not a database" "$tmp/err" "not a resorb registry"

if [ "$failures" -ne 0 ]; then
    echo "store_cli: $failures failure(s)" >&2
    exit 1
fi
echo "store_cli: ok"
