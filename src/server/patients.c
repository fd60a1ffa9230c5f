/*
 * server/patients.c: the registry's patients over HTTP (docs/api.md#patients), thin adapters
 * over resorb/store.h and resorb/followup.h, answering what the CLI prints:
 *
 *   GET    /api/v1/patients                 the list (resorb.patients/1, as `resorb patients
 *                                           --format json`)
 *   POST   /api/v1/patients                 a case -> 201 {"id"} (as `resorb case add`)
 *   GET    /api/v1/patients/{id}            the record as one case (`resorb case export ID`)
 *   DELETE /api/v1/patients/{id}            soft delete (`resorb case delete ID`)
 *   POST   /api/v1/patients/{id}/visits     a visit  -> 201 (`resorb visit add`)
 *   POST   /api/v1/patients/{id}/studies    a study  -> 201 (`resorb study add`)
 *   GET    /api/v1/patients/{id}/timeline   `resorb timeline --patient ID --format json`
 *   GET    /api/v1/patients/{id}/forecast   `resorb forecast --patient ID --format json`
 *
 * The routes (request.c) match each path with {id} as one segment and allow only its methods;
 * an {id} that is not a positive integer is 404. Who may: authorize() in session.c has checked the
 * role before the body was read. Every write is audited with the API user ("api:NAME") as actor. An
 * invalid body is 422 with the diagnostics of `resorb validate`, and nothing is written.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "resorb/followup.h"

#define PATIENTS_PREFIX "/api/v1/patients/"

static enum MHD_Result internal(srv_request *rq, struct MHD_Connection *c)
{
    return resorb_server__send_error(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                     "server.error.internal", NULL, 0, NULL, NULL);
}

/* Sends a malloc'd JSON text (owned) and a newline, as the CLI prints it. */
static enum MHD_Result send_text(srv_request *rq, struct MHD_Connection *c, unsigned status,
                                 char *text, const char *const *extra)
{
    size_t len = strlen(text);
    char *body = realloc(text, len + 2);
    if (!body) {
        free(text);
        return internal(rq, c);
    }
    body[len++] = '\n';
    body[len] = '\0';
    return resorb_server__send(rq, c, status, "application/json; charset=utf-8", SRV_CACHE_NO_STORE,
                               body, len, MHD_RESPMEM_MUST_FREE, extra);
}

static enum MHD_Result invalid_body(srv_request *rq, struct MHD_Connection *c, int rc,
                                    const resorb_diags *d)
{
    if (rc == RESORB_ENOMEM)
        return internal(rq, c);
    bool big = rc == RESORB_ETOOLARGE;
    return resorb_server__send_error(
        rq, c, big ? MHD_HTTP_CONTENT_TOO_LARGE : MHD_HTTP_UNPROCESSABLE_CONTENT,
        big ? "too_large" : "invalid_case",
        big ? "server.error.too_large" : "server.error.invalid_case", NULL, 0, d, NULL);
}

static json_t *json_date(resorb_date d)
{
    char buf[RESORB_DATE_TEXT];
    if (d == RESORB_DATE_NONE)
        return json_null();
    resorb_date_format(d, buf);
    return json_string(buf);
}

/* One line of the list, with the keys of `resorb patients --format json`. */
static int patient_json(void *ctx, const resorb_store_patient *p)
{
    json_t *o = json_object();
    if (!o)
        return RESORB_ENOMEM;
    int bad = json_object_set_new(o, "id", json_integer((json_int_t)p->id));
    bad |= json_object_set_new(o, "case_id", p->case_id[0] ? json_string(p->case_id) : json_null());
    bad |= json_object_set_new(o, "age", json_integer(p->age));
    bad |= json_object_set_new(o, "sex", json_string(resorb_sex_name(p->sex)));
    bad |= json_object_set_new(o, "onset", json_date(p->onset));
    bad |= json_object_set_new(o, "as_of", json_date(p->as_of));
    bad |= json_object_set_new(o, "first", json_date(p->first));
    bad |= json_object_set_new(o, "last", json_date(p->last));
    bad |= json_object_set_new(o, "visits", json_integer((json_int_t)p->visits));
    bad |= json_object_set_new(o, "studies", json_integer((json_int_t)p->studies));
    bad |= json_object_set_new(o, "findings", json_integer((json_int_t)p->findings));
    bad |= json_object_set_new(o, "deleted", json_boolean(p->deleted));
    bad |= json_object_set_new(o, "created_at", json_string(p->created_at));
    bad |= json_object_set_new(o, "updated_at", json_string(p->updated_at));
    bad |= json_object_set_new(o, "deleted_at",
                               p->deleted_at[0] ? json_string(p->deleted_at) : json_null());
    if (bad || json_array_append_new(ctx, o) != 0) {
        if (bad)
            json_decref(o);
        return RESORB_ENOMEM;
    }
    return 0;
}

