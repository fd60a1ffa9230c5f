/*
 * engine/prognosis.c: resorption prognosis of one herniation (docs/prognosis.md).
 *
 * What it computes, and from what:
 *
 *  1. The probability that the herniation regresses on imaging under conservative care, from
 *     its morphology, by both meta-analyses that report it per morphology (Chiu 2015, Zou
 *     2023). Their per-category sample sizes are not published, so neither can be weighted by
 *     size: the point is the mean of the two. The interval runs from the smaller to the larger
 *     of the two, each end widened by a 95% Wilson score margin at an effective n taken from
 *     an evidence row (wang2020.regression.effective_n: the binomial n whose standard error
 *     matches the published CI of Wang 2020's pooled rate, which carries the between-study
 *     spread). A per-category rate rests on fewer studies than that pooled rate, so the
 *     interval is, if anything, too narrow; the reasons say so.
 *  2. Complete resolution where the evidence has it (Chiu 2015: sequestration, extrusion);
 *     NaN elsewhere, and NaN when a rim refinement brings the probability of any regression
 *     below it (no complete-resolution figure exists by rim type).
 *  3. When the rim enhancement was measured on contrast MRI, a refinement by the bull's-eye
 *     study (ChiCTR2400094586: 81.48 / 50 / 0% resorbed at 9 months for complete / partial /
 *     no ring enhancement). Morphology and rim type are combined as two pieces of evidence on
 *     the odds scale (naive Bayes): the likelihood ratio of a rim type is the odds of its
 *     9-month rate over the odds of the 9-month rate the fitted model expects of any
 *     herniation (plateau x F(9)), and it multiplies the odds of the morphology's probability.
 *     The rim rate enters as the centre of its 95% Wilson interval at the study's n (its
 *     non-surgical total: per-type counts were not captured), so that the published 0% of a
 *     small group lowers the odds strongly without making regression impossible; the
 *     interval's ends use the Wilson bounds (too narrow if anything, as n is an upper bound
 *     of each group's size). No rim measurement means no refinement, and a reason says so.
 *  4. The time course P(regressed by 3, 6, 12, 24 months after onset) = p x F(t), with F the
 *     time-to-regression distribution fitted to the evidence at build time (timecourse.h).
 *     F <= 1 and is non-decreasing, so the time course never exceeds p and never decreases.
 *  5. Qualitative modifiers the finding or the case shows (Komori grade, migration, high T2
 *     signal, Modic change, measured size, course of 1 year or less, age band), each with its
 *     direction and source. None has a published odds ratio, so none changes the number.
 *
 * Pure: reads the case, the evidence rows and the compiled fit; no I/O, no allocation.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "resorb/timecourse.h"

/* The two-sided 95% normal quantile (a statistical constant, not a clinical number). */
#define Z95 1.959963984540054
/* The bull's-eye study's rates are "resorbed at 9 months" (the rows' labels say so; a test
 * checks). */
#define RIM_MONTHS 9

static const int months[RESORB_MONTHS_COUNT] = RESORB_MONTHS_INIT;

typedef struct morph_rows {
    const char *chiu, *zou, *complete, *key;
} morph_rows;

/* Indexed by resorb_morphology. */
static const morph_rows morph_table[RESORB_MORPH__COUNT] = {
    [RESORB_MORPH_BULGE] = {"chiu2015.regression.bulge", "zou2023.regression.bulge", NULL,
                            "prognosis.morphology.bulge"},
    [RESORB_MORPH_PROTRUSION] = {"chiu2015.regression.protrusion", "zou2023.regression.protrusion",
                                 NULL, "prognosis.morphology.protrusion"},
    [RESORB_MORPH_EXTRUSION] = {"chiu2015.regression.extrusion", "zou2023.regression.extrusion",
                                "chiu2015.complete_resolution.extrusion",
                                "prognosis.morphology.extrusion"},
    [RESORB_MORPH_SEQUESTRATION] = {"chiu2015.regression.sequestration",
                                    "zou2023.regression.sequestration",
                                    "chiu2015.complete_resolution.sequestration",
                                    "prognosis.morphology.sequestration"},
};

typedef struct rim_rows {
    const char *id, *key;
} rim_rows;

