/*
 * engine/treatment.h: the parts of the conservative treatment plan (internal to the engine).
 *
 * resorb_engine__treatment (treatment.c) works out what every part needs once: the pain
 * phenotype, the Cockcroft-Gault creatinine clearance and whether the episode is acute. Then
 * drugs.c judges each drug (fit to the phenotype, guideline positions, safety rules from the
 * case), doses.c writes the dose statements and blocks.c the nerve-block options. Every rule
 * that fires leaves a reason with its evidence ids and can only raise a status (suggested <
 * caution < avoid), so the order of the rules never hides one.
 */
#ifndef RESORB_ENGINE_TREATMENT_H
#define RESORB_ENGINE_TREATMENT_H

#include <stdbool.h>

#include "engine/engine.h"

typedef struct resorb_tx {
    const resorb_case *c;
    const resorb_assessment *a;
    resorb_treatment_plan *out;
    int days_since_onset;
    bool acute;            /* onset less than the chronic threshold (3 months) before as_of */
    double chronic_months; /* EVIDENCE: nice2016.chronic_threshold */
    bool ok;               /* cleared when an evidence row the rules need is missing */
} resorb_tx;

/* The value of an evidence row (NaN when it has none); clears t->ok when the row is missing. */
double resorb_tx__value(resorb_tx *t, const char *id);
/* Low and high bound of a row; clears t->ok when the row is missing. */
void resorb_tx__interval(resorb_tx *t, const char *id, double *low, double *high);
/* The sample size of a row (-1 when not published); clears t->ok when the row is missing. */
int resorb_tx__n(resorb_tx *t, const char *id);
/* Cites id on r after checking that the row exists (clears t->ok otherwise). */
void resorb_tx__cite(resorb_tx *t, resorb_reason *r, const char *id);

/* Adds a reason to l citing e1 and e2 (either may be NULL) and raises *status to at least s.
 * Returns the reason for its arguments (NULL when the list is full: counted as dropped). */
resorb_reason *resorb_tx__fire(resorb_tx *t, resorb_reasons *l, resorb_advice_status *status,
                               resorb_advice_status s, const char *key, const char *e1,
                               const char *e2);

/* Whether the patient could be pregnant as far as the case tells: pregnancy not recorded and
 * sex not male. */
bool resorb_tx__pregnancy_unknown(const resorb_case *c);

/* drugs.c, doses.c, blocks.c */
void resorb_tx__drugs(resorb_tx *t);
void resorb_tx__doses(resorb_tx *t);
void resorb_tx__blocks(resorb_tx *t);

#endif
