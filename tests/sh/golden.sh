#!/usr/bin/env bash
# label: quick
# golden: `resorb assess` on every example gives exactly the stored output (tests/golden/):
#   NAME.json     the JSON assessment in English    (resorb assess --format json)
#   NAME.ja.json  the JSON assessment in Japanese   (resorb --lang ja assess --format json)
#   NAME.txt      the text report in English, for the worked case and one per triage category
# Same input, byte-identical output: any change in the engine shows here as a diff to review.
# After a deliberate change, regenerate with RESORB_UPDATE_GOLDEN=1 and review `git diff`.
set -euo pipefail
: "${RESORB:?}" "${RESORB_SOURCE_DIR:?}"
src=$RESORB_SOURCE_DIR
gold=$src/tests/golden
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
text_cases="seed-l5s1-right cauda-equina foot-drop investigate-fever-cancer failed-conservative-4-months"

check() { # NAME EXPECTED_FILE COMMAND...
    local name=$1 expected=$2
    shift 2
    if ! "$@" >"$tmp/out" 2>"$tmp/err"; then
        fail=$((fail + 1)); echo "FAIL  $name: exit $?: $(head -c 300 "$tmp/err")"; return
    fi
    if [ "${RESORB_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$tmp/out" "$expected"; pass=$((pass + 1)); echo "wrote $name"; return
    fi
    if [ ! -f "$expected" ]; then
        fail=$((fail + 1)); echo "FAIL  $name: no $(basename "$expected") (RESORB_UPDATE_GOLDEN=1 makes it)"; return
    fi
    if cmp -s "$tmp/out" "$expected"; then
        pass=$((pass + 1)); echo "ok    $name"
    else
        fail=$((fail + 1)); echo "FAIL  $name differs:"; diff "$expected" "$tmp/out" | head -n 20
    fi
}

for f in "$src"/examples/*.json; do
    name=$(basename "$f" .json)
    check "$name.json" "$gold/$name.json" "$RESORB" assess --format json "$f"
    check "$name.ja.json" "$gold/$name.ja.json" "$RESORB" --lang ja assess --format json "$f"
done
for name in $text_cases; do
    check "$name.txt" "$gold/$name.txt" "$RESORB" assess "$src/examples/$name.json"
    check "$name.ja.txt" "$gold/$name.ja.txt" "$RESORB" --lang ja assess "$src/examples/$name.json"
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
