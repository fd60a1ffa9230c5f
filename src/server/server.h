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
 *    per-connection pool is fixed; the number of connections is capped (more wait in the
 *    kernel's accept queue); every connection has an inactivity timeout; at most a few
 *    password hashes (64 MiB each) run at once. Worst case: max_connections x (body cap + pool
 *    + one request's work, e.g. an assessment), plus those hashes and the kept registry handles.
 *  - A thread per connection (libmicrohttpd's MHD_USE_THREAD_PER_CONNECTION, fed by our own
 *    accept loop, which keeps to max_connections: accept.c), so the kernel spreads the busy
 *    connections over the cores and a slow request (a login's password hash) holds up only its
 *    own connection. Handlers are functions of the request plus the read-only evidence and
 *    catalog; the ones that need the registry (authentication, patients, users) borrow an
 *    open store handle for the request and give it back when it ends (registry.c: a few are
 *    kept between requests, since opening one costs more than the lookup; a handle is used by
 *    one thread at a time). Shared state: that shelf of handles (a mutex), the slots for
 *    password hashes (a semaphore), the number of connections and the number of requests in
 *    flight (atomics; the latter drained at shutdown).
 *  - Every response carries the security headers (a Content-Security-Policy without inline
 *    script, nosniff, no-referrer, frame-ancestors 'none') and a Cache-Control; every request
 *    gets one JSON line in the access log.
 *  - TLS is libmicrohttpd's (GnuTLS), with the certificate and key the caller read (PEM in
 *    memory: GnuTLS parses them while the daemon starts and keeps its own copy, so the caller
 *    wipes its key as soon as resorb_server_start returns). When clients reach the server over
 *    HTTPS, by its own TLS or through a TLS-terminating proxy that is the only way in, session
 *    cookies are Secure and every response carries Strict-Transport-Security.
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
#define RESORB_SERVER_DEFAULT_CONNECTIONS 64
#define RESORB_SERVER_MAX_CONNECTIONS 4096
#define RESORB_SERVER_DEFAULT_TIMEOUT 10 /* seconds of inactivity */
#define RESORB_SERVER_MAX_TIMEOUT 3600
#define RESORB_SERVER_URL_MAX 96
#define RESORB_SERVER_TLS_FILE_MAX (1024 * 1024) /* a PEM certificate chain or key, bytes */
#define RESORB_SERVER_HSTS "max-age=31536000"    /* one year */
#define RESORB_SERVER_FAILURE_MAX 256

typedef struct resorb_server_config {
    const char *listen;          /* "HOST:PORT" or "[IPV6]:PORT"; port 0 picks a free port */
    bool allow_anonymous_assess; /* serve the case endpoints without authentication */
    unsigned max_connections;    /* open at once, each on its thread (1..MAX_CONNECTIONS) */
    unsigned timeout_s;          /* per-connection inactivity timeout in seconds */
    int log_fd;                  /* where the access log goes (2 = standard error) */
    const char *db;              /* the registry (users, sessions, patients); opened when a
                                    request needs it (and kept for the next ones), so a missing
                                    one fails those requests only */
    const char *tls_cert;        /* PEM certificate (chain), NUL-terminated; NULL: plain HTTP */
    const char *tls_key;         /* PEM private key, NUL-terminated; given with tls_cert */
    bool behind_tls_proxy;       /* plain HTTP, but clients come through a TLS-terminating proxy
                                    that is the only way in: Secure cookies and HSTS as with TLS */
} resorb_server_config;

/* Why resorb_server_start failed. */
typedef struct resorb_server_failure {
    int sys_errno; /* errno, or 0 when unknown */
    /* libmicrohttpd's first message while starting, "" when none (with TLS: GnuTLS's reason for
     * refusing the certificate or the key) */
    char message[RESORB_SERVER_FAILURE_MAX];
} resorb_server_failure;

typedef struct resorb_server resorb_server;

/* Binds cfg->listen and starts serving (after initialising libsodium: RESORB_EIO when it
 * cannot be). On success *out is the running server (stop it with resorb_server_stop). Returns
 * 0, RESORB_EUSAGE for a listen address that does not parse, an option out of range or only one
 * of tls_cert and tls_key, RESORB_EINVALID when TLS was asked for and the daemon does not start
 * (GnuTLS refused the certificate or the key, or they do not match: why->message says which),
 * RESORB_EIO when the address cannot be bound or the daemon cannot start, RESORB_ENOMEM. why
 * (NULL allowed) is filled on failure. cfg's strings are not kept. */
int resorb_server_start(resorb_server **out, const resorb_server_config *cfg,
                        resorb_server_failure *why);

/* Whether this libmicrohttpd can serve TLS (Debian's is built with GnuTLS). */
bool resorb_server_tls_supported(void);

/* The URL the server answers on, e.g. "http://127.0.0.1:8080/", "https://127.0.0.1:8443/"
 * with TLS (the real port when 0 was asked for). */
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
