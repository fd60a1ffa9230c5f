#!/usr/bin/env bash
# label: web
# The web page in a real browser: starts `resorb serve` on a free loopback port and drives the
# page with playwright-core in Debian's chromium (tests/web/browser.js): load the worked
# example, submit by keyboard, see triage "conservative" and the extrusion's 68%, open an
# evidence row, switch to Japanese, enter MMT 6 and see the server's message next to the field,
# tablet width, print; then sign in (a wrong password first), open the patient list and a
# patient's timeline (measured size against the forecast band, pain over time, visits), switch
# it to Japanese, assess the record, sign out, and see an admin refused the patients.
# Screenshots, a print PDF and the server's access log are kept in
# $RESORB_BUILD_DIR/web-artifacts/. Runs the same against the sanitizer build.
# Needs node, npm and /usr/bin/chromium (scripts/install-deps test); the first run installs
# playwright-core from tests/web/package-lock.json into $RESORB_BUILD_DIR/web-node (npm ci).
set -euo pipefail

: "${RESORB:?RESORB must name the resorb binary}"
: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
: "${RESORB_BUILD_DIR:?RESORB_BUILD_DIR must name the build tree}"

src=$RESORB_SOURCE_DIR
node_dir=$RESORB_BUILD_DIR/web-node
artifacts=$RESORB_BUILD_DIR/web-artifacts

for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "web_browser: $tool is not installed (scripts/install-deps test)" >&2; exit 1; }
done
[ -x /usr/bin/chromium ] || { echo "web_browser: /usr/bin/chromium is missing (scripts/install-deps test)" >&2; exit 1; }

# --- playwright-core (npm ci) unless this lockfile is already installed ----------------------
stamp=$node_dir/.installed-lock
if ! { [ -f "$stamp" ] && [ -d "$node_dir/node_modules/playwright-core" ] \
       && cmp -s "$stamp" "$src/tests/web/package-lock.json"; }; then
    echo "web_browser: installing playwright-core into $node_dir"
    rm -rf "$node_dir"
    mkdir -p "$node_dir"
    cp "$src/tests/web/package.json" "$src/tests/web/package-lock.json" "$node_dir/"
    (cd "$node_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >&2
    cp "$src/tests/web/package-lock.json" "$stamp"
fi
cp "$src/tests/web/browser.js" "$node_dir/browser.js"

# --- the registry: a clinician, an admin and two patients (one with six visits, two MRIs) --
rm -rf "$artifacts"
mkdir -p "$artifacts"
work=$(mktemp -d)
db=$work/resorb.db
export RESORB_WEB_USER=doc RESORB_WEB_PASSWORD=clinician-pw-1 RESORB_WEB_ADMIN=root RESORB_WEB_ADMIN_PASSWORD=admin-pw-1
printf '%s\n' "$RESORB_WEB_PASSWORD" | "$RESORB" user add "$RESORB_WEB_USER" --role clinician --db "$db" >/dev/null
printf '%s\n' "$RESORB_WEB_ADMIN_PASSWORD" | "$RESORB" user add "$RESORB_WEB_ADMIN" --role admin --db "$db" >/dev/null
for f in followup-second-mri seed-l5s1-right; do
    "$RESORB" case add "$src/examples/$f.json" --db "$db" >/dev/null
done
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

(cd "$work" && exec "$RESORB" serve --listen 127.0.0.1:0 --db "$db" --allow-anonymous-assess \
    >"$work/stdout" 2>"$artifacts/server-log.jsonl") &
pid=$!
url=
for _ in $(seq 1 100); do # at most 10 s (the sanitizer build starts slower)
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/stdout" 2>/dev/null | head -n 1 || true)
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "web_browser: the server did not start" >&2
    cat "$artifacts/server-log.jsonl" >&2 || true
    exit 1
fi
echo "web_browser: server at $url"

status=0
timeout 120 node "$node_dir/browser.js" "$url" "$artifacts" || status=$?

# --- a clean stop ---------------------------------------------------------------------------
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
if [ "$rc" -ne 0 ]; then
    echo "FAIL  the server exited $rc after SIGTERM (log: $artifacts/server-log.jsonl)"
    status=1
else
    echo "ok    the server stopped cleanly after SIGTERM"
fi
echo "web_browser: artifacts in $artifacts"
ls "$artifacts"
exit "$status"