/* Indexed by resorb_rim; RESORB_RIM_NONE (no contrast study) has no row. */
static const rim_rows rim_table[] = {
    [RESORB_RIM_COMPLETE] = {"chictr2400094586.enhancement.type1", "prognosis.rim.complete"},
    [RESORB_RIM_PARTIAL] = {"chictr2400094586.enhancement.type2", "prognosis.rim.partial"},
    [RESORB_RIM_ABSENT] = {"chictr2400094586.enhancement.type3", "prognosis.rim.none"},
};

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* The centre of the 95% Wilson score interval of a proportion p observed in n (the
 * Agresti-Coull point: p pulled towards 1/2 by z^2/2 pseudo-observations each way). */
static double wilson_centre(double p, double n)
{
    double z2 = Z95 * Z95;
    return (p + z2 / (2 * n)) / (1 + z2 / n);
}

/* The 95% Wilson score interval of a proportion p observed in n. */
static void wilson(double p, double n, double *low, double *high)
{
    double z2 = Z95 * Z95;
    double centre = wilson_centre(p, n);
    double half = Z95 * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    *low = clamp01(fmin(centre - half, p));
    *high = clamp01(fmax(centre + half, p));
}

static double odds(double p)
{
    return p / (1 - p);
}

/* The probability whose odds are odds(p) x lr; safe for p = 0 or 1, lr = 0 and lr = inf. */
static double apply_lr(double p, double lr)
{
    if (isinf(lr)) /* a rate bound of 1: certain unless p is 0 */
        return p > 0 ? 1 : 0;
    double num = p * lr;
    double den = num + (1 - p);
    return den > 0 ? clamp01(num / den) : 1;
}

static double pct(double p)
{
    return 100 * p;
}

/* Writes v rounded to at most `decimals` (0..6) decimals, without trailing zeros ("66.91",
 * "45.7", "68"), into buf of n bytes. Integer arithmetic instead of printf: the engine formats
 * a dozen numbers per finding, and printf's floating-point conversion was most of its cost. */
static void format_number(char *buf, size_t n, double v, int decimals)
{
    static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    char rev[48];
    size_t k = 0;
    if (n == 0)
        return;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(v) || fabs(v) * scale[decimals] >= 1e15) {
        snprintf(buf, n, "%g", v); /* not reached with the figures the engine formats */
        return;
    }
    long long q = llround(fabs(v) * scale[decimals]);
    bool negative = v < 0 && q != 0;
    int frac = decimals;
    while (frac > 0 && q % 10 == 0) {
        q /= 10;
        frac--;
    }
    for (int i = 0; i < frac; i++) {
        rev[k++] = (char)('0' + q % 10);
        q /= 10;
    }
    if (frac > 0)
        rev[k++] = '.';
    do {
        rev[k++] = (char)('0' + q % 10);
        q /= 10;
    } while (q > 0);
    if (negative)
        rev[k++] = '-';
    size_t j = 0;
    while (k > 0 && j + 1 < n)
        buf[j++] = rev[--k];
    buf[j] = '\0';
}

/* Sets argument i of r (NULL when the list was full) to a number (format_number). */
static void num_arg(resorb_reason *r, int i, double v, int decimals)
{
    if (r && i >= 0 && i < RESORB_REASON_ARGS)
        format_number(r->args[i], sizeof r->args[i], v, decimals);
}

/* Adds a modifier citing one to three rows. */
static resorb_reason *modifier(resorb_resorption *out, const char *key, const char *id1,
                               const char *id2, const char *id3)
{
    resorb_reason *r = resorb_reasons__add(&out->modifiers, key);
    resorb_reason__cite(r, id1);
    resorb_reason__cite(r, id2);
    resorb_reason__cite(r, id3);
    return r;
}

/* Appends "label value unit" to a size description, with "; " between parts; a part that
 * does not fit whole is left out. */
static void size_part(char *buf, size_t n, const char *label, double v, const char *unit)
{
    if (isnan(v))
        return;
    char number[32];
    format_number(number, sizeof number, v, 2);
    size_t len = strlen(buf);
    const char *parts[] = {len ? "; " : "", label, number, " ", unit};
    size_t need = len;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        need += strlen(parts[i]);
    if (need + 1 > n)
        return;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t m = strlen(parts[i]);
        memcpy(buf + len, parts[i], m);
        len += m;
    }
    buf[len] = '\0';
}

