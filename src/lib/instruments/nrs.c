/*
 * instruments/nrs.c: the pain numeric rating scale (0 = no pain, 10 = worst possible) for leg
 * and back pain, read from the history (dated as_of) and from each visit (dated the visit).
 * The value is the reading itself; no band is given (the scores report the number; the triage
 * applies its own cut-offs). A reading that was not recorded is not a score: the caller makes
 * none, it never becomes 0.
 */
#include <math.h>

#include "instruments/internal.h"

int resorb_instr__nrs(int nrs, resorb_score *s)
{
    bool ok = true;
    double low = NAN, high = NAN;
    /* EVIDENCE: farrar2001.nrs.range */
    resorb_instr__need_interval("farrar2001.nrs.range", &low, &high, &ok);
    if (!ok)
        return RESORB_ENOTFOUND;
    const char *what = s->instrument == RESORB_INSTR_LEG_NRS ? "leg_pain_nrs" : "back_pain_nrs";
    if (nrs == RESORB_INT_NONE || nrs < low || nrs > high) {
        resorb_instr__invalid(s, what);
        return 0;
    }
    s->computed = true;
    s->value = nrs;
    resorb_reason *r = resorb_reasons__add(
        &s->reasons, s->source == RESORB_SCORE_VISIT ? "score.nrs.visit" : "score.nrs.history");
    resorb_reason__arg(r, 0, "%s",
                       s->instrument == RESORB_INSTR_LEG_NRS ? "@instruments.name.leg_nrs"
                                                             : "@instruments.name.back_nrs");
    resorb_reason__arg(r, 1, "%d", nrs);
    resorb_instr__num(r, 2, high);
    resorb_reason__date(r, 3, s->date);
    resorb_instr__cite(r, "farrar2001.nrs.range", &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}
