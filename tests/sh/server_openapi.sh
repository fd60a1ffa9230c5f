#!/usr/bin/env bash
# server_openapi: docs/openapi.json describes the server that exists.
#  (a) It is JSON, OpenAPI 3.1, its version is `resorb version`'s, its operationIds are unique,
#      every operation has responses, every internal $ref resolves and every external $ref
#      names a JSON file in docs/.
#  (b) Its paths and methods are exactly the server's routes: the table in
#      src/server/request.c (a prefix route is PATH{id}) and the embedded files (web/* and the
#      worked example, src/server/CMakeLists.txt) with "/".
#  (c) Every path answers on a live server: GETs 200, POSTs of the worked example 200; the
#      paths that need a user (patients, users, me) answer 401 without one, and login 400 for
#      a body that is not {user, password} (tests/sh/server_auth.sh serves them signed in).
# label: quick
set -euo pipefail

: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
test_name=server_openapi needs="curl jq"
. "$RESORB_SOURCE_DIR/tests/support/server_test.bash"

api=$src/docs/openapi.json

# ---- (a) the document ---------------------------------------------------------------------------
if ! jq -e . "$api" >/dev/null 2>&1; then
    bad "docs/openapi.json" "not JSON"
    finish || exit 1
fi
ok "docs/openapi.json is JSON"
[[ "$(jq -r .openapi "$api")" == 3.1.* ]] && ok "OpenAPI $(jq -r .openapi "$api")" || bad "openapi" "$(jq -r .openapi "$api")"
[ "resorb $(jq -r .info.version "$api")" = "$("$resorb" version)" ] && ok "info.version is the program's version" \
    || bad "info.version" "$(jq -r .info.version "$api") vs $("$resorb" version)"
dups=$(jq -r '[.paths[][] | .operationId] | group_by(.) | map(select(length > 1) | .[0]) | join(", ")' "$api")
[ -z "$dups" ] && ok "operationIds are unique" || bad "operationIds" "duplicated: $dups"
nores=$(jq -r '[.paths | to_entries[] | .key as $p | .value | to_entries[] | select((.value.responses // {}) | length == 0) | "\($p) \(.key)"] | join(", ")' "$api")
[ -z "$nores" ] && ok "every operation has responses" || bad "responses" "missing: $nores"
unresolved=$(jq -r '. as $doc | [.. | objects | select(has("$ref")) | .["$ref"] | select(startswith("#/"))
    | select(. as $r | ($r[2:] | split("/")) as $p | ($doc | getpath($p)) == null)] | unique | join(", ")' "$api")
[ -z "$unresolved" ] && ok "every internal \$ref resolves" || bad "\$ref" "unresolved: $unresolved"
ext_bad=
for r in $(jq -r '[.. | objects | select(has("$ref")) | .["$ref"] | select(startswith("#") | not)] | unique | .[]' "$api"); do
    jq -e . "$src/docs/$r" >/dev/null 2>&1 || ext_bad="$ext_bad $r"
done
[ -z "$ext_bad" ] && ok "every external \$ref is a JSON file in docs/" || bad "external \$ref" "$ext_bad"

# ---- (b) the same routes as the server --------------------------------------------------------
# Route table lines: {"/api/v1/evidence/", true, SRV_GET, ...}
sed -n -E 's/^[[:space:]]*\{"(\/[^"]*)", (true|false), ([A-Z_ |]+),.*/\1 \2 \3/p' "$src/src/server/request.c" \
    | while read -r path prefix methods; do
        [ "$prefix" = true ] && path="${path}{id}"
        m=() # in the order of the document's (sorted) keys
        [[ "$methods" == *SRV_DELETE* ]] && m+=(delete)
        [[ "$methods" == *SRV_GET* ]] && m+=(get)
        [[ "$methods" == *SRV_POST* ]] && m+=(post)
        echo "$path ${m[*]}"
    done >"$tmp/server-routes"
[ "$(wc -l <"$tmp/server-routes")" -ge 5 ] || bad "route table" "could not read src/server/request.c"
{
    echo "/ get"
    for f in "$src"/web/*; do echo "/$(basename "$f") get"; done
    sed -n -E 's/.*"(\/examples\/[^=]*)=.*/\1 get/p' "$src/src/server/CMakeLists.txt"
} >>"$tmp/server-routes"
sort -u "$tmp/server-routes" >"$tmp/server"
jq -r '.paths | to_entries[] | "\(.key) \(.value | keys | map(select(. != "parameters")) | sort | join(" "))"' "$api" | sort -u >"$tmp/doc"
if cmp -s "$tmp/server" "$tmp/doc"; then
    ok "paths and methods = the server's routes ($(wc -l <"$tmp/doc") paths)"
else
    bad "paths" "$(diff "$tmp/server" "$tmp/doc" | grep '^[<>]' | tr '\n' ' ')"
fi

# ---- (c) every path answers ---------------------------------------------------------------------
serve serve --allow-anonymous-assess
base=${url%/}
while read -r path methods; do
    p=${path//\{id\}/chiu2015.regression.extrusion}
    case "$path" in
    /api/v1/patients* | /api/v1/users | /api/v1/me) want=401 ;;
    /api/v1/login) want=400 ;;
    *) want=200 ;;
    esac
    for m in $methods; do
        case $m in
        get) req "$base$p" ;;
        delete) req -X DELETE "$base$p" ;;
        *) req -H 'Content-Type: application/json' --data-binary "@$src/examples/seed-l5s1-right.json" "$base$p" ;;
        esac
        [ "$code" = "$want" ] && ok "$m $path answers $want" || bad "$m $path" "status $code"
    done
done <"$tmp/doc"
stop serve

finish
