/*
 * resorb/case.h: the case, format resorb.case/1, as a typed value.
 *
 * A case is one patient's lumbar disc herniation episode as known on one date (the contract is
 * docs/case-format.md and docs/case.schema.json). resorb_case_parse() turns JSON text into a
 * resorb_case and is the only place that sees JSON: nothing past it touches a JSON object.
 *
 * Invariants of a parsed case (they hold whenever resorb_case_parse returned 0):
 *  - Absent is not "no". Every optional boolean is a resorb_tri whose zero value is
 *    RESORB_TRI_UNKNOWN ("not assessed"); every optional enum has 0 = absent; optional integers
 *    are RESORB_INT_NONE and optional numbers NaN when absent; optional dates RESORB_DATE_NONE.
 *  - Lists keep input order and their counts never exceed the RESORB_MAX_* caps below, so a
 *    resorb_case has a fixed size and parsing allocates nothing that outlives the call.
 *  - Cross-field rules hold: onset, study, visit, treatment and questionnaire dates are on or
 *    before as_of; a treatment ends on or after it starts; visits are in date order; one study
 *    has at most one finding per level and side.
 */
#ifndef RESORB_CASE_H
#define RESORB_CASE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "resorb/date.h"
#include "resorb/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESORB_CASE_FORMAT "resorb.case/1"

/* Caps on one case (documented in docs/case-format.md). */
#define RESORB_MAX_INPUT_BYTES (1024 * 1024) /* one case document */
#define RESORB_MAX_ID_LEN 64
#define RESORB_MAX_EXAM_ITEMS 16   /* each of slr, femoral_stretch, motor, sensory, reflexes */
#define RESORB_MAX_STUDIES 16
#define RESORB_MAX_FINDINGS 16     /* per study: 5 levels x 3 sides fit */
#define RESORB_MAX_TREATMENTS 32
#define RESORB_MAX_VISITS 64
#define RESORB_MAX_VISIT_MOTOR 16
#define RESORB_MAX_ADMINISTRATIONS 16 /* per questionnaire */

#define RESORB_INT_NONE INT_MIN

typedef enum resorb_tri {
    RESORB_TRI_UNKNOWN = 0, /* absent: not assessed */
    RESORB_TRI_NO = 1,
    RESORB_TRI_YES = 2,
} resorb_tri;

typedef enum resorb_sex {
    RESORB_SEX_NONE = 0,
    RESORB_SEX_FEMALE,
    RESORB_SEX_MALE,
    RESORB_SEX_OTHER,
    RESORB_SEX_UNKNOWN,
} resorb_sex;

typedef enum resorb_side {
    RESORB_SIDE_NONE = 0, /* absent */
    RESORB_SIDE_LEFT,
    RESORB_SIDE_RIGHT,
    RESORB_SIDE_BOTH,
    RESORB_SIDE_MIDLINE,
    RESORB_SIDE_NEITHER, /* leg_pain_side "none" */
} resorb_side;

typedef enum resorb_course {
    RESORB_COURSE_NONE = 0,
    RESORB_COURSE_IMPROVING,
    RESORB_COURSE_STABLE,
    RESORB_COURSE_WORSENING,
} resorb_course;

typedef enum resorb_condition {
    RESORB_COND_PEPTIC_ULCER = 0,
    RESORB_COND_GI_BLEEDING_HISTORY,
    RESORB_COND_CKD,
    RESORB_COND_DIALYSIS,
    RESORB_COND_HEART_FAILURE,
    RESORB_COND_HEPATIC_IMPAIRMENT,
    RESORB_COND_AERD,
    RESORB_COND_CANCER_HISTORY,
    RESORB_COND_IMMUNOSUPPRESSION,
    RESORB_COND_IV_DRUG_USE,
    RESORB_COND_OSTEOPOROSIS,
    RESORB_COND_DIABETES,
    RESORB_COND_HYPERTENSION,
    RESORB_COND__COUNT
} resorb_condition;

