/*
 * resorb/assess.h: the assessment, one pure function of (case, evidence, as-of date, options).
 *
 * resorb_assess() reads a validated resorb_case and fills a resorb_assessment: triage, the
 * clinical-imaging concordance and resorption prognosis of each herniation on the latest study,
 * the symptom outlook under conservative care and a first care plan. It does no I/O, reads no
 * clock, allocates nothing and keeps no state: the same case gives the same assessment, through
 * every door (CLI, server, FHIR, CDS Hooks), and many can run at once.
 *
 * Language-neutral by construction. The engine never writes prose: every statement it makes is
 * a resorb_reason, a message-catalog key with its arguments and the evidence ids it rests on,
 * rendered in English or Japanese only by the output adapters (resorb_assessment_render_*).
 * Every number the engine uses comes from the evidence tables (resorb_evidence_find) and the
 * assessment lists the ids it used.
 *
 * Safety invariants, tested over random cases:
 *  - an emergency finding is never outranked: the category is the most urgent one any rule gave;
 *  - absent is "not assessed", never "no": red flags not asked are listed, and an incomplete
 *    cauda equina screen is a required action, never hidden behind "conservative";
 *  - probabilities lie in [0, 1], intervals contain their point, time courses do not decrease.
 */
#ifndef RESORB_ASSESS_H
#define RESORB_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

#include "resorb/case.h"
#include "resorb/instruments.h"
#include "resorb/reason.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- triage ---- */

/* Ordered by urgency: a larger value outranks a smaller one. */
typedef enum resorb_triage_category {
    RESORB_TRIAGE_CONSERVATIVE = 0,
    RESORB_TRIAGE_SURGICAL_CONSULTATION,
    RESORB_TRIAGE_INVESTIGATE,
    RESORB_TRIAGE_URGENT,
    RESORB_TRIAGE_EMERGENCY,
    RESORB_TRIAGE__COUNT
} resorb_triage_category;

typedef struct resorb_triage_reason {
    resorb_triage_category category; /* the category this rule gives */
    const char *rule;                /* stable rule id, e.g. "ces.urinary_retention" */
    resorb_reason reason;
} resorb_triage_reason;

#define RESORB_TRIAGE_REASONS_MAX 24
typedef struct resorb_triage {
    resorb_triage_category category; /* the most urgent category of any reason */
    size_t n_reasons, dropped;
    resorb_triage_reason reasons[RESORB_TRIAGE_REASONS_MAX]; /* most urgent first */
    /* Red flags nobody asked about (the case's red_flags absent or without them). */
    size_t n_not_assessed;
    resorb_red_flag not_assessed[RESORB_RF__COUNT];
    /* The cauda equina screen (retention, incontinence, saddle anaesthesia, perianal sensation,
     * anal tone) has a part that was not assessed. */
    bool ces_screen_incomplete;
    resorb_reasons actions; /* required actions: complete the screen, the work-up to order */
} resorb_triage;

/* ---- concordance and prognosis, per finding of the latest study ---- */

typedef enum resorb_concordance {
    RESORB_CONCORDANCE_INDETERMINATE = 0,
    RESORB_CONCORDANCE_CONCORDANT,
    RESORB_CONCORDANCE_DISCORDANT,
} resorb_concordance;

/* A root on one side ("right S1"). */
typedef struct resorb_side_root {
    resorb_root root;
    resorb_side side; /* LEFT or RIGHT */
} resorb_side_root;

#define RESORB_FINDING_ROOTS 4
#define RESORB_MONTHS_COUNT 4
/* The months of resorb_resorption.by_month, counted from the onset: 3, 6, 12, 24. */
#define RESORB_MONTHS_INIT {3, 6, 12, 24}

