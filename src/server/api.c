/*
 * server/api.c: the JSON endpoints, thin adapters over the library's public API.
 *
 * POST /api/v1/assess answers exactly what `resorb assess --format json FILE` prints for one
 * file: resorb_report_json(..., pretty = true) and a newline, in the language of ?lang= or
 * Accept-Language. A case without as_of is assessed as of ?as_of=YYYY-MM-DD, else today (UTC),
 * as the CLI does with --as-of and its own today; the output says which ("as_of_source").
 * An invalid case is 422 with the diagnostics the CLI prints (same problem names, paths and
 * messages); POST /api/v1/validate returns them with 200 and "valid". The other endpoints
 * serve the evidence rows (byte for byte what `resorb evidence --format json [ID]` prints),
 * the catalog's messages for the web page, the version and a health check.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "resorb/assess.h"
#include "resorb/evidence.h"
#include "resorb/evidence_json.h"
#include "resorb/report.h"
#include "resorb/version.h"

static const char *content_language(resorb_lang lang)
{
    return resorb_lang_code(lang);
}

static resorb_date today_utc(void)
{
    struct timespec now;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &now);
    time_t secs = now.tv_sec;
    if (!gmtime_r(&secs, &tm))
        return RESORB_DATE_NONE;
    return resorb_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The default assessment date: ?as_of= or today. False when ?as_of is not a date (the error
 * is then queued in *result). */
bool resorb_server__default_as_of(srv_request *rq, struct MHD_Connection *c, resorb_date *out,
                                  enum MHD_Result *result)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "as_of");
    if (!v) {
        *out = today_utc();
        return true;
    }
    if (resorb_date_parse(v, strlen(v), out) == 0)
        return true;
    const char *args[2] = {"as_of", "YYYY-MM-DD"};
    *result = resorb_server__send_error(rq, c, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                                        "server.error.bad_parameter", args, 2, NULL, NULL);
    return false;
}

/* Everything one case request needs, on the heap (an assessment is ~650 KiB). */
typedef struct case_work {
    resorb_case kase;
    resorb_diags diags;
    resorb_assessment assessment;
} case_work;

/* Validation needs only the case and the diagnostics. */
typedef struct parse_work {
    resorb_case kase;
    resorb_diags diags;
} parse_work;

enum MHD_Result resorb_server__assess(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    enum MHD_Result result = MHD_NO;
    case_work *w = NULL;
    char *out = NULL;
    resorb_parse_options po;
    const char *vary[] = {"Vary", "Accept-Language", "Content-Language", content_language(rq->lang),
                          NULL};
    if (!resorb_server__default_as_of(rq, c, &po.default_as_of, &result))
        goto done;
    if (!(w = malloc(sizeof *w))) {
        result = resorb_server__send_error(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                           "server.error.internal", NULL, 0, NULL, NULL);
        goto done;
    }
    resorb_diags_init(&w->diags);
    int rc = resorb_case_parse(&w->kase, rq->body, rq->body_len, &po, &w->diags);
    if (rc == RESORB_ENOMEM) {
        result = resorb_server__send_error(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                           "server.error.internal", NULL, 0, NULL, NULL);
        goto done;
    }
    if (rc != 0) {
        bool big = rc == RESORB_ETOOLARGE;
        result = resorb_server__send_error(
            rq, c, big ? MHD_HTTP_CONTENT_TOO_LARGE : MHD_HTTP_UNPROCESSABLE_CONTENT,
            big ? "too_large" : "invalid_case",
            big ? "server.error.too_large" : "server.error.invalid_case", NULL, 0, &w->diags, vary);
        goto done;
    }
    rc = resorb_assess(&w->assessment, &w->kase, NULL);
    if (rc != 0) {
        const char *args[1] = {"request"};
        result = resorb_server__send_error(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                           "assess.error.engine", args, 1, NULL, vary);
        goto done;
    }
    if (resorb_report_json(&out, &w->assessment, &w->kase, rq->lang, true) != 0) {
        result = resorb_server__send_error(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                           "server.error.internal", NULL, 0, NULL, vary);
        goto done;
    }
    /* The CLI prints the document and a newline. */
    size_t len = strlen(out);
    char *body = realloc(out, len + 2);
    if (!body)
        goto done;
    out = NULL;
    body[len++] = '\n';
    body[len] = '\0';
    result = resorb_server__send(rq, c, MHD_HTTP_OK, "application/json; charset=utf-8",
                                 SRV_CACHE_NO_STORE, body, len, MHD_RESPMEM_MUST_FREE, vary);
done:
    free(out);
    free(w);
    return result;
}

