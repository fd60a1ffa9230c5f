#!/usr/bin/env bash
# label: quick
# examples_coverage: the examples together use every field of the case format, and
# `resorb validate examples/*.json` accepts them all in one call (exit 0).
#  (a) tests/schema/coverage.js lists the schema's fields that no example uses: none may be left.
#  (b) the same check on the seed example alone must fail, so (a) cannot pass by accident.
#  (c) resorb validate on every example at once exits 0 and says each is valid.
set -euo pipefail
: "${RESORB:?set RESORB to the resorb binary}"
: "${RESORB_SOURCE_DIR:?set RESORB_SOURCE_DIR to the source tree}"
src=$RESORB_SOURCE_DIR
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok    $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; }
command -v node >/dev/null || { echo "examples_coverage: node is not installed" >&2; exit 1; }

shopt -s nullglob
examples=("$src"/examples/*.json)
[ ${#examples[@]} -ge 9 ] && ok "${#examples[@]} examples (at least 9)" || bad "only ${#examples[@]} examples"

if missing=$(node "$src/tests/schema/coverage.js" "$src/docs/case.schema.json" "${examples[@]}" 2>&1); then
    ok "every field of the schema is used by an example ($missing)"
else
    bad "fields no example uses: $(echo "$missing" | tr '\n' ' ')"
fi

if node "$src/tests/schema/coverage.js" "$src/docs/case.schema.json" "$src/examples/seed-l5s1-right.json" >/dev/null 2>&1; then
    bad "the coverage check passes on the seed example alone: it cannot fail"
else
    ok "the coverage check fails on the seed example alone"
fi

rc=0
out=$("$RESORB" validate "${examples[@]}" 2>/dev/null) || rc=$?
valid=$(printf '%s\n' "$out" | grep -c ': valid' || true)
if [ "$rc" -eq 0 ] && [ "$valid" -eq ${#examples[@]} ]; then
    ok "resorb validate examples/*.json: exit 0, $valid valid"
else
    bad "resorb validate examples/*.json: exit $rc, $valid of ${#examples[@]} valid"
fi

echo "examples_coverage: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