typedef struct resorb_resorption {
    double probability; /* P(radiological regression under conservative care), 0..1 */
    double low, high;   /* its interval (method in docs/prognosis.md) */
    double complete;    /* P(complete resolution), NaN when the evidence has none */
    bool rim_refined;   /* probability refined by the measured rim-enhancement type */
    double by_month[RESORB_MONTHS_COUNT]; /* P(regressed by month m after onset), 0..1 */
    resorb_reasons reasons;   /* how it was computed, each with its evidence */
    resorb_reasons modifiers; /* qualitative modifiers present (direction and source) */
} resorb_resorption;

typedef struct resorb_finding_assessment {
    size_t study, finding; /* indexes into the case's imaging[] and its findings[] */
    resorb_level level;
    resorb_side side;
    resorb_morphology morphology;
    resorb_zone zone;
    size_t n_roots; /* the roots this herniation compresses */
    resorb_side_root roots[RESORB_FINDING_ROOTS];
    bool cauda_equina_at_risk; /* large central herniation */
    resorb_concordance concordance;
    resorb_reasons concordance_reasons;
    resorb_resorption resorption;
} resorb_finding_assessment;

/* The roots the examination points to, per side, with the signs that point there. */
typedef struct resorb_exam_roots {
    size_t n_roots;
    resorb_side_root roots[2 * RESORB_ROOT__COUNT];
    resorb_reasons signs;
} resorb_exam_roots;

/* ---- outlook and plan ---- */

typedef struct resorb_outlook {
    int days_since_onset;
    /* Recovery of leg pain under conservative care (Peul 2007), conditional on the time already
     * passed: P(recovered within 12 weeks / 1 year from now), NaN when not computable. */
    double p_recovered_12w, p_recovered_1y;
    resorb_reasons statements;         /* the expected course, each with numbers and evidence */
    resorb_reasons poor_prognosis;     /* Lequin 2013 predictors present */
    resorb_reasons prognosis_unknown;  /* predictors that could not be judged (not assessed) */
} resorb_outlook;

/* ---- the conservative treatment plan (drugs and blocks) ---- */

typedef enum resorb_phenotype {
    RESORB_PHENOTYPE_UNKNOWN = 0,
    RESORB_PHENOTYPE_NOCICEPTIVE,
    RESORB_PHENOTYPE_NEUROPATHIC,
    RESORB_PHENOTYPE_MIXED,
} resorb_phenotype;

typedef enum resorb_drug {
    RESORB_DRUG_NSAID = 0,
    RESORB_DRUG_ACETAMINOPHEN_ORAL,
    RESORB_DRUG_ACETAMINOPHEN_IV,
    RESORB_DRUG_PREGABALIN,
    RESORB_DRUG_MIROGABALIN,
    RESORB_DRUG_DULOXETINE,
    RESORB_DRUG_TRAMADOL,
    RESORB_DRUG_MUSCLE_RELAXANT,
    RESORB_DRUG_LIMAPROST,
    RESORB_DRUG_KAMPO,
    RESORB_DRUG__COUNT
} resorb_drug;

typedef enum resorb_advice_status {
    RESORB_ADVICE_SUGGESTED = 0,
    RESORB_ADVICE_CAUTION,
    RESORB_ADVICE_AVOID,
} resorb_advice_status;

typedef struct resorb_drug_advice {
    resorb_drug drug;
    resorb_advice_status status;
    resorb_reasons reasons; /* every safety rule that fired, the guideline caveats, the fit */
    bool has_dose;
    resorb_reason dose;     /* the dose statement (renal band, daily maximum, weight rule) */
} resorb_drug_advice;

typedef enum resorb_block_type {
    RESORB_BLOCK_TRANSFORAMINAL = 0, /* transforaminal epidural steroid / selective root block */
    RESORB_BLOCK_INTERLAMINAR,
    RESORB_BLOCK_CAUDAL,
} resorb_block_type;

