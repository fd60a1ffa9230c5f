/*
 * instruments/startback.c: the Keele STarT Back Screening Tool (9 items; Hill 2008).
 *
 * Items 1-8 score 1 when the patient agrees; item 9 (bothersomeness over the last 2 weeks)
 * scores 1 for "very much" or "extremely" and 0 for "not at all", "slightly", "moderately".
 * Total 0-9; the psychosocial subscale is items 5-9 (fear, anxiety, catastrophising,
 * depression, bothersomeness), 0-5. Risk: subscale >= 4 "high"; otherwise total <= 3 "low",
 * else "medium". (The subscale is part of the total, so a subscale of 4 implies a total of at
 * least 4: the two rules never disagree.) domains[0] holds the subscale.
 */
#include <math.h>

#include "instruments/internal.h"

static const char *bother_word(resorb_bother b)
{
    switch (b) {
    case RESORB_BOTHER_NOT_AT_ALL:
        return "@instruments.startback.bother.not_at_all";
    case RESORB_BOTHER_SLIGHTLY:
        return "@instruments.startback.bother.slightly";
    case RESORB_BOTHER_MODERATELY:
        return "@instruments.startback.bother.moderately";
    case RESORB_BOTHER_VERY_MUCH:
        return "@instruments.startback.bother.very_much";
    case RESORB_BOTHER_EXTREMELY:
        return "@instruments.startback.bother.extremely";
    case RESORB_BOTHER_NONE:
        break;
    }
    return "";
}

int resorb_instr__startback(const resorb_startback *a, resorb_score *s)
{
    bool ok = true;
    /* EVIDENCE: hill2008.startback.items, hill2008.startback.subscale_items,
     * hill2008.startback.low_max, hill2008.startback.high_subscale_min,
     * hill2008.startback.bothersomeness */
    double n_items = resorb_instr__need("hill2008.startback.items", &ok);
    double n_subscale = resorb_instr__need("hill2008.startback.subscale_items", &ok);
    double low_max = resorb_instr__need("hill2008.startback.low_max", &ok);
    double high_min = resorb_instr__need("hill2008.startback.high_subscale_min", &ok);
    if (!resorb_evidence_find("hill2008.startback.bothersomeness"))
        ok = false;
    if (!ok)
        return RESORB_ENOTFOUND;
    if (n_items != RESORB_STARTBACK_ITEMS + 1 || n_subscale > n_items) {
        resorb_instr__invalid(s, "startback.items");
        return 0;
    }
    if (a->bothersomeness == RESORB_BOTHER_NONE) {
        resorb_instr__invalid(s, "startback.bothersomeness");
        return 0;
    }
    /* items 1..8 are items[0..7]; item 9 is bothersomeness; the subscale is the last
     * n_subscale items (5..9) */
    int item9 = a->bothersomeness == RESORB_BOTHER_VERY_MUCH ||
                a->bothersomeness == RESORB_BOTHER_EXTREMELY;
    int first_sub = (int)(n_items - n_subscale); /* 0-based index of item 5 */
    int total = item9, subscale = item9;
    for (int k = 0; k < RESORB_STARTBACK_ITEMS; k++) {
        int v = a->items[k] ? 1 : 0;
        total += v;
        if (k >= first_sub)
            subscale += v;
    }
    s->computed = true;
    s->value = total;
    s->domains[0] = subscale;

    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.startback.value");
    resorb_reason__arg(r, 0, "%d", total);
    resorb_instr__num(r, 1, n_items);
    resorb_reason__arg(r, 2, "%d", subscale);
    resorb_instr__num(r, 3, n_subscale);
    resorb_instr__cite(r, "hill2008.startback.items", &ok);
    resorb_instr__cite(r, "hill2008.startback.subscale_items", &ok);
    r = resorb_reasons__add(&s->reasons, "score.startback.bothersomeness");
    resorb_reason__arg(r, 0, "%s", bother_word(a->bothersomeness));
    resorb_reason__arg(r, 1, "%d", item9);
    resorb_instr__cite(r, "hill2008.startback.bothersomeness", &ok);

    if (subscale >= high_min) {
        s->band = "high";
        r = resorb_reasons__add(&s->reasons, "score.startback.high");
        resorb_instr__num(r, 0, high_min);
        resorb_instr__cite(r, "hill2008.startback.high_subscale_min", &ok);
    } else if (total <= low_max) {
        s->band = "low";
        r = resorb_reasons__add(&s->reasons, "score.startback.low");
        resorb_instr__num(r, 0, low_max);
        resorb_instr__cite(r, "hill2008.startback.low_max", &ok);
    } else {
        s->band = "medium";
        r = resorb_reasons__add(&s->reasons, "score.startback.medium");
        resorb_instr__num(r, 0, low_max);
        resorb_instr__num(r, 1, high_min);
        resorb_instr__cite(r, "hill2008.startback.low_max", &ok);
        resorb_instr__cite(r, "hill2008.startback.high_subscale_min", &ok);
    }
    return ok ? 0 : RESORB_ENOTFOUND;
}
