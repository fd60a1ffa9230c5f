/*
 * server/accept.c: our own accept loop, and the connection limit.
 *
 * libmicrohttpd serves each connection on a thread of its own (MHD_USE_THREAD_PER_CONNECTION),
 * so the kernel's scheduler spreads busy connections over every core; a thread pool would keep
 * each connection on the worker that accepted it, and a client that opens its connections at
 * once often has them all on one worker, one core serving everything (docs/benchmarks.md).
 * In that mode libmicrohttpd 0.9.75 accepts every connection that arrives and closes (resets)
 * the ones over its limit at once. We want the others to wait in the kernel's accept queue
 * until a connection closes, as they did with the pool, so the daemon has no listening socket
 * (MHD_USE_NO_LISTEN_SOCKET): this thread accepts, at most max_connections at a time, and hands
 * each connection over with MHD_add_connection.
 *
 * The count: s->connections goes up here before a connection is handed over and down when
 * libmicrohttpd says it closed (MHD_CONNECTION_NOTIFY_CLOSED, once its thread has ended).
 * At the limit this thread stops polling the listening socket and waits on a pipe, which the
 * close of a connection at the limit (or the stop) writes to. MHD_add_connection queues the
 * connection for libmicrohttpd's own thread; a connection refused there without any
 * notification (only when it cannot allocate the connection's memory, since its own limit is
 * set to twice ours so that connections closed but not yet cleaned up never make it refuse one)
 * would never give its slot back, so after a second at the limit without a close the count is
 * lowered to what libmicrohttpd holds (which includes every open connection).
 *
 * Every thread here and libmicrohttpd's are created after cmd_serve.c blocked SIGTERM and
 * SIGINT, and inherit that mask.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

#define ACCEPT_RECHECK_MS 1000 /* at the limit without a close: compare with libmicrohttpd */
#define ACCEPT_BACKOFF_NS (100 * 1000 * 1000) /* after an accept error such as EMFILE */

/* Wakes the accept loop (a full pipe already will). */
static void wake(resorb_server *s)
{
    ssize_t k;
    do
        k = write(s->wake[1], "x", 1);
    while (k < 0 && errno == EINTR);
}

void resorb_server__on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                                  enum MHD_ConnectionNotificationCode toe)
{
    resorb_server *s = cls;
    (void)c;
    (void)socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_CLOSED &&
        atomic_fetch_sub(&s->connections, 1) >= (int)s->max_connections)
        wake(s);
}

/* Lowers the count to the connections libmicrohttpd holds, if that is fewer (see above). */
static void recount(resorb_server *s)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    if (!info)
        return;
    int held = (int)info->num_connections, n = atomic_load(&s->connections);
    while (n > held && !atomic_compare_exchange_weak(&s->connections, &n, held))
        ;
}

static void log_errno(resorb_server *s, int e)
{
    char msg[128];
    if (strerror_r(e, msg, sizeof msg) != 0)
        snprintf(msg, sizeof msg, "errno %d", e);
    resorb_server_log_event(s, "accept", "error", msg);
}

static void *accept_loop(void *arg)
{
    resorb_server *s = arg;
    const struct timespec backoff = {0, ACCEPT_BACKOFF_NS};
    while (!atomic_load(&s->stopping)) {
        bool room = atomic_load(&s->connections) < (int)s->max_connections;
        struct pollfd p[2] = {{room ? s->listen_fd : -1, POLLIN, 0}, {s->wake[0], POLLIN, 0}};
        int n = poll(p, 2, room ? -1 : ACCEPT_RECHECK_MS);
        if (n < 0) {
            if (errno != EINTR) {
                log_errno(s, errno);
                nanosleep(&backoff, NULL);
            }
            continue;
        }
        if (p[1].revents) {
            char drain[64];
            while (read(s->wake[0], drain, sizeof drain) > 0)
                ;
        }
        if (n == 0 && !room)
            recount(s);
        if (!room || !(p[0].revents & POLLIN))
            continue;
        struct sockaddr_storage addr;
        socklen_t len = sizeof addr;
        int fd = accept(s->listen_fd, (struct sockaddr *)&addr, &len);
        if (fd < 0) {
            int e = errno;
            if (e == EAGAIN || e == EWOULDBLOCK || e == EINTR || e == ECONNABORTED || e == EPROTO)
                continue;
            log_errno(s, e); /* EMFILE, ENFILE, ENOBUFS, ENOMEM: the queue waits */
            nanosleep(&backoff, NULL);
            continue;
        }
        /* Counted before the hand-over: its close may come at once. On failure libmicrohttpd
         * has closed the socket and logged why, without notifying. */
        atomic_fetch_add(&s->connections, 1);
        if (MHD_add_connection(s->daemon, fd, (struct sockaddr *)&addr, len) != MHD_YES)
            atomic_fetch_sub(&s->connections, 1);
    }
    return NULL;
}

/* A pipe whose ends are non-blocking and closed on exec. */
static int open_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return errno;
    for (int i = 0; i < 2; i++) {
        int fl = fcntl(fds[i], F_GETFL), fd = fcntl(fds[i], F_GETFD);
        if (fl < 0 || fd < 0 || fcntl(fds[i], F_SETFL, fl | O_NONBLOCK) != 0 ||
            fcntl(fds[i], F_SETFD, fd | FD_CLOEXEC) != 0) {
            int e = errno;
            close(fds[0]);
            close(fds[1]);
            fds[0] = fds[1] = -1;
            return e;
        }
    }
    return 0;
}

int resorb_server__accept_start(resorb_server *s)
{
    int e = open_pipe(s->wake);
    if (e != 0)
        return e;
    e = pthread_create(&s->acceptor, NULL, accept_loop, s);
    if (e != 0)
        return e;
    s->acceptor_running = true;
    return 0;
}

void resorb_server__accept_stop(resorb_server *s)
{
    if (s->acceptor_running) {
        atomic_store(&s->stopping, true);
        wake(s);
        pthread_join(s->acceptor, NULL);
        s->acceptor_running = false;
    }
}