typedef enum resorb_medication {
    RESORB_MED_ANTICOAGULANT = 0,
    RESORB_MED_ANTIPLATELET,
    RESORB_MED_SSRI_SNRI,
    RESORB_MED_CORTICOSTEROID,
    RESORB_MED_OPIOID,
    RESORB_MED_BENZODIAZEPINE,
    RESORB_MED_MAOI,
    RESORB_MED_LITHIUM,
    RESORB_MED_ACE_INHIBITOR_OR_ARB,
    RESORB_MED_DIURETIC,
    RESORB_MED__COUNT
} resorb_medication;

typedef enum resorb_allergy {
    RESORB_ALLERGY_NSAID = 0,
    RESORB_ALLERGY_ACETAMINOPHEN,
    RESORB_ALLERGY_LOCAL_ANESTHETIC,
    RESORB_ALLERGY_CORTICOSTEROID,
    RESORB_ALLERGY_CONTRAST,
    RESORB_ALLERGY__COUNT
} resorb_allergy;

/* A set of codes given as a JSON array: `given` false means the array was absent (not asked);
 * an empty array given means "none". Bit i is set when code i was listed. */
typedef struct resorb_codeset {
    bool given;
    uint32_t bits;
} resorb_codeset;

static inline bool resorb_codeset_has(const resorb_codeset *s, unsigned code)
{
    return s->given && (s->bits & (UINT32_C(1) << code)) != 0;
}

typedef struct resorb_patient {
    int age; /* 0..120, required */
    resorb_sex sex;
    double weight_kg; /* NaN when absent */
    double height_cm;
    double serum_creatinine_mg_dl;
    resorb_tri pregnant;
    resorb_codeset conditions;  /* bits of resorb_condition */
    resorb_codeset medications; /* bits of resorb_medication */
    resorb_codeset allergies;   /* bits of resorb_allergy */
} resorb_patient;

typedef enum resorb_red_flag {
    RESORB_RF_URINARY_RETENTION = 0,
    RESORB_RF_URINARY_INCONTINENCE,
    RESORB_RF_BOWEL_INCONTINENCE,
    RESORB_RF_SADDLE_ANESTHESIA,
    RESORB_RF_SEXUAL_DYSFUNCTION,
    RESORB_RF_BILATERAL_LEG_SYMPTOMS,
    RESORB_RF_FEVER,
    RESORB_RF_UNEXPLAINED_WEIGHT_LOSS,
    RESORB_RF_SIGNIFICANT_TRAUMA,
    RESORB_RF_NIGHT_PAIN,
    RESORB_RF__COUNT
} resorb_red_flag;

typedef struct resorb_history {
    resorb_date onset; /* required */
    int leg_pain_nrs;  /* 0..10 or RESORB_INT_NONE */
    int back_pain_nrs;
    resorb_side leg_pain_side; /* LEFT, RIGHT, BOTH, NEITHER or NONE */
    resorb_course course;
    bool red_flags_given; /* the red_flags object was present */
    resorb_tri red_flags[RESORB_RF__COUNT];
    resorb_tri prior_lumbar_surgery;
} resorb_history;

typedef enum resorb_muscle {
    RESORB_MUSCLE_NONE = 0,
    RESORB_MUSCLE_HIP_FLEXION,
    RESORB_MUSCLE_KNEE_EXTENSION,
    RESORB_MUSCLE_ANKLE_DORSIFLEXION,
    RESORB_MUSCLE_GREAT_TOE_EXTENSION,
    RESORB_MUSCLE_HIP_ABDUCTION,
    RESORB_MUSCLE_ANKLE_PLANTARFLEXION,
    RESORB_MUSCLE_KNEE_FLEXION,
    RESORB_MUSCLE__COUNT
} resorb_muscle;

/* Spinal roots and dermatomes L1..S2 (also used for block roots). */
typedef enum resorb_root {
    RESORB_ROOT_NONE = 0,
    RESORB_ROOT_L1,
    RESORB_ROOT_L2,
    RESORB_ROOT_L3,
    RESORB_ROOT_L4,
    RESORB_ROOT_L5,
    RESORB_ROOT_S1,
    RESORB_ROOT_S2,
    RESORB_ROOT__COUNT
} resorb_root;

