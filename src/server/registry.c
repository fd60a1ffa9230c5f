/*
 * server/registry.c: the registry handles the server keeps open between requests.
 *
 * Opening the registry costs more than an authenticated request's own work: SQLite reads the
 * schema of every new connection, and when the one that closes is the last, it checkpoints and
 * deletes the -wal and -shm files, which the next open creates again (docs/benchmarks.md). So
 * a request borrows an open handle on its first need of the registry (authentication, or a
 * handler) and gives it back when it completes; up to SRV_STORE_IDLE handles wait in
 * s->store_idle for the next requests, more are opened when more requests need one at once
 * and closed when given back to a full shelf. The shelf is the only state shared here, under
 * s->store_lock; a handle is used by one request (one thread) at a time.
 *
 * What stays as it was with a handle per request:
 *  - Every request sees what was committed before it: a handle on the shelf holds no
 *    transaction and no statement in progress (resorb_store_reusable), and SQLite's WAL gives
 *    each read outside a transaction the latest commit, by the CLI or another request.
 *    Credentials are looked up on every request, so a revoked token gets 401 on the next one.
 *  - A missing or unopenable registry answers 503: nothing is kept when nothing opens.
 *  - A handle that failed is not used again: one that gave an error other than a refusal
 *    (resorb_server__store_error) is closed at the end of its request, and one whose file was
 *    deleted or replaced since it was opened (a restore that moved a file into place) is closed
 *    when it would be borrowed, and the location opened again.
 */
#include <stdlib.h>

#include "internal.h"

int resorb_server__registry_init(resorb_server *s)
{
    int e = pthread_mutex_init(&s->store_lock, NULL);
    s->store_lock_ready = e == 0;
    return e;
}

/* A handle from the shelf that may be used again, or NULL; the others are closed. */
static resorb_store *take_idle(resorb_server *s)
{
    for (;;) {
        resorb_store *h = NULL;
        pthread_mutex_lock(&s->store_lock);
        if (s->n_store_idle > 0)
            h = s->store_idle[--s->n_store_idle];
        pthread_mutex_unlock(&s->store_lock);
        if (!h || resorb_store_reusable(h))
            return h;
        resorb_store_close(h);
    }
}

bool resorb_server__open_store(srv_request *rq, struct MHD_Connection *c, enum MHD_Result *result)
{
    resorb_store_error err;
    if (rq->store)
        return true;
    if ((rq->store = take_idle(rq->server)))
        return true;
    if (resorb_store_open(&rq->store, rq->server->db, 0, &err) == 0)
        return true;
    rq->store = NULL;
    resorb_server_log_event(rq->server, "store_error", "message", err.message);
    *result = resorb_server__send_error(rq, c, MHD_HTTP_SERVICE_UNAVAILABLE, "store_unavailable",
                                        "server.error.store_unavailable", NULL, 0, NULL, NULL);
    return false;
}

void resorb_server__release_store(srv_request *rq)
{
    resorb_server *s = rq->server;
    resorb_store *h = rq->store;
    rq->store = NULL;
    if (!h)
        return;
    if (!rq->store_failed && resorb_store_reusable(h)) {
        pthread_mutex_lock(&s->store_lock);
        if (s->n_store_idle < SRV_STORE_IDLE) {
            s->store_idle[s->n_store_idle++] = h;
            h = NULL;
        }
        pthread_mutex_unlock(&s->store_lock);
    }
    resorb_store_close(h);
}

void resorb_server__registry_release(resorb_server *s)
{
    if (!s->store_lock_ready)
        return;
    /* Every thread that could use the shelf has ended. */
    while (s->n_store_idle > 0)
        resorb_store_close(s->store_idle[--s->n_store_idle]);
    pthread_mutex_destroy(&s->store_lock);
    s->store_lock_ready = false;
}
