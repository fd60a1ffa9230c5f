/*
 * case/write.c: the canonical JSON of a case (resorb_case_to_json) and of its visits and
 * imaging studies.
 *
 * The canonical form is what the registry stores and what `resorb case export` prints, so it
 * is defined once, here, and never depends on how the case was first written:
 *  - one line, no insignificant whitespace;
 *  - keys in the order of docs/case-format.md (the order of its tables), never alphabetical;
 *  - every field that is set and nothing else: "absent" values (RESORB_TRI_UNKNOWN, enum 0,
 *    RESORB_INT_NONE, NaN, RESORB_DATE_NONE, a list with no entries whose presence the case
 *    does not record) are left out, so "not assessed" stays not assessed. A list whose presence
 *    the case does record (imaging, treatments, visits, a visit's motor, conditions,
 *    medications, allergies, questionnaires, exam, red_flags) is written when it was given,
 *    even empty;
 *  - numbers: integers as integers, other numbers in the shortest decimal form that reads back
 *    to the same double (so 0.6 is "0.6", not "0.59999999999999998");
 *  - code sets (conditions, ...) in code order.
 * The contract, checked by tests/unit/store/roundtrip.c over every example: for every case c
 * that resorb_case_parse accepted, parsing resorb_case_to_json(c) gives c back, field by field.
 *
 * Output is built in a bounded resorb_buf: a first pass into a stack buffer, and when the text
 * is longer, a second pass into a heap buffer of the exact size. Nothing can overflow and there
 * is no allocation failure to track in the middle of writing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/names.h"
#include "core/text.h"

#define JW_DEPTH 8

typedef struct jw {
    resorb_buf *b;
    int depth;
    bool first[JW_DEPTH];
} jw;

static void jw_sep(jw *w)
{
    if (!w->first[w->depth])
        resorb_buf_putc(w->b, ',');
    w->first[w->depth] = false;
}

static void jw_string(jw *w, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    resorb_buf_putc(w->b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            resorb_buf_putc(w->b, '\\');
            resorb_buf_putc(w->b, (char)*p);
        } else if (*p < 0x20) {
            char esc[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], '\0'};
            resorb_buf_puts(w->b, esc);
        } else {
            resorb_buf_putc(w->b, (char)*p);
        }
    }
    resorb_buf_putc(w->b, '"');
}

static void jw_key(jw *w, const char *key)
{
    jw_sep(w);
    jw_string(w, key);
    resorb_buf_putc(w->b, ':');
}

/* Opens an object or array: as the value of key, or as an array element when key is NULL. */
static void jw_open(jw *w, const char *key, char bracket)
{
    if (key)
        jw_key(w, key);
    else if (w->depth > 0)
        jw_sep(w);
    resorb_buf_putc(w->b, bracket);
    if (w->depth + 1 < JW_DEPTH)
        w->depth++;
    w->first[w->depth] = true;
}

static void jw_close(jw *w, char bracket)
{
    resorb_buf_putc(w->b, bracket);
    if (w->depth > 0)
        w->depth--;
}

/* The shortest "%.Ng" (N = 15..17) that reads back as the same double. */
static void format_double(char out[32], double v)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, 32, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

static void jw_raw_number(jw *w, double v)
{
    char tmp[32];
    format_double(tmp, v);
    resorb_buf_puts(w->b, tmp);
}

static void jw_int_value(jw *w, int v)
{
    resorb_buf_printf(w->b, "%d", v);
}

/* key: value, only when the value is set. */
static void put_word(jw *w, const char *key, const char *word)
{
    if (word && *word) {
        jw_key(w, key);
        jw_string(w, word);
    }
}

static void put_int(jw *w, const char *key, int v)
{
    if (v != RESORB_INT_NONE) {
        jw_key(w, key);
        jw_int_value(w, v);
    }
}

static void put_number(jw *w, const char *key, double v)
{
    if (!isnan(v)) {
        jw_key(w, key);
        jw_raw_number(w, v);
    }
}