static int modifiers(const resorb_case *c, const resorb_finding *f, resorb_resorption *out)
{
    bool ok = true;

    /* EVIDENCE: autio2006.predictor.komori_grade */
    if (f->komori_grade != RESORB_INT_NONE) {
        resorb_reason *r =
            modifier(out, "prognosis.modifier.komori_grade", "autio2006.predictor.komori_grade",
                     "lee2017.predictors", "rehabmed2022.predictors");
        num_arg(r, 0, f->komori_grade, 0);
    }
    /* EVIDENCE: komori1996.predictor.migration */
    if (f->migration == RESORB_MIGRATION_CRANIAL || f->migration == RESORB_MIGRATION_CAUDAL)
        modifier(out,
                 f->migration == RESORB_MIGRATION_CRANIAL ? "prognosis.modifier.migration.cranial"
                                                          : "prognosis.modifier.migration.caudal",
                 "komori1996.predictor.migration", NULL, NULL);
    /* EVIDENCE: splendiani2004.feature.high_t2 */
    if (f->t2_signal == RESORB_T2_HIGH) {
        double share = resorb_engine__value("splendiani2004.feature.high_t2", &ok);
        resorb_reason *r =
            modifier(out, "prognosis.modifier.t2_high", "splendiani2004.feature.high_t2",
                     "rehabmed2022.predictors", NULL);
        num_arg(r, 0, share, 4);
    }
    /* EVIDENCE: rehabmed2022.predictor.modic */
    if (f->modic != RESORB_INT_NONE && f->modic > 0) {
        resorb_reason *r =
            modifier(out, "prognosis.modifier.modic", "rehabmed2022.predictor.modic", NULL, NULL);
        num_arg(r, 0, f->modic, 0);
    }
    /* EVIDENCE: autio2006.predictor.rim_thickness */
    if (f->rim_enhancement == RESORB_RIM_COMPLETE || f->rim_enhancement == RESORB_RIM_PARTIAL)
        modifier(out, "prognosis.modifier.rim_thickness", "autio2006.predictor.rim_thickness", NULL,
                 NULL);
    /* Size: favoured by a review and by 3-D volumetry, unrelated in Splendiani 2004.
     * EVIDENCE: hornung2023.review.factors
     * EVIDENCE: eurspinej2016.predictors
     * EVIDENCE: splendiani2004.predictor.location_size_level */
    char size[RESORB_REASON_ARG_MAX] = "";
    size_part(size, sizeof size, "AP ", f->ap_mm, "mm");
    size_part(size, sizeof size, "", f->canal_compromise_pct, "%");
    size_part(size, sizeof size, "", f->area_mm2, "mm\u00b2");
    size_part(size, sizeof size, "", f->volume_mm3, "mm\u00b3");
    if (size[0]) {
        resorb_reason *r =
            modifier(out, "prognosis.modifier.size", "hornung2023.review.factors",
                     "eurspinej2016.predictors", "splendiani2004.predictor.location_size_level");
        if (r)
            memcpy(r->args[0], size, sizeof size);
    }
    /* Disease course of 1 year or less, counted from onset to the assessment date.
     * EVIDENCE: rehabmed2022.predictor.course_max */
    double years = resorb_engine__value("rehabmed2022.predictor.course_max", &ok);
    if (ok && c->history.onset != RESORB_DATE_NONE) {
        int limit = (int)lround(years * 12);
        bool within = c->as_of <= resorb_date_add_months(c->history.onset, limit);
        resorb_reason *r = modifier(
            out, within ? "prognosis.modifier.course_short" : "prognosis.modifier.course_long",
            "rehabmed2022.predictor.course_max", "rehabmed2022.predictors", NULL);
        num_arg(r, 0, years, 4);
    }
    /* EVIDENCE: autio2006.predictor.age_band */
    double age_low = NAN, age_high = NAN;
    resorb_engine__interval("autio2006.predictor.age_band", &age_low, &age_high, &ok);
    if (ok && c->patient.age >= age_low && c->patient.age <= age_high) {
        resorb_reason *r =
            modifier(out, "prognosis.modifier.age_band", "autio2006.predictor.age_band",
                     "autio2006.predictor.age_41_50", NULL);
        num_arg(r, 0, c->patient.age, 0);
        num_arg(r, 1, age_low, 4);
        num_arg(r, 2, age_high, 4);
    }
    return ok ? 0 : RESORB_ENOTFOUND;
}

/* Cites every anchor point the curve was fitted to. */
static void cite_anchors(resorb_reason *r, const resorb_tc_fit *fit)
{
    for (size_t i = 0; i < fit->n_anchors; i++)
        resorb_reason__cite(r, fit->anchors[i].id);
}

