#!/usr/bin/env bash
# server_registry: the registry handles `resorb serve` keeps open between requests
# (src/server/registry.c, docs/operations.md). On one keep-alive connection, with a command
# between two of its requests:
#  - a patient added by the CLI (`resorb case add`) is in the next request's list, and a visit
#    added by the CLI in the next timeline: nothing is read from an old snapshot;
#  - a token revoked by the CLI (`resorb user revoke`) gets 401 on the next request (after
#    which the server closes the connection, as after every refusal);
#  - the registry stays open between requests (its -wal file stays; it is not created and
#    removed by every request), and a SIGTERM closes it (no -wal left);
#  - a registry replaced by another file moved into place is read from the new file on the
#    next request (the old handles are dropped, not reused); a deleted registry answers 503
#    store_unavailable, and once it exists again the next request is served;
#  - a server started without its registry answers 503 store_unavailable until it is created.
# label: quick
set -euo pipefail

: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
test_name=server_registry needs="curl jq"
. "$RESORB_SOURCE_DIR/tests/support/server_test.bash"

db=$tmp/registry.db
case_file=$src/examples/followup-second-mri.json
printf 'doc-pw\n' | "$resorb" user add doc --role clinician --db "$db" >/dev/null
printf 'eve-pw\n' | "$resorb" user add eve --role viewer --db "$db" >/dev/null
doc=$("$resorb" user token doc --db "$db")
eve=$("$resorb" user token eve --db "$db")
DOC="Authorization: Bearer $doc"
EVE="Authorization: Bearer $eve"
# error_is CODE: the last answer's error code
error_is() { [ "$(jq -r .error.code "$tmp/body" 2>/dev/null)" = "$1" ]; }

serve R --db "$db"
keep_open R 3

# ---- writes by the CLI between two requests of one connection -------------------------------------
keep_req 3 /api/v1/patients "$DOC"
check "the first request on the connection" "$code $(jq '.patients | length' "$tmp/body" 2>/dev/null)" "200 0"
[ -e "$db-wal" ] && ok "the registry stays open between requests (its -wal file stays)" \
    || bad "registry kept open" "no $db-wal after a request"
id=$("$resorb" case add --db "$db" "$case_file")
keep_req 3 /api/v1/patients "$DOC"
check "a patient added by the CLI is listed by the next request on the same connection" \
    "$code $(jq -r '[.patients[].id] | join(",")' "$tmp/body" 2>/dev/null)" "200 $id"
keep_req 3 "/api/v1/patients/$id/timeline" "$EVE"
n=$(jq '.visits | length' "$tmp/body" 2>/dev/null || echo -)
check "the timeline on the same connection" "$code" 200
printf '{"date": "2025-09-11", "leg_pain_nrs": 0, "back_pain_nrs": 1, "course": "stable"}\n' >"$tmp/visit.json"
"$resorb" visit add --db "$db" "$id" "$tmp/visit.json" >/dev/null
keep_req 3 "/api/v1/patients/$id/timeline" "$EVE"
check "a visit added by the CLI is in the next timeline on the same connection" \
    "$code $(jq '.visits | length' "$tmp/body" 2>/dev/null)" "200 $((n + 1))"

# ---- revocation between two requests of one connection --------------------------------------------
keep_req 3 /api/v1/me "$EVE"
check "eve's token works" "$code $(jq -r .user "$tmp/body" 2>/dev/null)" "200 eve"
"$resorb" user revoke eve --all --db "$db" >/dev/null
keep_req 3 /api/v1/me "$EVE"
check "a token revoked by the CLI gets 401 on the next request of the same connection" "$code" 401
keep_req 3 /api/v1/me "$DOC"
check "... after which the server closes the connection, as after every refusal" "$code" 000
keep_open R 3
keep_req 3 /api/v1/me "$DOC"
check "another user's token on a new connection" "$code $(jq -r .user "$tmp/body" 2>/dev/null)" "200 doc"

# ---- a registry replaced, deleted, created again -------------------------------------------------
# Another registry moved into place (how a restore from a backup should be done: the file, and
# no -wal or -shm of the old one), with a user of its own.
other=$tmp/other.db
printf 'zoe-pw\n' | "$resorb" user add zoe --role viewer --db "$other" >/dev/null
zoe=$("$resorb" user token zoe --db "$other")
ZOE="Authorization: Bearer $zoe"
keep_req 3 /api/v1/me "$ZOE"
check "zoe is not in the registry yet" "$code" 401
keep_open R 3
keep_req 3 /api/v1/me "$DOC"
check "doc's token, with the registry's handles kept" "$code" 200
mv "$other" "$db"
rm -f "$db-wal" "$db-shm"
keep_req 3 /api/v1/me "$ZOE"
check "a registry replaced by another file: the next request reads the new file" \
    "$code $(jq -r .user "$tmp/body" 2>/dev/null)" "200 zoe"
keep_req 3 /api/v1/me "$DOC"
check "... in which doc's token does not exist" "$code" 401
keep_open R 3
keep_req 3 /api/v1/me "$ZOE"
check "zoe again" "$code" 200
rm -f "$db" "$db-wal" "$db-shm"
keep_req 3 /api/v1/me "$ZOE"
check "a deleted registry: 503" "$code" 503
error_is store_unavailable && ok "... store_unavailable" || bad "deleted registry error" "$(head -c 200 "$tmp/body")"
printf 'zoe-pw\n' | "$resorb" user add zoe --role viewer --db "$db" >/dev/null
zoe=$("$resorb" user token zoe --db "$db")
keep_open R 3
keep_req 3 /api/v1/me "Authorization: Bearer $zoe"
check "created again: the next request is served" "$code $(jq -r .user "$tmp/body" 2>/dev/null)" "200 zoe"
exec 3<&- 3>&-
grep -q '"event":"store_error"' "$tmp/R.log" && ok "the log says why the registry could not be opened" \
    || bad "store_error event" "missing"
stop R TERM
[ ! -e "$db-wal" ] && ok "after the stop the registry is closed (no -wal left)" || bad "closed at the stop" "$db-wal remains"

# ---- a server started before its registry exists -----------------------------------------------
late=$tmp/late.db
serve L --db "$late"
keep_open L 4
keep_req 4 /api/v1/me "$DOC"
check "no registry yet: 503" "$code" 503
error_is store_unavailable && ok "... store_unavailable" || bad "no registry error" "$(head -c 200 "$tmp/body")"
keep_open L 4
keep_req 4 /healthz
check "the public endpoints are served meanwhile" "$code" 200
printf 'doc-pw\n' | "$resorb" user add doc --role clinician --db "$late" >/dev/null
doc=$("$resorb" user token doc --db "$late")
keep_req 4 /api/v1/me "Authorization: Bearer $doc"
check "once created, the next request is served" "$code $(jq -r .user "$tmp/body" 2>/dev/null)" "200 doc"
exec 4<&- 4>&-
stop L TERM

finish
