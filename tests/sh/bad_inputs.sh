#!/usr/bin/env bash
# bad_inputs: every invalid case is rejected the documented way (docs/case-format.md, "Errors").
#  (a) For each tests/bad/NAME.json, with NAME.expect beside it (format: tests/bad/README.md):
#      - `resorb validate NAME.json` exits 2 within 10 s, prints nothing on stdout, and prints on
#        stderr every `error PROBLEM PATH` / `warning PROBLEM PATH` line of the .expect as
#        `NAME.json[:LINE:COL]: error[PROBLEM] PATH: message` (PATH `-`: no path is printed);
#        `at LINE:COL` means the first error line starts `NAME.json:LINE:COL: `;
#        `error too_many_errors -` also means the list is capped: at most 51 lines, the last
#        one being the too_many_errors line;
#      - `resorb --lang ja validate NAME.json` exits 2 with the same FILE[:LINE:COL] and
#        error[PROBLEM] tokens, line by line (problem names are language-neutral), and for
#        nearly every file with message text that differs from the English one;
#      - `resorb validate --format json NAME.json` exits 2 and its stdout parses with jq.
#      A .json without a .expect (or the reverse) is a failure.
#  (b) Generated hostile inputs, in a temporary directory deleted at exit: a 900 KB id
#      (too_long at /id), a document of 1 MiB + 1 byte (too_large; exactly 1 MiB is still
#      valid), 100,000 nested '[' (too_deep or syntax, in under 5 s).
# Prints one ok/FAIL line per check and `bad_inputs: N passed, M failed`; exits 1 on a failure.
# Runs unchanged under the sanitizer build (RESORB then names the ASan binary).
# label: quick
set -euo pipefail

: "${RESORB:?RESORB must name the resorb binary}"
: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"

# Messages must not depend on the caller's locale; --lang picks the language explicitly.
export LC_ALL=C
unset LANG LC_MESSAGES LANGUAGE 2>/dev/null || true

bad_dir=$RESORB_SOURCE_DIR/tests/bad
resorb=$(cd "$(dirname "$RESORB")" && pwd)/$(basename "$RESORB")
have_jq=0
command -v jq >/dev/null && have_jq=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s: %s\n' "$1" "$2"; }

# snippet FILE: the first line of FILE, cut to 200 bytes (reads it all: no SIGPIPE under pipefail).
snippet() { awk 'NR == 1 { print substr($0, 1, 200) }' "$1"; }

# got ERRFILE: "error[PROBLEM] /path" of the first three problem lines, for failure messages.
got() {
    grep -m 3 -E '(error|warning)\[' "$1" | sed -E 's/^[^ ]*: ((error|warning)\[[a-z_]+\][^:]*):.*/\1/' \
        | paste -sd '|' - || true
}

# run OUT ERR ARGS...: runs resorb ARGS with a 10 s timeout; sets rc.
run() {
    local out=$1 err=$2
    shift 2
    rc=0
    timeout 10 "$resorb" "$@" >"$out" 2>"$err" </dev/null || rc=$?
}

# has_line ERRFILE FILE SEV PROBLEM PATH: some line is FILE[:L:C]: SEV[PROBLEM] PATH: ...
# (PATH "-": FILE[:L:C]: SEV[PROBLEM]: ...). Compares literally, so a path is never a pattern.
has_line() {
    awk -v file="$2" -v tok="$3[$4]" -v path="$5" '
        BEGIN { want = ": " tok (path == "-" ? ":" : " " path ":") }
        substr($0, 1, length(file)) == file {
            rest = substr($0, length(file) + 1)
            if (match(rest, /^(:[0-9]+)+/)) rest = substr(rest, RLENGTH + 1)
            if (substr(rest, 1, length(want)) == want) { found = 1; exit }
        }
        END { exit !found }' "$1"
}

# odd_lines ERRFILE FILE: the first stderr line that is not in the documented form
# FILE[:LINE:COL]: error|warning[PROBLEM][ /json/pointer]: message (LINE and COL 1-based).
odd_lines() {
    awk -v file="$2" '
        {
            rest = substr($0, length(file) + 1)
            if (substr($0, 1, length(file)) != file ||
                rest !~ /^(:[1-9][0-9]*:[1-9][0-9]*)?: (error|warning)\[[a-z_]+\]( \/[^ ]*)?: ./) {
                print
                exit
            }
        }' "$1"
}

# heads ERRFILE FILE: "FILE[:L:C]: error[PROBLEM]" of every line (the language-neutral part).
heads() {
    awk -v file="$2" '
        substr($0, 1, length(file)) == file {
            rest = substr($0, length(file) + 1)
            if (match(rest, /^(:[0-9]+)*: (error|warning)\[[a-z_]+\]/))
                print file substr(rest, 1, RLENGTH)
            else
                print file " (unrecognised line)"
        }' "$1"
}

