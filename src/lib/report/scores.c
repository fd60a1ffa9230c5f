/*
 * report/scores.c: the questionnaire scores as JSON and text (resorb/scores_report.h).
 *
 * JSON objects are built with jansson in a fixed key order; numbers are rounded to 3 decimals
 * and NaN is null. The text lists each score with its band, then its reasons with their
 * evidence ids in brackets, then the changes and the notes.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resorb/error.h"
#include "report/sbuf.h"
#include "resorb/scores_report.h"

/* ---- JSON ---- */

static json_t *num(double v)
{
    if (isnan(v) || isinf(v))
        return json_null();
    double r = round(v * 1000.0) / 1000.0;
    return json_real(r == 0 ? 0.0 : r);
}

static json_t *date_json(resorb_date d)
{
    char text[RESORB_DATE_TEXT];
    if (d == RESORB_DATE_NONE)
        return json_null();
    resorb_date_format(d, text);
    return json_string(text);
}

static json_t *reason_json(const resorb_reason *r, resorb_lang lang)
{
    char text[1024];
    resorb_reason_format(r, lang, text, sizeof text);
    json_t *o = json_object(), *ev = json_array();
    for (size_t i = 0; i < r->n_evidence; i++)
        json_array_append_new(ev, json_string(r->evidence[i]));
    json_object_set_new(o, "key", json_string(r->key));
    json_object_set_new(o, "text", json_string(text));
    json_object_set_new(o, "evidence", ev);
    return o;
}

static json_t *reasons_json(const resorb_reasons *l, resorb_lang lang)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->count; i++)
        json_array_append_new(a, reason_json(&l->items[i], lang));
    return a;
}

static const char *label(resorb_lang lang, resorb_instrument i)
{
    char key[48];
    snprintf(key, sizeof key, "instruments.name.%s", resorb_instrument_name(i));
    return resorb_msg(lang, key);
}

/* The localized band ("severe disability"), or NULL. */
static const char *band_label(resorb_lang lang, const resorb_score *s)
{
    char key[64];
    if (!s->band)
        return NULL;
    snprintf(key, sizeof key, "score.band.%s.%s", resorb_instrument_name(s->instrument), s->band);
    return resorb_msg(lang, key);
}

static json_t *score_json(const resorb_score *s, resorb_lang lang)
{
    json_t *o = json_object();
    const char *bl = band_label(lang, s);
    json_object_set_new(o, "instrument", json_string(resorb_instrument_name(s->instrument)));
    json_object_set_new(o, "label", json_string(label(lang, s->instrument)));
    json_object_set_new(o, "source", json_string(resorb_score_source_name(s->source)));
    json_object_set_new(o, "administration", json_integer((json_int_t)s->administration));
    json_object_set_new(o, "date", date_json(s->date));
    json_object_set_new(o, "computed", json_boolean(s->computed));
    json_object_set_new(o, "value", num(s->value));
    json_object_set_new(o, "band", s->band ? json_string(s->band) : json_null());
    json_object_set_new(o, "band_label", bl ? json_string(bl) : json_null());
    if (s->instrument == RESORB_INSTR_JOABPEQ) {
        json_t *d = json_object();
        for (int k = 0; k < RESORB_SCORE_DOMAINS; k++)
            json_object_set_new(d, resorb_joabpeq_domain_name((resorb_joabpeq_domain)k),
                                num(s->domains[k]));
        json_object_set_new(o, "domains", d);
    } else if (s->instrument == RESORB_INSTR_STARTBACK) {
        json_t *d = json_object();
        json_object_set_new(d, "psychosocial", num(s->domains[0]));
        json_object_set_new(o, "domains", d);
    }
    json_object_set_new(o, "reasons", reasons_json(&s->reasons, lang));
    return o;
}

static json_t *end_json(resorb_date d, double v)
{
    if (d == RESORB_DATE_NONE)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "date", date_json(d));
    json_object_set_new(o, "value", num(v));
    return o;
}

static json_t *change_json(const resorb_score_change *c, resorb_lang lang)
{
    json_t *o = json_object();
    json_object_set_new(o, "instrument", json_string(resorb_instrument_name(c->instrument)));
    json_object_set_new(o, "label", json_string(label(lang, c->instrument)));
    json_object_set_new(o, "from", end_json(c->from, c->from_value));
    json_object_set_new(o, "to", end_json(c->to, c->to_value));
    json_object_set_new(o, "delta", num(c->delta));
    json_object_set_new(o, "threshold", num(c->threshold));
    json_object_set_new(o, "percent", num(c->percent));
    json_object_set_new(o, "verdict", json_string(resorb_change_verdict_name(c->verdict)));
    json_object_set_new(o, "reached",
                        c->reached == RESORB_TRI_UNKNOWN
                            ? json_null()
                            : json_boolean(c->reached == RESORB_TRI_YES));
    if (c->instrument == RESORB_INSTR_JOABPEQ) {
        json_t *d = json_object();
        for (int k = 0; k < RESORB_SCORE_DOMAINS; k++) {
            json_t *x = json_object();
            json_object_set_new(x, "delta", num(c->domain_delta[k]));
            json_object_set_new(x, "verdict",
                                json_string(resorb_change_verdict_name(c->domain_verdict[k])));
            json_object_set_new(d, resorb_joabpeq_domain_name((resorb_joabpeq_domain)k), x);
        }
        json_object_set_new(o, "domains", d);
    }
    json_object_set_new(o, "reasons", reasons_json(&c->reasons, lang));
    return o;
}