#define RESORB_BLOCKS_MAX 8
typedef struct resorb_block_advice {
    resorb_block_type type;
    resorb_root root;   /* RESORB_ROOT_NONE for interlaminar / caudal */
    resorb_side side;   /* LEFT, RIGHT, or BOTH for a midline approach */
    resorb_guidance guidance; /* FLUOROSCOPY or ULTRASOUND */
    resorb_advice_status status;
    resorb_reasons reasons;
} resorb_block_advice;

typedef struct resorb_treatment_plan {
    bool given;                     /* false when the triage defers conservative care */
    resorb_phenotype phenotype;
    resorb_reasons phenotype_reasons; /* what was measured and what was not */
    double creatinine_clearance_ml_min; /* Cockcroft-Gault; NaN when it cannot be computed */
    resorb_reasons clearance_reasons;   /* the inputs used, or the ones missing */
    size_t n_drugs;
    resorb_drug_advice drugs[RESORB_DRUG__COUNT];
    size_t n_blocks;
    resorb_block_advice blocks[RESORB_BLOCKS_MAX];
} resorb_treatment_plan;

typedef struct resorb_plan {
    resorb_triage_category basis; /* the triage category the plan follows */
    resorb_date reassess[3];      /* reassessment dates (RESORB_DATE_NONE when unused) */
    resorb_date decision_first;   /* onset + 4 months: re-imaging / decision (Wang 2020) */
    resorb_date decision_second;  /* onset + 10.5 months */
    resorb_date surgical_review;  /* onset + 3 months: the surgical criteria apply from here */
    resorb_reasons steps;         /* what to do, in order, each with its reason */
    resorb_reasons refer_if;      /* the surgical criteria restated with this patient's dates */
    resorb_reasons options;       /* general options and caveats named beside the plan */
    resorb_treatment_plan treatment; /* drugs and blocks with their safety checks */
} resorb_plan;

/* ---- the assessment ---- */

#define RESORB_ASSESS_FINDINGS RESORB_MAX_FINDINGS
#define RESORB_ASSESS_EVIDENCE 192

typedef struct resorb_assessment {
    char case_id[RESORB_MAX_ID_LEN + 1];
    resorb_date as_of;
    bool as_of_given; /* false: the caller's default (today) was used */
    resorb_triage triage;
    resorb_exam_roots exam_roots;
    bool has_study;  /* the case has an imaging study */
    size_t study;    /* index of the latest study */
    size_t n_findings;
    resorb_finding_assessment findings[RESORB_ASSESS_FINDINGS];
    resorb_scores scores; /* the questionnaires and pain scores */
    resorb_outlook outlook;
    resorb_plan plan;
    resorb_reasons warnings;  /* e.g. minor, no imaging, evidence base caveats */
    size_t n_evidence;        /* every evidence id cited anywhere above, sorted, unique */
    const char *evidence[RESORB_ASSESS_EVIDENCE];
} resorb_assessment;

typedef struct resorb_assess_options {
    int reserved; /* no options yet; pass NULL or a zeroed struct */
} resorb_assess_options;

/* Assesses c (a case for which resorb_case_parse returned 0). Returns 0, or RESORB_EUSAGE for
 * NULL arguments, or RESORB_ENOTFOUND when an evidence row the engine needs is missing from the
 * build (a build error, caught by the tests). out is fully written on success. */
int resorb_assess(resorb_assessment *out, const resorb_case *c, const resorb_assess_options *o);

/* Names used by the output formats. */
const char *resorb_triage_category_name(resorb_triage_category c); /* "emergency", ... */
const char *resorb_concordance_name(resorb_concordance c);         /* "concordant", ... */
const char *resorb_phenotype_name(resorb_phenotype p);  /* "nociceptive", ..., "unknown" */
const char *resorb_drug_name(resorb_drug d);            /* "nsaid", "pregabalin", ... */
const char *resorb_advice_status_name(resorb_advice_status s); /* "suggested", ... */
const char *resorb_block_type_name(resorb_block_type t); /* "transforaminal", ... */


#ifdef __cplusplus
}
#endif
#endif
