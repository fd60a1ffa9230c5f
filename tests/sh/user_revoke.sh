#!/usr/bin/env bash
# user_revoke: `resorb user tokens NAME` and `resorb user revoke NAME --token-id ID | --all`
# (docs/api.md#authentication, docs/operations.md).
#  - tokens lists a user's API tokens (not sessions) with a header: id (the first 12 hex digits
#    of the token's SHA-256), created_at, expires_at ("never");
#  - a token revoked by its id gets 401 from the running server at once; the user's other token
#    still works; an id of another user's token, an id that is not hex and a prefix shared by
#    several tokens are refused (exit 2) and revoke nothing;
#  - --all ends every token and a live browser session (the cookie gets 401);
#  - usage errors (exit 1) and an unknown user (exit 2); each removal is in the audit trail.
# label: quick
set -euo pipefail

: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
test_name=user_revoke needs=curl
. "$RESORB_SOURCE_DIR/tests/support/server_test.bash"

db=$tmp/revoke.db
user() { "$resorb" user "$@" --db "$db"; }
id_of() { printf '%s' "$1" | sha256sum | cut -c1-12; }
# run NAME STATUS MESSAGE-PATTERN ARGS...: `resorb user ARGS` exits STATUS, stderr matches.
run() {
    local name=$1 want=$2 pattern=$3 rc=0
    shift 3
    user "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
    check "$name: exit $want" "$rc" "$want"
    grep -q -- "$pattern" "$tmp/err" && ok "$name: message" || bad "$name: message" "$(cat "$tmp/err")"
}

printf 'clin-pw\n' | user add doc --role clinician >/dev/null
printf 'view-pw\n' | user add eve --role viewer >/dev/null
printf 'bot-pw\n' | user add bot --role viewer >/dev/null

# ---- tokens -------------------------------------------------------------------------------------
t1=$(user token eve)
t2=$(user token eve)
doc_token=$(user token doc)
user tokens eve >"$tmp/tokens"
check "tokens: header" "$(head -n 1 "$tmp/tokens")" "id	created_at	expires_at"
check "tokens: one row per token" "$(tail -n +2 "$tmp/tokens" | wc -l | tr -d ' ')" 2
check "tokens: ids are the digests' first 12 hex digits, oldest first" \
    "$(tail -n +2 "$tmp/tokens" | cut -f1 | tr '\n' ' ')" "$(id_of "$t1") $(id_of "$t2") "
check "tokens: they do not expire" "$(tail -n +2 "$tmp/tokens" | cut -f3 | sort -u)" never
tail -n +2 "$tmp/tokens" | cut -f2 | grep -qvE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$' &&
    bad "tokens: created_at" "$(cat "$tmp/tokens")" || ok "tokens: created_at is an ISO 8601 time"
! grep -q "$t1" "$tmp/tokens" && ok "tokens: the secret is not shown" || bad "tokens" "secret shown"
user tokens bot >"$tmp/tokens"
check "tokens of a user without any: the header only" "$(cat "$tmp/tokens")" "id	created_at	expires_at"
run "tokens of an unknown user" 2 'no user "nobody"' tokens nobody

# ---- the server -------------------------------------------------------------------------------
serve revoke --db "$db"
api=${url}api/v1
status() { curl -sS -o /dev/null -w '%{http_code}' "$@" 2>/dev/null || echo 000; }
bearer() { status -H "Authorization: Bearer $1" "$api/patients"; }

check "token 1 works" "$(bearer "$t1")" 200
check "token 2 works" "$(bearer "$t2")" 200

# Sessions are not tokens: eve's login does not show up in `user tokens`.
curl -sS -o /dev/null -H 'Content-Type: application/json' -d '{"user": "eve", "password": "view-pw"}' "$api/login"
check "tokens does not list sessions" "$(user tokens eve | tail -n +2 | wc -l | tr -d ' ')" 2

