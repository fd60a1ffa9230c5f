/*
 * resorb/instruments.h: scores of the standard questionnaires (ODI, RDQ, JOA, JOABPEQ, DN4,
 * painDETECT, STarT Back) and the pain NRS, from the raw answers in a case.
 *
 * resorb_instruments_score() is a pure function of the case: every administration of every
 * instrument gets its score, its band or interpretation, and the reasons (rules used, missing
 * answers, evidence ids); for each instrument given at least twice, the change between the first
 * and the latest administration is judged against its minimal clinically important difference.
 * A score that cannot be computed (e.g. too many ODI sections unanswered) is reported as such,
 * never guessed. Cut-offs come from the evidence tables. The rules, bands, thresholds and their
 * sources are documented in docs/instruments.md.
 *
 * Invariants:
 *  - Absent is "not answered", never 0: an ODI section left null lowers the denominator (at
 *    most fairbank2000.odi.max_missing sections, else the ODI is not computable); a pain NRS
 *    missing from the history or a visit gives no score at all.
 *  - Scores are listed by instrument (enum order), then in the case's order; the pain NRS of
 *    the visits come first (visit order) and the history's last (it is dated as_of).
 *  - "First" and "latest" are by date (ties: list order) among the computed administrations
 *    that carry a date; an administration without a date cannot be placed in time and is used
 *    for the latest value only when no dated one was computed.
 *  - At most RESORB_SCORES_MAX scores are listed. When a case holds more, the first and the
 *    latest of each instrument are always kept, the others fill the rest in list order, and
 *    `dropped` with a note says how many were left out: nothing disappears silently.
 *  - No allocation, no global state, no I/O.
 */
#ifndef RESORB_INSTRUMENTS_H
#define RESORB_INSTRUMENTS_H

#include "resorb/case.h"
#include "resorb/reason.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum resorb_instrument {
    RESORB_INSTR_ODI = 0,
    RESORB_INSTR_RDQ,
    RESORB_INSTR_JOA,
    RESORB_INSTR_JOABPEQ,
    RESORB_INSTR_DN4,
    RESORB_INSTR_PAINDETECT,
    RESORB_INSTR_STARTBACK,
    RESORB_INSTR_LEG_NRS,
    RESORB_INSTR_BACK_NRS,
    RESORB_INSTR__COUNT
} resorb_instrument;

#define RESORB_SCORES_MAX 64
#define RESORB_CHANGES_MAX 16
#define RESORB_SCORE_DOMAINS 5

/* JOABPEQ domains, in the order of resorb_score.domains. */
typedef enum resorb_joabpeq_domain {
    RESORB_JOABPEQ_PAIN = 0,
    RESORB_JOABPEQ_LUMBAR_FUNCTION,
    RESORB_JOABPEQ_WALKING,
    RESORB_JOABPEQ_SOCIAL,
    RESORB_JOABPEQ_MENTAL,
} resorb_joabpeq_domain;

/* Where a score comes from. */
typedef enum resorb_score_source {
    RESORB_SCORE_QUESTIONNAIRE = 0, /* the case's questionnaires */
    RESORB_SCORE_HISTORY,           /* history.leg_pain_nrs / back_pain_nrs, dated as_of */
    RESORB_SCORE_VISIT,             /* a visit's leg_pain_nrs / back_pain_nrs */
} resorb_score_source;

typedef struct resorb_score {
    resorb_instrument instrument;
    resorb_score_source source;
    size_t administration; /* index in the case's list for that instrument (the visit index
                              for a visit's NRS; 0 for the history's) */
    resorb_date date;      /* RESORB_DATE_NONE when the administration has none */
    bool computed;         /* false: not computable, the reasons say why */
    double value;          /* the total in the instrument's own unit (ODI in %); NaN when not
                              computed, and for JOABPEQ, which has no total */
    double domains[RESORB_SCORE_DOMAINS]; /* JOABPEQ domains (pain, lumbar function, walking,
                              social, mental); STarT Back: [0] the psychosocial subscale; else
                              NaN */
    const char *band; /* a stable band word ("moderate", "likely", "high"...) or NULL */
    resorb_reasons reasons;
} resorb_score;

/* The verdict on a change, in the direction that matters for the instrument (for ODI, RDQ and
 * NRS a fall is an improvement; for JOABPEQ a rise). */
typedef enum resorb_change_verdict {
    RESORB_CHANGE_NOT_JUDGED = 0, /* no threshold, or the change cannot be placed in time */
    RESORB_CHANGE_IMPROVED,       /* improvement of at least the threshold */
    RESORB_CHANGE_NO_IMPORTANT_CHANGE,
    RESORB_CHANGE_WORSENED, /* worsening of at least the threshold */
    RESORB_CHANGE_MIXED,    /* JOABPEQ: one domain improved, another worsened */
} resorb_change_verdict;

typedef struct resorb_score_change {
    resorb_instrument instrument;
    resorb_date from, to;
    size_t from_score, to_score; /* indexes into resorb_scores.items (valid when judged or
                                    when n_dated >= 2) */
    double from_value, to_value; /* NaN when not placed in time (JOABPEQ: NaN, see domains) */
    double delta;                /* latest minus first; for JOABPEQ the largest domain gain */
    double threshold;            /* the MCID used, in the instrument's unit; NaN when none */
    double percent;     /* pain NRS: the relative change in % of the first value; else NaN */
    resorb_tri reached; /* YES / NO (an important improvement); UNKNOWN when not judgeable */
    resorb_change_verdict verdict;
    double domain_delta[RESORB_SCORE_DOMAINS]; /* JOABPEQ per domain; else NaN */
    resorb_change_verdict domain_verdict[RESORB_SCORE_DOMAINS];
    resorb_reasons reasons;
} resorb_score_change;

struct resorb_scores {
    size_t n, n_changes;
    size_t dropped; /* administrations not listed because of RESORB_SCORES_MAX */
    resorb_score items[RESORB_SCORES_MAX];
    resorb_score_change changes[RESORB_CHANGES_MAX];
    resorb_reasons notes; /* statements about the list as a whole (e.g. what was dropped) */
};
typedef struct resorb_scores resorb_scores;

/* Scores every administration in c. Returns 0, RESORB_EUSAGE for NULL arguments, or
 * RESORB_ENOTFOUND when an evidence row the scoring needs is missing from the build. */
int resorb_instruments_score(const resorb_case *c, resorb_scores *out);

/* The latest computed score of an instrument (the latest dated one, ties by order; without any
 * dated one, the last in order), NULL when none. */
const resorb_score *resorb_scores_latest(const resorb_scores *s, resorb_instrument i);

/* The latest computed total of an instrument (as resorb_scores_latest), NaN when none (and
 * always for JOABPEQ, which has no total: read its domains). */
double resorb_scores_latest_value(const resorb_scores *s, resorb_instrument i);

/* "odi", "rdq", "joa", "joabpeq", "dn4", "paindetect", "startback", "leg_nrs", "back_nrs". */
const char *resorb_instrument_name(resorb_instrument i);

/* "questionnaire", "history", "visit". */
const char *resorb_score_source_name(resorb_score_source s);

/* "not_judged", "improved", "no_important_change", "worsened", "mixed". */
const char *resorb_change_verdict_name(resorb_change_verdict v);

/* "pain", "lumbar_function", "walking", "social", "mental". */
const char *resorb_joabpeq_domain_name(resorb_joabpeq_domain d);

#ifdef __cplusplus
}
#endif
#endif
