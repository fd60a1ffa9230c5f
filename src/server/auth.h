/*
 * server/auth.h: the secrets of authentication (libsodium), shared by the server and
 * `resorb user` (src/cli/cmd_user.c).
 *
 *  - Passwords are hashed with argon2id (crypto_pwhash_str, the interactive limits); the
 *    string it returns carries its own salt and parameters and is what the registry stores.
 *  - Session ids and API tokens are 32 random bytes (randombytes_buf) written as 64 hex
 *    digits; the registry stores only their SHA-256 (crypto_hash_sha256), in hex, so a copy of
 *    the database does not let anyone log in.
 *  - Secrets held in memory only for a while (a TLS key read by `resorb serve`) are wiped with
 *    sodium_memzero before they are freed.
 */
#ifndef RESORB_SERVER_AUTH_H
#define RESORB_SERVER_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#define RESORB_AUTH_SECRET_HEX 65 /* 64 hex digits and the NUL */
#define RESORB_AUTH_DIGEST_HEX 65
#define RESORB_AUTH_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define RESORB_AUTH_PASSWORD_MAX 1024
#define RESORB_AUTH_SESSION_SECONDS (12 * 3600)
#define RESORB_AUTH_COOKIE "resorb_session"

/* Initialises libsodium (idempotent). 0, or -1 when it cannot be used. */
int resorb_auth_init(void);
/* The argon2id string of password into out. 0, or -1 (out of memory). */
int resorb_auth_hash_password(const char *password, size_t len, char out[RESORB_AUTH_HASH_MAX]);
/* Whether password matches hash. */
bool resorb_auth_verify_password(const char *hash, const char *password, size_t len);
/* A new random secret (64 hex digits). */
void resorb_auth_new_secret(char out[RESORB_AUTH_SECRET_HEX]);
/* The SHA-256 of secret in hex. */
void resorb_auth_digest(const char *secret, size_t len, char out[RESORB_AUTH_DIGEST_HEX]);
/* Overwrites len bytes at p with zeros in a way the compiler does not remove (sodium_memzero),
 * for secrets about to be freed: a TLS private key, a password. p may be NULL. */
void resorb_auth_wipe(void *p, size_t len);

#endif
