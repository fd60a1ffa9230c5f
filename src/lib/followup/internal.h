/*
 * followup/internal.h: the parts of resorb_followup and resorb_forecast (internal to the
 * library). Statements are built with the engine's reason helpers (engine/engine.h); numbers
 * come from the evidence rows through resorb_engine__value.
 */
#ifndef RESORB_FOLLOWUP_INTERNAL_H
#define RESORB_FOLLOWUP_INTERNAL_H

#include "engine/engine.h"
#include "resorb/followup.h"

/* Days in a month on average (365.2425 / 12): a calendar constant, as in the prognosis. */
#define RESORB_FU_DAYS_PER_MONTH 30.436875

/* Months from a to b (may be negative). */
static inline double resorb_fu__months(resorb_date a, resorb_date b)
{
    return (double)(b - a) / RESORB_FU_DAYS_PER_MONTH;
}

/* The date `months` after d (rounded to the day). */
resorb_date resorb_fu__add_months(resorb_date d, double months);

/* Writes v with at most `decimals` decimals and no trailing zeros into buf ("75.24", "3"). */
void resorb_fu__number(char *buf, size_t n, double v, int decimals);
/* Sets argument i of r (NULL allowed) to a number (resorb_fu__number). */
void resorb_fu__num_arg(resorb_reason *r, int i, double v, int decimals);

/* The unit as shown to a person: "mm\xc2\xb3", "mm\xc2\xb2", "mm" ("" for NONE). */
const char *resorb_fu__unit_display(resorb_size_measure m);

/* track.c: the studies in date order and every herniation tracked across them. */
int resorb_fu__track(const resorb_case *c, resorb_followup_report *out);

/* asof.c: the record as known at visit v (later parts dropped; see docs/followup.md). */
void resorb_fu__case_at_visit(const resorb_case *c, size_t v, resorb_case *out);

/* The first surgery's start date, RESORB_DATE_NONE when the record has none. */
resorb_date resorb_fu__first_surgery(const resorb_case *c);

#endif