static enum MHD_Result list_patients(srv_request *rq, struct MHD_Connection *c)
{
    resorb_store_error err;
    json_t *list = json_array();
    if (!list)
        return internal(rq, c);
    int rc = resorb_store_list(rq->store, 0, patient_json, list, &err);
    if (rc != 0) {
        json_decref(list);
        return rc == RESORB_ENOMEM ? internal(rq, c) : resorb_server__store_error(rq, c, &err);
    }
    return resorb_server__send_json(
        rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE,
        json_pack("{s:s, s:o}", "format", "resorb.patients/1", "patients", list), NULL);
}

typedef struct case_work {
    resorb_case kase;
    resorb_diags diags;
} case_work;

static enum MHD_Result add_patient(srv_request *rq, struct MHD_Connection *c)
{
    enum MHD_Result result = MHD_NO;
    resorb_parse_options po = {0};
    resorb_store_error err;
    int64_t id = 0;
    if (!resorb_server__default_as_of(rq, c, &po.default_as_of, &result))
        return result;
    case_work *w = malloc(sizeof *w);
    if (!w)
        return internal(rq, c);
    resorb_diags_init(&w->diags);
    int rc = resorb_case_parse(&w->kase, rq->body, rq->body_len, &po, &w->diags);
    if (rc != 0) {
        result = invalid_body(rq, c, rc, &w->diags);
        goto done;
    }
    resorb_diags_init(&w->diags);
    rc = resorb_store_add_case(rq->store, &w->kase, rq->actor, &id, &w->diags, &err);
    if (rc != 0) {
        result = w->diags.errors > 0 ? invalid_body(rq, c, RESORB_EINVALID, &w->diags)
                                     : resorb_server__store_error(rq, c, &err);
        goto done;
    }
    char location[64];
    snprintf(location, sizeof location, PATIENTS_PREFIX "%lld", (long long)id);
    const char *extra[] = {"Location", location, NULL};
    result = resorb_server__send_json(rq, c, MHD_HTTP_CREATED, SRV_CACHE_NO_STORE,
                                      json_pack("{s:I}", "id", (json_int_t)id), extra);
done:
    free(w);
    return result;
}

enum MHD_Result resorb_server__patients(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    enum MHD_Result result = MHD_NO;
    if (!resorb_server__open_store(rq, c, &result))
        return result;
    return strcmp(rq->method, "POST") == 0 ? add_patient(rq, c) : list_patients(rq, c);
}

typedef struct item_work {
    resorb_visit visit;
    resorb_study study;
    resorb_diags diags;
} item_work;

static enum MHD_Result add_item(srv_request *rq, struct MHD_Connection *c, int64_t id, bool visit)
{
    enum MHD_Result result = MHD_NO;
    resorb_store_error err;
    item_work *w = malloc(sizeof *w);
    if (!w)
        return internal(rq, c);
    resorb_diags_init(&w->diags);
    int rc = visit ? resorb_case_parse_visit(&w->visit, rq->body, rq->body_len, &w->diags)
                   : resorb_case_parse_study(&w->study, rq->body, rq->body_len, &w->diags);
    if (rc != 0) {
        result = invalid_body(rq, c, rc, &w->diags);
        goto done;
    }
    resorb_diags_init(&w->diags);
    rc = visit ? resorb_store_add_visit(rq->store, id, &w->visit, rq->actor, &w->diags, &err)
               : resorb_store_add_study(rq->store, id, &w->study, rq->actor, &w->diags, &err);
    if (rc != 0) {
        result = w->diags.errors > 0 ? invalid_body(rq, c, RESORB_EINVALID, &w->diags)
                                     : resorb_server__store_error(rq, c, &err);
        goto done;
    }
    char date[RESORB_DATE_TEXT];
    resorb_date_format(visit ? w->visit.date : w->study.date, date);
    result = resorb_server__send_json(rq, c, MHD_HTTP_CREATED, SRV_CACHE_NO_STORE,
                                      json_pack("{s:I, s:s, s:s}", "patient", (json_int_t)id,
                                                visit ? "visit" : "study", date, "date", date),
                                      NULL);
done:
    free(w);
    return result;
}

