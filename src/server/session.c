/*
 * server/session.c: who is calling, and may they (docs/api.md#authentication).
 *
 * Credentials: `Authorization: Bearer TOKEN` (an API client; tokens come from `resorb user
 * token`), else the session cookie set by POST /api/v1/login (a browser). Both secrets are 32
 * random bytes in hex; the registry holds only their SHA-256 (server/auth.h), so a request is
 * authenticated by one indexed lookup. A session lasts RESORB_AUTH_SESSION_SECONDS.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it) and Path=/; Secure when clients come over HTTPS (--tls-cert, or --behind-tls-proxy:
 * docs/operations.md). Writes need a JSON body (415 otherwise) and the server answers no CORS
 * preflight, so another origin cannot forge one.
 *
 * A failed login says only that the user name or password is wrong, never which, and takes as
 * long for an unknown user (a dummy hash is verified) as for a wrong password. Every connection
 * has its own thread, so password hashes (argon2id: 64 MiB and about 0.1 s of a core each) take
 * one of SRV_HASH_PARALLEL slots, and the others wait for one: memory stays bounded however many
 * logins come at once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const char *const auth_headers[] = {"WWW-Authenticate", "Bearer realm=\"resorb\"", NULL};

/* A slot for one password hash, waited for; given back with hash_done. */
static void hash_slot(resorb_server *s)
{
    while (sem_wait(&s->hash_slots) != 0 && errno == EINTR)
        ;
}

static void hash_done(resorb_server *s)
{
    sem_post(&s->hash_slots);
}

enum MHD_Result resorb_server__store_error(srv_request *rq, struct MHD_Connection *c,
                                           const resorb_store_error *err)
{
    const char *args[2] = {err->args[0], err->args[1]};
    if (err->code == RESORB_ENOTFOUND)
        return resorb_server__send_error(rq, c, MHD_HTTP_NOT_FOUND, "not_found", err->key, args, 2,
                                         NULL, NULL);
    if (err->code == RESORB_EINVALID && (strcmp(err->key, "store.error.already_stored") == 0 ||
                                         strcmp(err->key, "store.error.user_exists") == 0))
        return resorb_server__send_error(rq, c, MHD_HTTP_CONFLICT, "conflict", err->key, args, 2,
                                         NULL, NULL);
    if (err->code == RESORB_EINVALID && strncmp(err->key, "store.error.bad_", 16) == 0)
        return resorb_server__send_error(rq, c, MHD_HTTP_UNPROCESSABLE_CONTENT, "invalid", err->key,
                                         args, 2, NULL, NULL);
    /* Anything else names files and SQLite: for the log, not the client; and the handle is
     * not used again (registry.c). */
    rq->store_failed = true;
    resorb_server_log_event(rq->server, "store_error", "message", err->message);
    return resorb_server__send_error(rq, c, MHD_HTTP_SERVICE_UNAVAILABLE, "store_unavailable",
                                     "server.error.store_unavailable", NULL, 0, NULL, NULL);
}

/* A secret as we issue them: 64 hex digits. */
static bool secret_valid(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == RESORB_AUTH_SECRET_HEX - 1;
}

enum { WHO_NOBODY = 0, WHO_USER = 1, WHO_BAD = -1, WHO_ANSWERED = -2 };

/* The session id of the cookie, or NULL. */
static const char *session_cookie(struct MHD_Connection *c)
{
    return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, RESORB_AUTH_COOKIE);
}

static int authenticate(srv_request *rq, struct MHD_Connection *c, enum MHD_Result *result)
{
    const char *authz = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    const char *secret, *kind;
    if (authz) {
        if (strncasecmp(authz, "Bearer ", 7) != 0)
            return WHO_BAD;
        secret = authz + 7;
        while (*secret == ' ')
            secret++;
        kind = "token";
    } else if ((secret = session_cookie(c))) {
        kind = "session";
    } else {
        return WHO_NOBODY;
    }
    if (!secret_valid(secret))
        return WHO_BAD;
    if (!resorb_server__open_store(rq, c, result))
        return WHO_ANSWERED;
    char digest[RESORB_AUTH_DIGEST_HEX];
    resorb_store_error err;
    resorb_auth_digest(secret, strlen(secret), digest);
    int rc = resorb_store_credential_find(rq->store, kind, digest, &rq->user, &err);
    if (rc == RESORB_ENOTFOUND)
        return WHO_BAD;
    if (rc != 0) {
        *result = resorb_server__store_error(rq, c, &err);
        return WHO_ANSWERED;
    }
    rq->authed = true;
    snprintf(rq->actor, sizeof rq->actor, "api:%s", rq->user.name);
    return WHO_USER;
}

