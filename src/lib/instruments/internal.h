/*
 * instruments/internal.h: the parts of resorb_instruments_score (internal to the library).
 *
 * Each instrument has one pure function that scores one administration into a resorb_score
 * that the caller has initialised with resorb_instr__init (instrument, source, index, date;
 * not computed, NaN value and domains). It validates what the case parser cannot see (a case
 * built by hand or by another adapter may hold values out of range), computes the total and
 * the band from evidence rows only, and says how in reasons that cite those rows. It returns
 * 0, or RESORB_ENOTFOUND when a row it needs is missing from the build.
 *
 * change.c judges the change between the first and the latest administration of one
 * instrument; scores.c orders, caps and assembles everything.
 */
#ifndef RESORB_INSTRUMENTS_INTERNAL_H
#define RESORB_INSTRUMENTS_INTERNAL_H

#include "engine/engine.h"
#include "resorb/instruments.h"

/* Small epsilon for comparing computed percentages against thresholds. */
#define RESORB_INSTR_EPS 1e-9

/* ---- evidence access (common.c) ---- */

/* The point value of a row; clears *ok when the row is missing or has no value. */
double resorb_instr__need(const char *id, bool *ok);
/* The interval of a row; clears *ok when the row is missing or has no interval. */
void resorb_instr__need_interval(const char *id, double *low, double *high, bool *ok);
/* Cites a row that must exist (qualitative rows included); clears *ok when missing. */
void resorb_instr__cite(resorb_reason *r, const char *id, bool *ok);

/* ---- score helpers (common.c) ---- */

void resorb_instr__init(resorb_score *s, resorb_instrument i, resorb_score_source src,
                        size_t administration, resorb_date date);
/* Records that field `what` is missing or out of range: the score is not computable. */
void resorb_instr__invalid(resorb_score *s, const char *what);
/* Writes a number the way the reasons show it: integers without decimals, else one decimal. */
void resorb_instr__num(resorb_reason *r, int i, double v);
/* The same with a sign ("+1", "-2.5", "0"), for changes. */
void resorb_instr__signed(resorb_reason *r, int i, double v);

/* ---- the instruments ---- */

int resorb_instr__odi(const resorb_odi *a, resorb_score *s);         /* odi.c */
int resorb_instr__rdq(const resorb_rdq *a, resorb_score *s);         /* rdq.c */
int resorb_instr__joa(const resorb_joa *a, resorb_score *s);         /* joa.c */
int resorb_instr__joabpeq(const resorb_joabpeq *a, resorb_score *s); /* joa.c */
int resorb_instr__dn4(const resorb_dn4 *a, resorb_score *s);         /* neuropathic.c */
int resorb_instr__paindetect(const resorb_paindetect *a, resorb_score *s);
int resorb_instr__startback(const resorb_startback *a, resorb_score *s); /* startback.c */
/* nrs.c: one pain NRS reading (0..10) from the history or a visit. */
int resorb_instr__nrs(int nrs, resorb_score *s);

/* change.c: judges the change of instrument i between the scores items[from] and items[to]
 * (both computed, both dated, from before to) into out; n_computed / n_dated say how many
 * computed administrations there were and how many of them had a date, so that an instrument
 * given twice without dates is reported as not judgeable. from/to are SIZE_MAX when there is
 * no dated pair. */
int resorb_instr__change(const resorb_scores *s, resorb_instrument i, size_t from, size_t to,
                         size_t n_computed, size_t n_dated, resorb_score_change *out);

#endif
