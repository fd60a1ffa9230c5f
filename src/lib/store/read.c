/*
 * store/read.c: reading the registry: a record back as a case, the patient list, the checks,
 * the cohort CSV and the audit trail.
 *
 * A record comes back through the case parser. The backend returns its text parts (the
 * canonical JSON of the case without visits and studies, and the canonical JSON of each visit
 * and study in date order); they are joined into one case document and parsed with the
 * record's as_of as the default. So a loaded record satisfies every invariant of a parsed case
 * (caps, cross-field rules) or the load fails with store.error.damaged; it is never half-read.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "store/backend.h"

/* ---- records ---- */

void resorb_store__record_release(resorb_store__record *r)
{
    if (!r)
        return;
    free(r->case_json);
    for (size_t i = 0; i < r->n_visits; i++)
        free(r->visits[i]);
    for (size_t i = 0; i < r->n_studies; i++)
        free(r->studies[i]);
    free(r->visits);
    free(r->studies);
    memset(r, 0, sizeof *r);
}

int resorb_store__record_push(resorb_store__record *r, int which, const char *text)
{
    char ***list = which == 0 ? &r->visits : &r->studies;
    size_t *n = which == 0 ? &r->n_visits : &r->n_studies;
    size_t *cap = which == 0 ? &r->cap_visits : &r->cap_studies;
    char *copy = strdup(text);
    if (!copy)
        return RESORB_ENOMEM;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        char **nl = realloc(*list, ncap * sizeof *nl);
        if (!nl) {
            free(copy);
            return RESORB_ENOMEM;
        }
        *list = nl;
        *cap = ncap;
    }
    (*list)[(*n)++] = copy;
    return 0;
}

static void put_list(resorb_buf *b, const char *key, char *const *items, size_t n)
{
    resorb_buf_printf(b, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            resorb_buf_putc(b, ',');
        resorb_buf_puts(b, items[i]);
    }
    resorb_buf_putc(b, ']');
}

/* The record as one case document, into b. */
static void join(resorb_buf *b, const resorb_store__record *rec)
{
    size_t len = strlen(rec->case_json);
    while (len > 0 && rec->case_json[len - 1] != '}')
        len--;
    if (len > 0)
        len--; /* drop the closing brace; the parts follow */
    resorb_buf_put(b, rec->case_json, len);
    if (rec->as_of_given)
        resorb_buf_printf(b, ",\"as_of\":\"%s\"", rec->as_of);
    if (rec->imaging_given || rec->n_studies > 0)
        put_list(b, "imaging", rec->studies, rec->n_studies);
    if (rec->visits_given || rec->n_visits > 0)
        put_list(b, "visits", rec->visits, rec->n_visits);
    resorb_buf_putc(b, '}');
}

/* The record of patient cannot be read: key says why, detail (may be NULL) where. */
static int damaged(resorb_store_error *err, int64_t patient, const char *key, const char *detail)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)patient);
    return resorb_store__fail(err, RESORB_EIO, key, id, detail);
}

int resorb_store__assemble(resorb_store *s, int64_t patient, const resorb_store__record *rec,
                           resorb_case *out, resorb_store_error *err)
{
    resorb_buf b;
    char *text = NULL;
    resorb_date as_of = RESORB_DATE_NONE;
    int code = 0;
    if (!rec->case_json || rec->n_visits > RESORB_MAX_VISITS || rec->n_studies > RESORB_MAX_STUDIES)
        return damaged(err, patient, "store.error.damaged_caps", NULL);
    if (resorb_date_parse(rec->as_of, strlen(rec->as_of), &as_of) != 0)
        return damaged(err, patient, "store.error.damaged_as_of", rec->as_of);
    resorb_buf_init(&b, NULL, 0);
    join(&b, rec); /* measures */
    size_t need = resorb_buf_len(&b);
    if (!(text = malloc(need + 1)))
        return resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", s->location, NULL);
    resorb_buf_init(&b, text, need + 1);
    join(&b, rec);
    resorb_parse_options po = {.default_as_of = as_of};
    resorb_diags_init(s->diags);
    code = resorb_case_parse(out, text, need, &po, s->diags);
    if (code == RESORB_ENOMEM) {
        code = resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", s->location, NULL);
    } else if (code != 0) {
        char why[RESORB_STORE_ARG_MAX] = "?";
        for (size_t i = 0; i < s->diags->count; i++) {
            const resorb_error *e = &s->diags->items[i];
            if (e->severity == RESORB_SEV_ERROR) {
                snprintf(why, sizeof why, "%s at %s", resorb_problem_name(e->problem),
                         e->path[0] ? e->path : "/");
                break;
            }
        }
        code = damaged(err, patient, "store.error.damaged", why);
    }
    free(text);
    return code;
}