static bool role_is(const srv_request *rq, const char *role)
{
    return strcmp(rq->user.role, role) == 0;
}

bool resorb_server__authorize(srv_request *rq, struct MHD_Connection *c, unsigned m,
                              enum MHD_Result *result)
{
    srv_access access = rq->route->access;
    if (access == SRV_PUBLIC)
        return true;
    int who = authenticate(rq, c, result);
    if (who == WHO_ANSWERED)
        return false;
    if (who != WHO_USER) {
        if (access == SRV_CASE && who == WHO_NOBODY && rq->server->allow_anonymous_assess)
            return true;
        *result = resorb_server__send_error(rq, c, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                                            who == WHO_BAD ? "server.error.bad_credentials"
                                                           : "server.error.unauthorized",
                                            NULL, 0, NULL, auth_headers);
        return false;
    }
    bool ok = true;
    if (access == SRV_PATIENTS)
        ok = m == SRV_GET ? role_is(rq, "viewer") || role_is(rq, "clinician")
                          : role_is(rq, "clinician");
    else if (access == SRV_ADMIN)
        ok = role_is(rq, "admin");
    if (!ok) {
        const char *args[2] = {rq->user.name, rq->user.role};
        *result = resorb_server__send_error(rq, c, MHD_HTTP_FORBIDDEN, "forbidden",
                                            "server.error.forbidden", args, 2, NULL, NULL);
    }
    return ok;
}

/* The body as a JSON object whose members are all strings and exactly the names given
 * (NULL-terminated); values into out in the same order. NULL when it is not. */
static json_t *string_object(const srv_request *rq, const char *const *names, const char **out)
{
    json_error_t jerr;
    json_t *doc = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &jerr);
    size_t n = 0;
    for (; names[n]; n++) {
        json_t *v = json_is_object(doc) ? json_object_get(doc, names[n]) : NULL;
        if (!json_is_string(v))
            goto bad;
        out[n] = json_string_value(v);
        if (strlen(out[n]) != json_string_length(v)) /* a NUL inside */
            goto bad;
    }
    if (json_object_size(doc) != n)
        goto bad;
    return doc;
bad:
    json_decref(doc);
    return NULL;
}

static enum MHD_Result bad_body(srv_request *rq, struct MHD_Connection *c, const char *fields)
{
    const char *args[1] = {fields};
    return resorb_server__send_error(rq, c, MHD_HTTP_BAD_REQUEST, "bad_request",
                                     "server.error.bad_body", args, 1, NULL, NULL);
}

enum MHD_Result resorb_server__login(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    static const char *const names[] = {"user", "password", NULL};
    const char *v[2];
    enum MHD_Result result = MHD_NO;
    char hash[RESORB_STORE_HASH_MAX], secret[RESORB_AUTH_SECRET_HEX],
        digest[RESORB_AUTH_DIGEST_HEX], expires[32], actor[sizeof rq->actor];
    json_t *doc = string_object(rq, names, v);
    if (!doc)
        return bad_body(rq, c, "{\"user\": string, \"password\": string}");
    if (!resorb_server__open_store(rq, c, &result))
        goto done;
    resorb_store_user u;
    resorb_store_error err;
    int rc = resorb_store_user_name_valid(v[0])
                 ? resorb_store_user_get(rq->store, v[0], &u, hash, &err)
                 : RESORB_ENOTFOUND;
    if (rc != 0 && rc != RESORB_ENOTFOUND) {
        result = resorb_server__store_error(rq, c, &err);
        goto done;
    }
    bool known = rc == 0;
    hash_slot(rq->server);
    bool match =
        resorb_auth_verify_password(known ? hash : rq->server->dummy_hash, v[1], strlen(v[1]));
    hash_done(rq->server);
    if (!known || !match) {
        result = resorb_server__send_error(rq, c, MHD_HTTP_UNAUTHORIZED, "invalid_credentials",
                                           "server.error.login_failed", NULL, 0, NULL, NULL);
        goto done;
    }
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += RESORB_AUTH_SESSION_SECONDS;
    resorb_server__iso_time(&t, expires);
    resorb_auth_new_secret(secret);
    resorb_auth_digest(secret, strlen(secret), digest);
    snprintf(actor, sizeof actor, "api:%s", u.name);
    if (resorb_store_credential_add(rq->store, u.name, "session", digest, expires, actor, &err) !=
        0) {
        result = resorb_server__store_error(rq, c, &err);
        goto done;
    }
    char cookie[160];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
             RESORB_AUTH_COOKIE, secret, RESORB_AUTH_SESSION_SECONDS,
             rq->server->https ? "; Secure" : "");
    const char *extra[] = {"Set-Cookie", cookie, NULL};
    result = resorb_server__send_json(
        rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE,
        json_pack("{s:s, s:s, s:s}", "user", u.name, "role", u.role, "expires_at", expires), extra);
    memset(cookie, 0, sizeof cookie);
