/* server/auth.c: password hashes, secrets and digests with libsodium (auth.h). */
#include <sodium.h>
#include <string.h>

#include "auth.h"

_Static_assert(RESORB_AUTH_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");

int resorb_auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int resorb_auth_hash_password(const char *password, size_t len, char out[RESORB_AUTH_HASH_MAX])
{
    return crypto_pwhash_str_alg(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0
               ? 0
               : -1;
}

bool resorb_auth_verify_password(const char *hash, const char *password, size_t len)
{
    return crypto_pwhash_str_verify(hash, password, len) == 0;
}

void resorb_auth_new_secret(char out[RESORB_AUTH_SECRET_HEX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, RESORB_AUTH_SECRET_HEX, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

void resorb_auth_digest(const char *secret, size_t len, char out[RESORB_AUTH_DIGEST_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)secret, len);
    sodium_bin2hex(out, RESORB_AUTH_DIGEST_HEX, h, sizeof h);
}

void resorb_auth_wipe(void *p, size_t len)
{
    if (p)
        sodium_memzero(p, len);
}
