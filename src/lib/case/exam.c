/* case/exam.c: decoding of the physical examination and of motor items (exam and visits). */
#include <math.h>

#include "case/decode.h"

static const char *const exam_fields[] = {"slr",     "crossed_slr", "femoral_stretch",
                                          "motor",   "sensory",     "reflexes",
                                          "perianal_sensation", "anal_tone",
                                          "post_void_residual_ml", NULL};
static const char *const slr_fields[] = {"side", "positive", "angle_deg", NULL};
static const char *const stretch_fields[] = {"side", "positive", NULL};
static const char *const motor_fields[] = {"muscle", "side", "mmt", "progressive", NULL};
static const char *const sensory_fields[] = {"dermatome", "side", "finding", NULL};
static const char *const reflex_fields[] = {"reflex", "side", "grade", NULL};

static rj_enum_names exam_sides(void)
{
    return RJ_ENUM(resorb_case__exam_side);
}

void resorb_case__decode_motor(rj_ctx *c, const json_t *obj, resorb_motor *out)
{
    int muscle = 0;
    *out = (resorb_motor){.mmt = RESORB_INT_NONE};
    rj_check_fields(c, obj, motor_fields);
    if (rj_enum(c, obj, "muscle", true, RJ_ENUM(resorb_case__muscles), &muscle) == 1)
        out->muscle = (resorb_muscle)muscle;
    resorb_case__side(c, obj, "side", true, exam_sides(), &out->side);
    rj_int(c, obj, "mmt", true, 0, 5, &out->mmt);
    rj_tri(c, obj, "progressive", false, &out->progressive);
}

static void slr_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_slr *out = &((resorb_exam *)ctx)->slr[i];
    *out = (resorb_slr){.angle_deg = RESORB_INT_NONE};
    rj_check_fields(c, obj, slr_fields);
    resorb_case__side(c, obj, "side", true, exam_sides(), &out->side);
    rj_tri(c, obj, "positive", true, &out->positive);
    rj_int(c, obj, "angle_deg", false, 0, 90, &out->angle_deg);
}

static void stretch_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_stretch *out = &((resorb_exam *)ctx)->femoral_stretch[i];
    *out = (resorb_stretch){0};
    rj_check_fields(c, obj, stretch_fields);
    resorb_case__side(c, obj, "side", true, exam_sides(), &out->side);
    rj_tri(c, obj, "positive", true, &out->positive);
}

static void motor_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_case__decode_motor(c, obj, &((resorb_exam *)ctx)->motor[i]);
}

static void sensory_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_sensory *out = &((resorb_exam *)ctx)->sensory[i];
    int v = 0;
    *out = (resorb_sensory){0};
    rj_check_fields(c, obj, sensory_fields);
    if (rj_enum(c, obj, "dermatome", true, RJ_ENUM(resorb_case__roots), &v) == 1)
        out->dermatome = (resorb_root)v;
    resorb_case__side(c, obj, "side", true, exam_sides(), &out->side);
    if (rj_enum(c, obj, "finding", true, RJ_ENUM(resorb_case__sensory), &v) == 1)
        out->finding = (resorb_sensory_finding)v;
}

static void reflex_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_reflex_exam *out = &((resorb_exam *)ctx)->reflexes[i];
    int v = 0;
    *out = (resorb_reflex_exam){0};
    rj_check_fields(c, obj, reflex_fields);
    if (rj_enum(c, obj, "reflex", true, RJ_ENUM(resorb_case__reflexes), &v) == 1)
        out->reflex = (resorb_reflex)v;
    resorb_case__side(c, obj, "side", true, exam_sides(), &out->side);
    if (rj_enum(c, obj, "grade", true, RJ_ENUM(resorb_case__grades), &v) == 1)
        out->grade = (resorb_reflex_grade)v;
}

/* One exam list, capped at RESORB_MAX_EXAM_ITEMS. */
static size_t exam_list(rj_ctx *c, const json_t *obj, const char *key, resorb_case__item_fn fn,
                        resorb_exam *out)
{
    return resorb_case__list(c, obj, key, false, RESORB_MAX_EXAM_ITEMS, fn, out, NULL);
}

void resorb_case__decode_exam(rj_ctx *c, const json_t *obj, resorb_exam *out)
{
    int v = 0;
    out->given = true;
    rj_check_fields(c, obj, exam_fields);
    out->n_slr = exam_list(c, obj, "slr", slr_item, out);
    rj_tri(c, obj, "crossed_slr", false, &out->crossed_slr);
    out->n_femoral_stretch = exam_list(c, obj, "femoral_stretch", stretch_item, out);
    out->n_motor = exam_list(c, obj, "motor", motor_item, out);
    out->n_sensory = exam_list(c, obj, "sensory", sensory_item, out);
    out->n_reflexes = exam_list(c, obj, "reflexes", reflex_item, out);
    if (rj_enum(c, obj, "perianal_sensation", false, RJ_ENUM(resorb_case__perianal), &v) == 1)
        out->perianal_sensation = (resorb_perianal)v;
    if (rj_enum(c, obj, "anal_tone", false, RJ_ENUM(resorb_case__anal_tone), &v) == 1)
        out->anal_tone = (resorb_anal_tone)v;
    rj_number(c, obj, "post_void_residual_ml", false, 0, INFINITY, &out->post_void_residual_ml);
}
