/* instruments/common.c: evidence access and score helpers shared by the instruments. */
#include <math.h>

#include "instruments/internal.h"

double resorb_instr__need(const char *id, bool *ok)
{
    bool found = true;
    double v = resorb_engine__value(id, &found);
    if (!found || isnan(v)) {
        *ok = false;
        return NAN;
    }
    return v;
}

void resorb_instr__need_interval(const char *id, double *low, double *high, bool *ok)
{
    bool found = true;
    resorb_engine__interval(id, low, high, &found);
    if (!found || isnan(*low) || isnan(*high))
        *ok = false;
}

void resorb_instr__cite(resorb_reason *r, const char *id, bool *ok)
{
    if (!resorb_evidence_find(id)) {
        *ok = false;
        return;
    }
    resorb_reason__cite(r, id);
}

void resorb_instr__init(resorb_score *s, resorb_instrument i, resorb_score_source src,
                        size_t administration, resorb_date date)
{
    s->instrument = i;
    s->source = src;
    s->administration = administration;
    s->date = date;
    s->computed = false;
    s->value = NAN;
    for (int k = 0; k < RESORB_SCORE_DOMAINS; k++)
        s->domains[k] = NAN;
    s->band = NULL;
    resorb_reasons__init(&s->reasons);
}

void resorb_instr__invalid(resorb_score *s, const char *what)
{
    s->computed = false;
    s->value = NAN;
    s->band = NULL;
    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.invalid");
    resorb_reason__arg(r, 0, "%s", what);
}

void resorb_instr__num(resorb_reason *r, int i, double v)
{
    if (v == 0)
        v = 0; /* no "-0" */
    if (isnan(v))
        resorb_reason__arg(r, i, "-");
    else if (fabs(v - round(v)) < 1e-9)
        resorb_reason__arg(r, i, "%.0f", v);
    else
        resorb_reason__arg(r, i, "%.1f", v);
}

void resorb_instr__signed(resorb_reason *r, int i, double v)
{
    if (isnan(v))
        resorb_reason__arg(r, i, "-");
    else if (fabs(v) < 1e-9)
        resorb_reason__arg(r, i, "0");
    else if (fabs(v - round(v)) < 1e-9)
        resorb_reason__arg(r, i, "%+.0f", v);
    else
        resorb_reason__arg(r, i, "%+.1f", v);
}
