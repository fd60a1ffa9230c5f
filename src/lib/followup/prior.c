/*
 * followup/prior.c: the prior of the personalised forecast, from the evidence (docs/followup.md).
 *
 * The model: size(t) / size(baseline) = 1 - r F(t / tau), t in months from the baseline study.
 *
 *  - F is the population time course compiled into the library (resorb_timecourse_compiled:
 *    a lognormal fitted to the evidence anchors, docs/prognosis.md). The cohorts behind it
 *    counted from their first MRI, so the forecast counts from the baseline study as well.
 *  - r, the eventual fractional reduction, has a logit-normal prior fixed by two conditions:
 *      P(r >= 25%) = p, the morphology's regression probability (the mean of Chiu 2015 and
 *        Zou 2023, exactly as the prognosis takes it), reading "regressed" as a reduction of at
 *        least the lowest band Zou 2023 reports (zou2023.reduction.partial_from);
 *      P(r >= 50% | r >= 25%) = q, Zou 2023's pooled share of >= 50% reductions among >= 25%
 *        ones (zou2023.reduction.50_or_more_share, inferred from the two band rates).
 *    With z1 = Phi^-1(1 - p) and z2 = Phi^-1(1 - p q): logit(0.25) = m + s z1 and
 *    logit(0.5) = m + s z2, so s = (logit 0.5 - logit 0.25) / (z2 - z1), m = logit 0.5 - s z2.
 *  - tau, the patient's own time scale, has ln tau ~ N(0, s_u^2) with s_u the SD of ln(time)
 *    under F (for the lognormal, its sigma). Reading: F is the spread *between patients* of the
 *    time at which a herniation is seen to regress; a patient following the population shape
 *    stretched by tau crosses any given reduction at a time proportional to tau, so ln tau
 *    carries that spread. A check (docs/followup.md): the prior then gives P(reduction >= 25%
 *    by t) within 0.05 of the prognosis's p F(t) at 3, 6, 12 and 24 months for every
 *    morphology.
 *  - A measured relative size scatters around the curve with the SD of the resorption rate
 *    measured at 9 months in herniations of which none resorbed (ChiCTR2400094586 type III,
 *    13.81 percentage points): an upper bound of measurement error, since it also holds any
 *    small true change.
 *  - The 50% reduction is sought within the last month of the prognosis's time course (24).
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "followup/internal.h"

static const int prognosis_months[RESORB_MONTHS_COUNT] = RESORB_MONTHS_INIT;

typedef struct morph_rows {
    const char *chiu, *zou;
} morph_rows;

/* Indexed by resorb_morphology (as in the prognosis). */
static const morph_rows morph_table[RESORB_MORPH__COUNT] = {
    [RESORB_MORPH_BULGE] = {"chiu2015.regression.bulge", "zou2023.regression.bulge"},
    [RESORB_MORPH_PROTRUSION] = {"chiu2015.regression.protrusion", "zou2023.regression.protrusion"},
    [RESORB_MORPH_EXTRUSION] = {"chiu2015.regression.extrusion", "zou2023.regression.extrusion"},
    [RESORB_MORPH_SEQUESTRATION] = {"chiu2015.regression.sequestration",
                                    "zou2023.regression.sequestration"},
};

static void cite(resorb_forecast_prior *p, const char *id)
{
    for (size_t i = 0; i < p->n_evidence; i++)
        if (p->evidence[i] == id)
            return;
    if (p->n_evidence < sizeof p->evidence / sizeof p->evidence[0])
        p->evidence[p->n_evidence++] = id;
}

static double logit(double x)
{
    return log(x / (1 - x));
}

/* The SD of ln(T) when T ~ F. */
static double log_time_sd(const resorb_tc_model *m)
{
    if (m->family == RESORB_TC_LOGNORMAL)
        return m->b;
    /* Weibull: ln T is Gumbel with SD pi / (shape sqrt 6). */
    return 3.14159265358979323846 / (m->a * sqrt(6.0));
}

int resorb_forecast_prior_for(resorb_morphology m, resorb_forecast_prior *out)
{
    if (!out)
        return RESORB_EUSAGE;
    resorb_forecast_prior p = {0};
    bool ok = true;
    p.morphology = m;
    if (m > RESORB_MORPH_NONE && m < RESORB_MORPH__COUNT) {
        /* EVIDENCE: chiu2015.regression.extrusion, zou2023.regression.extrusion (and the
         * other morphologies) */
        const morph_rows *rows = &morph_table[m];
        double chiu = resorb_engine__value(rows->chiu, &ok);
        double zou = resorb_engine__value(rows->zou, &ok);
        p.p_regress = (chiu + zou) / 200.0;
        cite(&p, rows->chiu);
        cite(&p, rows->zou);
    } else {
        /* EVIDENCE: wang2020.regression.pooled */
        p.p_regress = resorb_engine__value("wang2020.regression.pooled", &ok) / 100.0;
        cite(&p, "wang2020.regression.pooled");
    }
    /* EVIDENCE: zou2023.reduction.50_or_more_share (from .50_or_more and .25_to_50) */
    p.p_half = resorb_engine__value("zou2023.reduction.50_or_more_share", &ok) / 100.0;
    cite(&p, "zou2023.reduction.50_or_more_share");
    cite(&p, "zou2023.reduction.50_or_more");
    cite(&p, "zou2023.reduction.25_to_50");
    /* EVIDENCE: zou2023.reduction.partial_from, zou2023.reduction.marked_from */
    double partial = resorb_engine__value("zou2023.reduction.partial_from", &ok) / 100.0;
    double marked = resorb_engine__value("zou2023.reduction.marked_from", &ok) / 100.0;
    cite(&p, "zou2023.reduction.partial_from");
    cite(&p, "zou2023.reduction.marked_from");
    /* EVIDENCE: chictr2400094586.rate.type3_sd */
    p.noise_sd = resorb_engine__value("chictr2400094586.rate.type3_sd", &ok) / 100.0;
    cite(&p, "chictr2400094586.rate.type3_sd");
    cite(&p, "chictr2400094586.enhancement.type3");
    if (!ok || !(p.p_regress > 0 && p.p_regress < 1) || !(p.p_half > 0 && p.p_half < 1) ||
        !(partial > 0 && partial < marked && marked < 1) || !(p.noise_sd > 0))
        return RESORB_ENOTFOUND;

    double z1 = gsl_cdf_ugaussian_Pinv(1 - p.p_regress);
    double z2 = gsl_cdf_ugaussian_Pinv(1 - p.p_regress * p.p_half);
    p.rho_sd = (logit(marked) - logit(partial)) / (z2 - z1);
    p.rho_mean = logit(marked) - p.rho_sd * z2;

    const resorb_tc_fits *fits = resorb_timecourse_compiled();
    p.model = fits->fits[fits->chosen].model;
    p.u_sd = log_time_sd(&p.model);
    p.horizon = prognosis_months[RESORB_MONTHS_COUNT - 1];
    if (!(p.rho_sd > 0) || !isfinite(p.rho_mean) || !(p.u_sd > 0))
        return RESORB_ENOTFOUND;
    *out = p;
    return 0;
}