typedef enum resorb_sensory_finding {
    RESORB_SENS_NONE = 0,
    RESORB_SENS_REDUCED,
    RESORB_SENS_ABSENT,
    RESORB_SENS_PARESTHESIA,
} resorb_sensory_finding;

typedef enum resorb_reflex {
    RESORB_REFLEX_NONE = 0,
    RESORB_REFLEX_PATELLAR,
    RESORB_REFLEX_ACHILLES,
} resorb_reflex;

typedef enum resorb_reflex_grade {
    RESORB_GRADE_NONE = 0,
    RESORB_GRADE_ABSENT,
    RESORB_GRADE_REDUCED,
    RESORB_GRADE_NORMAL,
    RESORB_GRADE_INCREASED,
} resorb_reflex_grade;

typedef enum resorb_perianal {
    RESORB_PERIANAL_NONE = 0,
    RESORB_PERIANAL_NORMAL,
    RESORB_PERIANAL_REDUCED,
    RESORB_PERIANAL_ABSENT,
} resorb_perianal;

typedef enum resorb_anal_tone {
    RESORB_TONE_NONE = 0,
    RESORB_TONE_NORMAL,
    RESORB_TONE_REDUCED,
} resorb_anal_tone;

typedef struct resorb_slr {
    resorb_side side; /* LEFT or RIGHT */
    resorb_tri positive;
    int angle_deg; /* 0..90 or RESORB_INT_NONE */
} resorb_slr;

typedef struct resorb_stretch {
    resorb_side side;
    resorb_tri positive;
} resorb_stretch;

typedef struct resorb_motor {
    resorb_muscle muscle;
    resorb_side side;
    int mmt; /* 0..5, required */
    resorb_tri progressive;
} resorb_motor;

typedef struct resorb_sensory {
    resorb_root dermatome;
    resorb_side side;
    resorb_sensory_finding finding;
} resorb_sensory;

typedef struct resorb_reflex_exam {
    resorb_reflex reflex;
    resorb_side side;
    resorb_reflex_grade grade;
} resorb_reflex_exam;

typedef struct resorb_exam {
    bool given; /* the exam object was present */
    size_t n_slr, n_femoral_stretch, n_motor, n_sensory, n_reflexes;
    resorb_slr slr[RESORB_MAX_EXAM_ITEMS];
    resorb_tri crossed_slr;
    resorb_stretch femoral_stretch[RESORB_MAX_EXAM_ITEMS];
    resorb_motor motor[RESORB_MAX_EXAM_ITEMS];
    resorb_sensory sensory[RESORB_MAX_EXAM_ITEMS];
    resorb_reflex_exam reflexes[RESORB_MAX_EXAM_ITEMS];
    resorb_perianal perianal_sensation;
    resorb_anal_tone anal_tone;
    double post_void_residual_ml; /* NaN when absent */
} resorb_exam;

typedef enum resorb_level {
    RESORB_LEVEL_NONE = 0,
    RESORB_LEVEL_L1_L2,
    RESORB_LEVEL_L2_L3,
    RESORB_LEVEL_L3_L4,
    RESORB_LEVEL_L4_L5,
    RESORB_LEVEL_L5_S1,
    RESORB_LEVEL__COUNT
} resorb_level;

typedef enum resorb_morphology {
    RESORB_MORPH_NONE = 0,
    RESORB_MORPH_BULGE,
    RESORB_MORPH_PROTRUSION,
    RESORB_MORPH_EXTRUSION,
    RESORB_MORPH_SEQUESTRATION,
    RESORB_MORPH__COUNT
} resorb_morphology;

typedef enum resorb_zone {
    RESORB_ZONE_NONE = 0,
    RESORB_ZONE_CENTRAL,
    RESORB_ZONE_SUBARTICULAR,
    RESORB_ZONE_FORAMINAL,
    RESORB_ZONE_EXTRAFORAMINAL,
} resorb_zone;