static void put_tri(jw *w, const char *key, resorb_tri v)
{
    if (v != RESORB_TRI_UNKNOWN) {
        jw_key(w, key);
        resorb_buf_puts(w->b, v == RESORB_TRI_YES ? "true" : "false");
    }
}

static void put_bool(jw *w, const char *key, bool v)
{
    jw_key(w, key);
    resorb_buf_puts(w->b, v ? "true" : "false");
}

static void put_date(jw *w, const char *key, resorb_date d)
{
    if (d != RESORB_DATE_NONE) {
        char t[RESORB_DATE_TEXT];
        resorb_date_format(d, t);
        put_word(w, key, t);
    }
}

/* The word of an enum value from a names table (index 0 = absent). */
#define WORD(table, v)                                                                             \
    ((int)(v) > 0 && (size_t)(v) < sizeof(table) / sizeof((table)[0]) ? (table)[v] : "")

static void put_codeset(jw *w, const char *key, const resorb_codeset *s, const char *const *names,
                        int count)
{
    if (!s->given)
        return;
    jw_open(w, key, '[');
    for (int i = 0; i < count; i++) {
        if (s->bits & (UINT32_C(1) << i)) {
            jw_sep(w);
            jw_string(w, names[i + 1]);
        }
    }
    jw_close(w, ']');
}

static void write_patient(jw *w, const resorb_patient *p)
{
    jw_open(w, "patient", '{');
    put_int(w, "age", p->age);
    put_word(w, "sex", WORD(resorb_case__sex, p->sex));
    put_number(w, "weight_kg", p->weight_kg);
    put_number(w, "height_cm", p->height_cm);
    put_number(w, "serum_creatinine_mg_dl", p->serum_creatinine_mg_dl);
    put_tri(w, "pregnant", p->pregnant);
    put_codeset(w, "conditions", &p->conditions, resorb_case__conditions, RESORB_COND__COUNT);
    put_codeset(w, "medications", &p->medications, resorb_case__medications, RESORB_MED__COUNT);
    put_codeset(w, "allergies", &p->allergies, resorb_case__allergies, RESORB_ALLERGY__COUNT);
    jw_close(w, '}');
}

static void write_history(jw *w, const resorb_history *h)
{
    jw_open(w, "history", '{');
    put_date(w, "onset", h->onset);
    put_int(w, "leg_pain_nrs", h->leg_pain_nrs);
    put_int(w, "back_pain_nrs", h->back_pain_nrs);
    put_word(w, "leg_pain_side", resorb_side_name(h->leg_pain_side));
    put_word(w, "course", WORD(resorb_case__course, h->course));
    if (h->red_flags_given) {
        jw_open(w, "red_flags", '{');
        for (int i = 0; i < RESORB_RF__COUNT; i++)
            put_tri(w, resorb_case__red_flags[i], h->red_flags[i]);
        jw_close(w, '}');
    }
    put_tri(w, "prior_lumbar_surgery", h->prior_lumbar_surgery);
    jw_close(w, '}');
}

static void write_motor(jw *w, const resorb_motor *m)
{
    jw_open(w, NULL, '{');
    put_word(w, "muscle", WORD(resorb_case__muscles, m->muscle));
    put_word(w, "side", resorb_side_name(m->side));
    put_int(w, "mmt", m->mmt);
    put_tri(w, "progressive", m->progressive);
    jw_close(w, '}');
}

