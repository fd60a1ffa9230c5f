#!/usr/bin/env bash
# label: schema
# The JSON Schema (docs/case.schema.json) and the validator (resorb validate) must agree:
#  (a) the schema compiles under ajv strict mode;
#  (b) every examples/*.json is valid by the schema and `resorb validate` exits 0;
#  (c) every tests/bad/*.json is rejected by `resorb validate` (exit 2) and, when its NAME.expect
#      says `schema: reject`, by the schema too (`schema: n/a REASON` skips the schema side).
# Needs node and npm; the first run installs ajv from tests/schema/package-lock.json into
# $RESORB_BUILD_DIR/schema-node (npm ci), later runs reuse it while the lockfile is unchanged.
set -euo pipefail

: "${RESORB:?RESORB must name the resorb binary}"
: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
: "${RESORB_BUILD_DIR:?RESORB_BUILD_DIR must name the build tree}"

src=$RESORB_SOURCE_DIR
schema=$src/docs/case.schema.json
node_dir=$RESORB_BUILD_DIR/schema-node

command -v node >/dev/null || { echo "schema_agreement: node is not installed (scripts/install-deps test)" >&2; exit 1; }
command -v npm >/dev/null || { echo "schema_agreement: npm is not installed (scripts/install-deps test)" >&2; exit 1; }

# --- install ajv (npm ci) unless this lockfile is already installed --------------------------
stamp=$node_dir/.installed-lock
if ! { [ -f "$stamp" ] && [ -d "$node_dir/node_modules/ajv" ] \
       && cmp -s "$stamp" "$src/tests/schema/package-lock.json"; }; then
    echo "schema_agreement: installing ajv into $node_dir"
    rm -rf "$node_dir"
    mkdir -p "$node_dir"
    cp "$src/tests/schema/package.json" "$src/tests/schema/package-lock.json" "$node_dir/"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
    cp "$src/tests/schema/package-lock.json" "$stamp"
fi
cp "$src/tests/schema/check.js" "$node_dir/check.js"
check() { node "$node_dir/check.js" "$schema" "$@"; }

pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s: %s\n' "$1" "$2"; }

# Runs resorb validate on one file; sets rc and out (stdout+stderr, first line kept for messages).
run_validate() {
    set +e
    out=$("$RESORB" validate "$1" 2>&1)
    rc=$?
    set -e
}

# --- (a) the schema compiles under strict mode ----------------------------------------------
if msg=$(check 2>&1); then
    ok "schema compiles (ajv strict, draft 2020-12)"
else
    bad "schema" "does not compile: $msg"
fi

# --- (b) the examples ------------------------------------------------------------------------
shopt -s nullglob
examples=("$src"/examples/*.json)
[ ${#examples[@]} -gt 0 ] || bad "examples" "no examples/*.json found"
if [ ${#examples[@]} -gt 0 ]; then
    seen=0
    while IFS=$'\t' read -r file verdict detail; do
        seen=$((seen + 1))
        name=examples/$(basename "$file")
        if [ "$verdict" != valid ]; then
            bad "$name" "schema says $verdict: $detail"
            continue
        fi
        run_validate "$file"
        if [ "$rc" -ne 0 ]; then
            bad "$name" "resorb validate exited $rc: $(printf '%s\n' "$out" | grep -m1 'error' || printf '%s\n' "$out" | head -n 1)"
            continue
        fi
        ok "$name (schema valid, resorb validate 0)"
    done < <(check "${examples[@]}")
    [ "$seen" -eq ${#examples[@]} ] || bad "examples" "check.js reported $seen of ${#examples[@]} files"
fi

# --- (c) the bad cases -----------------------------------------------------------------------
bads=("$src"/tests/bad/*.json)
for file in "${bads[@]}"; do
    name=tests/bad/$(basename "$file")
    expect=${file%.json}.expect
    if [ ! -f "$expect" ]; then
        bad "$name" "no $(basename "$expect") beside it"
        continue
    fi
    mode=$(sed -n -E 's/^schema:[[:space:]]*([^[:space:]]+).*/\1/p' "$expect" | head -n 1)
    case $mode in
        reject)
            verdict='' detail=''
            IFS=$'\t' read -r _ verdict detail < <(check "$file") || true
            if [ -z "$verdict" ]; then
                bad "$name" "check.js printed no verdict"
                continue
            elif [ "$verdict" = valid ]; then
                bad "$name" "the schema accepts it (expected schema: reject)"
                continue
            fi
            what="schema $verdict"
            ;;
        n/a)
            what="schema n/a"
            ;;
        *)
            bad "$name" "$(basename "$expect") has no 'schema: reject' or 'schema: n/a REASON' line"
            continue
            ;;
    esac
    run_validate "$file"
    if [ "$rc" -ne 2 ]; then
        bad "$name" "resorb validate exited $rc, expected 2"
        continue
    fi
    ok "$name ($what, resorb validate 2)"
done

echo "schema_agreement: $pass passed, $fail failed (${#examples[@]} examples, ${#bads[@]} bad cases)"
[ "$fail" -eq 0 ]