# ---- revoke one token ---------------------------------------------------------------------------
run "revoke with neither --token-id nor --all" 1 'either --token-id ID' revoke eve
run "revoke with both" 1 'either --token-id ID' revoke eve --token-id "$(id_of "$t1")" --all
run "--token-id without revoke" 1 'unexpected' tokens eve --token-id abc
run "--all without revoke" 1 'unexpected' token eve --all
run "revoke --token-id without a value" 1 'needs a value' revoke eve --token-id
run "a token id that is not hex" 2 '"xyz" is not a token id' revoke eve --token-id xyz
run "another user's token id" 2 "user eve has no token whose id starts with \"$(id_of "$doc_token")\"" \
    revoke eve --token-id "$(id_of "$doc_token")"
check "another user's token still works" "$(status -H "Authorization: Bearer $doc_token" "$api/me")" 200
run "revoke for an unknown user" 2 'no user "nobody"' revoke nobody --token-id "$(id_of "$t1")"
user revoke eve --token-id "$(id_of "$t1")" >"$tmp/out"
check "revoke by id: message" "$(cat "$tmp/out")" "token $(id_of "$t1") of user eve revoked"
check "a revoked token gets 401 from the running server" "$(bearer "$t1")" 401
check "the other token still works" "$(bearer "$t2")" 200
check "tokens lists the one left" "$(user tokens eve | tail -n +2 | cut -f1)" "$(id_of "$t2")"
run "revoke the same id again" 2 'has no token whose id starts' revoke eve --token-id "$(id_of "$t1")"
# A short prefix is enough when it names one token.
user revoke eve --token-id "$(id_of "$t2" | cut -c1-4)" >/dev/null && ok "revoke by a 4-digit prefix" || bad "revoke by prefix" "exit $?"
check "... which then gets 401" "$(bearer "$t2")" 401

# A prefix shared by several tokens: 17 tokens must share a first hex digit.
for _ in $(seq 1 17); do user token bot >/dev/null; done
shared=$(user tokens bot | tail -n +2 | cut -c1 | sort | uniq -d | head -n 1)
run "a prefix of several tokens" 2 "\"$shared\" starts the ids of several tokens of user bot" revoke bot --token-id "$shared"
check "... revokes nothing" "$(user tokens bot | tail -n +2 | wc -l | tr -d ' ')" 17

# ---- revoke --all: tokens and a live browser session ------------------------------------------
curl -sS -o /dev/null -D "$tmp/headers" -H 'Content-Type: application/json' \
    -d '{"user": "doc", "password": "clin-pw"}' "$api/login"
session=$(grep -i '^Set-Cookie:' "$tmp/headers" | sed -e 's/^[^=]*=//' -e 's/;.*//')
check "doc's browser session works" "$(status -b "resorb_session=$session" "$api/patients")" 200
user revoke doc --all >"$tmp/out"
check "revoke --all: message" "$(cat "$tmp/out")" "user doc: 1 token(s) and 1 session(s) revoked; the user is signed out everywhere"
check "--all ends the live session (cookie: 401)" "$(status -b "resorb_session=$session" "$api/patients")" 401
check "--all ends the token" "$(status -H "Authorization: Bearer $doc_token" "$api/patients")" 401
user revoke doc --all >"$tmp/out"
check "revoke --all with nothing left" "$(cat "$tmp/out")" "user doc: 0 token(s) and 0 session(s) revoked; the user is signed out everywhere"
run "revoke --all for an unknown user" 2 'no user "nobody"' revoke nobody --all
check "doc may sign in again" "$(status -H 'Content-Type: application/json' -d '{"user": "doc", "password": "clin-pw"}' "$api/login")" 200

stop revoke

# ---- the audit trail ----------------------------------------------------------------------------
"$resorb" db audit --db "$db" >"$tmp/audit"
for row in "token.revoke	-	user eve, token $(id_of "$t1")" "token.revoke	-	user eve, token $(id_of "$t2")" \
    "token.revoke	-	user doc, token $(id_of "$doc_token")" "session.revoke	-	user doc, session "; do
    grep -qF "	$row" "$tmp/audit" && ok "audit: $row" || bad "audit: $row" "missing"
done
check "no audit row for the refused revocations" "$(grep -c 'revoke.*user bot' "$tmp/audit" || true)" 0

finish