typedef enum resorb_migration {
    RESORB_MIGRATION_NONE = 0,
    RESORB_MIGRATION_NOT_MIGRATED, /* "none" */
    RESORB_MIGRATION_CRANIAL,
    RESORB_MIGRATION_CAUDAL,
} resorb_migration;

typedef enum resorb_rim {
    RESORB_RIM_NONE = 0, /* absent: no contrast study */
    RESORB_RIM_COMPLETE,
    RESORB_RIM_PARTIAL,
    RESORB_RIM_ABSENT, /* "none": contrast given, no enhancement */
} resorb_rim;

typedef enum resorb_t2 {
    RESORB_T2_NONE = 0,
    RESORB_T2_HIGH,
    RESORB_T2_ISO,
    RESORB_T2_LOW,
} resorb_t2;

typedef struct resorb_finding {
    resorb_level level;
    resorb_morphology morphology;
    resorb_zone zone;
    resorb_side side; /* LEFT, RIGHT, MIDLINE or NONE */
    resorb_migration migration;
    int komori_grade; /* 1..3 or RESORB_INT_NONE */
    resorb_rim rim_enhancement;
    resorb_t2 t2_signal;
    int modic;     /* 0..3 or RESORB_INT_NONE */
    int pfirrmann; /* 1..5 or RESORB_INT_NONE */
    double ap_mm;  /* NaN when absent */
    double canal_compromise_pct;
    double area_mm2;
    double volume_mm3;
} resorb_finding;

typedef enum resorb_modality {
    RESORB_MODALITY_NONE = 0,
    RESORB_MODALITY_MRI,
    RESORB_MODALITY_CT,
} resorb_modality;

typedef struct resorb_study {
    resorb_date date;
    resorb_modality modality;
    size_t n_findings;
    resorb_finding findings[RESORB_MAX_FINDINGS];
} resorb_study;

typedef enum resorb_treatment_kind {
    RESORB_TX_NONE = 0,
    RESORB_TX_NSAID,
    RESORB_TX_ACETAMINOPHEN,
    RESORB_TX_GABAPENTINOID,
    RESORB_TX_SNRI,
    RESORB_TX_TRAMADOL,
    RESORB_TX_OPIOID,
    RESORB_TX_MUSCLE_RELAXANT,
    RESORB_TX_VASODILATOR,
    RESORB_TX_KAMPO,
    RESORB_TX_PHYSIOTHERAPY,
    RESORB_TX_EPIDURAL_STEROID,
    RESORB_TX_NERVE_ROOT_BLOCK,
    RESORB_TX_SURGERY,
    RESORB_TX__COUNT
} resorb_treatment_kind;

typedef enum resorb_response {
    RESORB_RESPONSE_NONE = 0, /* absent */
    RESORB_RESPONSE_NO_RESPONSE, /* "none" */
    RESORB_RESPONSE_PARTIAL,
    RESORB_RESPONSE_GOOD,
} resorb_response;

typedef enum resorb_guidance {
    RESORB_GUIDANCE_NONE = 0,
    RESORB_GUIDANCE_FLUOROSCOPY,
    RESORB_GUIDANCE_ULTRASOUND,
    RESORB_GUIDANCE_CT,
    RESORB_GUIDANCE_LANDMARK,
} resorb_guidance;

typedef struct resorb_treatment {
    resorb_treatment_kind kind;
    resorb_date start;
    resorb_date end; /* RESORB_DATE_NONE: ongoing or not recorded */
    resorb_response response;
    resorb_root root; /* blocks only */
    resorb_side side;
    resorb_guidance guidance;
} resorb_treatment;

static inline bool resorb_treatment_is_block(resorb_treatment_kind k)
{
    return k == RESORB_TX_EPIDURAL_STEROID || k == RESORB_TX_NERVE_ROOT_BLOCK;
}

typedef struct resorb_visit {
    resorb_date date;
    int leg_pain_nrs; /* RESORB_INT_NONE when absent */
    int back_pain_nrs;
    resorb_course course;
    bool motor_given;
    size_t n_motor;
    resorb_motor motor[RESORB_MAX_VISIT_MOTOR];
} resorb_visit;

