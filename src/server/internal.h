/*
 * server/internal.h: what the files of src/server share (private to the folder).
 *
 * A request lives in one srv_request, allocated by the URI callback as soon as libmicrohttpd
 * has read the request line (so even a request that never reaches a handler, e.g. one cut off
 * by the timeout, is logged) and freed by the completion callback after its log line is
 * written. The access handler (request.c) checks the limits, routes, collects the body and
 * calls one handler (api.c, assets.c); handlers answer through respond.c, which adds the
 * security headers and records status and size for the log (log.c).
 */
#ifndef RESORB_SERVER_INTERNAL_H
#define RESORB_SERVER_INTERNAL_H

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "resorb/case.h"
#include "resorb/error.h"
#include "resorb/i18n.h"
#include "resorb/store.h"
#include "auth.h"
#include "server.h"

/* ---- limits (docs/api.md#limits) ---- */
#define SRV_BODY_MAX ((size_t)RESORB_MAX_INPUT_BYTES) /* a request body: one case */
#define SRV_URI_MAX 2048          /* request target (path and query), bytes: else 414 */
#define SRV_HEADER_BYTES_MAX 8192 /* sum of the header lines (name + value + 4): else 431 */
#define SRV_HEADER_COUNT_MAX 64   /* header lines: else 431 */
#define SRV_POOL_BYTES                                                                             \
    (64 * 1024)              /* libmicrohttpd's memory per connection: beyond it,                  \
                                libmicrohttpd refuses the request line or headers itself */
#define SRV_LOG_PATH_MAX 256 /* the path as logged, truncated */
#define SRV_STORE_IDLE 8     /* registry handles kept open between requests (registry.c) */
#define SRV_HASH_PARALLEL 4  /* password hashes (argon2id, 64 MiB each) at once (session.c) */

#define SRV_CSP                                                                                    \
    "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; "            \
    "base-uri 'none'; form-action 'self'"

#define SRV_CACHE_NO_STORE "no-store"   /* anything that carries case data */
#define SRV_CACHE_REVALIDATE "no-cache" /* public, fixed per build: revalidate (ETag) */

struct resorb_server {
    struct MHD_Daemon *daemon;
    int listen_fd; /* ours: the accept loop's (accept.c) */
    bool allow_anonymous_assess;
    /* Clients come over HTTPS (our TLS, or --behind-tls-proxy): Set-Cookie with Secure, and
     * Strict-Transport-Security on every response. */
    bool https;
    /* libmicrohttpd's first message, kept for a failed start (read only then). */
    atomic_flag first_msg_taken;
    char first_msg[RESORB_SERVER_FAILURE_MAX];
    char *db;                              /* the registry's location */
    char dummy_hash[RESORB_AUTH_HASH_MAX]; /* verified against for an unknown user, so a
                                              login takes as long whether the user exists */
    unsigned max_connections, timeout_s;
    int log_fd;
    char url[RESORB_SERVER_URL_MAX];
    atomic_uint in_flight; /* requests between their first handler call and their
                              completion; drained at shutdown */
    /* The accept loop (accept.c): connections handed to libmicrohttpd and not closed yet
     * (at most max_connections); the pipe wakes the loop for a free slot or the stop. */
    pthread_t acceptor;
    bool acceptor_running;
    atomic_bool stopping;
    atomic_int connections;
    int wake[2];
    /* Password hashes in progress: at most SRV_HASH_PARALLEL (each connection has its thread,
     * and each hash takes 64 MiB while it runs). */
    sem_t hash_slots;
    bool hash_slots_ready;
    /* Registry handles between requests (registry.c), under store_lock. */
    pthread_mutex_t store_lock;
    bool store_lock_ready;
    resorb_store *store_idle[SRV_STORE_IDLE];
    unsigned n_store_idle;
};

typedef struct srv_request srv_request;
typedef enum MHD_Result (*srv_handler)(srv_request *rq, struct MHD_Connection *c, const char *url);

enum { SRV_GET = 1, SRV_POST = 2, SRV_DELETE = 4 }; /* HEAD is served wherever GET is */

