#!/usr/bin/env bash
# server_tls: `resorb serve --tls-cert FILE --tls-key FILE` and `--behind-tls-proxy`
# (docs/operations.md#tls).
#  - with a self-signed certificate made here by openssl: the printed URL is https, curl trusting
#    that certificate gets /healthz, curl not trusting it and plain HTTP to the port both fail;
#    every response has Strict-Transport-Security; the login cookie is Secure, HttpOnly,
#    SameSite=Strict and signs in over TLS;
#  - a plain server has neither Secure nor HSTS; --behind-tls-proxy (plain HTTP) has both, and
#    says so;
#  - refusals before anything listens: only one of the two options (exit 1), a file that cannot
#    be read (3), a file that is not PEM or too large (2), a key that does not match the
#    certificate or does not parse (2, with GnuTLS's reason); each message names the file.
# label: quick
set -euo pipefail

: "${RESORB_SOURCE_DIR:?RESORB_SOURCE_DIR must name the source tree}"
test_name=server_tls needs="curl openssl"
. "$RESORB_SOURCE_DIR/tests/support/server_test.bash"

# A self-signed certificate for localhost and 127.0.0.1, valid two days; and a second key.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>"$tmp/openssl.err" ||
    { echo "server_tls: openssl could not make a certificate" >&2; cat "$tmp/openssl.err" >&2; exit 1; }
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other \
    -keyout "$tmp/other-key.pem" -out "$tmp/other-cert.pem" >/dev/null 2>&1 ||
    { echo "server_tls: openssl could not make a second key" >&2; exit 1; }

db=$tmp/tls.db
printf 'clin-pw\n' | "$resorb" user add doc --role clinician --db "$db" >/dev/null || bad "user add" "exit $?"

LOGIN=(-H 'Content-Type: application/json' -d '{"user": "doc", "password": "clin-pw"}')

