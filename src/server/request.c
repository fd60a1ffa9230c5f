/*
 * server/request.c: the libmicrohttpd callbacks: one request from its request line to its log
 * line, the limits, the routes and the request body.
 *
 * libmicrohttpd calls the access handler several times per request: once when the headers are
 * in (upload_data_size 0), once per piece of body, and once more when the body is complete.
 * We refuse everything we can on the first call, before reading any body: 414 and 431 for a
 * request target or headers over our caps, 404 and 405 for the route, 401 and 403 when the
 * route's users (srv_access; session.c checks the credentials) do not include the caller, 415
 * for a body that is not JSON, 413 when Content-Length exceeds the case cap. A route path may
 * hold "{id}", one path segment. A body is read into a buffer that never grows past SRV_BODY_MAX (a
 * chunked body that grows past it has the connection closed, since libmicrohttpd cannot queue a
 * response halfway through a body); a GET's body is read under the same cap and ignored.
 * A request that passes is answered on the last call, once it has been read completely:
 * libmicrohttpd closes the connection after a response queued "early" (on the first call),
 * which is right for a refusal but would cost every GET its keep-alive connection.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

const srv_route resorb_server__routes[] = {
    {"/api/v1/assess", false, SRV_POST, "POST", SRV_CASE, resorb_server__assess},
    {"/api/v1/validate", false, SRV_POST, "POST", SRV_CASE, resorb_server__validate},
    {"/api/v1/login", false, SRV_POST, "POST", SRV_PUBLIC, resorb_server__login},
    {"/api/v1/logout", false, SRV_POST, "POST", SRV_PUBLIC, resorb_server__logout},
    {"/api/v1/me", false, SRV_GET, "GET, HEAD", SRV_USER, resorb_server__me},
    {"/api/v1/users", false, SRV_GET | SRV_POST, "GET, HEAD, POST", SRV_ADMIN,
     resorb_server__users},
    {"/api/v1/patients", false, SRV_GET | SRV_POST, "GET, HEAD, POST", SRV_PATIENTS,
     resorb_server__patients},
    {"/api/v1/patients/{id}", false, SRV_GET | SRV_DELETE, "GET, HEAD, DELETE", SRV_PATIENTS,
     resorb_server__patient},
    {"/api/v1/patients/{id}/visits", false, SRV_POST, "POST", SRV_PATIENTS, resorb_server__patient},
    {"/api/v1/patients/{id}/studies", false, SRV_POST, "POST", SRV_PATIENTS,
     resorb_server__patient},
    {"/api/v1/patients/{id}/timeline", false, SRV_GET, "GET, HEAD", SRV_PATIENTS,
     resorb_server__patient},
    {"/api/v1/patients/{id}/forecast", false, SRV_GET, "GET, HEAD", SRV_PATIENTS,
     resorb_server__patient},
    {"/api/v1/evidence", false, SRV_GET, "GET, HEAD", SRV_PUBLIC, resorb_server__evidence_list},
    {"/api/v1/evidence/", true, SRV_GET, "GET, HEAD", SRV_PUBLIC, resorb_server__evidence_one},
    {"/api/v1/messages", false, SRV_GET, "GET, HEAD", SRV_PUBLIC, resorb_server__messages},
    {"/api/v1/version", false, SRV_GET, "GET, HEAD", SRV_PUBLIC, resorb_server__version},
    {"/healthz", false, SRV_GET, "GET, HEAD", SRV_PUBLIC, resorb_server__healthz},
    {NULL, false, 0, NULL, SRV_PUBLIC, NULL},
};

/* The page and its files: any GET that names an embedded file. */
static const srv_route asset_route = {"/",         true,       SRV_GET,
                                      "GET, HEAD", SRV_PUBLIC, resorb_server__asset};

/* Whether url matches pattern, where "{id}" stands for one non-empty path segment. */
static bool matches(const char *pattern, const char *url)
{
    const char *hole = strstr(pattern, "{id}");
    if (!hole)
        return strcmp(url, pattern) == 0;
    size_t head = (size_t)(hole - pattern);
    if (strncmp(url, pattern, head) != 0)
        return false;
    size_t seg = strcspn(url + head, "/");
    return seg > 0 && strcmp(url + head + seg, hole + 4) == 0;
}

