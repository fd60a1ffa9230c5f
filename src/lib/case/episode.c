/* case/episode.c: decoding of the imaging studies, treatments and follow-up visits. */
#include <math.h>

#include "case/decode.h"

static const char *const study_fields[] = {"date", "modality", "findings", NULL};
static const char *const finding_fields[] = {
    "level",     "morphology", "zone",  "side",    "migration",            "komori_grade",
    "rim_enhancement", "t2_signal", "modic", "pfirrmann", "ap_mm", "canal_compromise_pct",
    "area_mm2",  "volume_mm3", NULL};
static const char *const treatment_fields[] = {"kind", "start", "end",      "response",
                                               "root", "side",  "guidance", NULL};
static const char *const visit_fields[] = {"date",   "leg_pain_nrs", "back_pain_nrs",
                                           "course", "motor",        NULL};

static void finding_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_finding *out = &((resorb_study *)ctx)->findings[i];
    int v = 0;
    *out = (resorb_finding){.komori_grade = RESORB_INT_NONE,
                            .modic = RESORB_INT_NONE,
                            .pfirrmann = RESORB_INT_NONE,
                            .ap_mm = NAN,
                            .canal_compromise_pct = NAN,
                            .area_mm2 = NAN,
                            .volume_mm3 = NAN};
    rj_check_fields(c, obj, finding_fields);
    if (rj_enum(c, obj, "level", true, RJ_ENUM(resorb_case__levels), &v) == 1)
        out->level = (resorb_level)v;
    if (rj_enum(c, obj, "morphology", true, RJ_ENUM(resorb_case__morphologies), &v) == 1)
        out->morphology = (resorb_morphology)v;
    if (rj_enum(c, obj, "zone", false, RJ_ENUM(resorb_case__zones), &v) == 1)
        out->zone = (resorb_zone)v;
    resorb_case__side(c, obj, "side", false, RJ_ENUM(resorb_case__finding_side), &out->side);
    if (rj_enum(c, obj, "migration", false, RJ_ENUM(resorb_case__migrations), &v) == 1)
        out->migration = (resorb_migration)v;
    rj_int(c, obj, "komori_grade", false, 1, 3, &out->komori_grade);
    if (rj_enum(c, obj, "rim_enhancement", false, RJ_ENUM(resorb_case__rims), &v) == 1)
        out->rim_enhancement = (resorb_rim)v;
    if (rj_enum(c, obj, "t2_signal", false, RJ_ENUM(resorb_case__t2), &v) == 1)
        out->t2_signal = (resorb_t2)v;
    rj_int(c, obj, "modic", false, 0, 3, &out->modic);
    rj_int(c, obj, "pfirrmann", false, 1, 5, &out->pfirrmann);
    rj_number(c, obj, "ap_mm", false, 0, 30, &out->ap_mm);
    rj_number(c, obj, "canal_compromise_pct", false, 0, 100, &out->canal_compromise_pct);
    rj_number(c, obj, "area_mm2", false, 0, INFINITY, &out->area_mm2);
    rj_number(c, obj, "volume_mm3", false, 0, INFINITY, &out->volume_mm3);
}

void resorb_case__decode_study(rj_ctx *c, const json_t *obj, resorb_study *out)
{
    int v = 0;
    out->date = RESORB_DATE_NONE;
    out->modality = RESORB_MODALITY_NONE;
    out->n_findings = 0;
    rj_check_fields(c, obj, study_fields);
    rj_date(c, obj, "date", true, &out->date);
    if (rj_enum(c, obj, "modality", true, RJ_ENUM(resorb_case__modalities), &v) == 1)
        out->modality = (resorb_modality)v;
    out->n_findings = resorb_case__list(c, obj, "findings", true, RESORB_MAX_FINDINGS,
                                        finding_item, out, NULL);
}

static void study_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_case__decode_study(c, obj, &((resorb_case *)ctx)->imaging[i]);
}

void resorb_case__decode_imaging(rj_ctx *c, const json_t *root, resorb_case *out)
{
    out->n_imaging = resorb_case__list(c, root, "imaging", false, RESORB_MAX_STUDIES, study_item,
                                       out, &out->imaging_given);
}

static void treatment_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_treatment *out = &((resorb_case *)ctx)->treatments[i];
    int v = 0;
    *out = (resorb_treatment){.start = RESORB_DATE_NONE, .end = RESORB_DATE_NONE};
    rj_check_fields(c, obj, treatment_fields);
    if (rj_enum(c, obj, "kind", true, RJ_ENUM(resorb_case__treatments), &v) == 1)
        out->kind = (resorb_treatment_kind)v;
    rj_date(c, obj, "start", true, &out->start);
    rj_date(c, obj, "end", false, &out->end);
    if (rj_enum(c, obj, "response", false, RJ_ENUM(resorb_case__responses), &v) == 1)
        out->response = (resorb_response)v;
    if (rj_enum(c, obj, "root", false, RJ_ENUM(resorb_case__roots), &v) == 1)
        out->root = (resorb_root)v;
    resorb_case__side(c, obj, "side", false, RJ_ENUM(resorb_case__block_side), &out->side);
    if (rj_enum(c, obj, "guidance", false, RJ_ENUM(resorb_case__guidance), &v) == 1)
        out->guidance = (resorb_guidance)v;
    /* Block fields on a treatment that is not a block: the kind must be known to judge. */
    if (out->kind != RESORB_TX_NONE && !resorb_treatment_is_block(out->kind)) {
        static const char *const block_only[] = {"root", "side", "guidance"};
        for (size_t k = 0; k < 3; k++)
            if (json_object_get(obj, block_only[k]))
                rj_error_at(c, block_only[k], RESORB_P_NOT_APPLICABLE,
                            "kind", "epidural_steroid, nerve_root_block", NULL);
    }
}

void resorb_case__decode_treatments(rj_ctx *c, const json_t *root, resorb_case *out)
{
    out->n_treatments = resorb_case__list(c, root, "treatments", false, RESORB_MAX_TREATMENTS,
                                          treatment_item, out, &out->treatments_given);
}

static void visit_motor_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_case__decode_motor(c, obj, &((resorb_visit *)ctx)->motor[i]);
}

void resorb_case__decode_visit(rj_ctx *c, const json_t *obj, resorb_visit *out)
{
    int v = 0;
    out->date = RESORB_DATE_NONE;
    out->leg_pain_nrs = out->back_pain_nrs = RESORB_INT_NONE;
    out->course = RESORB_COURSE_NONE;
    out->motor_given = false;
    out->n_motor = 0;
    rj_check_fields(c, obj, visit_fields);
    rj_date(c, obj, "date", true, &out->date);
    rj_int(c, obj, "leg_pain_nrs", false, 0, 10, &out->leg_pain_nrs);
    rj_int(c, obj, "back_pain_nrs", false, 0, 10, &out->back_pain_nrs);
    if (rj_enum(c, obj, "course", false, RJ_ENUM(resorb_case__course), &v) == 1)
        out->course = (resorb_course)v;
    out->n_motor = resorb_case__list(c, obj, "motor", false, RESORB_MAX_VISIT_MOTOR,
                                     visit_motor_item, out, &out->motor_given);
}

static void visit_item(rj_ctx *c, const json_t *obj, size_t i, void *ctx)
{
    resorb_case__decode_visit(c, obj, &((resorb_case *)ctx)->visits[i]);
}

void resorb_case__decode_visits(rj_ctx *c, const json_t *root, resorb_case *out)
{
    out->n_visits = resorb_case__list(c, root, "visits", false, RESORB_MAX_VISITS, visit_item,
                                      out, &out->visits_given);
}