/* Who may call a route (docs/api.md#authentication). Roles are not ranked: an admin manages
 * users and does not read patients; a clinician reads and writes patients; a viewer reads. */
typedef enum srv_access {
    SRV_PUBLIC,   /* anyone */
    SRV_CASE,     /* any user; anonymous too when the server allows anonymous assess */
    SRV_USER,     /* any user */
    SRV_PATIENTS, /* GET: viewer or clinician; POST, DELETE: clinician */
    SRV_ADMIN,    /* admin */
} srv_access;

typedef struct srv_route {
    const char *path;
    bool prefix;       /* path is a prefix: /api/v1/evidence/{id} */
    unsigned methods;  /* SRV_GET | SRV_POST | SRV_DELETE */
    const char *allow; /* the Allow header for 405 */
    srv_access access;
    srv_handler handler;
} srv_route;

struct srv_request {
    resorb_server *server;
    struct timespec t0;              /* CLOCK_MONOTONIC at the request line: the duration */
    struct timespec wall;            /* CLOCK_REALTIME at the request line: the log's time */
    char path[SRV_LOG_PATH_MAX + 1]; /* raw path without the query, for the log */
    size_t uri_len;                  /* length of the raw request target */
    char method[16];
    bool started;   /* the access handler has seen the headers */
    bool responded; /* a response was queued */
    bool in_flight; /* counted in server->in_flight */
    const srv_route *route;
    resorb_lang lang;
    unsigned status; /* queued status, 0 when none (the log says null) */
    size_t bytes;    /* queued body size */
    char *body;      /* the request body, NUL-terminated, at most SRV_BODY_MAX bytes */
    size_t body_len, body_cap;
    resorb_store *store; /* borrowed at the first need (registry.c), given back on completion */
    bool store_failed;   /* it gave an error other than a refusal: close it, do not keep it */
    bool authed;         /* user is who the credentials say */
    resorb_store_user user;
    char actor[RESORB_STORE_USER_NAME_MAX + 8]; /* "api:NAME": the audit's actor */
};

/* ---- request.c: the libmicrohttpd callbacks ---- */
void *resorb_server__on_uri(void *cls, const char *uri, struct MHD_Connection *c);
enum MHD_Result resorb_server__on_request(void *cls, struct MHD_Connection *c, const char *url,
                                          const char *method, const char *version,
                                          const char *upload_data, size_t *upload_data_size,
                                          void **con_cls);
void resorb_server__on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                                 enum MHD_RequestTerminationCode toe);
/* The routes, ended by a NULL path (request.c). */
extern const srv_route resorb_server__routes[];

/* ---- respond.c: responses with the common headers ---- */
/* Queues status with body (len bytes) and the security headers. mem says who owns body:
 * MHD_RESPMEM_MUST_FREE hands a malloc'd buffer over (freed even on failure),
 * MHD_RESPMEM_PERSISTENT is static data. extra: NULL-terminated name/value pairs, or NULL. */
enum MHD_Result resorb_server__send(srv_request *rq, struct MHD_Connection *c, unsigned status,
                                    const char *content_type, const char *cache_control, void *body,
                                    size_t len, enum MHD_ResponseMemoryMode mem,
                                    const char *const *extra);
/* Sends doc (reference stolen; NULL = out of memory -> 500) indented, with a final newline. */
enum MHD_Result resorb_server__send_json(srv_request *rq, struct MHD_Connection *c, unsigned status,
                                         const char *cache_control, json_t *doc,
                                         const char *const *extra);
/* {"error": {"code", "message", "diagnostics"}}; message from the catalog key in rq->lang;
 * diags may be NULL (then "diagnostics" is []). */
enum MHD_Result resorb_server__send_error(srv_request *rq, struct MHD_Connection *c,
                                          unsigned status, const char *code, const char *key,
                                          const char *const *args, size_t nargs,
                                          const resorb_diags *diags, const char *const *extra);
