#!/usr/bin/env bash
# banned_calls: scripts/check-banned passes on the source tree; and it can fail: on a scratch
# tree that calls strcpy it exits 1 naming file:line, it flags every banned name in every
# scanned directory, and it ignores snprintf, strtok_r, fgets, longer names, comments and
# string literals, and C files outside src/ tools/ tests/ bench/.
# label: quick
set -euo pipefail
: "${RESORB_SOURCE_DIR:?set RESORB_SOURCE_DIR to the source tree}"
check="$RESORB_SOURCE_DIR/scripts/check-banned"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
# run NAME EXPECTED_RC ROOT: runs the checker (with sh, as POSIX sh) on ROOT.
run() {
    local name=$1 expected=$2 root=$3 rc=0
    sh "$check" "$root" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ "$rc" -ne "$expected" ]; then
        fail "$name: exit $rc, expected $expected; output:"
        cat "$tmp/out" "$tmp/err" >&2
    fi
}
has() { # NAME FIXED-STRING
    grep -qF -- "$2" "$tmp/out" || fail "$1: '$2' not in the output"
}

[ -x "$check" ] || fail "scripts/check-banned is not executable"

# 1. The project itself is clean.
run "source tree" 0 "$RESORB_SOURCE_DIR"

# 2. A tree with one strcpy fails and says where.
mkdir -p "$tmp/one/src/lib"
cat >"$tmp/one/src/lib/copy.c" <<'EOF'
#include <string.h>

void copy(char *dst, const char *src)
{
    strcpy(dst, src);
}
EOF
run "strcpy" 1 "$tmp/one"
has "strcpy" "src/lib/copy.c:5: strcpy:"

# 3. Every banned name is found, in .c and .h files of each scanned directory.
mkdir -p "$tmp/all/src" "$tmp/all/tools" "$tmp/all/tests/unit" "$tmp/all/bench"
cat >"$tmp/all/src/calls.c" <<'EOF'
void f(char *d, const char *s, char *line, va_list ap)
{
    sprintf(d, "%s", s);
    vsprintf(d, "%s", ap);
    strcat(d, s);
    gets(line);
    int i = atoi(s); long l = atol (s);
    double x = atof(s);
    char *t = strtok(line, " ");
}
EOF
echo 'static inline void g(char *d, const char *s) { strcpy(d, s); }' >"$tmp/all/tools/g.h"
echo 'int h(const char *s) { return atoi(s); }' >"$tmp/all/tests/unit/h.c"
echo 'void k(char *d) { /* fine */ sprintf(d, "x"); }' >"$tmp/all/bench/k.c"
run "all names" 1 "$tmp/all"
for want in "src/calls.c:3: sprintf:" "src/calls.c:4: vsprintf:" "src/calls.c:5: strcat:" \
    "src/calls.c:6: gets:" "src/calls.c:7: atoi:" "src/calls.c:7: atol:" \
    "src/calls.c:8: atof:" "src/calls.c:9: strtok:" "tools/g.h:1: strcpy:" \
    "tests/unit/h.c:1: atoi:" "bench/k.c:1: sprintf:"; do
    has "all names" "$want"
done
lines=$(wc -l <"$tmp/out")
[ "$lines" -eq 11 ] || fail "all names: $lines findings, expected 11"

# 4. No false alarms: safe look-alikes, comments, strings, files outside the scanned dirs.
mkdir -p "$tmp/clean/src" "$tmp/clean/examples"
cat >"$tmp/clean/src/ok.c" <<'EOF'
/* We never call strcpy(d, s) or sprintf(d, ...) here;
 * atoi(s) is banned, strtok(s, " ") too. */
#include <stdio.h>
#include <string.h>

int my_atoi(const char *s); /* not the libc one */
void ok(char *d, size_t n, const char *s, FILE *f, char *save)
{
    snprintf(d, n, "%s", s);           // not sprintf(
    vsnprintf(d, n, "%s", NULL);
    fgets(d, (int)n, f);
    strtok_r(d, " ", &save);
    resorb_strcpy(d, s);
    (void)my_atoi("atoi(1)");
    puts("use snprintf, never sprintf(buf, ...)");
    char q = '(';
    int sprintf_count = 0, strcat_len = 0;
    (void)q; (void)sprintf_count; (void)strcat_len;
    long v = strtol(s, NULL, 10); double w = strtod(s, NULL); (void)v; (void)w;
}
EOF
echo 'void x(char *d) { strcpy(d, "not scanned"); }' >"$tmp/clean/examples/x.c"
echo 'strcpy(d, s);' >"$tmp/clean/src/notes.txt"
run "clean" 0 "$tmp/clean"
if [ -s "$tmp/out" ]; then
    fail "clean: unexpected findings:"
    cat "$tmp/out" >&2
fi

# 5. Usage errors.
run "missing root" 2 "$tmp/does-not-exist"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "banned_calls: ok"