/* Questionnaires: raw item answers (scoring lives in the instruments module). */
#define RESORB_ODI_ITEMS 10
#define RESORB_RDQ_ITEMS 24
#define RESORB_DN4_ITEMS 10
#define RESORB_PAINDETECT_ITEMS 7
#define RESORB_STARTBACK_ITEMS 8 /* items 1-8 agree/disagree; item 9 is bothersomeness */
#define RESORB_JOA_ADL_ITEMS 7

typedef struct resorb_odi {
    resorb_date date;
    int items[RESORB_ODI_ITEMS]; /* 0..5 or RESORB_INT_NONE (unanswered) */
} resorb_odi;

typedef struct resorb_rdq {
    resorb_date date;
    bool items[RESORB_RDQ_ITEMS]; /* true = the statement applies today */
} resorb_rdq;

typedef struct resorb_dn4 {
    resorb_date date;
    bool items[RESORB_DN4_ITEMS]; /* 7 interview + 3 examination items, true = yes */
} resorb_dn4;

typedef enum resorb_pd_course {
    RESORB_PD_COURSE_NONE = 0,
    RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS,
    RESORB_PD_PERSISTENT_WITH_ATTACKS,
    RESORB_PD_ATTACKS_WITHOUT_PAIN_BETWEEN,
    RESORB_PD_ATTACKS_WITH_PAIN_BETWEEN,
} resorb_pd_course;

typedef struct resorb_paindetect {
    resorb_date date;
    int items[RESORB_PAINDETECT_ITEMS]; /* 0..5 */
    resorb_pd_course course;
    bool radiating;
} resorb_paindetect;

typedef enum resorb_bother {
    RESORB_BOTHER_NONE = 0,
    RESORB_BOTHER_NOT_AT_ALL,
    RESORB_BOTHER_SLIGHTLY,
    RESORB_BOTHER_MODERATELY,
    RESORB_BOTHER_VERY_MUCH,
    RESORB_BOTHER_EXTREMELY,
} resorb_bother;

typedef struct resorb_startback {
    resorb_date date;
    bool items[RESORB_STARTBACK_ITEMS]; /* true = agree */
    resorb_bother bothersomeness;
} resorb_startback;

typedef struct resorb_joa {
    resorb_date date;
    int low_back_pain, leg_pain, gait; /* subjective symptoms, 0..3 each */
    int slr, sensory, motor;           /* clinical signs, 0..2 each */
    int adl[RESORB_JOA_ADL_ITEMS];     /* activities of daily living, 0..2 each */
    int bladder;                       /* 0, -3 or -6 */
} resorb_joa;

typedef struct resorb_joabpeq {
    resorb_date date;
    double pain, lumbar_function, walking, social, mental; /* domain scores 0..100 */
} resorb_joabpeq;

typedef struct resorb_questionnaires {
    bool given;
    size_t n_odi, n_rdq, n_dn4, n_paindetect, n_startback, n_joa, n_joabpeq;
    resorb_odi odi[RESORB_MAX_ADMINISTRATIONS];
    resorb_rdq rdq[RESORB_MAX_ADMINISTRATIONS];
    resorb_dn4 dn4[RESORB_MAX_ADMINISTRATIONS];
    resorb_paindetect paindetect[RESORB_MAX_ADMINISTRATIONS];
    resorb_startback startback[RESORB_MAX_ADMINISTRATIONS];
    resorb_joa joa[RESORB_MAX_ADMINISTRATIONS];
    resorb_joabpeq joabpeq[RESORB_MAX_ADMINISTRATIONS];
} resorb_questionnaires;

typedef struct resorb_case {
    char id[RESORB_MAX_ID_LEN + 1]; /* "" when absent */
    resorb_date as_of;              /* always set after parsing (given or the default) */
    bool as_of_given;
    resorb_patient patient;
    resorb_history history;
    resorb_exam exam;
    size_t n_imaging, n_treatments, n_visits;
    bool imaging_given, treatments_given, visits_given;
    resorb_study imaging[RESORB_MAX_STUDIES];
    resorb_treatment treatments[RESORB_MAX_TREATMENTS];
    resorb_visit visits[RESORB_MAX_VISITS];
    resorb_questionnaires questionnaires;
} resorb_case;