/* The time-course reasons: the model, and where its time axis comes from. */
static void timecourse_reasons(const resorb_case *c, const resorb_tc_fit *fit, double p,
                               resorb_resorption *out)
{
    resorb_reason *r = resorb_reasons__add(&out->reasons, fit->model.family == RESORB_TC_WEIBULL
                                                              ? "prognosis.timecourse.weibull"
                                                              : "prognosis.timecourse.lognormal");
    for (int i = 0; i < RESORB_MONTHS_COUNT; i++)
        num_arg(r, i, pct(out->by_month[i]), 0);
    cite_anchors(r, fit);

    /* EVIDENCE: hornung2023.no_baseline_predictor */
    r = resorb_reasons__add(&out->reasons, "prognosis.timecourse.caveats");
    resorb_reason__cite(r, "hornung2023.no_baseline_predictor");

    if (c->history.onset != RESORB_DATE_NONE && c->as_of >= c->history.onset) {
        double elapsed = (double)(c->as_of - c->history.onset) / (365.2425 / 12);
        r = resorb_reasons__add(&out->reasons, "prognosis.timecourse.now");
        num_arg(r, 0, elapsed, 1);
        num_arg(r, 1, pct(p * resorb_timecourse_cdf(&fit->model, elapsed)), 0);
        cite_anchors(r, fit);
    }
}