static void write_exam(jw *w, const resorb_exam *e)
{
    if (!e->given)
        return;
    jw_open(w, "exam", '{');
    if (e->n_slr > 0) {
        jw_open(w, "slr", '[');
        for (size_t i = 0; i < e->n_slr; i++) {
            jw_open(w, NULL, '{');
            put_word(w, "side", resorb_side_name(e->slr[i].side));
            put_tri(w, "positive", e->slr[i].positive);
            put_int(w, "angle_deg", e->slr[i].angle_deg);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    put_tri(w, "crossed_slr", e->crossed_slr);
    if (e->n_femoral_stretch > 0) {
        jw_open(w, "femoral_stretch", '[');
        for (size_t i = 0; i < e->n_femoral_stretch; i++) {
            jw_open(w, NULL, '{');
            put_word(w, "side", resorb_side_name(e->femoral_stretch[i].side));
            put_tri(w, "positive", e->femoral_stretch[i].positive);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (e->n_motor > 0) {
        jw_open(w, "motor", '[');
        for (size_t i = 0; i < e->n_motor; i++)
            write_motor(w, &e->motor[i]);
        jw_close(w, ']');
    }
    if (e->n_sensory > 0) {
        jw_open(w, "sensory", '[');
        for (size_t i = 0; i < e->n_sensory; i++) {
            jw_open(w, NULL, '{');
            put_word(w, "dermatome", WORD(resorb_case__roots, e->sensory[i].dermatome));
            put_word(w, "side", resorb_side_name(e->sensory[i].side));
            put_word(w, "finding", WORD(resorb_case__sensory, e->sensory[i].finding));
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (e->n_reflexes > 0) {
        jw_open(w, "reflexes", '[');
        for (size_t i = 0; i < e->n_reflexes; i++) {
            jw_open(w, NULL, '{');
            put_word(w, "reflex", WORD(resorb_case__reflexes, e->reflexes[i].reflex));
            put_word(w, "side", resorb_side_name(e->reflexes[i].side));
            put_word(w, "grade", WORD(resorb_case__grades, e->reflexes[i].grade));
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    put_word(w, "perianal_sensation", WORD(resorb_case__perianal, e->perianal_sensation));
    put_word(w, "anal_tone", WORD(resorb_case__anal_tone, e->anal_tone));
    put_number(w, "post_void_residual_ml", e->post_void_residual_ml);
    jw_close(w, '}');
}

static void write_finding(jw *w, const resorb_finding *f)
{
    jw_open(w, NULL, '{');
    put_word(w, "level", WORD(resorb_case__levels, f->level));
    put_word(w, "morphology", WORD(resorb_case__morphologies, f->morphology));
    put_word(w, "zone", WORD(resorb_case__zones, f->zone));
    put_word(w, "side", resorb_side_name(f->side));
    put_word(w, "migration", WORD(resorb_case__migrations, f->migration));
    put_int(w, "komori_grade", f->komori_grade);
    put_word(w, "rim_enhancement", WORD(resorb_case__rims, f->rim_enhancement));
    put_word(w, "t2_signal", WORD(resorb_case__t2, f->t2_signal));
    put_int(w, "modic", f->modic);
    put_int(w, "pfirrmann", f->pfirrmann);
    put_number(w, "ap_mm", f->ap_mm);
    put_number(w, "canal_compromise_pct", f->canal_compromise_pct);
    put_number(w, "area_mm2", f->area_mm2);
    put_number(w, "volume_mm3", f->volume_mm3);
    jw_close(w, '}');
}

static void write_study(jw *w, const resorb_study *s)
{
    jw_open(w, NULL, '{');
    put_date(w, "date", s->date);
    put_word(w, "modality", WORD(resorb_case__modalities, s->modality));
    jw_open(w, "findings", '['); /* required, may be empty */
    for (size_t i = 0; i < s->n_findings && i < RESORB_MAX_FINDINGS; i++)
        write_finding(w, &s->findings[i]);
    jw_close(w, ']');
    jw_close(w, '}');
}

static void write_treatment(jw *w, const resorb_treatment *t)
{
    jw_open(w, NULL, '{');
    put_word(w, "kind", WORD(resorb_case__treatments, t->kind));
    put_date(w, "start", t->start);
    put_date(w, "end", t->end);
    put_word(w, "response", WORD(resorb_case__responses, t->response));
    put_word(w, "root", WORD(resorb_case__roots, t->root));
    put_word(w, "side", resorb_side_name(t->side));
    put_word(w, "guidance", WORD(resorb_case__guidance, t->guidance));
    jw_close(w, '}');
}

static void write_visit(jw *w, const resorb_visit *v)
{
    jw_open(w, NULL, '{');
    put_date(w, "date", v->date);
    put_int(w, "leg_pain_nrs", v->leg_pain_nrs);
    put_int(w, "back_pain_nrs", v->back_pain_nrs);
    put_word(w, "course", WORD(resorb_case__course, v->course));
    if (v->motor_given) {
        jw_open(w, "motor", '[');
        for (size_t i = 0; i < v->n_motor && i < RESORB_MAX_VISIT_MOTOR; i++)
            write_motor(w, &v->motor[i]);
        jw_close(w, ']');
    }
    jw_close(w, '}');
}

static void int_array(jw *w, const char *key, const int *items, size_t n)
{
    jw_open(w, key, '[');
    for (size_t i = 0; i < n; i++) {
        jw_sep(w);
        if (items[i] == RESORB_INT_NONE)
            resorb_buf_puts(w->b, "null");
        else
            jw_int_value(w, items[i]);
    }
    jw_close(w, ']');
}

static void bool_array(jw *w, const char *key, const bool *items, size_t n)
{
    jw_open(w, key, '[');
    for (size_t i = 0; i < n; i++) {
        jw_sep(w);
        resorb_buf_puts(w->b, items[i] ? "true" : "false");
    }
    jw_close(w, ']');
}

static void write_questionnaires(jw *w, const resorb_questionnaires *q)
{
    if (!q->given)
        return;
    jw_open(w, "questionnaires", '{');
    if (q->n_odi > 0) {
        jw_open(w, "odi", '[');
        for (size_t i = 0; i < q->n_odi; i++) {
            jw_open(w, NULL, '{');
            put_date(w, "date", q->odi[i].date);
            int_array(w, "items", q->odi[i].items, RESORB_ODI_ITEMS);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (q->n_rdq > 0) {
        jw_open(w, "rdq", '[');
        for (size_t i = 0; i < q->n_rdq; i++) {
            jw_open(w, NULL, '{');
            put_date(w, "date", q->rdq[i].date);
            bool_array(w, "items", q->rdq[i].items, RESORB_RDQ_ITEMS);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (q->n_dn4 > 0) {
        jw_open(w, "dn4", '[');
        for (size_t i = 0; i < q->n_dn4; i++) {
            jw_open(w, NULL, '{');
            put_date(w, "date", q->dn4[i].date);
            bool_array(w, "items", q->dn4[i].items, RESORB_DN4_ITEMS);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (q->n_paindetect > 0) {
        jw_open(w, "paindetect", '[');
        for (size_t i = 0; i < q->n_paindetect; i++) {
            const resorb_paindetect *p = &q->paindetect[i];
            jw_open(w, NULL, '{');
            put_date(w, "date", p->date);
            int_array(w, "items", p->items, RESORB_PAINDETECT_ITEMS);
            put_word(w, "course", WORD(resorb_case__pd_course, p->course));
            put_bool(w, "radiating", p->radiating);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (q->n_startback > 0) {
        jw_open(w, "startback", '[');
        for (size_t i = 0; i < q->n_startback; i++) {
            const resorb_startback *s = &q->startback[i];
            jw_open(w, NULL, '{');
            put_date(w, "date", s->date);
            bool_array(w, "items", s->items, RESORB_STARTBACK_ITEMS);
            put_word(w, "bothersomeness", WORD(resorb_case__bother, s->bothersomeness));
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (q->n_joa > 0) {
        jw_open(w, "joa", '[');
        for (size_t i = 0; i < q->n_joa; i++) {
            const resorb_joa *j = &q->joa[i];
            jw_open(w, NULL, '{');
            put_date(w, "date", j->date);
            put_int(w, "low_back_pain", j->low_back_pain);
            put_int(w, "leg_pain", j->leg_pain);
            put_int(w, "gait", j->gait);
            put_int(w, "slr", j->slr);
            put_int(w, "sensory", j->sensory);
            put_int(w, "motor", j->motor);
            int_array(w, "adl", j->adl, RESORB_JOA_ADL_ITEMS);
            put_int(w, "bladder", j->bladder);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    if (q->n_joabpeq > 0) {
        jw_open(w, "joabpeq", '[');
        for (size_t i = 0; i < q->n_joabpeq; i++) {
            const resorb_joabpeq *j = &q->joabpeq[i];
            jw_open(w, NULL, '{');
            put_date(w, "date", j->date);
            jw_open(w, "domains", '{');
            put_number(w, "pain", j->pain);
            put_number(w, "lumbar_function", j->lumbar_function);
            put_number(w, "walking", j->walking);
            put_number(w, "social", j->social);
            put_number(w, "mental", j->mental);
            jw_close(w, '}');
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    jw_close(w, '}');
}

static void write_case(jw *w, const resorb_case *c)
{
    jw_open(w, NULL, '{');
    put_word(w, "format", RESORB_CASE_FORMAT);
    put_word(w, "id", c->id);
    if (c->as_of_given)
        put_date(w, "as_of", c->as_of);
    write_patient(w, &c->patient);
    write_history(w, &c->history);
    write_exam(w, &c->exam);
    if (c->imaging_given) {
        jw_open(w, "imaging", '[');
        for (size_t i = 0; i < c->n_imaging && i < RESORB_MAX_STUDIES; i++)
            write_study(w, &c->imaging[i]);
        jw_close(w, ']');
    }
    if (c->treatments_given) {
        jw_open(w, "treatments", '[');
        for (size_t i = 0; i < c->n_treatments && i < RESORB_MAX_TREATMENTS; i++)
            write_treatment(w, &c->treatments[i]);
        jw_close(w, ']');
    }
    if (c->visits_given) {
        jw_open(w, "visits", '[');
        for (size_t i = 0; i < c->n_visits && i < RESORB_MAX_VISITS; i++)
            write_visit(w, &c->visits[i]);
        jw_close(w, ']');
    }
    write_questionnaires(w, &c->questionnaires);
    jw_close(w, '}');
}

typedef enum what { W_CASE, W_VISIT, W_STUDY } what;

static void write_what(resorb_buf *b, what kind, const void *value)
{
    jw w = {.b = b, .depth = 0, .first = {true}};
    if (kind == W_CASE)
        write_case(&w, value);
    else if (kind == W_VISIT)
        write_visit(&w, value);
    else
        write_study(&w, value);
}

/* Two passes: a stack buffer for the common case, else a heap buffer of the exact size. */
static int to_json(char **out, what kind, const void *value)
{
    char stack[8192];
    resorb_buf b;
    char *text = NULL;
    if (!out || !value)
        return RESORB_EUSAGE;
    resorb_buf_init(&b, stack, sizeof stack);
    write_what(&b, kind, value);
    size_t need = resorb_buf_len(&b);
    if (!(text = malloc(need + 1)))
        return RESORB_ENOMEM;
    if (need < sizeof stack) {
        memcpy(text, stack, need + 1);
    } else {
        resorb_buf_init(&b, text, need + 1);
        write_what(&b, kind, value);
    }
    *out = text;
    return 0;
}

int resorb_case_to_json(char **out, const resorb_case *c)
{
    return to_json(out, W_CASE, c);
}

int resorb_case_visit_to_json(char **out, const resorb_visit *v)
{
    return to_json(out, W_VISIT, v);
}

int resorb_case_study_to_json(char **out, const resorb_study *s)
{
    return to_json(out, W_STUDY, s);
}
