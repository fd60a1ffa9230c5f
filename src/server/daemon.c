/*
 * server/daemon.c: starting and stopping the server.
 *
 * We open the listening socket ourselves (so `--listen 127.0.0.1:0` can pick a free port and
 * we can say which, and a busy port is reported with its errno) and accept on it ourselves
 * (accept.c), handing each connection to libmicrohttpd, which serves it on a thread of its own.
 * Stopping is graceful: stop accepting (the listening socket closes), wait for the requests in
 * flight (bounded by RESORB_SERVER_GRACE_MS), then stop the daemon, which closes the idle
 * keep-alive connections, and close the registry handles kept between requests (registry.c).
 *
 * TLS: with a certificate and key the daemon runs with MHD_USE_TLS and gets them in memory
 * (MHD_OPTION_HTTPS_MEM_CERT / _KEY); GnuTLS parses them while MHD_start_daemon runs and does
 * not look at the caller's buffers again. When it refuses them, libmicrohttpd says why only
 * through its logger, so the logger keeps its first message for resorb_server_start to report.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

#define LISTEN_HOST_MAX 64
#define LISTEN_BACKLOG 128

/* Splits "HOST:PORT" / "[V6]:PORT" into host and port text. */
static int split_listen(const char *addr, char host[LISTEN_HOST_MAX], char port[8])
{
    const char *colon, *h = addr;
    size_t hlen;
    if (!addr || !*addr)
        return RESORB_EUSAGE;
    if (*h == '[') {
        const char *end = strchr(h, ']');
        if (!end || end[1] != ':')
            return RESORB_EUSAGE;
        h++;
        hlen = (size_t)(end - h);
        colon = end + 1;
    } else {
        colon = strrchr(h, ':');
        if (!colon || strchr(h, ':') != colon)
            return RESORB_EUSAGE;
        hlen = (size_t)(colon - h);
    }
    const char *p = colon + 1;
    size_t plen = strlen(p);
    if (hlen == 0 || hlen >= LISTEN_HOST_MAX || plen == 0 || plen > 5)
        return RESORB_EUSAGE;
    for (size_t i = 0; i < plen; i++)
        if (p[i] < '0' || p[i] > '9')
            return RESORB_EUSAGE;
    char *end = NULL;
    long v = strtol(p, &end, 10);
    if (*end != '\0' || v < 0 || v > 65535)
        return RESORB_EUSAGE;
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    memcpy(port, p, plen + 1);
    return 0;
}

/* Binds and listens on the first address of host:port that works; fills the URL (https:// when
 * tls). */
static int open_listener(resorb_server *s, const char *addr, bool tls, int *sys_errno)
{
    char host[LISTEN_HOST_MAX], port[8];
    struct addrinfo hints = {0}, *res = NULL;
    int rc = split_listen(addr, host, port), fd = -1, err = 0;
    if (rc != 0)
        return rc;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0) {
        rc = gai == EAI_MEMORY ? RESORB_ENOMEM : RESORB_EUSAGE;
        goto done;
    }
    rc = RESORB_EIO;
    for (const struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int one = 1;
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (ai->ai_family == AF_INET6)
            (void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, LISTEN_BACKLOG) == 0) {
            rc = 0;
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    if (rc != 0)
        goto done;
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        err = errno;
        rc = RESORB_EIO;
        goto done;
    }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char nhost[64], nport[8];
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0 ||
        getnameinfo((struct sockaddr *)&ss, sl, nhost, sizeof nhost, nport, sizeof nport,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        err = errno;
        rc = RESORB_EIO;
        goto done;
    }
    bool v6 = ss.ss_family == AF_INET6;
    snprintf(s->url, sizeof s->url, "%s://%s%s%s:%s/", tls ? "https" : "http", v6 ? "[" : "", nhost,
             v6 ? "]" : "", nport);
    s->listen_fd = fd;
    fd = -1;
done:
    if (fd >= 0)
        close(fd);
    if (res)
        freeaddrinfo(res);
    if (rc == RESORB_EIO && sys_errno)
        *sys_errno = err;
    return rc;
}

/* libmicrohttpd's own messages, as JSON lines in the same log; the first is also kept (by
 * whichever thread says it first) for a failed start to report. */
__attribute__((format(printf, 2, 0))) static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    resorb_server *s = cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    if (!atomic_flag_test_and_set(&s->first_msg_taken))
        snprintf(s->first_msg, sizeof s->first_msg, "%.*s", (int)sizeof s->first_msg - 1, msg);
    resorb_server_log_event(s, "libmicrohttpd", "message", msg);
}

bool resorb_server_tls_supported(void)
{
    return MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES;
}

/* Frees what resorb_server_start set up, in the reverse order; s may be partly set up. */
static void release(resorb_server *s)
{
    if (!s)
        return;
    resorb_server__accept_stop(s);
    if (s->listen_fd >= 0)
        close(s->listen_fd);
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    /* Only now: the closes of the connections still write to the wake pipe. */
    for (int i = 0; i < 2; i++)
        if (s->wake[i] >= 0)
            close(s->wake[i]);
    resorb_server__registry_release(s);
    if (s->hash_slots_ready)
        sem_destroy(&s->hash_slots);
    free(s->db);
    free(s);
}