int resorb_store_load_case(resorb_store *s, int64_t patient, resorb_case *out,
                           resorb_store_error *err)
{
    resorb_store__record rec = {0};
    char id[24];
    int code;
    if (err)
        memset(err, 0, sizeof *err);
    if (!s || !out)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    snprintf(id, sizeof id, "%lld", (long long)patient);
    code = s->ops->load(s->impl, patient, &rec, err);
    if (code == RESORB_ENOTFOUND || (code == 0 && rec.deleted))
        code = resorb_store__fail(err, RESORB_ENOTFOUND, "store.error.no_patient", id, NULL);
    if (code == 0)
        code = resorb_store__assemble(s, patient, &rec, out, err);
    resorb_store__record_release(&rec);
    return code;
}

/* ---- the patient list ---- */

int resorb_store_list(resorb_store *s, unsigned flags, resorb_store_patient_fn fn, void *ctx,
                      resorb_store_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
    if (!s || !fn)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return s->ops->list(s->impl, flags, 0, fn, ctx, err);
}

static int copy_patient(void *ctx, const resorb_store_patient *p)
{
    *(resorb_store_patient *)ctx = *p;
    return 1; /* found: stop */
}

int resorb_store_get_patient(resorb_store *s, int64_t patient, unsigned flags,
                             resorb_store_patient *out, resorb_store_error *err)
{
    char id[24];
    if (err)
        memset(err, 0, sizeof *err);
    if (!s || !out || patient <= 0)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    int code = s->ops->list(s->impl, flags, patient, copy_patient, out, err);
    if (code == 1)
        return 0;
    if (code == 0) {
        snprintf(id, sizeof id, "%lld", (long long)patient);
        code = resorb_store__fail(err, RESORB_ENOTFOUND, "store.error.no_patient", id, NULL);
    }
    return code;
}

/* ---- checks ---- */

typedef struct ids {
    int64_t *v;
    size_t n, cap;
} ids;

static int collect_id(void *ctx, const resorb_store_patient *p)
{
    ids *l = ctx;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 1024;
        int64_t *nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv)
            return RESORB_ENOMEM;
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = p->id;
    return 0;
}

/* Loads and validates every record, soft-deleted ones included. */
static int deep_check(resorb_store *s, resorb_store_check_result *out, resorb_store_error *err)
{
    ids l = {0};
    resorb_case *c = malloc(sizeof *c);
    int code = c ? s->ops->list(s->impl, RESORB_STORE_LIST_DELETED, 0, collect_id, &l, err)
                 : RESORB_ENOMEM;
    for (size_t i = 0; code == 0 && i < l.n; i++) {
        resorb_store__record rec = {0};
        resorb_store_error e;
        code = s->ops->load(s->impl, l.v[i], &rec, err);
        if (code == 0 && resorb_store__assemble(s, l.v[i], &rec, c, &e) != 0) {
            if (e.code == RESORB_ENOMEM)
                code = resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", NULL, NULL);
            else if (out->unreadable++ == 0)
                out->first_unreadable = l.v[i];
        }
        resorb_store__record_release(&rec);
    }
    if (code == RESORB_ENOMEM && err && !err->key[0])
        resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", s->location, NULL);
    free(l.v);
    free(c);
    return code;
}

int resorb_store_check(resorb_store *s, unsigned flags, resorb_store_check_result *out,
                       resorb_store_error *err)
{
    int code;
    if (err)
        memset(err, 0, sizeof *err);
    if (!s || !out)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    memset(out, 0, sizeof *out);
    out->expected_version = resorb_store_schema_version();
    if ((code = s->ops->version(s->impl, &out->schema_version, err)) != 0)
        return code;
    if ((code = s->ops->check(s->impl, out, err)) != 0)
        return code;
    if (flags & RESORB_STORE_CHECK_DEEP) {
        if ((code = deep_check(s, out, err)) != 0)
            return code;
        out->deep = true;
    }
    out->ok = out->integrity_problems == 0 && out->foreign_key_problems == 0 &&
              out->schema_version == out->expected_version && out->unreadable == 0;
    return 0;
}

/* ---- the cohort CSV ---- */

static const char csv_header[] =
    "patient_id,case_id,age,sex,onset,study_index,study_date,days_since_onset,"
    "days_since_first_study,modality,level,side,morphology,zone,migration,komori_grade,"
    "rim_enhancement,t2_signal,modic,pfirrmann,ap_mm,canal_compromise_pct,area_mm2,"
    "volume_mm3\r\n";

