/*
 * case/questionnaires.c: decoding of raw questionnaire answers (ODI, RDQ, DN4, painDETECT,
 * STarT Back, JOA, JOABPEQ). Only the answers are read here; scoring is the instruments
 * module's work. Every item is required, and only ODI sections may be null (unanswered).
 */
#include <stdio.h>

#include "case/decode.h"

static const char *const items_only[] = {"date", "items", NULL};
static const char *const paindetect_fields[] = {"date", "items", "course", "radiating", NULL};
static const char *const startback_fields[] = {"date", "items", "bothersomeness", NULL};
static const char *const joa_fields[] = {"date", "low_back_pain", "leg_pain", "gait", "slr",
                                         "sensory", "motor", "adl", "bladder", NULL};
static const char *const joabpeq_fields[] = {"date", "domains", NULL};
static const char *const domain_fields[] = {"pain", "lumbar_function", "walking", "social",
                                            "mental", NULL};
static const char *const instruments[] = {"odi",       "rdq", "dn4",     "paindetect",
                                          "startback", "joa", "joabpeq", NULL};

/* Reads key as an array of exactly n booleans into out. */
static void bool_items(rj_ctx *c, const json_t *obj, const char *key, size_t n, bool *out)
{
    json_t *arr = NULL;
    if (rj_fixed_array(c, obj, key, true, n, &arr) != 1)
        return;
    size_t old = rj_push_key(c, key);
    for (size_t i = 0; i < n; i++) {
        size_t o2 = rj_push_index(c, i);
        out[i] = false;
        rj_value_bool(c, json_array_get(arr, i), &out[i]);
        rj_pop(c, o2);
    }
    rj_pop(c, old);
}

/* Reads key as an array of exactly n integers min..max (null allowed when nullable). */
static void int_items(rj_ctx *c, const json_t *obj, const char *key, size_t n, int min, int max,
                      bool nullable, int *out)
{
    json_t *arr = NULL;
    if (rj_fixed_array(c, obj, key, true, n, &arr) != 1)
        return;
    size_t old = rj_push_key(c, key);
    for (size_t i = 0; i < n; i++) {
        size_t o2 = rj_push_index(c, i);
        json_t *v = json_array_get(arr, i);
        out[i] = RESORB_INT_NONE;
        if (!(nullable && json_is_null(v)))
            rj_value_int(c, v, min, max, &out[i]);
        rj_pop(c, o2);
    }
    rj_pop(c, old);
}

static void odi_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_odi *out = &((resorb_questionnaires *)ctx)->odi[i];
    out->date = RESORB_DATE_NONE;
    for (size_t k = 0; k < RESORB_ODI_ITEMS; k++)
        out->items[k] = RESORB_INT_NONE;
    rj_check_fields(c, obj, items_only);
    rj_date(c, obj, "date", false, &out->date);
    int_items(c, obj, "items", RESORB_ODI_ITEMS, 0, 5, true, out->items);
}

/* An administration that is only a date and n yes/no items (RDQ, DN4). */
static void yes_no_form(rj_ctx *c, const json_t *obj, resorb_date *date, bool *items, size_t n)
{
    *date = RESORB_DATE_NONE;
    rj_check_fields(c, obj, items_only);
    rj_date(c, obj, "date", false, date);
    bool_items(c, obj, "items", n, items);
}

static void rdq_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_rdq *out = &((resorb_questionnaires *)ctx)->rdq[i];
    yes_no_form(c, obj, &out->date, out->items, RESORB_RDQ_ITEMS);
}

static void dn4_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_dn4 *out = &((resorb_questionnaires *)ctx)->dn4[i];
    yes_no_form(c, obj, &out->date, out->items, RESORB_DN4_ITEMS);
}

static void paindetect_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_paindetect *out = &((resorb_questionnaires *)ctx)->paindetect[i];
    int v = 0;
    out->date = RESORB_DATE_NONE;
    out->course = RESORB_PD_COURSE_NONE;
    out->radiating = false;
    rj_check_fields(c, obj, paindetect_fields);
    rj_date(c, obj, "date", false, &out->date);
    int_items(c, obj, "items", RESORB_PAINDETECT_ITEMS, 0, 5, false, out->items);
    if (rj_enum(c, obj, "course", true, RJ_ENUM(resorb_case__pd_course), &v) == 1)
        out->course = (resorb_pd_course)v;
    rj_bool(c, obj, "radiating", true, &out->radiating);
}

