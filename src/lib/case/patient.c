/* case/patient.c: decoding of the patient and history sections. */
#include <stdio.h>

#include "case/decode.h"

static const char *const patient_fields[] = {
    "age",        "sex",        "weight_kg", "height_cm", "serum_creatinine_mg_dl",
    "pregnant",   "conditions", "medications", "allergies", NULL};

static const char *const history_fields[] = {"onset",         "leg_pain_nrs", "back_pain_nrs",
                                             "leg_pain_side", "course",       "red_flags",
                                             "prior_lumbar_surgery", NULL};

void resorb_case__decode_patient(rj_ctx *c, const json_t *obj, resorb_patient *out)
{
    int sex = 0;
    rj_check_fields(c, obj, patient_fields);
    if (rj_int(c, obj, "age", true, 0, 120, &out->age) == 1 && out->age < 18) {
        char age[16];
        size_t old = rj_push_key(c, "age");
        snprintf(age, sizeof age, "%d", out->age);
        rj_warning(c, RESORB_P_MINOR, age, NULL, NULL);
        rj_pop(c, old);
    }
    if (rj_enum(c, obj, "sex", true, RJ_ENUM(resorb_case__sex), &sex) == 1)
        out->sex = (resorb_sex)sex;
    rj_number(c, obj, "weight_kg", false, 2, 400, &out->weight_kg);
    rj_number(c, obj, "height_cm", false, 40, 250, &out->height_cm);
    rj_number(c, obj, "serum_creatinine_mg_dl", false, 0.1, 25, &out->serum_creatinine_mg_dl);
    rj_tri(c, obj, "pregnant", false, &out->pregnant);
    rj_codeset(c, obj, "conditions", RJ_ENUM(resorb_case__conditions), &out->conditions);
    rj_codeset(c, obj, "medications", RJ_ENUM(resorb_case__medications), &out->medications);
    rj_codeset(c, obj, "allergies", RJ_ENUM(resorb_case__allergies), &out->allergies);
}

static void decode_red_flags(rj_ctx *c, const json_t *obj, resorb_history *out)
{
    const char *fields[RESORB_RF__COUNT + 1];
    for (int i = 0; i < RESORB_RF__COUNT; i++)
        fields[i] = resorb_case__red_flags[i];
    fields[RESORB_RF__COUNT] = NULL;
    rj_check_fields(c, obj, fields);
    for (int i = 0; i < RESORB_RF__COUNT; i++)
        rj_tri(c, obj, resorb_case__red_flags[i], false, &out->red_flags[i]);
}

void resorb_case__decode_history(rj_ctx *c, const json_t *obj, resorb_history *out)
{
    int course = 0;
    json_t *flags = NULL;
    rj_check_fields(c, obj, history_fields);
    rj_date(c, obj, "onset", true, &out->onset);
    rj_int(c, obj, "leg_pain_nrs", false, 0, 10, &out->leg_pain_nrs);
    rj_int(c, obj, "back_pain_nrs", false, 0, 10, &out->back_pain_nrs);
    resorb_case__side(c, obj, "leg_pain_side", false, RJ_ENUM(resorb_case__leg_side),
                      &out->leg_pain_side);
    if (rj_enum(c, obj, "course", false, RJ_ENUM(resorb_case__course), &course) == 1)
        out->course = (resorb_course)course;
    if (rj_object(c, obj, "red_flags", false, &flags) == 1) {
        size_t old = rj_push_key(c, "red_flags");
        out->red_flags_given = true;
        decode_red_flags(c, flags, out);
        rj_pop(c, old);
    }
    rj_tri(c, obj, "prior_lumbar_surgery", false, &out->prior_lumbar_surgery);
}