typedef struct csv_run {
    resorb_store_write_fn write;
    void *ctx;
    int64_t patient, study;
    int index;
    char line[4096];
} csv_run;

/* One field, quoted (RFC 4180) when it holds a comma, a quote, CR or LF. */
static void csv_field(resorb_buf *b, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        resorb_buf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"')
                resorb_buf_putc(b, '"');
            resorb_buf_putc(b, *s);
        }
        resorb_buf_putc(b, '"');
    } else {
        resorb_buf_puts(b, s);
    }
    resorb_buf_puts(b, last ? "\r\n" : ",");
}

static void csv_int(resorb_buf *b, long long v, bool absent)
{
    if (!absent)
        resorb_buf_printf(b, "%lld", v);
    resorb_buf_putc(b, ',');
}

static void csv_number(resorb_buf *b, double v, bool last)
{
    if (!isnan(v)) {
        char tmp[32];
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(tmp, sizeof tmp, "%.*g", prec, v);
            if (strtod(tmp, NULL) == v)
                break;
        }
        resorb_buf_puts(b, tmp);
    }
    resorb_buf_puts(b, last ? "\r\n" : ",");
}

/* Days from a to b ("YYYY-MM-DD" each); absent when either is not a date. */
static void csv_days(resorb_buf *b, const char *from, const char *to)
{
    resorb_date x, y;
    bool ok = resorb_date_parse(from, strlen(from), &x) == 0 &&
              resorb_date_parse(to, strlen(to), &y) == 0;
    csv_int(b, ok ? (long long)y - x : 0, !ok);
}

static int csv_row(void *ctx, const resorb_store__finding_row *r)
{
    csv_run *run = ctx;
    resorb_buf b;
    if (r->patient != run->patient) {
        run->patient = r->patient;
        run->index = 0;
        run->study = 0;
    }
    if (r->study != run->study) {
        run->study = r->study;
        run->index++;
    }
    resorb_buf_init(&b, run->line, sizeof run->line);
    csv_int(&b, r->patient, false);
    csv_field(&b, r->case_id, false);
    csv_int(&b, r->age, false);
    csv_field(&b, r->sex, false);
    csv_field(&b, r->onset, false);
    csv_int(&b, run->index, false);
    csv_field(&b, r->study_date, false);
    csv_days(&b, r->onset, r->study_date);
    csv_days(&b, r->first_study, r->study_date);
    csv_field(&b, r->modality, false);
    csv_field(&b, r->level, false);
    csv_field(&b, r->side, false);
    csv_field(&b, r->morphology, false);
    csv_field(&b, r->zone, false);
    csv_field(&b, r->migration, false);
    csv_int(&b, r->komori, r->komori == RESORB_INT_NONE);
    csv_field(&b, r->rim, false);
    csv_field(&b, r->t2, false);
    csv_int(&b, r->modic, r->modic == RESORB_INT_NONE);
    csv_int(&b, r->pfirrmann, r->pfirrmann == RESORB_INT_NONE);
    csv_number(&b, r->ap_mm, false);
    csv_number(&b, r->canal_pct, false);
    csv_number(&b, r->area_mm2, false);
    csv_number(&b, r->volume_mm3, true);
    if (resorb_buf_len(&b) >= sizeof run->line)
        return RESORB_ETOOLARGE; /* cannot happen: every field is short */
    return run->write(run->ctx, run->line, resorb_buf_len(&b));
}

int resorb_store_cohort_csv(resorb_store *s, resorb_store_write_fn write, void *ctx,
                            resorb_store_error *err)
{
    csv_run *run = NULL;
    int code;
    if (err)
        memset(err, 0, sizeof *err);
    if (!s || !write)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    if (!(run = calloc(1, sizeof *run)))
        return resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", s->location, NULL);
    run->write = write;
    run->ctx = ctx;
    code = write(ctx, csv_header, sizeof csv_header - 1);
    if (code == 0)
        code = s->ops->cohort(s->impl, csv_row, run, err);
    if (code != 0 && err && !err->key[0])
        resorb_store__fail(err, code == RESORB_ENOMEM ? RESORB_ENOMEM : RESORB_EIO,
                           "store.error.output", s->location, NULL);
    free(run);
    return code;
}

int resorb_store_audit(resorb_store *s, int64_t patient, resorb_store_audit_fn fn, void *ctx,
                       resorb_store_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
    if (!s || !fn || patient < 0)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return s->ops->audit_list(s->impl, patient, fn, ctx, err);
}