static const srv_route *find_route(const char *url)
{
    for (const srv_route *r = resorb_server__routes; r->path; r++) {
        size_t n = strlen(r->path);
        if (r->prefix ? strncmp(url, r->path, n) == 0 : matches(r->path, url))
            return r;
    }
    if (resorb_server__asset_exists(url))
        return &asset_route;
    return NULL;
}

void *resorb_server__on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)c;
    srv_request *rq = calloc(1, sizeof *rq);
    if (!rq)
        return NULL;
    rq->server = cls;
    clock_gettime(CLOCK_MONOTONIC, &rq->t0);
    clock_gettime(CLOCK_REALTIME, &rq->wall);
    rq->uri_len = strlen(uri);
    size_t n = strcspn(uri, "?");
    if (n > SRV_LOG_PATH_MAX)
        n = SRV_LOG_PATH_MAX;
    memcpy(rq->path, uri, n);
    rq->path[n] = '\0';
    rq->lang = RESORB_LANG_EN;
    return rq;
}

void resorb_server__on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                                 enum MHD_RequestTerminationCode toe)
{
    resorb_server *s = cls;
    srv_request *rq = *con_cls;
    (void)c;
    if (!rq)
        return;
    resorb_server__log_request(s, rq, toe);
    if (rq->in_flight)
        atomic_fetch_sub(&s->in_flight, 1);
    resorb_server__release_store(rq);
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}

/* ---- header checks ---- */

typedef struct header_sum {
    size_t bytes, count;
} header_sum;

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                  size_t key_size, const char *value, size_t value_size)
{
    header_sum *sum = cls;
    (void)kind;
    (void)key;
    (void)value;
    sum->bytes += key_size + value_size + 4; /* "Name: value\r\n" */
    sum->count++;
    /* Stop walking as soon as a cap is passed: the walk is bounded by the caps. */
    return sum->bytes > SRV_HEADER_BYTES_MAX || sum->count > SRV_HEADER_COUNT_MAX ? MHD_NO
                                                                                  : MHD_YES;
}

/* The language of the messages: ?lang=en|ja, else the best of Accept-Language, else English.
 * Returns false when ?lang names a language we do not have. */
static bool choose_lang(struct MHD_Connection *c, resorb_lang *out)
{
    const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    *out = RESORB_LANG_EN;
    if (q) {
        if (strcmp(q, "en") == 0)
            return true;
        if (strcmp(q, "ja") == 0) {
            *out = RESORB_LANG_JA;
            return true;
        }
        return false;
    }
    const char *al = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
    double best = 0;
    /* Accept-Language: "ja-JP,ja;q=0.9,en;q=0.8". The header is under SRV_HEADER_BYTES_MAX,
     * so this walk is bounded. */
    for (const char *p = al; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t tag = strcspn(p, ",; ");
        const char *end = p + strcspn(p, ",");
        double qv = 1.0;
        const char *qp = strstr(p, ";q=");
        if (qp && qp < end) {
            char *qe = NULL;
            qv = strtod(qp + 3, &qe);
            if (qe == qp + 3 || qv < 0 || qv > 1)
                qv = 0;
        }
        bool ja = tag >= 2 && strncasecmp(p, "ja", 2) == 0 && (tag == 2 || p[2] == '-');
        bool en = tag >= 2 && strncasecmp(p, "en", 2) == 0 && (tag == 2 || p[2] == '-');
        if ((ja || en) && qv > best) {
            best = qv;
            *out = ja ? RESORB_LANG_JA : RESORB_LANG_EN;
        }
        p = *end ? end + 1 : end;
    }
    return true;
}

/* "application/json", optionally with parameters ("; charset=utf-8"). */
static bool is_json_type(const char *ct)
{
    static const char want[] = "application/json";
    if (!ct || strncasecmp(ct, want, sizeof want - 1) != 0)
        return false;
    char next = ct[sizeof want - 1];
    return next == '\0' || next == ';' || next == ' ';
}

/* Everything decided from the request line and headers. Returns with a response queued, or
 * MHD_YES without one when the body is to be read. */
