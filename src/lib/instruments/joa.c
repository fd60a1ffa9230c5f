/*
 * instruments/joa.c: the JOA score for low back pain (1986) and the JOABPEQ.
 *
 * JOA score: subjective symptoms (low back pain, leg pain or numbness, gait; 0-3 each, max 9),
 * clinical signs (straight-leg raise, sensory, motor; 0-2 each, max 6), activities of daily
 * living (7 items, 0-2 each, max 14) and bladder function (0, -3 or -6); total -6 to 29, higher
 * is better. The evidence tables hold no band and no minimal important change for it, and the
 * Hirabayashi recovery-rate formula was not retrieved: resorb reports the total and its parts
 * and says so rather than inventing either.
 *
 * JOABPEQ: 25 items in 5 domains, each domain 0-100 (higher is better), with no total. The
 * official domain formulas (item weights) were not retrieved, so the case carries the domain
 * scores (computed by the official sheet or app) and resorb reports them as entered; changes
 * are judged per domain (change.c).
 */
#include <math.h>
#include <stdio.h>

#include "instruments/internal.h"

static bool in_range(int v, int lo, int hi)
{
    return v != RESORB_INT_NONE && v >= lo && v <= hi;
}

/* Adds "{label}: {sum} of {max}". */
static void part(resorb_score *s, const char *key, int sum, double max, const char *max_id,
                 bool *ok)
{
    resorb_reason *r = resorb_reasons__add(&s->reasons, key);
    resorb_reason__arg(r, 0, "%d", sum);
    resorb_instr__num(r, 1, max);
    resorb_instr__cite(r, max_id, ok);
}

int resorb_instr__joa(const resorb_joa *a, resorb_score *s)
{
    bool ok = true;
    double low = NAN, high = NAN, blow = NAN, bhigh = NAN;
    /* EVIDENCE: joa1986.score.range, joa1986.score.bladder */
    resorb_instr__need_interval("joa1986.score.range", &low, &high, &ok);
    resorb_instr__need_interval("joa1986.score.bladder", &blow, &bhigh, &ok);
    /* EVIDENCE: joa1986.score.subjective_max, joa1986.score.signs_max, joa1986.score.adl_max */
    double subjective_max = resorb_instr__need("joa1986.score.subjective_max", &ok);
    double signs_max = resorb_instr__need("joa1986.score.signs_max", &ok);
    double adl_max = resorb_instr__need("joa1986.score.adl_max", &ok);
    if (!ok)
        return RESORB_ENOTFOUND;

    /* The case format's item ranges (docs/case-format.md): checked again here because a case
     * may be built without the parser. */
    const struct {
        int v, max;
        const char *what;
    } items[] = {
        {a->low_back_pain, 3, "joa.low_back_pain"},
        {a->leg_pain, 3, "joa.leg_pain"},
        {a->gait, 3, "joa.gait"},
        {a->slr, 2, "joa.slr"},
        {a->sensory, 2, "joa.sensory"},
        {a->motor, 2, "joa.motor"},
    };
    for (size_t k = 0; k < sizeof items / sizeof items[0]; k++) {
        if (!in_range(items[k].v, 0, items[k].max)) {
            resorb_instr__invalid(s, items[k].what);
            return 0;
        }
    }
    int adl = 0;
    for (size_t k = 0; k < RESORB_JOA_ADL_ITEMS; k++) {
        if (!in_range(a->adl[k], 0, 2)) {
            char what[24];
            snprintf(what, sizeof what, "joa.adl[%zu]", k);
            resorb_instr__invalid(s, what);
            return 0;
        }
        adl += a->adl[k];
    }
    if (a->bladder != 0 && a->bladder != -3 && a->bladder != -6) {
        resorb_instr__invalid(s, "joa.bladder");
        return 0;
    }
    int subjective = a->low_back_pain + a->leg_pain + a->gait;
    int signs = a->slr + a->sensory + a->motor;
    int total = subjective + signs + adl + a->bladder;

    if (subjective > subjective_max || signs > signs_max || adl > adl_max || total < low ||
        total > high) {
        /* The format's item ranges and the evidence rows disagree: report no total. */
        resorb_instr__invalid(s, "joa");
        return 0;
    }

    s->computed = true;
    s->value = total;
    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.joa.value");
    resorb_reason__arg(r, 0, "%d", total);
    resorb_instr__num(r, 1, low);
    resorb_instr__num(r, 2, high);
    resorb_instr__cite(r, "joa1986.score.range", &ok);
    part(s, "score.joa.subjective", subjective, subjective_max, "joa1986.score.subjective_max",
         &ok);
    part(s, "score.joa.signs", signs, signs_max, "joa1986.score.signs_max", &ok);
    part(s, "score.joa.adl", adl, adl_max, "joa1986.score.adl_max", &ok);
    r = resorb_reasons__add(&s->reasons, "score.joa.bladder");
    resorb_reason__arg(r, 0, "%d", a->bladder);
    resorb_instr__num(r, 1, blow);
    resorb_instr__cite(r, "joa1986.score.bladder", &ok);
    r = resorb_reasons__add(&s->reasons, "score.joa.no_band");
    resorb_instr__cite(r, "joa1986.score.range", &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}

static const char *const domain_words[RESORB_SCORE_DOMAINS] = {
    "@score.domain.joabpeq.pain",    "@score.domain.joabpeq.lumbar_function",
    "@score.domain.joabpeq.walking", "@score.domain.joabpeq.social",
    "@score.domain.joabpeq.mental",
};

int resorb_instr__joabpeq(const resorb_joabpeq *a, resorb_score *s)
{
    bool ok = true;
    double low = NAN, high = NAN;
    /* EVIDENCE: makino2020.joabpeq.domain_range */
    resorb_instr__need_interval("makino2020.joabpeq.domain_range", &low, &high, &ok);
    if (!ok)
        return RESORB_ENOTFOUND;
    const double d[RESORB_SCORE_DOMAINS] = {a->pain, a->lumbar_function, a->walking, a->social,
                                            a->mental};
    size_t answered = 0;
    for (int k = 0; k < RESORB_SCORE_DOMAINS; k++) {
        if (isnan(d[k])) {
            resorb_reason *r = resorb_reasons__add(&s->reasons, "score.joabpeq.not_answered");
            resorb_reason__arg(r, 0, "%s", domain_words[k]);
            continue;
        }
        if (d[k] < low || d[k] > high) {
            char what[40];
            snprintf(what, sizeof what, "joabpeq.domains.%s",
                     resorb_joabpeq_domain_name((resorb_joabpeq_domain)k));
            resorb_instr__invalid(s, what);
            for (int j = 0; j < RESORB_SCORE_DOMAINS; j++)
                s->domains[j] = NAN;
            return 0;
        }
        s->domains[k] = d[k];
        answered++;
        resorb_reason *r = resorb_reasons__add(&s->reasons, "score.joabpeq.domain");
        resorb_reason__arg(r, 0, "%s", domain_words[k]);
        resorb_instr__num(r, 1, d[k]);
        resorb_instr__num(r, 2, high);
        resorb_instr__cite(r, "makino2020.joabpeq.domain_range", &ok);
    }
    /* EVIDENCE: makino2020.joabpeq.domains, makino2020.joabpeq.analysis */
    s->computed = answered > 0;
    s->value = NAN; /* the JOABPEQ has no total: domains are scored separately */
    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.joabpeq.as_entered");
    resorb_instr__cite(r, "makino2020.joabpeq.items", &ok);
    resorb_instr__cite(r, "makino2020.joabpeq.domains", &ok);
    resorb_instr__cite(r, "makino2020.joabpeq.analysis", &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}