enum MHD_Result resorb_server__validate(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    enum MHD_Result result = MHD_NO;
    parse_work *w = NULL;
    json_t *doc = NULL, *errors = NULL, *warnings = NULL;
    resorb_parse_options po;
    const char *vary[] = {"Vary", "Accept-Language", "Content-Language", content_language(rq->lang),
                          NULL};
    if (!resorb_server__default_as_of(rq, c, &po.default_as_of, &result))
        goto done;
    if (!(w = malloc(sizeof *w)))
        goto oom;
    resorb_diags_init(&w->diags);
    int rc = resorb_case_parse(&w->kase, rq->body, rq->body_len, &po, &w->diags);
    if (rc == RESORB_ENOMEM)
        goto oom;
    doc = json_object();
    errors = json_array();
    warnings = json_array();
    if (!doc || !errors || !warnings ||
        resorb_server__diags_json(errors, warnings, &w->diags, rq->lang) != 0)
        goto oom;
    int bad = json_object_set_new(doc, "valid", json_boolean(rc == 0));
    bad |= json_object_set_new(doc, "errors", errors);
    errors = NULL;
    bad |= json_object_set_new(doc, "warnings", warnings);
    warnings = NULL;
    if (bad)
        goto oom;
    result = resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE, doc, vary);
    doc = NULL;
    goto done;
oom:
    result = resorb_server__send_error(rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                                       "server.error.internal", NULL, 0, NULL, NULL);
done:
    json_decref(doc);
    json_decref(errors);
    json_decref(warnings);
    free(w);
    return result;
}

enum MHD_Result resorb_server__evidence_list(srv_request *rq, struct MHD_Connection *c,
                                             const char *url)
{
    (void)url;
    json_t *doc = json_array();
    for (size_t i = 0; doc && i < resorb_evidence_count(); i++) {
        json_t *o = NULL;
        if (resorb_evidence_row_json(&o, resorb_evidence_at(i)) != 0 ||
            json_array_append_new(doc, o) != 0) {
            json_decref(doc);
            doc = NULL;
        }
    }
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_REVALIDATE, doc, NULL);
}

enum MHD_Result resorb_server__evidence_one(srv_request *rq, struct MHD_Connection *c,
                                            const char *url)
{
    const char *id = url + strlen("/api/v1/evidence/");
    const resorb_evidence_row *row = *id ? resorb_evidence_find(id) : NULL;
    if (!row)
        return resorb_server__send_error(rq, c, MHD_HTTP_NOT_FOUND, "not_found",
                                         "evidence.error.unknown_id", &id, 1, NULL, NULL);
    json_t *doc = NULL; /* stays NULL on failure: send_json then answers 500 */
    (void)resorb_evidence_row_json(&doc, row);
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_REVALIDATE, doc, NULL);
}

/* The catalog sections the web page needs: its own strings (server.web.*) and the words of
 * the reports, so the page says "CONSERVATIVE" / "保存療法" exactly as the CLI does (and the
 * timeline's measures, grades and verdicts). */
static const char *const message_prefixes[] = {
    "server.web.",        "report.",         "redflag.",        "drug.name.",     "block.type.",
    "instruments.name.",  "concordance.muscle.", "followup.measure.", "followup.grade.",
    "score.verdict.",     NULL,
};

static bool wanted_key(const char *key)
{
    for (size_t i = 0; message_prefixes[i]; i++)
        if (strncmp(key, message_prefixes[i], strlen(message_prefixes[i])) == 0)
            return true;
    return false;
}

enum MHD_Result resorb_server__messages(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    json_t *doc = json_object(), *msgs = json_object();
    int bad = !doc || !msgs;
    for (size_t i = 0; !bad && i < resorb_catalog_size(); i++) {
        const char *key, *en, *ja;
        if (resorb_catalog_entry(i, &key, &en, &ja) != 0)
            break;
        if (wanted_key(key))
            bad |=
                json_object_set_new(msgs, key, json_string(rq->lang == RESORB_LANG_JA ? ja : en));
    }
    if (!bad) {
        bad |= json_object_set_new(doc, "language", json_string(resorb_lang_code(rq->lang)));
        bad |= json_object_set_new(doc, "messages", msgs);
        msgs = NULL;
    }
    json_decref(msgs);
    if (bad) {
        json_decref(doc);
        doc = NULL;
    }
    const char *extra[] = {"Vary", "Accept-Language", "Content-Language",
                           resorb_lang_code(rq->lang), NULL};
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_REVALIDATE, doc, extra);
}

enum MHD_Result resorb_server__version(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    json_t *doc = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}}", "name", "resorb", "version",
                            resorb_version(), "api", "v1", "formats", "case", RESORB_CASE_FORMAT,
                            "assessment", RESORB_ASSESSMENT_FORMAT);
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_REVALIDATE, doc, NULL);
}

enum MHD_Result resorb_server__healthz(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    (void)url;
    return resorb_server__send_json(rq, c, MHD_HTTP_OK, SRV_CACHE_NO_STORE,
                                    json_pack("{s:s}", "status", "ok"), NULL);
}
