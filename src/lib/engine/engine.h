/*
 * engine/engine.h: the parts of resorb_assess (internal to the library).
 *
 * Each part is a pure function of the case (and of what the earlier parts found) that fills
 * its piece of the assessment. Numbers come only from the evidence tables through
 * resorb_engine__value(); a part that needs a row the build lacks returns RESORB_ENOTFOUND.
 * Statements are resorb_reason values built with the helpers below, never prose.
 */
#ifndef RESORB_ENGINE_H
#define RESORB_ENGINE_H

#include "resorb/assess.h"
#include "resorb/evidence.h"

/* ---- reasons (reasons.c) ---- */

/* Empties a list (cheaper than clearing it: items are reset as they are added). */
static inline void resorb_reasons__init(resorb_reasons *l)
{
    l->count = 0;
    l->dropped = 0;
}

/* Appends a reason with this catalog key; NULL (and counted as dropped) when the list is full.
 * The key must be a static string that exists in the catalog (a test checks every key). */
resorb_reason *resorb_reasons__add(resorb_reasons *l, const char *key);
/* Sets argument i ({i} in the message) with printf formatting. */
void resorb_reason__arg(resorb_reason *r, int i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sets argument i to a date (YYYY-MM-DD). */
void resorb_reason__date(resorb_reason *r, int i, resorb_date d);
/* Cites an evidence row (a static id string); ignored when r is NULL or the list is full. */
void resorb_reason__cite(resorb_reason *r, const char *id);

/* ---- evidence access ---- */

/* The value of a row (its point value, else NaN); *ok is cleared when the row is missing. */
double resorb_engine__value(const char *id, bool *ok);
/* The interval of a row (low/high; NaN when it has none); *ok cleared when missing. */
void resorb_engine__interval(const char *id, double *low, double *high, bool *ok);

/* ---- the parts ---- */

/* triage.c */
int resorb_engine__triage(const resorb_case *c, resorb_triage *out);

/* concordance.c: the roots the exam points to; the roots a finding compresses; the verdict. */
int resorb_engine__exam_roots(const resorb_case *c, resorb_exam_roots *out);
int resorb_engine__finding_roots(const resorb_finding *f, resorb_finding_assessment *out);
int resorb_engine__concordance(const resorb_case *c, const resorb_exam_roots *exam,
                               resorb_finding_assessment *fa);

/* prognosis.c: resorption probability, interval, refinement and time course of one finding. */
int resorb_engine__resorption(const resorb_case *c, const resorb_finding *f,
                              resorb_resorption *out);

/* treatment.c (drugs, phenotype, clearance) and blocks.c: the treatment plan, given the
 * assessment so far (triage, concordant findings, exam roots) and the scores. */
int resorb_engine__treatment(const resorb_case *c, const resorb_assessment *a,
                             const resorb_scores *scores, resorb_treatment_plan *out);

/* outlook.c and plan.c */
int resorb_engine__outlook(const resorb_case *c, resorb_outlook *out);
int resorb_engine__plan(const resorb_case *c, const resorb_assessment *a, resorb_plan *out);

#endif
