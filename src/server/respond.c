/*
 * server/respond.c: every response goes out through resorb_server__send, which adds the
 * security headers and records status and size for the access log.
 *
 * Headers on every response of ours:
 *   Content-Security-Policy   SRV_CSP: scripts and styles only from this origin (no inline
 *                             script or style), no framing, no <base>, forms post here only
 *   X-Content-Type-Options    nosniff
 *   Referrer-Policy           no-referrer
 *   X-Frame-Options           DENY (frame-ancestors for browsers without CSP 2)
 *   Cross-Origin-Resource-Policy  same-origin
 *   Cache-Control             no-store for anything that carries case data, no-cache
 *                             (revalidate) for the page and the reference data
 *   Strict-Transport-Security RESORB_SERVER_HSTS, only when clients come over HTTPS (our own
 *                             TLS or --behind-tls-proxy): a browser then never tries plain HTTP
 *                             for this host again
 * Errors are JSON: {"error": {"code", "message", "diagnostics"}}, the message from the
 * catalog in the request's language, the diagnostics as `resorb validate --format json`.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct {
    const char *name, *value;
} security_headers[] = {
    {"Content-Security-Policy", SRV_CSP},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
};

enum MHD_Result resorb_server__send(srv_request *rq, struct MHD_Connection *c, unsigned status,
                                    const char *content_type, const char *cache_control, void *body,
                                    size_t len, enum MHD_ResponseMemoryMode mem,
                                    const char *const *extra)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, mem);
    enum MHD_Result ok = MHD_NO;
    if (!resp) {
        if (mem == MHD_RESPMEM_MUST_FREE)
            free(body);
        return MHD_NO;
    }
    int bad = 0;
    for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
        bad |= MHD_add_response_header(resp, security_headers[i].name, security_headers[i].value) !=
               MHD_YES;
    if (rq->server->https)
        bad |= MHD_add_response_header(resp, MHD_HTTP_HEADER_STRICT_TRANSPORT_SECURITY,
                                       RESORB_SERVER_HSTS) != MHD_YES;
    if (content_type)
        bad |= MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type) != MHD_YES;
    bad |= MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                                   cache_control ? cache_control : SRV_CACHE_NO_STORE) != MHD_YES;
    for (size_t i = 0; extra && extra[i] && extra[i + 1]; i += 2)
        bad |= MHD_add_response_header(resp, extra[i], extra[i + 1]) != MHD_YES;
    if (!bad) {
        ok = MHD_queue_response(c, status, resp);
        if (ok == MHD_YES) {
            rq->responded = true;
            rq->status = status;
            rq->bytes = strcmp(rq->method, "HEAD") == 0 ? 0 : len;
        }
    }
    MHD_destroy_response(resp);
    return ok;
}

enum MHD_Result resorb_server__send_json(srv_request *rq, struct MHD_Connection *c, unsigned status,
                                         const char *cache_control, json_t *doc,
                                         const char *const *extra)
{
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(doc);
    if (!text) {
        static const char oom[] = "{\"error\": {\"code\": \"internal\", \"message\": \"out of "
                                  "memory\", \"diagnostics\": []}}\n";
        return resorb_server__send(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                   "application/json; charset=utf-8", SRV_CACHE_NO_STORE,
                                   (void *)oom, sizeof oom - 1, MHD_RESPMEM_PERSISTENT, NULL);
    }
    size_t len = strlen(text);
    char *body = realloc(text, len + 2);
    if (!body) {
        free(text);
        return MHD_NO;
    }
    body[len++] = '\n';
    body[len] = '\0';
    return resorb_server__send(rq, c, status, "application/json; charset=utf-8", cache_control,
                               body, len, MHD_RESPMEM_MUST_FREE, extra);
}

char *resorb_server__msg(resorb_lang lang, const char *key, const char *const *args, size_t nargs)
{
    size_t need = resorb_msg_format(NULL, 0, lang, key, args, nargs);
    char *buf = malloc(need + 1);
    if (buf)
        resorb_msg_format(buf, need + 1, lang, key, args, nargs);
    return buf;
}

/* One diagnostic, with the keys and their order of `resorb validate --format json`. */
static json_t *diag_json(const resorb_error *e, resorb_lang lang)
{
    char msg[1024];
    resorb_error_message(e, lang, msg, sizeof msg);
    json_t *o = json_object(), *args = json_array();
    int bad = !o || !args;
    for (int i = 0; !bad && i < RESORB_ERROR_ARGS && e->args[i][0]; i++)
        bad |= json_array_append_new(args, json_string(e->args[i]));
    if (bad) {
        json_decref(o);
        json_decref(args);
        return NULL;
    }
    bad |= json_object_set_new(o, "severity", json_string(resorb_severity_name(e->severity)));
    bad |= json_object_set_new(o, "problem", json_string(resorb_problem_name(e->problem)));
    bad |= json_object_set_new(o, "path", json_string(e->path));
    bad |= json_object_set_new(o, "line", e->line > 0 ? json_integer(e->line) : json_null());
    bad |= json_object_set_new(o, "column", e->column > 0 ? json_integer(e->column) : json_null());
    bad |= json_object_set_new(o, "args", args);
    bad |= json_object_set_new(o, "message", json_string(msg));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int resorb_server__diags_json(json_t *errors, json_t *warnings, const resorb_diags *d,
                              resorb_lang lang)
{
    for (size_t i = 0; i < d->count; i++) {
        const resorb_error *e = &d->items[i];
        json_t *o = diag_json(e, lang);
        if (!o || json_array_append_new(e->severity == RESORB_SEV_ERROR ? errors : warnings, o))
            return RESORB_ENOMEM;
    }
    if (d->dropped > 0) {
        /* The capped list's last word, as the CLI says it. */
        resorb_error extra;
        resorb_error_clear(&extra);
        extra.code = RESORB_EINVALID;
        extra.problem = RESORB_P_TOO_MANY_ERRORS;
        extra.severity = RESORB_SEV_ERROR;
        snprintf(extra.args[0], sizeof extra.args[0], "%zu", d->dropped);
        json_t *o = diag_json(&extra, lang);
        if (!o || json_array_append_new(errors, o))
            return RESORB_ENOMEM;
    }
    return 0;
}

/* A copy of s with every byte >= 0x80 shown as '?', for an argument that came from the request
 * (a path, a header) and is not UTF-8; NULL when s is UTF-8 already (or memory ran out). */
static char *ascii_copy_unless_utf8(const char *s)
{
    json_t *probe = json_string(s);
    if (probe) {
        json_decref(probe);
        return NULL;
    }
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    for (size_t i = 0; copy && i <= n; i++)
        copy[i] = (unsigned char)s[i] >= 0x80 ? '?' : s[i];
    return copy;
}

#define ERROR_ARGS_MAX 4

enum MHD_Result resorb_server__send_error(srv_request *rq, struct MHD_Connection *c,
                                          unsigned status, const char *code, const char *key,
                                          const char *const *args, size_t nargs,
                                          const resorb_diags *diags, const char *const *extra)
{
    char *copies[ERROR_ARGS_MAX] = {NULL};
    const char *safe[ERROR_ARGS_MAX] = {NULL};
    if (nargs > ERROR_ARGS_MAX)
        nargs = ERROR_ARGS_MAX;
    for (size_t i = 0; i < nargs; i++) {
        copies[i] = args[i] ? ascii_copy_unless_utf8(args[i]) : NULL;
        safe[i] = copies[i] ? copies[i] : args[i];
    }
    char *msg = resorb_server__msg(rq->lang, key, safe, nargs);
    json_t *doc = json_object(), *err = json_object(), *list = json_array();
    int bad = !msg || !doc || !err || !list;
    if (!bad && diags)
        bad |= resorb_server__diags_json(list, list, diags, rq->lang) != 0;
    if (!bad) {
        bad |= json_object_set_new(err, "code", json_string(code));
        bad |= json_object_set_new(err, "message", json_string(msg));
        bad |= json_object_set_new(err, "diagnostics", list);
        list = NULL;
        bad |= json_object_set_new(doc, "error", err);
        err = NULL;
    }
    for (size_t i = 0; i < nargs; i++)
        free(copies[i]);
    free(msg);
    json_decref(list);
    json_decref(err);
    if (bad) {
        json_decref(doc);
        doc = NULL;
    }
    return resorb_server__send_json(rq, c, status, SRV_CACHE_NO_STORE, doc, extra);
}