/* The diagnostics of a case as JSON objects {severity, problem, path, line, column, args,
 * message}, exactly as `resorb validate --format json` writes them; the capped list ends with
 * a too_many_errors entry. errors/warnings: where to append each (may be the same array). */
int resorb_server__diags_json(json_t *errors, json_t *warnings, const resorb_diags *d,
                              resorb_lang lang);
/* A catalog message in lang as a new heap string (NULL when out of memory). */
char *resorb_server__msg(resorb_lang lang, const char *key, const char *const *args, size_t nargs);

/* ---- api.c: the JSON endpoints ---- */
enum MHD_Result resorb_server__assess(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__validate(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__evidence_list(srv_request *rq, struct MHD_Connection *c,
                                             const char *url);
enum MHD_Result resorb_server__evidence_one(srv_request *rq, struct MHD_Connection *c,
                                            const char *url);
enum MHD_Result resorb_server__messages(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__version(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__healthz(srv_request *rq, struct MHD_Connection *c, const char *url);

/* ---- accept.c: the accept loop and the connection limit ---- */
/* Opens the wake pipe and starts the loop (s->daemon runs). 0 or an errno value. */
int resorb_server__accept_start(resorb_server *s);
/* Stops the loop (no new connection from here on); the wake pipe stays open. */
void resorb_server__accept_stop(resorb_server *s);
/* MHD_OPTION_NOTIFY_CONNECTION: counts the closes. */
void resorb_server__on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                                  enum MHD_ConnectionNotificationCode toe);

/* ---- registry.c: registry handles kept between requests ---- */
int resorb_server__registry_init(resorb_server *s); /* 0 or an errno value */
/* Closes the handles kept; every request has ended. */
void resorb_server__registry_release(resorb_server *s);
/* Gives the request a registry handle in rq->store (once): a kept one, else a new one; false
 * after queuing 503 in *result. */
bool resorb_server__open_store(srv_request *rq, struct MHD_Connection *c, enum MHD_Result *result);
/* Gives the request's handle back (or closes it) and clears rq->store. */
void resorb_server__release_store(srv_request *rq);

/* ---- session.c: authentication, login and logout, users ---- */
/* Authenticates the request (Authorization: Bearer, else the session cookie) and checks
 * rq->route's access for method m. Returns true when the request may go on; otherwise a
 * response (401, 403, 503) is queued in *result. */
bool resorb_server__authorize(srv_request *rq, struct MHD_Connection *c, unsigned m,
                              enum MHD_Result *result);
/* Answers with the store's error: 404 not found, 409 already stored, 422 invalid, 503 else. */
enum MHD_Result resorb_server__store_error(srv_request *rq, struct MHD_Connection *c,
                                           const resorb_store_error *err);
enum MHD_Result resorb_server__login(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__logout(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__me(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__users(srv_request *rq, struct MHD_Connection *c, const char *url);

/* ---- patients.c: the registry's patients ---- */
enum MHD_Result resorb_server__patients(srv_request *rq, struct MHD_Connection *c, const char *url);
enum MHD_Result resorb_server__patient(srv_request *rq, struct MHD_Connection *c, const char *url);
/* The default as_of of a case: ?as_of= or today (api.c); false after queuing 400. */
bool resorb_server__default_as_of(srv_request *rq, struct MHD_Connection *c, resorb_date *out,
                                  enum MHD_Result *result);

/* ---- assets.c: the embedded web page ---- */
/* Serves the embedded file for url ("/" is /index.html); 404 when there is none. */
enum MHD_Result resorb_server__asset(srv_request *rq, struct MHD_Connection *c, const char *url);
/* Whether an embedded file answers url (for routing GET requests). */
bool resorb_server__asset_exists(const char *url);

/* ---- log.c: JSON lines ---- */
void resorb_server__log_request(const resorb_server *s, const srv_request *rq,
                                enum MHD_RequestTerminationCode toe);
/* "2025-03-10T08:00:00.123Z" from a CLOCK_REALTIME time. */
void resorb_server__iso_time(const struct timespec *t, char out[32]);

#endif
