#!/usr/bin/env bash
# server_auth: users, roles, sessions and tokens of `resorb serve` (docs/api.md#authentication).
#  - `resorb user add|list|token` on a fresh registry (the password from standard input);
#  - 401 without credentials on every patient endpoint (and on assess without the flag), 401
#    for an unknown token or session, 403 for a viewer writing, a clinician managing users and
#    an admin reading patients;
#  - login sets the session cookie (HttpOnly, SameSite=Strict, Path=/, no Secure over plain
#    HTTP); a wrong password and an unknown user get the same 401 that names neither;
#  - a clinician (cookie) creates a patient, reads it back (= `resorb case export`), adds a
#    visit and a study, reads the timeline and forecast (= `resorb timeline|forecast --patient
#    ID --format json`), soft-deletes it; a viewer (bearer token) reads; nothing is written by
#    an invalid body; logout ends the session;
#  - the audit trail names the API users ("api:NAME").
# label: quick
set -euo pipefail

: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
test_name=server_auth needs="curl jq sqlite3"
. "$RESORB_SOURCE_DIR/tests/support/server_test.bash"

db=$tmp/auth.db

# ---- users from the command line ------------------------------------------------------------
printf 'admin-pw\n' | "$resorb" user add root --role admin --db "$db" >"$tmp/out" && ok "user add admin (creates the registry)" || bad "user add admin" "exit $?"
grep -q 'user root added (role admin)' "$tmp/out" && ok "user add says so" || bad "user add output" "$(cat "$tmp/out")"
printf 'clin-pw\n' | "$resorb" user add doc --role clinician --db "$db" >/dev/null || bad "user add clinician" "exit $?"
printf 'view-pw\n' | RESORB_DB=$db "$resorb" user add eve --role viewer >/dev/null || bad "user add viewer (RESORB_DB)" "exit $?"
rc=0; printf 'x\n' | "$resorb" user add doc --role viewer --db "$db" >/dev/null 2>"$tmp/err" || rc=$?
check "user add of an existing name: exit 2" "$rc" 2
grep -q 'already exists' "$tmp/err" && ok "existing user: message" || bad "existing user message" "$(cat "$tmp/err")"
rc=0; printf 'x\n' | "$resorb" user add zed --role superuser --db "$db" >/dev/null 2>&1 || rc=$?
check "user add with a bad role: exit 1" "$rc" 1
rc=0; "$resorb" user add zed --role viewer --db "$db" </dev/null >/dev/null 2>&1 || rc=$?
check "user add without a password: exit 2" "$rc" 2
"$resorb" user list --db "$db" >"$tmp/out"
check "user list" "$(cut -f1,2 "$tmp/out" | tr '\n' ' ')" "name	role doc	clinician eve	viewer root	admin "
! grep -aqE 'admin-pw|clin-pw|view-pw' "$db" "$db-wal" 2>/dev/null && ok "no password in the database file" || bad "password in the database" "found"
viewer_token=$("$resorb" user token eve --db "$db")
[[ "$viewer_token" =~ ^[0-9a-f]{64}$ ]] && ok "user token prints 64 hex digits" || bad "user token" "$viewer_token"
clin_token=$("$resorb" user token doc --db "$db")
admin_token=$("$resorb" user token root --db "$db")
n=$(sqlite3 "$db" "SELECT count(*) FROM credentials WHERE digest = '$viewer_token'")
check "the token itself is not stored" "$n" 0

# ---- the server -------------------------------------------------------------------------------
serve serve --db "$db"
api=${url}api/v1

JSON=(-H 'Content-Type: application/json')
expect() { # NAME STATUS ERROR-CODE (or -)
    if [ "$code" = "$2" ] && { [ "$3" = - ] || [ "$(jq -r .error.code "$tmp/body" 2>/dev/null)" = "$3" ]; }; then
        ok "$1"
    else
        bad "$1" "status $code, body $(head -c 300 "$tmp/body" 2>/dev/null | tr '\n' ' ')"
    fi
}

