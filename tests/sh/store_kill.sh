#!/usr/bin/env bash
# store_kill: a writer killed with SIGKILL in the middle of a stream of writes loses nothing it
# acknowledged and leaves a sound database. In each round resorb-store-writer stores generated
# cases (one per transaction, then ten per transaction), adding a follow-up visit now and then,
# and prints an acknowledgement after each commit; while it writes, readers (`resorb patients`,
# `resorb case export`, `resorb db check`) must succeed; at a random moment it is killed with
# SIGKILL. Then `resorb db check --deep` must pass (PRAGMA integrity_check, foreign keys,
# schema version, every record loads) and `resorb-store-writer verify` must find every
# acknowledged case, exactly as it was written, and every acknowledged visit.
# label: slow
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_GENCASES:?set RESORB_GENCASES to the resorb-gencases binary}"
: "${RESORB_STORE_WRITER:?set RESORB_STORE_WRITER to the resorb-store-writer binary}"

tmp=$(mktemp -d)
writer_pid=
cleanup() {
    if [ -n "$writer_pid" ]; then
        kill -9 "$writer_pid" 2>/dev/null || true
        wait "$writer_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
export RESORB_DB=$tmp/registry.db
export LANG=C
count=4000
min_acks=150
[ "${RESORB_SANITIZE:-OFF}" = ON ] && min_acks=60

"$RESORB" db init >/dev/null
reads=0
round=0
for batch in 1 10 1; do
    round=$((round + 1))
    "$RESORB_GENCASES" --seed "$((1000 + round))" --count "$count" >"$tmp/cases-$round.ndjson"
    # gencases numbers its ids per seed, so rounds never collide on a case id
    "$RESORB_STORE_WRITER" write "$RESORB_DB" --batch "$batch" \
        <"$tmp/cases-$round.ndjson" >"$tmp/acks-$round" 2>"$tmp/writer-$round.err" &
    writer_pid=$!
    # Kill after a random number of acknowledgements, reading meanwhile.
    target=$((min_acks + RANDOM % 200))
    deadline=$((SECONDS + 120))
    while :; do
        acks=$(grep -c '^ack case' "$tmp/acks-$round" || true)
        [ "$acks" -ge "$target" ] && break
        if ! kill -0 "$writer_pid" 2>/dev/null; then
            fail "round $round: the writer stopped after $acks acknowledgements:"
            cat "$tmp/writer-$round.err" >&2
            break
        fi
        [ "$SECONDS" -lt "$deadline" ] || { fail "round $round: too slow ($acks acks)"; break; }
        if ! "$RESORB" patients >/dev/null 2>"$tmp/reader.err"; then
            fail "round $round: a reader failed while the writer wrote:"
            cat "$tmp/reader.err" >&2
        fi
        last=$(tail -n 1 "$tmp/acks-$round" | awk '$2 == "case" { print $3 }')
        if [ -n "$last" ] && ! "$RESORB" case export "$last" >/dev/null 2>"$tmp/reader.err"; then
            fail "round $round: exporting acknowledged patient $last failed while writing:"
            cat "$tmp/reader.err" >&2
        fi
        reads=$((reads + 2))
    done
    if [ "$round" -eq 2 ] && ! "$RESORB" db check >/dev/null 2>"$tmp/reader.err"; then
        fail "round $round: db check failed while the writer wrote"
        cat "$tmp/reader.err" >&2
    fi
    kill -9 "$writer_pid" 2>/dev/null || true
    wait "$writer_pid" 2>/dev/null || true
    writer_pid=
    acked=$(grep -c '^ack case' "$tmp/acks-$round" || true)
    visits=$(grep -c '^ack visit' "$tmp/acks-$round" || true)

    # After the kill: a sound database...
    if ! "$RESORB" db check --deep >"$tmp/check" 2>&1; then
        fail "round $round: db check --deep after SIGKILL:"
        cat "$tmp/check" >&2
    fi
    grep -q '^integrity: ok$' "$tmp/check" || fail "round $round: integrity_check not ok"
    # ... holding every acknowledged write, exactly.
    if ! "$RESORB_STORE_WRITER" verify "$RESORB_DB" "$tmp/cases-$round.ndjson" \
        <"$tmp/acks-$round" >"$tmp/verify" 2>&1; then
        fail "round $round: acknowledged writes missing:"
        cat "$tmp/verify" >&2
    fi
    echo "round $round (batch $batch): killed after $acked acknowledged cases and $visits visits; $(cat "$tmp/verify")"
done
stored=$("$RESORB" patients | tail -n +2 | wc -l)
total=$(cat "$tmp"/acks-* | grep -c '^ack case')
[ "$stored" -ge "$total" ] || fail "$stored patients stored, $total acknowledged"
# The registry still takes writes after the kills.
"$RESORB_GENCASES" --seed 99 --count 5 >"$tmp/more.ndjson"
"$RESORB" case add --ndjson "$tmp/more.ndjson" >/dev/null || fail "adding after the kills failed"
echo "store_kill: $total acknowledged cases in $stored stored patients; $reads reads during writes"

if [ "$failures" -ne 0 ]; then
    echo "store_kill: $failures failure(s)" >&2
    exit 1
fi
echo "store_kill: ok"
