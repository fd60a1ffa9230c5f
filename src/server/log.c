/*
 * server/log.c: the access log and the lifecycle events, one JSON object per line.
 *
 * A request line: {"time", "method", "path", "status", "bytes", "duration_ms"} and, when the
 * request did not complete normally, "outcome" ("timeout", "client_abort", ...). "time" is
 * when the request line arrived (UTC, milliseconds); "path" is the raw path without the query
 * (which may hold parameters nobody wants in a log), truncated to SRV_LOG_PATH_MAX bytes, with
 * bytes that are not UTF-8 shown as '?'; "status" is null when libmicrohttpd answered or
 * closed the connection itself. Each line is written with one write(2), so lines from
 * different threads do not interleave.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

void resorb_server__iso_time(const struct timespec *t, char out[32])
{
    struct tm tm;
    time_t secs = t->tv_sec;
    size_t n = gmtime_r(&secs, &tm) ? strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm) : 0;
    if (n == 0 || n > 20) {
        snprintf(out, 32, "1970-01-01T00:00:00.000Z");
        return;
    }
    snprintf(out + n, 32 - n, ".%03dZ", (int)(t->tv_nsec / 1000000) % 1000);
}

/* Writes the object as one line; consumes the reference. */
static void emit(int fd, json_t *o)
{
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(9)) : NULL;
    json_decref(o);
    if (!text || fd < 0) {
        free(text);
        return;
    }
    size_t len = strlen(text);
    char *line = realloc(text, len + 2);
    if (!line) {
        free(text);
        return;
    }
    line[len++] = '\n';
    line[len] = '\0';
    size_t off = 0;
    /* Bounded: every round writes at least one byte or gives up. */
    while (off < len) {
        ssize_t k = write(fd, line + off, len - off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    free(line);
}

/* A JSON string of text from the request, with the bytes of invalid UTF-8 shown as '?'. */
static json_t *request_text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char clean[SRV_LOG_PATH_MAX + 1];
    size_t i = 0;
    for (; s[i] && i < SRV_LOG_PATH_MAX; i++)
        clean[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
    clean[i] = '\0';
    return json_string(clean);
}

static const char *outcome_name(enum MHD_RequestTerminationCode toe)
{
    switch (toe) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK:
        return NULL;
    case MHD_REQUEST_TERMINATED_WITH_ERROR:
        return "error";
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED:
        return "timeout";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN:
        return "shutdown";
    case MHD_REQUEST_TERMINATED_READ_ERROR:
        return "read_error";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT:
        return "client_abort";
    }
    return "error";
}

void resorb_server__log_request(const resorb_server *s, const srv_request *rq,
                                enum MHD_RequestTerminationCode toe)
{
    char when[32];
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms =
        (double)(now.tv_sec - rq->t0.tv_sec) * 1e3 + (double)(now.tv_nsec - rq->t0.tv_nsec) / 1e6;
    ms = round(ms * 1000.0) / 1000.0;
    resorb_server__iso_time(&rq->wall, when);
    json_t *o = json_object();
    if (!o)
        return;
    int bad = 0;
    bad |= json_object_set_new(o, "time", json_string(when));
    bad |= json_object_set_new(o, "method", rq->method[0] ? request_text(rq->method) : json_null());
    bad |= json_object_set_new(o, "path", request_text(rq->path));
    bad |= json_object_set_new(o, "status", rq->status ? json_integer(rq->status) : json_null());
    bad |= json_object_set_new(o, "bytes", json_integer((json_int_t)rq->bytes));
    bad |= json_object_set_new(o, "duration_ms", json_real(ms));
    const char *outcome = outcome_name(toe);
    if (outcome)
        bad |= json_object_set_new(o, "outcome", json_string(outcome));
    if (bad) {
        json_decref(o);
        return;
    }
    emit(s->log_fd, o);
}

void resorb_server_log_event(const resorb_server *s, const char *event, const char *key,
                             const char *value)
{
    char when[32];
    struct timespec now;
    if (!s)
        return;
    clock_gettime(CLOCK_REALTIME, &now);
    resorb_server__iso_time(&now, when);
    json_t *o = json_object();
    if (!o)
        return;
    int bad = json_object_set_new(o, "time", json_string(when));
    bad |= json_object_set_new(o, "event", json_string(event));
    if (key && value)
        bad |= json_object_set_new(o, key, json_string(value));
    if (bad) {
        json_decref(o);
        return;
    }
    emit(s->log_fd, o);
}