int resorb_server_start(resorb_server **out, const resorb_server_config *cfg,
                        resorb_server_failure *why)
{
    resorb_server *s = NULL;
    int rc = RESORB_EUSAGE, sys_errno = 0;
    bool tls = cfg && cfg->tls_cert;
    if (!out || !cfg || cfg->max_connections < 1 ||
        cfg->max_connections > RESORB_SERVER_MAX_CONNECTIONS || cfg->timeout_s < 1 ||
        cfg->timeout_s > RESORB_SERVER_MAX_TIMEOUT || !cfg->tls_cert != !cfg->tls_key)
        goto done;
    if (!(s = calloc(1, sizeof *s))) {
        rc = RESORB_ENOMEM;
        goto done;
    }
    atomic_flag_clear(&s->first_msg_taken);
    s->listen_fd = -1;
    s->wake[0] = s->wake[1] = -1;
    s->https = tls || cfg->behind_tls_proxy;
    s->allow_anonymous_assess = cfg->allow_anonymous_assess;
    s->max_connections = cfg->max_connections;
    s->timeout_s = cfg->timeout_s;
    s->log_fd = cfg->log_fd;
    atomic_init(&s->in_flight, 0);
    atomic_init(&s->stopping, false);
    atomic_init(&s->connections, 0);
    if (!(s->db = strdup(cfg->db ? cfg->db : "resorb.db"))) {
        rc = RESORB_ENOMEM;
        goto done;
    }
    if ((sys_errno = resorb_server__registry_init(s)) != 0) {
        rc = RESORB_EIO;
        goto done;
    }
    if (sem_init(&s->hash_slots, 0, SRV_HASH_PARALLEL) != 0) {
        sys_errno = errno;
        rc = RESORB_EIO;
        goto done;
    }
    s->hash_slots_ready = true;
    if (resorb_auth_init() != 0 || resorb_auth_hash_password("resorb", 6, s->dummy_hash) != 0) {
        rc = RESORB_EIO;
        goto done;
    }
    rc =
        open_listener(s, cfg->listen ? cfg->listen : RESORB_SERVER_DEFAULT_LISTEN, tls, &sys_errno);
    if (rc != 0)
        goto done;
    /* A thread per connection, and no listening socket: accept.c accepts. poll(), not select():
     * descriptors above FD_SETSIZE are fine (epoll does not go with a thread per connection). */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_POLL | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                     (tls ? MHD_USE_TLS : 0);
    /* jansson seeds its hash function on first use; seed it here, before any worker thread
     * exists, rather than rely on that being race-free. */
    json_object_seed(0);
    /* The options that depend on the configuration, ended by MHD_OPTION_END: the certificate
     * and key. */
    struct MHD_OptionItem varying[3];
    size_t nv = 0;
    if (tls) {
        varying[nv++] =
            (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cfg->tls_cert};
        varying[nv++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)cfg->tls_key};
    }
    varying[nv] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
    errno = 0;
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, resorb_server__on_request, s,
        /* The logger first, so that libmicrohttpd reports nothing past it. */
        MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s, MHD_OPTION_ARRAY, varying,
        /* accept.c keeps to max_connections; libmicrohttpd's own limit, twice that, is only a
         * backstop (see there). */
        MHD_OPTION_CONNECTION_LIMIT, 2 * (unsigned int)s->max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)s->timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SRV_POOL_BYTES, MHD_OPTION_URI_LOG_CALLBACK,
        resorb_server__on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, resorb_server__on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, resorb_server__on_connection, s, MHD_OPTION_END);
    if (!s->daemon) {
        sys_errno = errno;
        rc = tls ? RESORB_EINVALID : RESORB_EIO;
        goto done;
    }
    if ((sys_errno = resorb_server__accept_start(s)) != 0) {
        MHD_stop_daemon(s->daemon); /* its threads end: first_msg is settled */
        s->daemon = NULL;
        rc = RESORB_EIO;
        goto done;
    }
    *out = s;
    s = NULL;
    rc = 0;
done:
    if (rc != 0 && why) {
        why->sys_errno = rc == RESORB_EIO ? sys_errno : 0;
        /* Every thread of a daemon that failed to start has ended: first_msg is settled. */
        snprintf(why->message, sizeof why->message, "%s", s ? s->first_msg : "");
    }
    release(s);
    return rc;
}

const char *resorb_server_url(const resorb_server *s)
{
    return s ? s->url : "";
}

void resorb_server_stop(resorb_server *s)
{
    if (!s)
        return;
    /* No new connections from here on: the listening socket closes, and connections still in
     * its queue are refused. */
    resorb_server__accept_stop(s);
    if (s->listen_fd >= 0)
        close(s->listen_fd);
    s->listen_fd = -1;
    const struct timespec tick = {0, 20 * 1000 * 1000};
    for (int waited = 0; waited < RESORB_SERVER_GRACE_MS && atomic_load(&s->in_flight) > 0;
         waited += 20)
        nanosleep(&tick, NULL);
    release(s); /* stops the daemon, which closes the remaining (idle) connections */
}
