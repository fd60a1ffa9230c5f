/* case/names.c: the words of resorb.case/1 for each enumeration (see names.h). */
#include "case/names.h"

const char *const resorb_case__sex[5] = {"", "female", "male", "other", "unknown"};
/* Indexed like resorb_side, with the values a given field does not allow left out by the
 * decoder choosing a narrower table and mapping back (see the *_side tables' users). */
const char *const resorb_case__leg_side[5] = {"", "left", "right", "both", "none"};
const char *const resorb_case__exam_side[3] = {"", "left", "right"};
const char *const resorb_case__finding_side[5] = {"", "left", "right", "midline"};
const char *const resorb_case__block_side[4] = {"", "left", "right", "both"};
const char *const resorb_case__course[4] = {"", "improving", "stable", "worsening"};
const char *const resorb_case__conditions[RESORB_COND__COUNT + 1] = {
    "",
    "peptic_ulcer",
    "gi_bleeding_history",
    "ckd",
    "dialysis",
    "heart_failure",
    "hepatic_impairment",
    "aspirin_exacerbated_respiratory_disease",
    "cancer_history",
    "immunosuppression",
    "iv_drug_use",
    "osteoporosis",
    "diabetes",
    "hypertension",
};
const char *const resorb_case__medications[RESORB_MED__COUNT + 1] = {
    "",           "anticoagulant", "antiplatelet", "ssri_snri", "corticosteroid",
    "opioid",     "benzodiazepine", "maoi",        "lithium",   "ace_inhibitor_or_arb",
    "diuretic",
};
const char *const resorb_case__allergies[RESORB_ALLERGY__COUNT + 1] = {
    "", "nsaid", "acetaminophen", "local_anesthetic", "corticosteroid", "contrast",
};
const char *const resorb_case__red_flags[RESORB_RF__COUNT] = {
    "urinary_retention",      "urinary_incontinence", "bowel_incontinence",
    "saddle_anesthesia",      "sexual_dysfunction",   "bilateral_leg_symptoms",
    "fever",                  "unexplained_weight_loss", "significant_trauma",
    "night_pain",
};
const char *const resorb_case__muscles[RESORB_MUSCLE__COUNT] = {
    "",
    "hip_flexion",
    "knee_extension",
    "ankle_dorsiflexion",
    "great_toe_extension",
    "hip_abduction",
    "ankle_plantarflexion",
    "knee_flexion",
};
const char *const resorb_case__roots[RESORB_ROOT__COUNT] = {"",   "L1", "L2", "L3",
                                                            "L4", "L5", "S1", "S2"};
const char *const resorb_case__sensory[4] = {"", "reduced", "absent", "paresthesia"};
const char *const resorb_case__reflexes[3] = {"", "patellar", "achilles"};
const char *const resorb_case__grades[5] = {"", "absent", "reduced", "normal", "increased"};
const char *const resorb_case__perianal[4] = {"", "normal", "reduced", "absent"};
const char *const resorb_case__anal_tone[3] = {"", "normal", "reduced"};
const char *const resorb_case__levels[RESORB_LEVEL__COUNT] = {"",      "L1/L2", "L2/L3",
                                                              "L3/L4", "L4/L5", "L5/S1"};
const char *const resorb_case__morphologies[RESORB_MORPH__COUNT] = {
    "", "bulge", "protrusion", "extrusion", "sequestration"};
const char *const resorb_case__zones[5] = {"", "central", "subarticular", "foraminal",
                                           "extraforaminal"};
const char *const resorb_case__migrations[4] = {"", "none", "cranial", "caudal"};
const char *const resorb_case__rims[4] = {"", "complete", "partial", "none"};
const char *const resorb_case__t2[4] = {"", "high", "iso", "low"};
const char *const resorb_case__modalities[3] = {"", "mri", "ct"};
const char *const resorb_case__treatments[RESORB_TX__COUNT] = {
    "",           "nsaid",         "acetaminophen",   "gabapentinoid",    "snri",
    "tramadol",   "opioid",        "muscle_relaxant", "vasodilator",      "kampo",
    "physiotherapy", "epidural_steroid", "nerve_root_block", "surgery",
};
const char *const resorb_case__responses[4] = {"", "none", "partial", "good"};
const char *const resorb_case__guidance[5] = {"", "fluoroscopy", "ultrasound", "ct",
                                              "landmark"};
const char *const resorb_case__pd_course[5] = {
    "", "persistent_slight_fluctuations", "persistent_with_attacks",
    "attacks_without_pain_between", "attacks_with_pain_between"};
const char *const resorb_case__bother[6] = {"",         "not_at_all", "slightly",
                                            "moderately", "very_much", "extremely"};

#define NAME_OF(table, v)                                                                     \
    ((int)(v) >= 0 && (size_t)(v) < sizeof(table) / sizeof((table)[0]) ? (table)[v] : "")

const char *resorb_side_name(resorb_side v)
{
    static const char *const all[] = {"", "left", "right", "both", "midline", "none"};
    return NAME_OF(all, v);
}

const char *resorb_level_name(resorb_level v)
{
    return NAME_OF(resorb_case__levels, v);
}

const char *resorb_morphology_name(resorb_morphology v)
{
    return NAME_OF(resorb_case__morphologies, v);
}

const char *resorb_zone_name(resorb_zone v)
{
    return NAME_OF(resorb_case__zones, v);
}

const char *resorb_root_name(resorb_root v)
{
    return NAME_OF(resorb_case__roots, v);
}

const char *resorb_muscle_name(resorb_muscle v)
{
    return NAME_OF(resorb_case__muscles, v);
}

const char *resorb_treatment_kind_name(resorb_treatment_kind v)
{
    return NAME_OF(resorb_case__treatments, v);
}

const char *resorb_red_flag_name(resorb_red_flag v)
{
    return NAME_OF(resorb_case__red_flags, v);
}

const char *resorb_condition_name(resorb_condition v)
{
    return NAME_OF(resorb_case__conditions, (int)v + 1);
}

const char *resorb_medication_name(resorb_medication v)
{
    return NAME_OF(resorb_case__medications, (int)v + 1);
}

const char *resorb_allergy_name(resorb_allergy v)
{
    return NAME_OF(resorb_case__allergies, (int)v + 1);
}

const char *resorb_sex_name(resorb_sex v)
{
    return NAME_OF(resorb_case__sex, v);
}

const char *resorb_course_name(resorb_course v)
{
    return NAME_OF(resorb_case__course, v);
}

const char *resorb_migration_name(resorb_migration v)
{
    return NAME_OF(resorb_case__migrations, v);
}

const char *resorb_rim_name(resorb_rim v)
{
    return NAME_OF(resorb_case__rims, v);
}

const char *resorb_t2_name(resorb_t2 v)
{
    return NAME_OF(resorb_case__t2, v);
}

const char *resorb_modality_name(resorb_modality v)
{
    return NAME_OF(resorb_case__modalities, v);
}