static void startback_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_startback *out = &((resorb_questionnaires *)ctx)->startback[i];
    int v = 0;
    out->date = RESORB_DATE_NONE;
    out->bothersomeness = RESORB_BOTHER_NONE;
    rj_check_fields(c, obj, startback_fields);
    rj_date(c, obj, "date", false, &out->date);
    bool_items(c, obj, "items", RESORB_STARTBACK_ITEMS, out->items);
    if (rj_enum(c, obj, "bothersomeness", true, RJ_ENUM(resorb_case__bother), &v) == 1)
        out->bothersomeness = (resorb_bother)v;
}

/* bladder: one of 0, -3, -6 (the JOA score's three bladder grades). */
static void joa_bladder(rj_ctx *c, const json_t *obj, int *out)
{
    json_t *v = json_object_get(obj, "bladder");
    int b = 0;
    if (!v) {
        rj_error_at(c, "bladder", RESORB_P_REQUIRED, NULL, NULL, NULL);
        return;
    }
    size_t old = rj_push_key(c, "bladder");
    if (rj_value_int(c, v, -6, 0, &b) == 1) {
        if (b == 0 || b == -3 || b == -6) {
            *out = b;
        } else {
            char found[16];
            snprintf(found, sizeof found, "%d", b);
            rj_error(c, RESORB_P_ENUM, "0, -3, -6", found, NULL);
        }
    }
    rj_pop(c, old);
}

static void joa_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_joa *out = &((resorb_questionnaires *)ctx)->joa[i];
    out->date = RESORB_DATE_NONE;
    out->low_back_pain = out->leg_pain = out->gait = RESORB_INT_NONE;
    out->slr = out->sensory = out->motor = out->bladder = RESORB_INT_NONE;
    for (size_t k = 0; k < RESORB_JOA_ADL_ITEMS; k++)
        out->adl[k] = RESORB_INT_NONE;
    rj_check_fields(c, obj, joa_fields);
    rj_date(c, obj, "date", false, &out->date);
    rj_int(c, obj, "low_back_pain", true, 0, 3, &out->low_back_pain);
    rj_int(c, obj, "leg_pain", true, 0, 3, &out->leg_pain);
    rj_int(c, obj, "gait", true, 0, 3, &out->gait);
    rj_int(c, obj, "slr", true, 0, 2, &out->slr);
    rj_int(c, obj, "sensory", true, 0, 2, &out->sensory);
    rj_int(c, obj, "motor", true, 0, 2, &out->motor);
    int_items(c, obj, "adl", RESORB_JOA_ADL_ITEMS, 0, 2, false, out->adl);
    joa_bladder(c, obj, &out->bladder);
}

static void joabpeq_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_joabpeq *out = &((resorb_questionnaires *)ctx)->joabpeq[i];
    json_t *d = NULL;
    *out = (resorb_joabpeq){.date = RESORB_DATE_NONE};
    rj_check_fields(c, obj, joabpeq_fields);
    rj_date(c, obj, "date", false, &out->date);
    if (rj_object(c, obj, "domains", true, &d) != 1)
        return;
    size_t old = rj_push_key(c, "domains");
    rj_check_fields(c, d, domain_fields);
    rj_number(c, d, "pain", true, 0, 100, &out->pain);
    rj_number(c, d, "lumbar_function", true, 0, 100, &out->lumbar_function);
    rj_number(c, d, "walking", true, 0, 100, &out->walking);
    rj_number(c, d, "social", true, 0, 100, &out->social);
    rj_number(c, d, "mental", true, 0, 100, &out->mental);
    rj_pop(c, old);
}

/* One instrument's list of administrations. */
static size_t administrations(rj_ctx *c, const json_t *obj, const char *key,
                              resorb_case__item_fn fn, resorb_questionnaires *out)
{
    return resorb_case__list(c, obj, key, false, RESORB_MAX_ADMINISTRATIONS, fn, out, NULL);
}

void resorb_case__decode_questionnaires(rj_ctx *c, const json_t *obj,
                                        resorb_questionnaires *out)
{
    out->given = true;
    rj_check_fields(c, obj, instruments);
    out->n_odi = administrations(c, obj, "odi", odi_item, out);
    out->n_rdq = administrations(c, obj, "rdq", rdq_item, out);
    out->n_dn4 = administrations(c, obj, "dn4", dn4_item, out);
    out->n_paindetect = administrations(c, obj, "paindetect", paindetect_item, out);
    out->n_startback = administrations(c, obj, "startback", startback_item, out);
    out->n_joa = administrations(c, obj, "joa", joa_item, out);
    out->n_joabpeq = administrations(c, obj, "joabpeq", joabpeq_item, out);
}
