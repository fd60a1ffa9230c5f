/*
 * server/server.h: the HTTP server behind `resorb serve` (libmicrohttpd).
 *
 * The server is an adapter, like the command line: it turns HTTP requests into calls of the
 * library's public API (resorb_case_parse, resorb_assess, resorb_report_json, the evidence
 * tables, the message catalog) and renders the results as JSON, and it serves the web page,
 * whose files are compiled into the program (tools/gen_web.c). It never reaches into library
 * internals, so a case gives the same bytes through `resorb assess --format json` and through
 * POST /api/v1/assess.
 *
 * Design points (docs/api.md and docs/operations.md have the user's view):
 *  - No global mutable state. Everything a request needs hangs off the resorb_server object
 *    (passed to every libmicrohttpd callback as its closure) or the per-request context that
 *    the URI callback allocates and the completion callback frees. Signals are the caller's
 *    business (cmd_serve.c blocks them and waits for them with sigwait: no handler at all).
 *  - Bounded memory for untrusted input: a request body is at most the case cap
 *    (RESORB_MAX_INPUT_BYTES) and refused with 413 before it is read when Content-Length says
 *    more; URL, header bytes and header count are capped (414/431); libmicrohttpd's own
 *    per-connection pool is fixed; the number of connections is capped; every connection has
 *    an inactivity timeout. Worst case: max_connections x (body cap + pool).
 *  - libmicrohttpd runs an epoll thread pool; handlers are functions of the request plus the
 *    read-only evidence and catalog, and the ones that need the registry (authentication,
 *    patients, users) open their own store handle for the request and close it when it ends
 *    (SQLite handles are not shared between threads), so they need no locks. The only shared
 *    counter is the number of requests in flight (an atomic), used to drain them at shutdown.
 *  - Every response carries the security headers (a Content-Security-Policy without inline
 *    script, nosniff, no-referrer, frame-ancestors 'none') and a Cache-Control; every request
 *    gets one JSON line in the access log.
 */
#ifndef RESORB_SERVER_H
#define RESORB_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "resorb/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESORB_SERVER_DEFAULT_LISTEN "127.0.0.1:8080"
#define RESORB_SERVER_DEFAULT_THREADS 4
#define RESORB_SERVER_MAX_THREADS 64
#define RESORB_SERVER_DEFAULT_CONNECTIONS 64
#define RESORB_SERVER_MAX_CONNECTIONS 4096
#define RESORB_SERVER_DEFAULT_TIMEOUT 10 /* seconds of inactivity */
#define RESORB_SERVER_MAX_TIMEOUT 3600
#define RESORB_SERVER_URL_MAX 96

typedef struct resorb_server_config {
    const char *listen;          /* "HOST:PORT" or "[IPV6]:PORT"; port 0 picks a free port */
    bool allow_anonymous_assess; /* serve the case endpoints without authentication */
    unsigned threads;            /* worker threads (1..RESORB_SERVER_MAX_THREADS) */
    unsigned max_connections;    /* at least threads, at most RESORB_SERVER_MAX_CONNECTIONS */
    unsigned timeout_s;          /* per-connection inactivity timeout in seconds */
    int log_fd;                  /* where the access log goes (2 = standard error) */
    const char *db;              /* the registry (users, sessions, patients); opened per request
                                    that needs it, so a missing one fails those requests only */
} resorb_server_config;

typedef struct resorb_server resorb_server;

/* Binds cfg->listen and starts serving (after initialising libsodium: RESORB_EIO when it
 * cannot be, with *sys_errno 0). On success *out is the running server (stop it with
 * resorb_server_stop). Returns 0, RESORB_EUSAGE for a listen address that does not parse or
 * an option out of range, RESORB_EIO when the address cannot be bound or the daemon cannot
 * start (*sys_errno then holds errno, or 0 when unknown), RESORB_ENOMEM. */
int resorb_server_start(resorb_server **out, const resorb_server_config *cfg, int *sys_errno);

/* The URL the server answers on, e.g. "http://127.0.0.1:8080/" (the real port when 0 was
 * asked for). */
const char *resorb_server_url(const resorb_server *s);

/* Stops accepting connections, lets the requests in flight finish (at most
 * RESORB_SERVER_GRACE_MS), closes every connection and frees s. NULL is allowed. */
#define RESORB_SERVER_GRACE_MS 2000
void resorb_server_stop(resorb_server *s);

/* Writes one JSON line {"time", "event", ...} to the server's log: lifecycle events such as
 * "start" and "stop" go into the same stream as the access log, so the log stays JSON lines. */
void resorb_server_log_event(const resorb_server *s, const char *event, const char *key,
                             const char *value);

#ifdef __cplusplus
}
#endif
#endif
