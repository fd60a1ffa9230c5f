/*
 * instruments/change.c: the change between the first and the latest administration of one
 * instrument, judged against its minimal important change (docs/instruments.md).
 *
 *  - ODI: 10 points (ostelo2008.mic.odi); RDQ: 5 points (ostelo2008.mic.rmdq), with Stratford's
 *    baseline-dependent estimates shown beside it; pain NRS: 2 points or a 30% reduction of the
 *    first value (farrar2001.*; the 2 points also ostelo2008.mic.nrs). A fall is an improvement.
 *  - JOABPEQ: a gain of at least 20 points in a domain (kasai2017.joabpeq.scb), judged per
 *    domain; one domain improved and another worsened is "mixed".
 *  - JOA score: no threshold in the evidence (and the recovery-rate formula is a gap): the
 *    change is shown, not judged. DN4, painDETECT, STarT Back are screening tools without a
 *    minimal important change: their bands are compared, not judged.
 *  - The thresholds were published for improvement; a change as large the other way is called
 *    "worsened", and the reason says the threshold was borrowed.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "instruments/internal.h"

static void values_reason(resorb_score_change *out, const resorb_score *a, const resorb_score *b)
{
    resorb_reason *r = resorb_reasons__add(&out->reasons, "score.change.values");
    resorb_instr__num(r, 0, a->value);
    resorb_reason__date(r, 1, a->date);
    resorb_instr__num(r, 2, b->value);
    resorb_reason__date(r, 3, b->date);
}

/* Judges an improvement (positive = better) against a threshold, both in points. */
static resorb_change_verdict judge(double improvement, double threshold)
{
    if (improvement >= threshold - RESORB_INSTR_EPS)
        return RESORB_CHANGE_IMPROVED;
    if (-improvement >= threshold - RESORB_INSTR_EPS)
        return RESORB_CHANGE_WORSENED;
    return RESORB_CHANGE_NO_IMPORTANT_CHANGE;
}

static const char *verdict_key(resorb_change_verdict v)
{
    switch (v) {
    case RESORB_CHANGE_IMPROVED:
        return "score.change.improved";
    case RESORB_CHANGE_WORSENED:
        return "score.change.worsened";
    default:
        return "score.change.no_important_change";
    }
}

/* ODI, RDQ: lower is better, one threshold in points. */
static void points(resorb_score_change *out, const char *mcid_id, bool *ok)
{
    double threshold = resorb_instr__need(mcid_id, ok);
    if (!*ok)
        return;
    out->threshold = threshold;
    out->verdict = judge(-out->delta, threshold);
    resorb_reason *r = resorb_reasons__add(&out->reasons, verdict_key(out->verdict));
    if (out->verdict == RESORB_CHANGE_NO_IMPORTANT_CHANGE)
        resorb_instr__signed(r, 0, out->delta);
    else
        resorb_instr__num(r, 0, fabs(out->delta));
    resorb_instr__num(r, 1, threshold);
    resorb_instr__cite(r, mcid_id, ok);
}

/* EVIDENCE: stratford.rmdq.important_change.b0_8, stratford.rmdq.important_change.b5_12,
 * stratford.rmdq.important_change.b9_16, stratford.rmdq.important_change.b13_20,
 * stratford.rmdq.important_change.b17_24. The first-score intervals are the row's subsample
 * (its label): they overlap, so a first score may fall in two of them. */
static const struct {
    const char *id;
    int from, to;
} stratford[] = {
    {"stratford.rmdq.important_change.b0_8", 0, 8},
    {"stratford.rmdq.important_change.b5_12", 5, 12},
    {"stratford.rmdq.important_change.b9_16", 9, 16},
    {"stratford.rmdq.important_change.b13_20", 13, 20},
    {"stratford.rmdq.important_change.b17_24", 17, 24},
};

static void rdq_baseline(resorb_score_change *out, double first, bool *ok)
{
    double lo = INFINITY, hi = -INFINITY;
    resorb_reason *r = resorb_reasons__add(&out->reasons, "score.change.rdq.baseline");
    for (size_t i = 0; i < sizeof stratford / sizeof stratford[0]; i++) {
        if (first < stratford[i].from || first > stratford[i].to)
            continue;
        double v = resorb_instr__need(stratford[i].id, ok);
        if (!*ok)
            return;
        lo = fmin(lo, v);
        hi = fmax(hi, v);
        resorb_instr__cite(r, stratford[i].id, ok);
    }
    resorb_instr__num(r, 0, first);
    if (lo == hi)
        resorb_instr__num(r, 1, lo);
    else
        resorb_reason__arg(r, 1, "%.0f-%.0f", lo, hi);
}