typedef struct resorb_parse_options {
    /* The assessment date used when the case has no as_of (the CLI passes today). Required
     * when the case may omit as_of; RESORB_DATE_NONE makes a missing as_of an error. */
    resorb_date default_as_of;
} resorb_parse_options;

/* Parses and validates one case document (UTF-8 JSON, at most RESORB_MAX_INPUT_BYTES).
 * Returns 0 when the case is valid (warnings may still be in diags), RESORB_EINVALID when diags
 * holds at least one error, RESORB_ETOOLARGE for oversized input (also reported in diags),
 * RESORB_ENOMEM. out is fully written only on success; on failure its content is unspecified. */
int resorb_case_parse(resorb_case *out, const char *json, size_t len,
                      const resorb_parse_options *opts, resorb_diags *diags);

/* Records the too_large problem for an input that the caller did not read because it is over
 * RESORB_MAX_INPUT_BYTES (e.g. one line of an NDJSON stream), exactly as resorb_case_parse
 * reports it. */
void resorb_case_reject_too_large(resorb_diags *diags);

/* The cross-field rules alone, on a case already parsed field by field; appends to diags.
 * Returns the number of errors it added. */
size_t resorb_case_check(const resorb_case *c, resorb_diags *diags);

/* The canonical JSON of a case (src/lib/case/write.c; the registry stores it and `resorb case
 * export` prints it): one line, keys in the order of docs/case-format.md, every field that is
 * set and nothing else, numbers in the shortest form that reads back exactly. For a case c that
 * resorb_case_parse accepted, parsing the output gives c again. *out is a NUL-terminated heap
 * string the caller frees. Returns 0, RESORB_ENOMEM or RESORB_EUSAGE (NULL arguments). */
int resorb_case_to_json(char **out, const resorb_case *c);
/* The same for one item of visits[] / imaging[]. */
int resorb_case_visit_to_json(char **out, const resorb_visit *v);
int resorb_case_study_to_json(char **out, const resorb_study *s);

/* Parses one visit object / one imaging study object as it appears in a case's visits[] /
 * imaging[], with the same checks and messages as resorb_case_parse; paths in diags are
 * relative to the object ("/leg_pain_nrs"). A study's findings are checked for one finding per
 * level and side. Rules that need the whole record (date order, caps, onset) are left to the
 * caller (the registry checks them when the item is added). Returns 0, RESORB_EINVALID,
 * RESORB_ETOOLARGE, RESORB_ENOMEM or RESORB_EUSAGE; out is fully written only on success. */
int resorb_case_parse_visit(resorb_visit *out, const char *json, size_t len,
                            resorb_diags *diags);
int resorb_case_parse_study(resorb_study *out, const char *json, size_t len,
                            resorb_diags *diags);

/* The format's names of enumerated values ("subarticular", "L5/S1", "S1"); "" for NONE. */
const char *resorb_side_name(resorb_side v);
const char *resorb_level_name(resorb_level v);
const char *resorb_morphology_name(resorb_morphology v);
const char *resorb_zone_name(resorb_zone v);
const char *resorb_root_name(resorb_root v);
const char *resorb_muscle_name(resorb_muscle v);
const char *resorb_treatment_kind_name(resorb_treatment_kind v);
const char *resorb_red_flag_name(resorb_red_flag v);
const char *resorb_condition_name(resorb_condition v);
const char *resorb_medication_name(resorb_medication v);
const char *resorb_allergy_name(resorb_allergy v);
const char *resorb_sex_name(resorb_sex v);
const char *resorb_course_name(resorb_course v);
const char *resorb_migration_name(resorb_migration v);
const char *resorb_rim_name(resorb_rim v);
const char *resorb_t2_name(resorb_t2 v);
const char *resorb_modality_name(resorb_modality v);

#ifdef __cplusplus
}
#endif
#endif
