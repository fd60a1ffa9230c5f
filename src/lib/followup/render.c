/* followup/render.c: shared pieces of the timeline and forecast documents (render.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/render.h"

/* ---- text ---- */

static void put_n(fu_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 8192;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->failed = true;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fu_put(fu_buf *b, const char *s)
{
    put_n(b, s, strlen(s));
}

void fu_printf(fu_buf *b, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k > 0)
        put_n(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

void fu_say(fu_buf *b, resorb_lang lang, const char *key, const char *const *args, size_t n)
{
    char tmp[2048];
    size_t need = resorb_msg_format(tmp, sizeof tmp, lang, key, args, n);
    if (need < sizeof tmp) {
        put_n(b, tmp, need);
        return;
    }
    char *big = malloc(need + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    resorb_msg_format(big, need + 1, lang, key, args, n);
    put_n(b, big, need);
    free(big);
}

void fu_reasons_text(fu_buf *b, const resorb_reasons *l, resorb_lang lang, const char *indent)
{
    for (size_t i = 0; i < l->count; i++) {
        const resorb_reason *r = &l->items[i];
        char text[1536];
        resorb_reason_format(r, lang, text, sizeof text);
        fu_printf(b, "%s- %s", indent, text);
        if (r->n_evidence > 0) {
            fu_put(b, " [");
            for (size_t e = 0; e < r->n_evidence; e++)
                fu_printf(b, "%s%s", e ? ", " : "", r->evidence[e]);
            fu_put(b, "]");
        }
        fu_put(b, "\n");
    }
    if (l->dropped > 0)
        fu_printf(b, "%s- (+%zu)\n", indent, l->dropped);
}

int fu_finish(fu_buf *b, char **out)
{
    if (b->failed || !b->data) {
        free(b->data);
        return RESORB_ENOMEM;
    }
    *out = b->data;
    return 0;
}

/* ---- JSON ---- */

json_t *fu_num(double v)
{
    if (isnan(v) || isinf(v))
        return json_null();
    double r = round(v * 1000.0) / 1000.0;
    return json_real(r == 0 ? 0.0 : r);
}

json_t *fu_date(resorb_date d)
{
    char text[RESORB_DATE_TEXT];
    if (d == RESORB_DATE_NONE)
        return json_null();
    resorb_date_format(d, text);
    return json_string(text);
}

json_t *fu_int_or_null(int v)
{
    return v == RESORB_INT_NONE ? json_null() : json_integer(v);
}

json_t *fu_str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *fu_reasons_json(const resorb_reasons *l, resorb_lang lang)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->count; i++) {
        const resorb_reason *r = &l->items[i];
        char text[1536];
        resorb_reason_format(r, lang, text, sizeof text);
        json_t *o = json_object(), *ev = json_array();
        for (size_t e = 0; e < r->n_evidence; e++)
            json_array_append_new(ev, json_string(r->evidence[e]));
        json_object_set_new(o, "key", json_string(r->key));
        json_object_set_new(o, "text", json_string(text));
        json_object_set_new(o, "evidence", ev);
        json_array_append_new(a, o);
    }
    return a;
}

void fu_ids_add_one(fu_ids *s, const char *id)
{
    for (size_t k = 0; k < s->n; k++)
        if (strcmp(s->ids[k], id) == 0)
            return;
    if (s->n < FU_EVIDENCE_MAX)
        s->ids[s->n++] = id;
}

void fu_ids_add(fu_ids *s, const resorb_reasons *l)
{
    for (size_t i = 0; i < l->count; i++)
        for (size_t e = 0; e < l->items[i].n_evidence; e++)
            fu_ids_add_one(s, l->items[i].evidence[e]);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *fu_ids_json(fu_ids *s)
{
    qsort(s->ids, s->n, sizeof s->ids[0], cmp_str);
    json_t *a = json_array();
    for (size_t i = 0; i < s->n; i++)
        json_array_append_new(a, json_string(s->ids[i]));
    return a;
}

int fu_dump(json_t *o, bool pretty, char **out)
{
    if (!o)
        return RESORB_ENOMEM;
    size_t flags =
        JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    *out = json_dumps(o, flags);
    json_decref(o);
    return *out ? 0 : RESORB_ENOMEM;
}

/* ---- words ---- */

const char *fu_side_label(resorb_lang lang, resorb_side s)
{
    switch (s) {
    case RESORB_SIDE_LEFT:
        return resorb_msg(lang, "side.left");
    case RESORB_SIDE_RIGHT:
        return resorb_msg(lang, "side.right");
    case RESORB_SIDE_BOTH:
        return resorb_msg(lang, "side.both");
    case RESORB_SIDE_MIDLINE:
        return resorb_msg(lang, "side.midline");
    case RESORB_SIDE_NONE:
    case RESORB_SIDE_NEITHER:
        break;
    }
    return "";
}

const char *fu_morphology_label(resorb_lang lang, resorb_morphology m)
{
    switch (m) {
    case RESORB_MORPH_BULGE:
        return resorb_msg(lang, "morphology.bulge");
    case RESORB_MORPH_PROTRUSION:
        return resorb_msg(lang, "morphology.protrusion");
    case RESORB_MORPH_EXTRUSION:
        return resorb_msg(lang, "morphology.extrusion");
    case RESORB_MORPH_SEQUESTRATION:
        return resorb_msg(lang, "morphology.sequestration");
    case RESORB_MORPH_NONE:
    case RESORB_MORPH__COUNT:
        break;
    }
    return resorb_msg(lang, "followup.morphology.unknown");
}

const char *fu_course_name(resorb_course c)
{
    switch (c) {
    case RESORB_COURSE_IMPROVING:
        return "improving";
    case RESORB_COURSE_STABLE:
        return "stable";
    case RESORB_COURSE_WORSENING:
        return "worsening";
    case RESORB_COURSE_NONE:
        break;
    }
    return NULL;
}

const char *fu_course_label(resorb_lang lang, resorb_course c)
{
    switch (c) {
    case RESORB_COURSE_IMPROVING:
        return resorb_msg(lang, "followup.course.improving");
    case RESORB_COURSE_STABLE:
        return resorb_msg(lang, "followup.course.stable");
    case RESORB_COURSE_WORSENING:
        return resorb_msg(lang, "followup.course.worsening");
    case RESORB_COURSE_NONE:
        break;
    }
    return "";
}

const char *fu_category_label(resorb_lang lang, resorb_triage_category c)
{
    char key[64];
    snprintf(key, sizeof key, "report.category.%s", resorb_triage_category_name(c));
    return resorb_msg(lang, key);
}

const char *fu_grade_label(resorb_lang lang, resorb_resorption_grade g)
{
    char key[48];
    snprintf(key, sizeof key, "followup.grade.%s", resorb_resorption_grade_name(g));
    return resorb_msg(lang, key);
}

const char *fu_measure_label(resorb_lang lang, resorb_size_measure m)
{
    switch (m) {
    case RESORB_SIZE_VOLUME:
        return resorb_msg(lang, "followup.measure.volume");
    case RESORB_SIZE_AREA:
        return resorb_msg(lang, "followup.measure.area");
    case RESORB_SIZE_AP:
        return resorb_msg(lang, "followup.measure.ap");
    case RESORB_SIZE_NONE:
        break;
    }
    return resorb_msg(lang, "followup.measure.none");
}

const char *fu_modality_name(resorb_modality m)
{
    switch (m) {
    case RESORB_MODALITY_MRI:
        return "mri";
    case RESORB_MODALITY_CT:
        return "ct";
    case RESORB_MODALITY_NONE:
        break;
    }
    return NULL;
}

void fu_herniation_label(char *buf, size_t n, resorb_lang lang, resorb_level level,
                         resorb_side side)
{
    const char *s = fu_side_label(lang, side);
    const char *args[2] = {resorb_level_name(level), s};
    resorb_msg_format(buf, n, lang,
                      *s ? "followup.text.herniation" : "followup.text.herniation_no_side", args,
                      2);
}
