#!/usr/bin/env bash
# label: schema
# assessment_schema: every assessment resorb writes matches docs/assessment.schema.json (ajv,
# strict, draft 2020-12): the golden outputs of the examples (English and Japanese) and, as
# NDJSON from `resorb assess --ndjson --format json`, 300 generated cases; and the schema
# rejects an assessment with a wrong category (so the check can fail).
set -euo pipefail
: "${RESORB:?}" "${RESORB_SOURCE_DIR:?}" "${RESORB_BUILD_DIR:?}" "${RESORB_GENCASES:?}"
src=$RESORB_SOURCE_DIR
node_dir=$RESORB_BUILD_DIR/schema-node
schema=$src/docs/assessment.schema.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# ajv is installed by schema_agreement.sh; install it here too when this test runs first.
if [ ! -d "$node_dir/node_modules/ajv" ]; then
    mkdir -p "$node_dir"
    cp "$src/tests/schema/package.json" "$src/tests/schema/package-lock.json" "$node_dir/"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
cp "$src/tests/schema/check.js" "$node_dir/check.js"
pass=0 fail=0
i=0
for f in "$src"/examples/*.json; do
    "$RESORB" assess --format json "$f" >"$tmp/ex$i.json" 2>/dev/null
    "$RESORB" --lang ja assess --format json "$f" >"$tmp/ex$i.ja.json" 2>/dev/null
    i=$((i + 1))
done
"$RESORB_GENCASES" --seed 21 --count 300 >"$tmp/gen.ndjson"
"$RESORB" assess --ndjson --format json --as-of 2026-01-01 "$tmp/gen.ndjson" 2>/dev/null |
    split -l 1 -a 4 --additional-suffix=.json - "$tmp/gen-"
files=("$tmp"/ex*.json "$tmp"/gen-*.json)
while IFS=$'\t' read -r file verdict detail; do
    if [ "$verdict" = valid ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $file: $verdict $detail"; fi
done < <(node "$node_dir/check.js" "$schema" "${files[@]}")
# The check can fail: a wrong category is rejected.
sed 's/"category": "conservative"/"category": "relaxed"/' "$tmp/ex0.json" >"$tmp/bad.json"
if node "$node_dir/check.js" "$schema" "$tmp/bad.json" | grep -q $'\tvalid\t'; then
    fail=$((fail + 1)); echo "FAIL the schema accepts category \"relaxed\""
else
    pass=$((pass + 1))
fi
echo "assessment_schema: $pass passed, $fail failed (${#files[@]} assessments)"
[ "$fail" -eq 0 ] && [ "$pass" -gt 300 ]