case_file=$src/examples/seed-l5s1-right.json
printf '{"date": "2025-04-10", "leg_pain_nrs": 2, "back_pain_nrs": 1, "course": "improving"}\n' >"$tmp/visit.json"
printf '{"date": "2025-06-01", "modality": "mri", "findings": [{"level": "L5/S1", "morphology": "extrusion", "side": "right", "ap_mm": 3.5}]}\n' >"$tmp/study.json"

# 401 without credentials on every patient endpoint (nothing read, nothing written).
for spec in "GET /patients" "POST /patients" "GET /patients/1" "DELETE /patients/1" \
    "POST /patients/1/visits" "POST /patients/1/studies" "GET /patients/1/timeline" \
    "GET /patients/1/forecast" "GET /users" "POST /users" "GET /me" "POST /assess"; do
    m=${spec%% *}
    p=${spec#* }
    body=()
    [ "$m" = POST ] && body=("${JSON[@]}" --data-binary "@$case_file")
    req -X "$m" "${body[@]}" "$api$p"
    expect "401 without credentials: $m $p" 401 unauthorized
done
[ "$(hdr WWW-Authenticate)" = 'Bearer realm="resorb"' ] && ok "401 has WWW-Authenticate" || bad "WWW-Authenticate" "$(hdr WWW-Authenticate)"
req -H "Authorization: Bearer $(printf '%064d' 0)" "$api/patients"
expect "401 for an unknown token" 401 unauthorized
req -H "Authorization: Basic cm9vdDphZG1pbi1wdw==" "$api/patients"
expect "401 for a Basic header" 401 unauthorized
req -b "resorb_session=$(printf '%064d' 1)" "$api/patients"
expect "401 for an unknown session" 401 unauthorized
check "nothing was stored by the refused requests" "$(sqlite3 "$db" 'SELECT count(*) FROM patients')" 0

# Login: the cookie and its attributes; a wrong password says nothing about which part.
req "${JSON[@]}" -d '{"user": "doc", "password": "clin-pw"}' "$api/login"
expect "login" 200 -
check "login: user and role" "$(jq -r '.user + " " + .role' "$tmp/body")" "doc clinician"
cookie=$(hdr Set-Cookie)
[[ "$cookie" =~ ^resorb_session=[0-9a-f]{64}\; ]] && ok "Set-Cookie: a 64-hex session id" || bad "Set-Cookie" "$cookie"
for attr in HttpOnly SameSite=Strict Path=/; do
    grep -q "; $attr" <<<"$cookie" && ok "cookie is $attr" || bad "cookie $attr" "$cookie"
done
grep -qi 'secure' <<<"$cookie" && bad "cookie without TLS" "Secure set over plain HTTP" || ok "cookie not Secure over plain HTTP"
session=$(sed -e 's/^resorb_session=//' -e 's/;.*//' <<<"$cookie")
check "the session id is not stored" "$(sqlite3 "$db" "SELECT count(*) FROM credentials WHERE digest = '$session'")" 0
check "the session's digest is stored" "$(sqlite3 "$db" "SELECT count(*) FROM credentials WHERE kind = 'session'")" 1
C=(-b "resorb_session=$session")

req "${JSON[@]}" -d '{"user": "doc", "password": "wrong"}' "$api/login"
expect "wrong password: 401" 401 invalid_credentials
cp "$tmp/body" "$tmp/wrong-password"
[ -z "$(hdr Set-Cookie)" ] && ok "wrong password: no cookie" || bad "wrong password cookie" "$(hdr Set-Cookie)"
req "${JSON[@]}" -d '{"user": "nobody", "password": "clin-pw"}' "$api/login"
expect "unknown user: 401" 401 invalid_credentials
cmp -s "$tmp/body" "$tmp/wrong-password" && ok "unknown user and wrong password: the same answer" || bad "login answers differ" "$(cat "$tmp/body")"
jq -r .error.message "$tmp/body" | grep -q 'user name or password' && ok "the message names neither part" || bad "login message" "$(cat "$tmp/body")"
req "${JSON[@]}" -d '{"user": "doc"}' "$api/login"
expect "login without a password: 400" 400 bad_request
req -d 'user=doc&password=clin-pw' "$api/login"
expect "login as a form: 415" 415 unsupported_media_type
# Logins at once: each connection has its thread, and the password hashes take turns (at most 4
# at a time, 64 MiB each); every login is answered, right and wrong passwords alike.
: >"$tmp/logins.cfg"
for i in $(seq 1 12); do
    [ "$i" -gt 1 ] && echo next >>"$tmp/logins.cfg"
    pw=clin-pw
    [ $((i % 2)) -eq 0 ] && pw=wrong
    printf 'url = "%s/login"\nheader = "Content-Type: application/json"\ndata = "{\\"user\\": \\"doc\\", \\"password\\": \\"%s\\"}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
        "$api" "$pw" >>"$tmp/logins.cfg"
done
curl -sS --parallel --parallel-max 12 --config "$tmp/logins.cfg" >"$tmp/logins" 2>"$tmp/curl.err" || true
check "12 logins at once: 6 signed in, 6 refused" "$(sort "$tmp/logins" | uniq -c | awk '{ printf "%sx%s ", $2, $1 }')" "200x6 401x6 "

# A clinician writes.
req "${C[@]}" "${JSON[@]}" --data-binary "@$case_file" "$api/patients"
expect "clinician creates a patient: 201" 201 -
id=$(jq -r .id "$tmp/body")
check "the new id" "$id" 1
check "Location" "$(hdr Location)" "/api/v1/patients/1"
req "${C[@]}" "${JSON[@]}" --data-binary "@$case_file" "$api/patients"
expect "the same case id again: 409" 409 conflict
req "${C[@]}" "${JSON[@]}" -d '{"format": "resorb.case/1"}' "$api/patients"
expect "an invalid case: 422" 422 invalid_case
check "nothing stored by the refused writes" "$(sqlite3 "$db" 'SELECT count(*) FROM patients')" 1
req "${C[@]}" "$api/patients/1"
expect "read the record" 200 -
"$resorb" case export 1 --db "$db" >"$tmp/cli-export.json"
cmp -s "$tmp/body" "$tmp/cli-export.json" && ok "GET /patients/1 = resorb case export 1" || bad "record differs from case export" "$(diff "$tmp/body" "$tmp/cli-export.json" | head -5)"
req "${C[@]}" "${JSON[@]}" --data-binary "@$tmp/visit.json" "$api/patients/1/visits"
expect "clinician adds a visit: 201" 201 -
req "${C[@]}" "${JSON[@]}" -d '{"date": "2025-01-01", "leg_pain_nrs": 2}' "$api/patients/1/visits"
expect "a visit out of order: 422" 422 invalid_case
req "${C[@]}" "${JSON[@]}" --data-binary "@$tmp/study.json" "$api/patients/1/studies"
expect "clinician adds a study: 201" 201 -
req "${C[@]}" "$api/patients/1/timeline"
expect "timeline" 200 -
"$resorb" timeline --patient 1 --format json --db "$db" >"$tmp/cli-timeline.json"
cmp -s "$tmp/body" "$tmp/cli-timeline.json" && ok "timeline = resorb timeline --patient 1 --format json" || bad "timeline differs" "$(diff "$tmp/body" "$tmp/cli-timeline.json" | head -5)"
req "${C[@]}" "$api/patients/1/forecast"
expect "forecast" 200 -
"$resorb" forecast --patient 1 --format json --db "$db" >"$tmp/cli-forecast.json"
cmp -s "$tmp/body" "$tmp/cli-forecast.json" && ok "forecast = resorb forecast --patient 1 --format json" || bad "forecast differs" "$(diff "$tmp/body" "$tmp/cli-forecast.json" | head -5)"
req "${C[@]}" "$api/patients/99/timeline"
expect "an unknown patient: 404" 404 not_found
req "${C[@]}" "$api/patients/abc"
expect "a patient id that is not a number: 404" 404 not_found
req "${C[@]}" -X PUT "$api/patients/1"
expect "PUT: 405" 405 method_not_allowed

# A viewer (bearer token) reads and may not write.
V=(-H "Authorization: Bearer $viewer_token")
req "${V[@]}" "$api/patients"
expect "viewer lists patients" 200 -
check "the list" "$(jq -r '.patients[0].id' "$tmp/body")" 1
req "${V[@]}" "$api/patients/1/timeline"
expect "viewer reads a timeline" 200 -
req "${V[@]}" "${JSON[@]}" --data-binary "@$case_file" "$api/patients"
expect "viewer creates a patient: 403" 403 forbidden
req "${V[@]}" "${JSON[@]}" --data-binary "@$tmp/visit.json" "$api/patients/1/visits"
expect "viewer adds a visit: 403" 403 forbidden
req "${V[@]}" -X DELETE "$api/patients/1"
expect "viewer deletes: 403" 403 forbidden
req "${V[@]}" "$api/users"
expect "viewer lists users: 403" 403 forbidden
req "${V[@]}" "${JSON[@]}" --data-binary "@$case_file" "$api/assess"
expect "an authenticated viewer may assess" 200 -

# Users: the admin's, not the clinician's; the admin does not read patients.
req "${C[@]}" "$api/users"
expect "clinician lists users: 403" 403 forbidden
req "${C[@]}" "${JSON[@]}" -d '{"name": "mal", "role": "admin", "password": "x"}' "$api/users"
expect "clinician adds a user: 403" 403 forbidden
A=(-H "Authorization: Bearer $admin_token")
req "${A[@]}" "$api/users"
expect "admin lists users" 200 -
check "users" "$(jq -r '[.users[].name] | join(",")' "$tmp/body")" "doc,eve,root"
req "${A[@]}" "${JSON[@]}" -d '{"name": "nurse", "role": "viewer", "password": "n-pw"}' "$api/users"
expect "admin adds a user: 201" 201 -
req "${A[@]}" "${JSON[@]}" -d '{"name": "nurse2", "role": "boss", "password": "n-pw"}' "$api/users"
expect "a bad role: 422" 422 invalid
req "${A[@]}" "$api/patients"
expect "admin reads patients: 403" 403 forbidden
req "${JSON[@]}" -d '{"user": "nurse", "password": "n-pw"}' "$api/login"
expect "the new user logs in" 200 -

# Soft delete, logout.
req "${C[@]}" -X DELETE "$api/patients/1"
expect "clinician soft-deletes" 200 -
req "${C[@]}" "$api/patients/1"
expect "a deleted patient: 404" 404 not_found
check "still in the database" "$(sqlite3 "$db" 'SELECT count(*) FROM patients WHERE deleted_at IS NOT NULL')" 1
req "${C[@]}" -X DELETE "$api/patients/1"
expect "delete again: 404" 404 not_found
req "${C[@]}" -X POST "${JSON[@]}" -d '{}' "$api/logout"
expect "logout" 200 -
grep -q 'Max-Age=0' <<<"$(hdr Set-Cookie)" && ok "logout clears the cookie" || bad "logout cookie" "$(hdr Set-Cookie)"
req "${C[@]}" "$api/patients"
expect "the session is gone after logout: 401" 401 unauthorized

# The audit names the API users.
"$resorb" db audit --db "$db" >"$tmp/audit"
for row in "api:doc	case.add	1" "api:doc	visit.add	1" "api:doc	study.add	1" "api:doc	case.delete	1" \
    "api:doc	session.login" "api:doc	session.logout" "api:root	user.add"; do
    grep -q "	$row" "$tmp/audit" && ok "audit: $row" || bad "audit: $row" "missing"
done
check "no audit row for refused writes" "$(grep -c 'api:eve' "$tmp/audit" || true)" 0

stop serve

finish
