#!/usr/bin/env bash
# label: quick
# assess_properties: the engine's invariants over randomly generated valid cases (see
# tests/support/assess_props.c): no failure, emergency never outranked, probabilities in [0, 1],
# time course non-decreasing, evidence ids and message keys that exist, deterministic JSON.
# Three seeds, 2,000 cases each (500 under the sanitizers).
set -euo pipefail
: "${RESORB_GENCASES:?}" "${RESORB_ASSESS_PROPS:?}"
count=2000
[ "${RESORB_SANITIZE:-OFF}" = ON ] && count=500
status=0
for seed in 11 12 13; do
    out=$("$RESORB_GENCASES" --seed "$seed" --count "$count" | "$RESORB_ASSESS_PROPS" 2>&1) || status=1
    echo "seed $seed: $(printf '%s\n' "$out" | tail -n 1)"
    [ "$status" -eq 0 ] || { printf '%s\n' "$out" | head -n 20; break; }
done
exit $status