done:
    memset(secret, 0, sizeof secret);
    json_decref(doc);
    return result;
}

enum MHD_Result resorb_server__logout(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    enum MHD_Result result = MHD_NO;
    const char *secret = session_cookie(c);
    if (secret && secret_valid(secret)) {
        char digest[RESORB_AUTH_DIGEST_HEX], actor[sizeof rq->actor];
        resorb_store_user u;
        resorb_store_error err;
        if (!resorb_server__open_store(rq, c, &result))
            return result;
        resorb_auth_digest(secret, strlen(secret), digest);
        int rc = resorb_store_credential_find(rq->store, "session", digest, &u, &err);
        if (rc == 0) {
            snprintf(actor, sizeof actor, "api:%s", u.name);
            rc = resorb_store_credential_delete(rq->store, "session", digest, actor, &err);
        }
        if (rc != 0 && rc != RESORB_ENOTFOUND)
            return resorb_server__store_error(rq, c, &err);
    }
    char cookie[128];
    snprintf(cookie, sizeof cookie, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             RESORB_AUTH_COOKIE, rq->server->https ? "; Secure" : "");
    const char *extra[] = {"Set-Cookie", cookie, NULL};
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE,
                                    json_pack("{s:b}", "logged_out", 1), extra);
}

enum MHD_Result resorb_server__me(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    return resorb_server__send_json(
        rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE,
        json_pack("{s:s, s:s}", "user", rq->user.name, "role", rq->user.role), NULL);
}

static int user_json(void *ctx, const resorb_store_user *u)
{
    json_t *o =
        json_pack("{s:s, s:s, s:s}", "name", u->name, "role", u->role, "created_at", u->created_at);
    return !o || json_array_append_new(ctx, o) != 0 ? RESORB_ENOMEM : 0;
}

static enum MHD_Result add_user(srv_request *rq, struct MHD_Connection *c)
{
    static const char *const names[] = {"name", "role", "password", NULL};
    const char *v[3];
    char hash[RESORB_AUTH_HASH_MAX];
    resorb_store_error err;
    enum MHD_Result result;
    json_t *doc = string_object(rq, names, v);
    if (!doc)
        return bad_body(rq, c, "{\"name\": string, \"role\": string, \"password\": string}");
    if (!*v[2]) {
        json_decref(doc);
        return bad_body(rq, c, "{\"name\": string, \"role\": string, \"password\": string}");
    }
    hash_slot(rq->server);
    int hashed = resorb_auth_hash_password(v[2], strlen(v[2]), hash);
    hash_done(rq->server);
    if (hashed != 0) {
        json_decref(doc);
        return resorb_server__send_error(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                         "server.error.internal", NULL, 0, NULL, NULL);
    }
    if (resorb_store_user_add(rq->store, v[0], v[1], hash, rq->actor, &err) != 0)
        result = resorb_server__store_error(rq, c, &err);
    else
        result =
            resorb_server__send_json(rq, c, MHD_HTTP_CREATED, SRV_CACHE_NO_STORE,
                                     json_pack("{s:s, s:s}", "name", v[0], "role", v[1]), NULL);
    json_decref(doc);
    return result;
}

enum MHD_Result resorb_server__users(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    if (strcmp(rq->method, "POST") == 0)
        return add_user(rq, c);
    resorb_store_error err;
    json_t *list = json_array();
    if (!list)
        return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE, NULL, NULL);
    if (resorb_store_user_list(rq->store, user_json, list, &err) != 0) {
        json_decref(list);
        return resorb_server__store_error(rq, c, &err);
    }
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE,
                                    json_pack("{s:o}", "users", list), NULL);
}
