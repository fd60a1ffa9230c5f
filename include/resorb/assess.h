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

#ifdef __cplusplus
extern "C" {
#endif

/* ---- reasons: what the engine says, language-neutral ---- */

#define RESORB_REASON_ARGS 4
#define RESORB_REASON_ARG_MAX 48
#define RESORB_REASON_EVIDENCE 6

typedef struct resorb_reason {
    const char *key; /* message-catalog key (static string), e.g. "triage.emergency.retention" */
    /* {0}..{3} of the message; "@key" names a catalog word translated at rendering */
    char args[RESORB_REASON_ARGS][RESORB_REASON_ARG_MAX];
    size_t n_evidence;
    const char *evidence[RESORB_REASON_EVIDENCE]; /* ids of the rows it rests on (static) */
} resorb_reason;

/* A bounded list of reasons. Adding past the cap is counted in `dropped`, never silent. */
#define RESORB_REASONS_MAX 16
typedef struct resorb_reasons {
    size_t count, dropped;
    resorb_reason items[RESORB_REASONS_MAX];
} resorb_reasons;

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

typedef struct resorb_plan {
    resorb_triage_category basis; /* the triage category the plan follows */
    resorb_date reassess[3];      /* reassessment dates (RESORB_DATE_NONE when unused) */
    resorb_date decision_first;   /* onset + 4 months: re-imaging / decision (Wang 2020) */
    resorb_date decision_second;  /* onset + 10.5 months */
    resorb_date surgical_review;  /* onset + 3 months: the surgical criteria apply from here */
    resorb_reasons steps;         /* what to do, in order, each with its reason */
    resorb_reasons refer_if;      /* the surgical criteria restated with this patient's dates */
    resorb_reasons options;       /* drug classes and block options named (no selection yet) */
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

/* Renders a reason in lang into buf (like snprintf: returns the length needed). An argument
 * written "@key" is a catalog word (e.g. "@side.right") and is translated too. */
size_t resorb_reason_format(const resorb_reason *r, resorb_lang lang, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
