#!/usr/bin/env bash
# store_disk: a read-only or full disk gives a clear error and leaves nothing half-written.
#  1. Read-only: the database file chmod 0444 and its directory 0555. Every write (case add,
#     visit add, case delete, db migrate) exits 3 with "read-only" and the file is unchanged
#     byte for byte; readers (patients, case export, cohort, db check) still work, although
#     SQLite cannot create its -shm index there. As root, permissions do not stop writes, so
#     the commands run as the user nobody (setpriv); without setpriv that part is skipped.
#  2. Full: the database on a 256 KiB tmpfs (needs mount; skipped with the reason when not
#     allowed), cases added until the disk is full: the failing add exits 3 with "full", the
#     registry holds exactly the cases acknowledged before, db check --deep passes, and after
#     space is freed writing works again. The same with a quota (RESORB_DB_MAX_BYTES), which
#     needs no mount and always runs.
# label: quick
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_SOURCE_DIR:?set RESORB_SOURCE_DIR to the source tree}"

tmp=$(mktemp -d)
mnt=
cleanup() {
    chmod -R u+w "$tmp" 2>/dev/null || true
    if [ -n "$mnt" ]; then umount "$mnt" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
export LANG=C
unset LC_ALL LC_MESSAGES
ex=$RESORB_SOURCE_DIR/examples
visit=$tmp/visit.json
echo '{"date": "2025-09-30", "leg_pain_nrs": 2}' >"$visit"
chmod 0644 "$visit"

# ---- 1. read-only ----
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null; then
        as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        echo "SKIP: read-only part: running as root and setpriv is missing"
    fi
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
    ro=$tmp/ro
    mkdir -p "$ro"
    chmod 0755 "$tmp"
    "$RESORB" db init --db "$ro/r.db" >/dev/null
    "$RESORB" case add --db "$ro/r.db" "$ex/seed-l5s1-right.json" "$ex/foot-drop.json" >/dev/null
    [ "$(id -u)" -eq 0 ] && chown -R 65534:65534 "$ro"
    chmod 0444 "$ro/r.db"
    chmod 0555 "$ro"
    sum=$(sha256sum "$ro/r.db")
    ro_run() { # EXPECTED_RC ARGS...
        local expected=$1 rc=0
        shift
        "${as_user[@]}" "$RESORB" "$@" --db "$ro/r.db" >"$tmp/out" 2>"$tmp/err" || rc=$?
        [ "$rc" -eq "$expected" ] || { fail "read-only: $*: exit $rc, expected $expected"; cat "$tmp/err" >&2; }
    }
    for args in "case add $ex/cauda-equina.json" "visit add 1 $visit" "case delete 2" \
        "case delete 2 --purge" "db migrate"; do
        # shellcheck disable=SC2086 # the words are meant to split
        ro_run 3 $args
        grep -q 'read-only' "$tmp/err" || fail "read-only: $args: no clear message: $(cat "$tmp/err")"
    done
    ro_run 0 patients
    [ "$(wc -l <"$tmp/out")" -eq 3 ] || fail "read-only: patients lists $(wc -l <"$tmp/out") lines"
    ro_run 0 case export 2
    grep -q '"id":"foot-drop"' "$tmp/out" || fail "read-only: export"
    ro_run 0 cohort --csv
    ro_run 0 db check --deep
    [ "$(sha256sum "$ro/r.db")" = "$sum" ] || fail "read-only: the database file changed"
    [ -z "$(ls "$ro" | grep -v '^r.db$')" ] || fail "read-only: files appeared: $(ls "$ro")"
    echo "read-only: writes refused with a clear message, reads work, file unchanged"
fi

# ---- 2. full ----
# fill DB: adds generated cases one command at a time until one fails; prints how many were
# stored, leaves the failing command's output in $tmp/full.out/err and its code in $tmp/full.rc.
fill() {
    local db=$1 n=0 rc=0 id
    for f in "$ex"/*.json; do jq -c 'del(.id)' "$f"; done >"$tmp/pool.ndjson"
    while :; do
        rc=0
        "$RESORB" case add --db "$db" --ndjson "$tmp/pool.ndjson" >"$tmp/full.out" 2>"$tmp/full.err" || rc=$?
        [ "$rc" -eq 0 ] || break
        n=$((n + $(wc -l <"$tmp/full.out")))
        [ "$n" -lt 100000 ] || break
    done
    echo "$rc" >"$tmp/full.rc"
    echo "$n"
}
check_full() { # NAME DB STORED
    local name=$1 db=$2 stored=$3
    [ "$(cat "$tmp/full.rc")" -eq 3 ] || fail "$name: the failing add exited $(cat "$tmp/full.rc"), expected 3"
    grep -q 'full' "$tmp/full.err" || fail "$name: no clear message: $(cat "$tmp/full.err")"
    grep -q 'nothing was stored' "$tmp/full.err" || fail "$name: does not say nothing was stored"
    [ ! -s "$tmp/full.out" ] || fail "$name: ids printed for a failed add"
    [ "$stored" -gt 0 ] || fail "$name: nothing could be stored at all"
    local listed
    listed=$("$RESORB" patients --db "$db" | tail -n +2 | wc -l)
    [ "$listed" -eq "$stored" ] || fail "$name: $listed patients listed, $stored acknowledged"
    "$RESORB" db check --deep --db "$db" >"$tmp/check" 2>&1 || { fail "$name: db check:"; cat "$tmp/check" >&2; }
}

mnt=$tmp/mnt
mkdir -p "$mnt"
if mount -t tmpfs -o size=256k tmpfs "$mnt" 2>"$tmp/mount.err"; then
    "$RESORB" db init --db "$mnt/r.db" >/dev/null
    stored=$(fill "$mnt/r.db")
    check_full "full tmpfs" "$mnt/r.db" "$stored"
    # the full registry can still be backed up, and the copy takes writes
    "$RESORB" db backup --db "$mnt/r.db" "$tmp/after-full.db" >/dev/null || fail "full tmpfs: backup"
    umount "$mnt"
    mnt=
    "$RESORB" case add --db "$tmp/after-full.db" "$ex/seed-l5s1-right.json" >/dev/null ||
        fail "full tmpfs: the backup does not take writes"
    echo "full disk (tmpfs 256 KiB): $stored cases stored, the next add refused, nothing half-written"
else
    echo "SKIP: full disk on a tmpfs: mount is not allowed here ($(head -n 1 "$tmp/mount.err"))"
    mnt=
fi

# The same through a quota, which needs no mount.
db=$tmp/quota.db
"$RESORB" db init --db "$db" >/dev/null
size=$(stat -c %s "$db")
export RESORB_DB_MAX_BYTES=$((size + 65536))
stored=$(fill "$db")
check_full "quota" "$db" "$stored"
unset RESORB_DB_MAX_BYTES
"$RESORB" case add --db "$db" "$ex/seed-l5s1-right.json" >/dev/null || fail "quota: no writes after lifting it"
echo "full database (quota): $stored cases stored, the next add refused, nothing half-written"

if [ "$failures" -ne 0 ]; then
    echo "store_disk: $failures failure(s)" >&2
    exit 1
fi
echo "store_disk: ok"