/* Pain NRS: lower is better; 2 points or a 30% reduction. */
static void nrs(resorb_score_change *out, bool *ok)
{
    /* EVIDENCE: farrar2001.nrs.important_change, farrar2001.nrs.important_change_percent,
     * ostelo2008.mic.nrs */
    double threshold = resorb_instr__need("farrar2001.nrs.important_change", ok);
    double pct = resorb_instr__need("farrar2001.nrs.important_change_percent", ok);
    if (!*ok)
        return;
    out->threshold = threshold;
    double improvement = -out->delta;
    if (out->from_value > 0)
        out->percent = out->delta / out->from_value * 100.0;
    out->verdict = judge(improvement, threshold);
    if (out->verdict != RESORB_CHANGE_IMPROVED && !isnan(out->percent) &&
        -out->percent >= pct - RESORB_INSTR_EPS)
        out->verdict = RESORB_CHANGE_IMPROVED;
    const char *key;
    if (isnan(out->percent))
        key = verdict_key(out->verdict);
    else if (out->verdict == RESORB_CHANGE_IMPROVED)
        key = "score.change.nrs.improved";
    else if (out->verdict == RESORB_CHANGE_WORSENED)
        key = "score.change.nrs.worsened";
    else
        key = "score.change.nrs.no_important_change";
    resorb_reason *r = resorb_reasons__add(&out->reasons, key);
    bool signed_ = out->verdict == RESORB_CHANGE_NO_IMPORTANT_CHANGE;
    if (signed_)
        resorb_instr__signed(r, 0, out->delta);
    else
        resorb_instr__num(r, 0, fabs(out->delta));
    if (isnan(out->percent)) {
        resorb_instr__num(r, 1, threshold);
    } else {
        if (signed_)
            resorb_instr__signed(r, 1, round(out->percent));
        else
            resorb_reason__arg(r, 1, "%.0f", fabs(out->percent));
        resorb_instr__num(r, 2, threshold);
        resorb_instr__num(r, 3, pct);
        resorb_instr__cite(r, "farrar2001.nrs.important_change_percent", ok);
    }
    resorb_instr__cite(r, "farrar2001.nrs.important_change", ok);
    resorb_instr__cite(r, "ostelo2008.mic.nrs", ok);
}

static const char *const domain_words[RESORB_SCORE_DOMAINS] = {
    "@score.domain.joabpeq.pain",    "@score.domain.joabpeq.lumbar_function",
    "@score.domain.joabpeq.walking", "@score.domain.joabpeq.social",
    "@score.domain.joabpeq.mental",
};

static const char *const verdict_words[] = {
    "@score.verdict.not_judged", "@score.verdict.improved", "@score.verdict.no_important_change",
    "@score.verdict.worsened",   "@score.verdict.mixed",
};

/* JOABPEQ: higher is better, judged per domain. */
static void joabpeq(resorb_score_change *out, const resorb_score *a, const resorb_score *b,
                    bool *ok)
{
    /* EVIDENCE: kasai2017.joabpeq.scb */
    double threshold = resorb_instr__need("kasai2017.joabpeq.scb", ok);
    if (!*ok)
        return;
    out->threshold = threshold;
    resorb_reason *r = resorb_reasons__add(&out->reasons, "score.change.joabpeq.threshold");
    resorb_instr__num(r, 0, threshold);
    resorb_reason__date(r, 1, a->date);
    resorb_reason__date(r, 2, b->date);
    resorb_instr__cite(r, "kasai2017.joabpeq.scb", ok);
    bool improved = false, worsened = false, any = false;
    double best = -INFINITY;
    for (int k = 0; k < RESORB_SCORE_DOMAINS; k++) {
        if (isnan(a->domains[k]) || isnan(b->domains[k])) {
            r = resorb_reasons__add(&out->reasons, "score.change.domain_missing");
            resorb_reason__arg(r, 0, "%s", domain_words[k]);
            continue;
        }
        double d = b->domains[k] - a->domains[k];
        resorb_change_verdict v = judge(d, threshold);
        out->domain_delta[k] = d;
        out->domain_verdict[k] = v;
        improved = improved || v == RESORB_CHANGE_IMPROVED;
        worsened = worsened || v == RESORB_CHANGE_WORSENED;
        any = true;
        best = fmax(best, d);
        r = resorb_reasons__add(&out->reasons, "score.change.domain");
        resorb_reason__arg(r, 0, "%s", domain_words[k]);
        resorb_instr__num(r, 1, a->domains[k]);
        resorb_instr__num(r, 2, b->domains[k]);
        resorb_reason__arg(r, 3, "%s", verdict_words[v]);
        resorb_instr__cite(r, "kasai2017.joabpeq.scb", ok);
    }
    if (!any)
        return;
    out->delta = best;
    out->verdict = improved && worsened ? RESORB_CHANGE_MIXED
                   : improved           ? RESORB_CHANGE_IMPROVED
                   : worsened           ? RESORB_CHANGE_WORSENED
                                        : RESORB_CHANGE_NO_IMPORTANT_CHANGE;
    if (worsened) {
        r = resorb_reasons__add(&out->reasons, "score.change.borrowed");
        resorb_instr__cite(r, "kasai2017.joabpeq.scb", ok);
    }
}