# ---- TLS --------------------------------------------------------------------------------------
serve tls --db "$db" --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem"
[[ "$url" == https://127.0.0.1:* ]] && ok "the printed URL is https" || bad "URL" "$url"
grep -q "serving on $url" "$tmp/tls.out" && ok "the listening line names it" || bad "listening line" "$(cat "$tmp/tls.out")"
T=(--cacert "$tmp/cert.pem")
req "${T[@]}" "${url}healthz"
check "healthz over TLS, trusting the certificate" "$code" 200
check "HSTS on healthz" "$(hdr Strict-Transport-Security)" "max-age=31536000"
req "${url}healthz"
check "a client that does not trust the certificate is refused" "$code" 000
req "http://${url#https://}healthz"
check "plain HTTP to the TLS port gets no answer" "$code" 000
req "${T[@]}" "${url}api/v1/patients"
check "401 over TLS" "$code" 401
check "HSTS on an error" "$(hdr Strict-Transport-Security)" "max-age=31536000"
req "${T[@]}" "${url}"
check "the page over TLS" "$code" 200
check "HSTS on the page" "$(hdr Strict-Transport-Security)" "max-age=31536000"
req "${T[@]}" "${LOGIN[@]}" "${url}api/v1/login"
check "login over TLS" "$code" 200
cookie=$(hdr Set-Cookie)
for attr in Secure HttpOnly SameSite=Strict Path=/; do
    grep -q "; $attr\(;\|\$\)" <<<"$cookie" && ok "TLS cookie is $attr" || bad "TLS cookie $attr" "$cookie"
done
session=$(sed -e 's/^resorb_session=//' -e 's/;.*//' <<<"$cookie")
req "${T[@]}" -b "resorb_session=$session" "${url}api/v1/me"
check "the session works over TLS" "$code" 200
req "${T[@]}" -b "resorb_session=$session" -X POST -H 'Content-Type: application/json' -d '{}' "${url}api/v1/logout"
grep -q 'Max-Age=0; Secure' <<<"$(hdr Set-Cookie)" && ok "logout's cookie is Secure too" || bad "logout cookie" "$(hdr Set-Cookie)"
grep -q '"url":"https://' "$tmp/tls.log" && ok "the log's start event has the https URL" || bad "start event" "$(head -n 1 "$tmp/tls.log")"
stop tls

# ---- plain HTTP: no Secure, no HSTS -------------------------------------------------------------
serve plain --db "$db"
[[ "$url" == http://127.0.0.1:* ]] && ok "plain: the URL is http" || bad "plain URL" "$url"
req "${LOGIN[@]}" "${url}api/v1/login"
check "plain: login" "$code" 200
grep -qi 'secure' <<<"$(hdr Set-Cookie)" && bad "plain cookie" "Secure over plain HTTP" || ok "plain: cookie not Secure"
check "plain: no HSTS" "$(hdr Strict-Transport-Security)" ""
stop plain

# ---- behind a TLS proxy: plain HTTP, but Secure and HSTS --------------------------------------
serve proxy --db "$db" --behind-tls-proxy
[[ "$url" == http://127.0.0.1:* ]] && ok "proxy: the URL is http (the proxy's is not known)" || bad "proxy URL" "$url"
grep -q 'reachable only through the proxy' "$tmp/proxy.out" && ok "proxy: says where it must be reachable" || bad "proxy notice" "$(cat "$tmp/proxy.out")"
req "${LOGIN[@]}" "${url}api/v1/login"
check "proxy: login" "$code" 200
grep -q '; Secure' <<<"$(hdr Set-Cookie)" && ok "proxy: cookie is Secure" || bad "proxy cookie" "$(hdr Set-Cookie)"
check "proxy: HSTS" "$(hdr Strict-Transport-Security)" "max-age=31536000"
stop proxy

# ---- refusals: exit status and a message naming the file; nothing listens ---------------------
printf 'not a certificate\n' >"$tmp/garbage.pem"
sed -e '2s/^.\{8\}/AAAAAAAA/' "$tmp/key.pem" >"$tmp/broken-key.pem"
head -c 1100000 /dev/zero | tr '\0' 'A' >"$tmp/big.pem"
refuse() { # NAME STATUS MESSAGE-PATTERN ARGS...
    local name=$1 want=$2 pattern=$3 rc=0
    shift 3
    (cd "$tmp" && exec "$resorb" serve --listen 127.0.0.1:0 --db "$db" "$@" >"$tmp/refused.out" 2>"$tmp/refused.err") || rc=$?
    check "$name: exit $want" "$rc" "$want"
    grep -q -- "$pattern" "$tmp/refused.err" && ok "$name: message" || bad "$name: message" "$(cat "$tmp/refused.err")"
    [ ! -s "$tmp/refused.out" ] && ok "$name: no URL printed" || bad "$name: output" "$(cat "$tmp/refused.out")"
}
refuse "only --tls-cert" 1 '--tls-key is missing' --tls-cert "$tmp/cert.pem"
refuse "only --tls-key" 1 '--tls-cert is missing' --tls-key "$tmp/key.pem"
refuse "missing key file" 3 "cannot read --tls-key $tmp/nope.pem: No such file or directory" \
    --tls-cert "$tmp/cert.pem" --tls-key "$tmp/nope.pem"
refuse "missing certificate file" 3 "cannot read --tls-cert $tmp/nope.pem" \
    --tls-cert "$tmp/nope.pem" --tls-key "$tmp/key.pem"
refuse "garbage certificate" 2 "--tls-cert $tmp/garbage.pem: not a PEM certificate" \
    --tls-cert "$tmp/garbage.pem" --tls-key "$tmp/key.pem"
refuse "garbage key" 2 "--tls-key $tmp/garbage.pem: not a PEM private key" \
    --tls-cert "$tmp/cert.pem" --tls-key "$tmp/garbage.pem"
refuse "a certificate given as the key" 2 "not a PEM private key" \
    --tls-cert "$tmp/cert.pem" --tls-key "$tmp/cert.pem"
refuse "a file over 1 MiB" 2 "larger than 1048576 bytes" \
    --tls-cert "$tmp/big.pem" --tls-key "$tmp/key.pem"
refuse "a key of another certificate" 2 "cannot serve TLS with the certificate $tmp/cert.pem and the key $tmp/other-key.pem: .*do not match" \
    --tls-cert "$tmp/cert.pem" --tls-key "$tmp/other-key.pem"
refuse "a key that does not parse" 2 "cannot serve TLS with the certificate $tmp/cert.pem and the key $tmp/broken-key.pem: " \
    --tls-cert "$tmp/cert.pem" --tls-key "$tmp/broken-key.pem"
"$resorb" serve --help | grep -q -- '--tls-cert FILE' && ok "serve --help names --tls-cert" || bad "serve --help" "no --tls-cert"
"$resorb" --lang ja serve --help | grep -q -- '--behind-tls-proxy' && ok "serve --help (ja) names --behind-tls-proxy" || bad "serve --help ja" "missing"

finish