int resorb_report_scores_json(json_t **out, const resorb_scores *s, resorb_lang lang)
{
    if (!out || !s)
        return RESORB_EUSAGE;
    *out = NULL;
    json_t *o = json_object(), *scores = json_array(), *changes = json_array();
    for (size_t i = 0; i < s->n; i++)
        json_array_append_new(scores, score_json(&s->items[i], lang));
    for (size_t i = 0; i < s->n_changes; i++)
        json_array_append_new(changes, change_json(&s->changes[i], lang));
    json_object_set_new(o, "scores", scores);
    json_object_set_new(o, "changes", changes);
    json_object_set_new(o, "notes", reasons_json(&s->notes, lang));
    /* jansson reports allocation failure only by NULL results: check the whole tree once. */
    if (!o || !json_object_get(o, "scores") || !json_object_get(o, "changes") ||
        !json_object_get(o, "notes")) {
        json_decref(o);
        return RESORB_ENOMEM;
    }
    *out = o;
    return 0;
}

/* ---- evidence ids cited anywhere (sorted, unique) ---- */

#define EVIDENCE_MAX 256

static void add_ids(const char **ids, size_t *n, const resorb_reasons *l)
{
    for (size_t i = 0; i < l->count; i++) {
        for (size_t e = 0; e < l->items[i].n_evidence; e++) {
            const char *id = l->items[i].evidence[e];
            bool seen = false;
            for (size_t k = 0; k < *n && !seen; k++)
                seen = strcmp(ids[k], id) == 0;
            if (!seen && *n < EVIDENCE_MAX)
                ids[(*n)++] = id;
        }
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t cited(const resorb_scores *s, const char **ids)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        add_ids(ids, &n, &s->items[i].reasons);
    for (size_t i = 0; i < s->n_changes; i++)
        add_ids(ids, &n, &s->changes[i].reasons);
    add_ids(ids, &n, &s->notes);
    qsort(ids, n, sizeof ids[0], cmp_str);
    return n;
}

/* ---- text ---- */


static void reason_line(resorb_sbuf *b, const resorb_reason *r, resorb_lang lang)
{
    char text[1024];
    resorb_reason_format(r, lang, text, sizeof text);
    resorb_sbuf__printf(b, "  - %s", text);
    if (r->n_evidence > 0) {
        resorb_sbuf__puts(b, " [");
        for (size_t i = 0; i < r->n_evidence; i++)
            resorb_sbuf__printf(b, "%s%s", i ? ", " : "", r->evidence[i]);
        resorb_sbuf__puts(b, "]");
    }
    resorb_sbuf__puts(b, "\n");
}

static void reasons_text(resorb_sbuf *b, const resorb_reasons *l, resorb_lang lang)
{
    for (size_t i = 0; i < l->count; i++)
        reason_line(b, &l->items[i], lang);
}

static void value_text(char *out, size_t n, double v)
{
    if (fabs(v - round(v)) < 1e-9)
        snprintf(out, n, "%.0f", v == 0 ? 0.0 : v);
    else
        snprintf(out, n, "%.1f", v);
}

static void score_text(resorb_sbuf *b, const resorb_score *s, resorb_lang lang)
{
    char date[RESORB_DATE_TEXT], value[32], when[128], shown[256], line[640];
    resorb_date_format(s->date, date);
    const char *d = s->date == RESORB_DATE_NONE ? resorb_msg(lang, "score.text.undated") : date;
    if (s->source != RESORB_SCORE_QUESTIONNAIRE) {
        char key[40];
        snprintf(key, sizeof key, "score.source.%s", resorb_score_source_name(s->source));
        const char *args[2] = {d, resorb_msg(lang, key)};
        resorb_msg_format(when, sizeof when, lang, "score.text.when_source", args, 2);
    } else {
        snprintf(when, sizeof when, "%s", d);
    }
    if (!s->computed) {
        snprintf(shown, sizeof shown, "%s", resorb_msg(lang, "score.text.not_computable"));
    } else if (isnan(s->value)) {
        snprintf(shown, sizeof shown, "%s", resorb_msg(lang, "score.text.no_total"));
    } else {
        value_text(value, sizeof value, s->value);
        if (s->instrument == RESORB_INSTR_ODI)
            snprintf(value + strlen(value), sizeof value - strlen(value), "%%");
        const char *bl = band_label(lang, s);
        const char *args[2] = {value, bl};
        if (bl)
            resorb_msg_format(shown, sizeof shown, lang, "score.text.value_band", args, 2);
        else
            snprintf(shown, sizeof shown, "%s", value);
    }
    const char *args[3] = {label(lang, s->instrument), when, shown};
    resorb_msg_format(line, sizeof line, lang, "score.text.heading", args, 3);
    resorb_sbuf__printf(b, "%s\n", line);
    reasons_text(b, &s->reasons, lang);
}

static void section(resorb_sbuf *b, const resorb_scores *s, resorb_lang lang)
{
    if (s->n == 0)
        resorb_sbuf__printf(b, "%s\n", resorb_msg(lang, "score.text.none"));
    for (size_t i = 0; i < s->n; i++) {
        if (i > 0)
            resorb_sbuf__puts(b, "\n");
        score_text(b, &s->items[i], lang);
    }
    if (s->n_changes > 0)
        resorb_sbuf__printf(b, "\n== %s\n", resorb_msg(lang, "score.text.changes"));
    for (size_t i = 0; i < s->n_changes; i++) {
        const resorb_score_change *c = &s->changes[i];
        char key[48];
        snprintf(key, sizeof key, "score.verdict.%s", resorb_change_verdict_name(c->verdict));
        resorb_sbuf__printf(b, "%s%s: %s\n", i > 0 ? "\n" : "", label(lang, c->instrument),
                resorb_msg(lang, key));
        reasons_text(b, &c->reasons, lang);
    }
    if (s->notes.count > 0) {
        resorb_sbuf__printf(b, "\n== %s\n", resorb_msg(lang, "score.text.notes"));
        reasons_text(b, &s->notes, lang);
    }
}

int resorb_report_scores_text(char **out, const resorb_scores *s, resorb_lang lang)
{
    if (!out || !s)
        return RESORB_EUSAGE;
    resorb_sbuf b = {0};
    *out = NULL;
    section(&b, s, lang);
    resorb_sbuf__puts(&b, "");
    if (b.failed || !b.data) {
        free(b.data);
        return RESORB_ENOMEM;
    }
    *out = b.data;
    return 0;
}

static int document_json(char **out, const resorb_scores *s, const resorb_case *c, resorb_lang lang,
                         bool pretty)
{
    json_t *body = NULL;
    int rc = resorb_report_scores_json(&body, s, lang);
    if (rc != 0)
        return rc;
    const char *ids[EVIDENCE_MAX];
    size_t n_ids = cited(s, ids);
    json_t *o = json_object(), *ev = json_array();
    for (size_t i = 0; i < n_ids; i++)
        json_array_append_new(ev, json_string(ids[i]));
    json_object_set_new(o, "format", json_string(RESORB_SCORES_FORMAT));
    json_object_set_new(o, "case_id", c->id[0] ? json_string(c->id) : json_null());
    json_object_set_new(o, "as_of", date_json(c->as_of));
    json_object_set_new(o, "as_of_source", json_string(c->as_of_given ? "case" : "default"));
    json_object_set_new(o, "language", json_string(resorb_lang_code(lang)));
    json_object_set(o, "scores", json_object_get(body, "scores"));
    json_object_set(o, "changes", json_object_get(body, "changes"));
    json_object_set(o, "notes", json_object_get(body, "notes"));
    json_object_set_new(o, "evidence", ev);
    json_object_set_new(o, "disclaimer", json_string(resorb_msg(lang, "cli.disclaimer")));
    json_decref(body);
    size_t flags =
        JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    *out = json_dumps(o, flags);
    json_decref(o);
    return *out ? 0 : RESORB_ENOMEM;
}

int resorb_report_scores_document(char **out, const resorb_scores *s, const resorb_case *c,
                                  resorb_lang lang, bool json, bool pretty)
{
    if (!out || !s || !c)
        return RESORB_EUSAGE;
    *out = NULL;
    if (json)
        return document_json(out, s, c, lang, pretty);
    resorb_sbuf b = {0};
    char date[RESORB_DATE_TEXT];
    resorb_date_format(c->as_of, date);
    const char *args[2] = {c->id[0] ? c->id : resorb_msg(lang, "score.text.no_id"), date};
    char title[512];
    resorb_msg_format(title, sizeof title, lang, "score.text.title", args, 2);
    resorb_sbuf__printf(&b, "%s\n\n", title);
    section(&b, s, lang);
    resorb_sbuf__printf(&b, "\n%s\n", resorb_msg(lang, "cli.disclaimer"));
    if (b.failed || !b.data) {
        free(b.data);
        return RESORB_ENOMEM;
    }
    *out = b.data;
    return 0;
}