static void screening(resorb_score_change *out, const resorb_score *a, const resorb_score *b)
{
    char from[64], to[64];
    const char *name = resorb_instrument_name(out->instrument);
    if (a->band)
        snprintf(from, sizeof from, "@score.band.%s.%s", name, a->band);
    else
        snprintf(from, sizeof from, "@score.band.none");
    if (b->band)
        snprintf(to, sizeof to, "@score.band.%s.%s", name, b->band);
    else
        snprintf(to, sizeof to, "@score.band.none");
    resorb_reason *r = resorb_reasons__add(&out->reasons, "score.change.screening");
    resorb_reason__arg(r, 0, "%s", from);
    resorb_reason__arg(r, 1, "%s", to);
}

int resorb_instr__change(const resorb_scores *s, resorb_instrument i, size_t from, size_t to,
                         size_t n_computed, size_t n_dated, resorb_score_change *out)
{
    bool ok = true;
    out->instrument = i;
    out->from = out->to = RESORB_DATE_NONE;
    out->from_score = out->to_score = SIZE_MAX;
    out->from_value = out->to_value = NAN;
    out->delta = out->threshold = out->percent = NAN;
    out->reached = RESORB_TRI_UNKNOWN;
    out->verdict = RESORB_CHANGE_NOT_JUDGED;
    for (int k = 0; k < RESORB_SCORE_DOMAINS; k++) {
        out->domain_delta[k] = NAN;
        out->domain_verdict[k] = RESORB_CHANGE_NOT_JUDGED;
    }
    resorb_reasons__init(&out->reasons);

    if (from == SIZE_MAX || to == SIZE_MAX) {
        resorb_reason *r = resorb_reasons__add(&out->reasons, "score.change.undated");
        resorb_reason__arg(r, 0, "%zu", n_computed);
        resorb_reason__arg(r, 1, "%zu", n_dated);
        return 0;
    }
    const resorb_score *a = &s->items[from], *b = &s->items[to];
    out->from = a->date;
    out->to = b->date;
    out->from_score = from;
    out->to_score = to;
    out->from_value = a->value;
    out->to_value = b->value;
    out->delta = b->value - a->value;
    if (a->date == b->date) {
        if (i != RESORB_INSTR_JOABPEQ)
            values_reason(out, a, b);
        resorb_reason *r = resorb_reasons__add(&out->reasons, "score.change.same_day");
        resorb_reason__date(r, 0, a->date);
        return 0;
    }

    switch (i) {
    case RESORB_INSTR_ODI:
        values_reason(out, a, b);
        /* EVIDENCE: ostelo2008.mic.odi */
        points(out, "ostelo2008.mic.odi", &ok);
        break;
    case RESORB_INSTR_RDQ:
        values_reason(out, a, b);
        /* EVIDENCE: ostelo2008.mic.rmdq */
        points(out, "ostelo2008.mic.rmdq", &ok);
        if (ok)
            rdq_baseline(out, a->value, &ok);
        break;
    case RESORB_INSTR_LEG_NRS:
    case RESORB_INSTR_BACK_NRS:
        values_reason(out, a, b);
        nrs(out, &ok);
        break;
    case RESORB_INSTR_JOABPEQ:
        joabpeq(out, a, b, &ok);
        break;
    case RESORB_INSTR_JOA: {
        values_reason(out, a, b);
        /* EVIDENCE: joa1986.score.range (its note records the recovery-rate gap) */
        resorb_reason *r = resorb_reasons__add(&out->reasons, "score.change.joa.no_threshold");
        resorb_instr__cite(r, "joa1986.score.range", &ok);
        break;
    }
    case RESORB_INSTR_DN4:
    case RESORB_INSTR_PAINDETECT:
    case RESORB_INSTR_STARTBACK:
        values_reason(out, a, b);
        screening(out, a, b);
        break;
    case RESORB_INSTR__COUNT:
        break;
    }
    if (!ok)
        return RESORB_ENOTFOUND;
    switch (out->verdict) {
    case RESORB_CHANGE_IMPROVED:
    case RESORB_CHANGE_MIXED:
        out->reached = RESORB_TRI_YES;
        break;
    case RESORB_CHANGE_NO_IMPORTANT_CHANGE:
    case RESORB_CHANGE_WORSENED:
        out->reached = RESORB_TRI_NO;
        break;
    case RESORB_CHANGE_NOT_JUDGED:
        break;
    }
    return 0;
}