# ---- (a) the corpus --------------------------------------------------------------------------
shopt -s nullglob
files=("$bad_dir"/*.json)
[ ${#files[@]} -ge 50 ] || bad "tests/bad" "only ${#files[@]} cases (at least 50 expected)"
for expect in "$bad_dir"/*.expect; do
    [ -f "${expect%.expect}.json" ] || bad "tests/bad/$(basename "$expect")" "no .json beside it"
done

cd "$bad_dir"
total=0
same_text=0
for path in "${files[@]}"; do
    file=$(basename "$path")
    name=tests/bad/$file
    expect=${file%.json}.expect
    if [ ! -f "$expect" ]; then
        bad "$name" "no $expect beside it"
        continue
    fi
    total=$((total + 1))
    problems=()

    # Read the directives.
    wants=()
    at=''
    capped=0
    schema_seen=0
    lineno=0
    while IFS= read -r line || [ -n "$line" ]; do
        lineno=$((lineno + 1))
        line=${line%$'\r'}
        case $line in
            '' | '#'* | [[:space:]]'#'*) continue ;;
        esac
        read -r -a w <<<"$line"
        case ${w[0]} in
            schema:) schema_seen=1 ;;
            error | warning)
                if [ ${#w[@]} -ne 3 ]; then
                    problems+=("$expect:$lineno: expected '${w[0]} PROBLEM PATH'")
                    continue
                fi
                wants+=("${w[0]} ${w[1]} ${w[2]}")
                [ "${w[0]} ${w[1]}" != "error too_many_errors" ] || capped=1
                ;;
            at)
                if [ ${#w[@]} -ne 2 ] || ! [[ ${w[1]} =~ ^[0-9]+:[0-9]+$ ]]; then
                    problems+=("$expect:$lineno: expected 'at LINE:COL'")
                    continue
                fi
                at=${w[1]}
                ;;
            *) problems+=("$expect:$lineno: unknown directive '${w[0]}'") ;;
        esac
    done <"$expect"
    [ "$schema_seen" -eq 1 ] || problems+=("$expect has no 'schema:' line")
    has_error=0
    for want in ${wants[@]+"${wants[@]}"}; do
        [ "${want%% *}" != error ] || has_error=1
    done
    [ "$has_error" -eq 1 ] || problems+=("$expect has no 'error PROBLEM PATH' line")

    # English, text output.
    run "$tmp/en.out" "$tmp/en.err" --lang en validate "$file"
    if [ "$rc" -eq 124 ]; then
        problems+=("timed out after 10 s")
    elif [ "$rc" -ne 2 ]; then
        problems+=("exit $rc, expected 2 (stderr: $(snippet "$tmp/en.err"))")
    fi
    [ ! -s "$tmp/en.out" ] || problems+=("stdout is not empty: $(snippet "$tmp/en.out")")
    for want in ${wants[@]+"${wants[@]}"}; do
        read -r sev problem ptr <<<"$want"
        if ! has_line "$tmp/en.err" "$file" "$sev" "$problem" "$ptr"; then
            shown=$ptr
            [ "$ptr" != - ] || shown='(no path)'
            problems+=("no '${sev}[$problem] $shown' on stderr; got: $(got "$tmp/en.err")")
        fi
    done
    odd=$(odd_lines "$tmp/en.err" "$file")
    [ -z "$odd" ] || problems+=("a stderr line is not in the form FILE[:LINE:COL]: error[PROBLEM] /pointer: message: ${odd:0:160}")
    if [ -n "$at" ]; then
        first=$(grep -m 1 -F ": error[" "$tmp/en.err" || true)
        case $first in
            "$file:$at: error["*) ;;
            *) problems+=("first error is not at $at: ${first:0:160}") ;;
        esac
    fi
    if [ "$capped" -eq 1 ]; then
        n=$(wc -l <"$tmp/en.err")
        last=$(tail -n 1 "$tmp/en.err")
        [ "$n" -le 51 ] || problems+=("$n lines on stderr, the list should stop at 50 + too_many_errors")
        case $last in
            "$file: error[too_many_errors]:"*) ;;
            *) problems+=("the last line is not the too_many_errors line: ${last:0:160}") ;;
        esac
    fi

    # Japanese: same problems, translated messages.
    run "$tmp/ja.out" "$tmp/ja.err" --lang ja validate "$file"
    if [ "$rc" -ne 2 ]; then
        problems+=("--lang ja: exit $rc, expected 2")
    elif ! cmp -s <(heads "$tmp/en.err" "$file") <(heads "$tmp/ja.err" "$file"); then
        problems+=("--lang ja: the problems differ from the English run")
    fi
    [ ! -s "$tmp/ja.out" ] || problems+=("--lang ja: stdout is not empty")
    if cmp -s "$tmp/en.err" "$tmp/ja.err"; then
        same_text=$((same_text + 1))
    fi

    # JSON output: still exit 2, and one parseable document.
    run "$tmp/js.out" "$tmp/js.err" --lang en validate --format json "$file"
    [ "$rc" -eq 2 ] || problems+=("--format json: exit $rc, expected 2")
    if [ "$have_jq" -eq 1 ] && ! jq -e . "$tmp/js.out" >/dev/null 2>&1; then
        problems+=("--format json: stdout does not parse with jq: $(snippet "$tmp/js.out")")
    fi

    if [ ${#problems[@]} -eq 0 ]; then
        ok "$name"
    else
        msg=$(printf '%s; ' "${problems[@]}")
        bad "$name" "${msg%; }"
    fi
done
cd - >/dev/null

# The Japanese catalog must really be in use: identical output should be the rare exception.
if [ "$total" -gt 0 ] && [ $((same_text * 10)) -gt "$total" ]; then
    bad "--lang ja" "$same_text of $total files print the same text in English and Japanese"
else
    ok "--lang ja translates ($same_text of $total files unchanged)"
fi
[ "$have_jq" -eq 1 ] || echo "note  jq is not installed: --format json output was not parsed"

# ---- (b) generated hostile inputs --------------------------------------------------------------
KIB=1024
MIB=$((1024 * KIB))
case_tail='","as_of":"2025-03-10","patient":{"age":40,"sex":"male"},"history":{"onset":"2025-02-01"}}'
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# check_hostile NAME FILE "PROBLEM..." PATH-OR-DASH [SECONDS]: exit 2, nothing on stdout, one of
# the PROBLEMs at PATH on stderr (at most 64 KiB of it), within SECONDS (default 10).
check_hostile() {
    local name=$1 file=$2 want=$3 ptr=$4 limit=${5:-10} t0 ms
    local problems=()
    t0=$(now_ms)
    rc=0
    timeout "$limit" "$resorb" --lang en validate "$file" >"$tmp/h.out" 2>"$tmp/h.err" </dev/null || rc=$?
    ms=$(($(now_ms) - t0))
    [ "$rc" -ne 124 ] || problems+=("timed out after $limit s")
    [ "$rc" -eq 2 ] || [ "$rc" -eq 124 ] || problems+=("exit $rc, expected 2")
    [ ! -s "$tmp/h.out" ] || problems+=("stdout is not empty")
    local found=0 p
    for p in $want; do
        ! has_line "$tmp/h.err" "$file" error "$p" "$ptr" || found=1
    done
    [ "$found" -eq 1 ] || problems+=("no error[$want] ${ptr/#-/(no path)} on stderr; got: $(snippet "$tmp/h.err")")
    local size
    size=$(wc -c <"$tmp/h.err")
    [ "$size" -le $((64 * KIB)) ] || problems+=("$size bytes on stderr: the hostile text is echoed back")
    if [ ${#problems[@]} -eq 0 ]; then
        ok "$name (${ms} ms)"
    else
        local msg
        msg=$(printf '%s; ' "${problems[@]}")
        bad "$name" "${msg%; }"
    fi
}

cd "$tmp"

# A 900 KB id: under the size cap, so the reader must report the id, not the document.
{
    printf '{"format":"resorb.case/1","id":"'
    head -c $((900 * KIB)) /dev/zero | tr '\0' 'a'
    printf '%s\n' "$case_tail"
} >long-id.json
check_hostile "hostile: 900 KB id" long-id.json too_long /id

# A valid case padded with whitespace to exactly 1 MiB (valid) and to 1 MiB + 1 byte (too_large).
small="{\"format\":\"resorb.case/1\",\"id\":\"padded${case_tail}"
pad_to() {
    { printf '%s\n' "$small"; head -c $(($1 - ${#small} - 1)) /dev/zero | tr '\0' ' '; } >"$2"
}
pad_to "$MIB" exactly-1mib.json
pad_to $((MIB + 1)) over-1mib.json
if [ "$(wc -c <over-1mib.json)" -ne $((MIB + 1)) ] || [ "$(wc -c <exactly-1mib.json)" -ne "$MIB" ]; then
    bad "hostile: padding" "the generated files have the wrong size"
fi
check_hostile "hostile: 1 MiB + 1 byte" over-1mib.json too_large -
rc=0
timeout 10 "$resorb" --lang en validate exactly-1mib.json >"$tmp/h.out" 2>"$tmp/h.err" </dev/null || rc=$?
if [ "$rc" -eq 0 ]; then
    ok "hostile: exactly 1 MiB is still accepted"
else
    bad "hostile: exactly 1 MiB" "exit $rc, expected 0 (the cap is 'at most 1 MiB'): $(snippet "$tmp/h.err")"
fi

# 100,000 nested '[': the parser must stop at its depth cap, quickly and without a stack overflow.
head -c 100000 /dev/zero | tr '\0' '[' >deep.json
check_hostile "hostile: 100,000 nested '['" deep.json "too_deep syntax" - 5

cd - >/dev/null

echo "bad_inputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