static enum MHD_Result first_call(srv_request *rq, struct MHD_Connection *c, const char *url,
                                  const char *method)
{
    bool lang_ok = choose_lang(c, &rq->lang);
    if (rq->uri_len > SRV_URI_MAX) {
        char cap[16];
        snprintf(cap, sizeof cap, "%d", SRV_URI_MAX);
        const char *args[1] = {cap};
        return resorb_server__send_error(rq, c, MHD_HTTP_URI_TOO_LONG, "uri_too_long",
                                         "server.error.uri_too_long", args, 1, NULL, NULL);
    }
    header_sum sum = {0, 0};
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, add_header, &sum);
    if (sum.bytes > SRV_HEADER_BYTES_MAX || sum.count > SRV_HEADER_COUNT_MAX) {
        char b[16], n[16];
        snprintf(b, sizeof b, "%d", SRV_HEADER_BYTES_MAX);
        snprintf(n, sizeof n, "%d", SRV_HEADER_COUNT_MAX);
        const char *args[2] = {b, n};
        return resorb_server__send_error(rq, c, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                                         "headers_too_large", "server.error.headers_too_large",
                                         args, 2, NULL, NULL);
    }
    const srv_route *r = find_route(url);
    if (!r)
        return resorb_server__send_error(rq, c, MHD_HTTP_NOT_FOUND, "not_found",
                                         "server.error.not_found", &url, 1, NULL, NULL);
    unsigned m = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ? SRV_GET
                 : strcmp(method, "POST") == 0                             ? SRV_POST
                 : strcmp(method, "DELETE") == 0                           ? SRV_DELETE
                                                                           : 0;
    if (!(r->methods & m)) {
        const char *extra[] = {"Allow", r->allow, NULL};
        const char *args[2] = {method, r->allow};
        return resorb_server__send_error(rq, c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                                         "server.error.method_not_allowed", args, 2, NULL, extra);
    }
    rq->route = r;
    if (!lang_ok) {
        const char *args[2] = {"lang", "en|ja"};
        return resorb_server__send_error(rq, c, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                                         "server.error.bad_parameter", args, 2, NULL, NULL);
    }
    enum MHD_Result refused = MHD_NO;
    if (!resorb_server__authorize(rq, c, m, &refused))
        return refused;
    if (m != SRV_POST)
        return MHD_YES; /* answered when the request is complete, so the connection stays */
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (!is_json_type(ct)) {
        const char *args[1] = {ct ? ct : ""};
        return resorb_server__send_error(
            rq, c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
            "server.error.unsupported_media_type", args, 1, NULL, NULL);
    }
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl) {
        char *end = NULL;
        unsigned long long v = strtoull(cl, &end, 10);
        if (end == cl || *end != '\0' || v > SRV_BODY_MAX) {
            resorb_diags d;
            resorb_diags_init(&d);
            resorb_case_reject_too_large(&d);
            return resorb_server__send_error(rq, c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                                             "server.error.too_large", NULL, 0, &d, NULL);
        }
        rq->body_cap = (size_t)v + 1;
    }
    return MHD_YES; /* the body follows */
}

/* Appends a piece of body; false when the body would pass the cap or memory ran out. */
static bool take_body(srv_request *rq, const char *data, size_t n)
{
    if (n > SRV_BODY_MAX - rq->body_len)
        return false;
    size_t need = rq->body_len + n + 1;
    if (need > rq->body_cap || !rq->body) {
        size_t cap = rq->body_cap > need ? rq->body_cap : need;
        if (rq->body && cap < 2 * rq->body_cap)
            cap = 2 * rq->body_cap;
        if (cap > SRV_BODY_MAX + 1)
            cap = SRV_BODY_MAX + 1;
        char *nb = realloc(rq->body, cap);
        if (!nb)
            return false;
        rq->body = nb;
        rq->body_cap = cap;
    }
    memcpy(rq->body + rq->body_len, data, n);
    rq->body_len += n;
    rq->body[rq->body_len] = '\0';
    return true;
}

enum MHD_Result resorb_server__on_request(void *cls, struct MHD_Connection *c, const char *url,
                                          const char *method, const char *version,
                                          const char *upload_data, size_t *upload_data_size,
                                          void **con_cls)
{
    resorb_server *s = cls;
    srv_request *rq = *con_cls;
    (void)version;
    if (!rq)
        return MHD_NO; /* the context could not be allocated: drop the connection */
    if (!rq->started) {
        rq->started = true;
        snprintf(rq->method, sizeof rq->method, "%s", method);
        atomic_fetch_add(&s->in_flight, 1);
        rq->in_flight = true;
        return first_call(rq, c, url, method);
    }
    if (rq->responded) {
        *upload_data_size = 0; /* a body nobody asked for: drop it */
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        bool ok = take_body(rq, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return ok ? MHD_YES : MHD_NO;
    }
    if (!rq->body && !take_body(rq, "", 0))
        return MHD_NO;
    return rq->route->handler(rq, c, url);
}