typedef struct read_work {
    resorb_case kase;
    resorb_followup_report f;
    resorb_forecast_report r;
} read_work;

/* what: 0 the case, 1 the timeline, 2 the forecast. */
static enum MHD_Result read_patient(srv_request *rq, struct MHD_Connection *c, int64_t id, int what)
{
    enum MHD_Result result = MHD_NO;
    resorb_store_error err;
    char *out = NULL;
    read_work *w = malloc(sizeof *w);
    if (!w)
        return internal(rq, c);
    if (resorb_store_load_case(rq->store, id, &w->kase, &err) != 0) {
        result = resorb_server__store_error(rq, c, &err);
        goto done;
    }
    int rc;
    if (what == 0) {
        rc = resorb_case_to_json(&out, &w->kase);
    } else {
        rc = resorb_followup(&w->kase, &w->f);
        if (rc == 0 && what == 1)
            rc = resorb_timeline_document(&out, &w->f, &w->kase, rq->lang, true, true);
        if (rc == 0 && what == 2)
            rc = resorb_forecast(&w->kase, &w->f, &w->r);
        if (rc == 0 && what == 2)
            rc = resorb_forecast_document(&out, &w->r, &w->f, &w->kase, rq->lang, true, true);
    }
    if (rc != 0 || !out) {
        result = internal(rq, c);
        goto done;
    }
    const char *vary[] = {"Vary", "Accept-Language", "Content-Language", resorb_lang_code(rq->lang),
                          NULL};
    result = send_text(rq, c, MHD_HTTP_OK, out, what == 0 ? NULL : vary);
    out = NULL;
done:
    free(out);
    free(w);
    return result;
}

static enum MHD_Result delete_patient(srv_request *rq, struct MHD_Connection *c, int64_t id)
{
    resorb_store_error err;
    if (resorb_store_delete(rq->store, id, rq->actor, &err) != 0)
        return resorb_server__store_error(rq, c, &err);
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE,
                                    json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1),
                                    NULL);
}

/* A patient id: 1 to 18 decimal digits, not 0. */
static bool parse_id(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || n > 18)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return v > 0;
}

enum MHD_Result resorb_server__patient(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    enum MHD_Result result = MHD_NO;
    const char *rest = url + strlen(PATIENTS_PREFIX);
    const char *slash = strchr(rest, '/');
    const char *sub = slash ? slash + 1 : "";
    int64_t id = 0;
    bool get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    if (!parse_id(rest, slash ? (size_t)(slash - rest) : strlen(rest), &id) ||
        (slash && strcmp(sub, "visits") != 0 && strcmp(sub, "studies") != 0 &&
         strcmp(sub, "timeline") != 0 && strcmp(sub, "forecast") != 0))
        return resorb_server__send_error(rq, c, MHD_HTTP_NOT_FOUND, "not_found",
                                         "server.error.not_found", &url, 1, NULL, NULL);
    /* The route table let through only the methods of each path. */
    if (!resorb_server__open_store(rq, c, &result))
        return result;
    if (!slash)
        return get ? read_patient(rq, c, id, 0) : delete_patient(rq, c, id);
    if (strcmp(sub, "visits") == 0 || strcmp(sub, "studies") == 0)
        return add_item(rq, c, id, strcmp(sub, "visits") == 0);
    return read_patient(rq, c, id, strcmp(sub, "timeline") == 0 ? 1 : 2);
}