int resorb_engine__resorption(const resorb_case *c, const resorb_finding *f, resorb_resorption *out)
{
    if (!c || !f || !out)
        return RESORB_EUSAGE;
    bool ok = true;
    resorb_reason *r;
    out->reasons.count = out->reasons.dropped = 0;
    out->modifiers.count = out->modifiers.dropped = 0;
    out->rim_refined = false;
    out->complete = NAN;

    const resorb_tc_fits *fits = resorb_timecourse_compiled();
    const resorb_tc_fit *fit = &fits->fits[fits->chosen];

    /* 1. By morphology: both meta-analyses, their mean, their span widened by Wilson. */
    double p, low, high;
    /* EVIDENCE: wang2020.regression.effective_n */
    double n_eff = resorb_engine__value("wang2020.regression.effective_n", &ok);
    resorb_morphology m = f->morphology;
    if (m > RESORB_MORPH_NONE && m < RESORB_MORPH__COUNT) {
        const morph_rows *rows = &morph_table[m];
        /* EVIDENCE: chiu2015.regression.extrusion (and the other morphologies) */
        double chiu = resorb_engine__value(rows->chiu, &ok) / 100;
        /* EVIDENCE: zou2023.regression.extrusion (and the other morphologies) */
        double zou = resorb_engine__value(rows->zou, &ok) / 100;
        if (!ok)
            return RESORB_ENOTFOUND;
        p = (chiu + zou) / 2;
        double lo_dummy, hi_dummy;
        wilson(fmin(chiu, zou), n_eff, &low, &hi_dummy);
        wilson(fmax(chiu, zou), n_eff, &lo_dummy, &high);
        r = resorb_reasons__add(&out->reasons, rows->key);
        num_arg(r, 0, pct(chiu), 4);
        num_arg(r, 1, pct(zou), 4);
        num_arg(r, 2, pct(p), 0);
        resorb_reason__cite(r, rows->chiu);
        resorb_reason__cite(r, rows->zou);

        r = resorb_reasons__add(&out->reasons, "prognosis.interval");
        num_arg(r, 0, pct(low), 0);
        num_arg(r, 1, pct(high), 0);
        num_arg(r, 2, n_eff, 4);
        resorb_reason__cite(r, "wang2020.regression.effective_n");
        resorb_reason__cite(r, "wang2020.regression.pooled");
        resorb_reason__cite(r, rows->chiu);

        /* 2. Complete resolution, where Chiu 2015 gives it.
         * EVIDENCE: chiu2015.complete_resolution.sequestration
         * EVIDENCE: chiu2015.complete_resolution.extrusion */
        if (rows->complete) {
            out->complete = resorb_engine__value(rows->complete, &ok) / 100;
            r = resorb_reasons__add(&out->reasons, "prognosis.complete.known");
            num_arg(r, 0, pct(out->complete), 4);
            resorb_reason__cite(r, rows->complete);
        } else {
            r = resorb_reasons__add(&out->reasons, "prognosis.complete.unknown");
            resorb_reason__cite(r, "chiu2015.complete_resolution.sequestration");
            resorb_reason__cite(r, "chiu2015.complete_resolution.extrusion");
        }
    } else {
        /* Morphology not stated (the case format requires it; defensive): the pooled rate of
         * all herniations with its published CI.
         * EVIDENCE: wang2020.regression.pooled */
        p = resorb_engine__value("wang2020.regression.pooled", &ok) / 100;
        resorb_engine__interval("wang2020.regression.pooled", &low, &high, &ok);
        low /= 100;
        high /= 100;
        r = resorb_reasons__add(&out->reasons, "prognosis.morphology.unknown");
        num_arg(r, 0, pct(p), 4);
        num_arg(r, 1, pct(low), 4);
        num_arg(r, 2, pct(high), 4);
        resorb_reason__cite(r, "wang2020.regression.pooled");
    }
    if (!ok || isnan(p) || isnan(low) || isnan(high))
        return RESORB_ENOTFOUND;

    /* 3. Rim enhancement, when measured: odds x likelihood ratio. */
    resorb_rim rim = f->rim_enhancement;
    if (rim == RESORB_RIM_COMPLETE || rim == RESORB_RIM_PARTIAL || rim == RESORB_RIM_ABSENT) {
        /* EVIDENCE: chictr2400094586.enhancement.type1
         * EVIDENCE: chictr2400094586.enhancement.type2
         * EVIDENCE: chictr2400094586.enhancement.type3 */
        const char *id = rim_table[rim].id;
        const resorb_evidence_row *row = resorb_evidence_find(id);
        if (!row || !row->has_value || row->n <= 0)
            return RESORB_ENOTFOUND;
        double rate = row->value / 100, rate_low, rate_high;
        wilson(rate, row->n, &rate_low, &rate_high);
        double reference = fit->model.plateau * resorb_timecourse_cdf(&fit->model, RIM_MONTHS);
        double ref_odds = odds(reference);
        /* The point uses the Wilson centre, so that the published 0% of type III (a small
         * group) lowers the odds strongly instead of making regression impossible. */
        double lr = odds(wilson_centre(rate, row->n)) / ref_odds;
        double before = p;
        p = apply_lr(p, lr);
        low = apply_lr(low, odds(rate_low) / ref_odds);
        high = apply_lr(high, odds(rate_high) / ref_odds);
        out->rim_refined = true;
        r = resorb_reasons__add(&out->reasons, rim_table[rim].key);
        num_arg(r, 0, pct(rate), 4);
        num_arg(r, 1, pct(reference), 0);
        num_arg(r, 2, pct(before), 0);
        num_arg(r, 3, pct(p), 0);
        resorb_reason__cite(r, id);
        resorb_reason__cite(r, "wang2020.regression.pooled"); /* the plateau's anchor */

        /* EVIDENCE: ramosamador2013.enhancement_not_predictive */
        r = resorb_reasons__add(&out->reasons, "prognosis.rim.caveat");
        num_arg(r, 0, row->n, 0);
        resorb_reason__cite(r, id);
        resorb_reason__cite(r, "ramosamador2013.enhancement_not_predictive");
    } else {
        double t1 = resorb_engine__value("chictr2400094586.enhancement.type1", &ok);
        double t2 = resorb_engine__value("chictr2400094586.enhancement.type2", &ok);
        double t3 = resorb_engine__value("chictr2400094586.enhancement.type3", &ok);
        if (!ok)
            return RESORB_ENOTFOUND;
        r = resorb_reasons__add(&out->reasons, "prognosis.rim.not_measured");
        num_arg(r, 0, t1, 4);
        num_arg(r, 1, t2, 4);
        num_arg(r, 2, t3, 4);
        resorb_reason__cite(r, "chictr2400094586.enhancement.type1");
        resorb_reason__cite(r, "chictr2400094586.enhancement.type2");
        resorb_reason__cite(r, "chictr2400094586.enhancement.type3");
    }

    out->probability = clamp01(p);
    out->low = fmin(clamp01(low), out->probability);
    out->high = fmax(clamp01(high), out->probability);
    /* Complete resolution is a part of regression. No figure exists by rim type, so when the
     * rim refinement brings the probability below the morphology's complete-resolution
     * figure, that figure no longer applies: unknown. */
    if (!isnan(out->complete) && out->complete > out->probability) {
        r = resorb_reasons__add(&out->reasons, "prognosis.complete.withdrawn");
        num_arg(r, 0, pct(out->complete), 4);
        num_arg(r, 1, pct(out->probability), 0);
        resorb_reason__cite(r, morph_table[m].complete);
        resorb_reason__cite(r, rim_table[rim].id);
        out->complete = NAN;
    }

    /* 4. The time course: p x F(t), months after onset. */
    for (int i = 0; i < RESORB_MONTHS_COUNT; i++)
        out->by_month[i] = out->probability * resorb_timecourse_cdf(&fit->model, months[i]);
    timecourse_reasons(c, fit, out->probability, out);

    /* 5. Qualitative modifiers present. */
    return modifiers(c, f, out);
}
