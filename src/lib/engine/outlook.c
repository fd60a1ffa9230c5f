/*
 * engine/outlook.c: the expected course of leg pain under conservative care.
 *
 * From Peul 2007 (prolonged conservative care arm): median time to perceived recovery 12 weeks,
 * 95% recovered at 1 year; 39% of that arm operated by 1 year and 44% by 2 years (Peul 2008).
 * resorb turns the two recovery points into a lognormal time-to-recovery curve (median 12 weeks,
 * 95th percentile 52 weeks: an inferred fit through two published points, documented in
 * docs/assessment.md) and states, for a patient not yet recovered, the chance of recovering in
 * the next 12 weeks and the next year given the time already passed. Peul's clock starts at
 * randomisation, after 6-12 weeks of sciatica; resorb places the patient on that clock at
 * (weeks since onset - 9), the midpoint of the inclusion window, and says so.
 *
 * Lequin 2013's predictors of an unsatisfactory 5-year outcome are flagged where present and
 * listed as not assessed where the case cannot tell (the McGill affective score is not part of
 * the case format).
 */
#include <math.h>
#include <string.h>

#include "engine/engine.h"

#define SQRT2 1.4142135623730951

/* Lognormal CDF of t weeks with log-median mu and log-sd sigma; 0 for t <= 0. */
static double lognormal_cdf(double t, double mu, double sigma)
{
    if (t <= 0)
        return 0;
    return 0.5 * erfc(-(log(t) - mu) / (sigma * SQRT2));
}

/* The standard normal quantile (Acklam's rational approximation, relative error below
 * 1.2e-9, refined by one Halley step on erfc): closed form, no table, no state. */
static double normal_quantile(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                               2.445134137142996e+00, 3.754408661907416e+00};
    double q, r, x;
    if (p <= 0)
        return -INFINITY;
    if (p >= 1)
        return INFINITY;
    if (p < 0.02425) {
        q = sqrt(-2 * log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p > 1 - 0.02425) {
        q = sqrt(-2 * log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else {
        q = p - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double e = 0.5 * erfc(-x / SQRT2) - p;
    double u = e * sqrt(2 * 3.14159265358979323846) * exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

/* P(recover within h more weeks | not recovered at t). */
static double conditional(double t, double h, double mu, double sigma)
{
    double f0 = lognormal_cdf(t, mu, sigma), f1 = lognormal_cdf(t + h, mu, sigma);
    if (f0 >= 1.0)
        return 1.0;
    return (f1 - f0) / (1.0 - f0);
}

static resorb_reason *say(resorb_outlook *o, const char *key, const char *id1, const char *id2)
{
    resorb_reason *r = resorb_reasons__add(&o->statements, key);
    resorb_reason__cite(r, id1);
    resorb_reason__cite(r, id2);
    return r;
}

static void predictors(const resorb_case *c, resorb_outlook *o, bool *ok)
{
    double age = resorb_engine__value("lequin2013.threshold.age", ok);
    double vas = resorb_engine__value("lequin2013.threshold.leg_vas", ok);
    double or_age = resorb_engine__value("lequin2013.predictor.age_over_40", ok);
    double or_vas = resorb_engine__value("lequin2013.predictor.leg_vas_over_70", ok);
    double or_mcgill = resorb_engine__value("lequin2013.predictor.mcgill_affective_over_3", ok);
    /* EVIDENCE: lequin2013.predictor.age_over_40 */
    if (c->patient.age > age) {
        resorb_reason *r = resorb_reasons__add(&o->poor_prognosis, "outlook.poor.age");
        resorb_reason__arg(r, 0, "%d", c->patient.age);
        resorb_reason__arg(r, 1, "%.0f", age);
        resorb_reason__arg(r, 2, "%.2f", or_age);
        resorb_reason__cite(r, "lequin2013.predictor.age_over_40");
        resorb_reason__cite(r, "lequin2013.threshold.age");
    }
    /* EVIDENCE: lequin2013.predictor.leg_vas_over_70 (VAS in mm; NRS x 10 is the inferred
     * equivalent, so NRS > 7) */
    if (c->history.leg_pain_nrs == RESORB_INT_NONE) {
        resorb_reason *r = resorb_reasons__add(&o->prognosis_unknown, "outlook.unknown.leg_pain");
        resorb_reason__cite(r, "lequin2013.predictor.leg_vas_over_70");
    } else if (c->history.leg_pain_nrs * 10.0 > vas) {
        resorb_reason *r = resorb_reasons__add(&o->poor_prognosis, "outlook.poor.leg_pain");
        resorb_reason__arg(r, 0, "%d", c->history.leg_pain_nrs);
        resorb_reason__arg(r, 1, "%.0f", vas);
        resorb_reason__arg(r, 2, "%.2f", or_vas);
        resorb_reason__cite(r, "lequin2013.predictor.leg_vas_over_70");
        resorb_reason__cite(r, "lequin2013.threshold.leg_vas");
    }
    resorb_reason *r = resorb_reasons__add(&o->prognosis_unknown, "outlook.unknown.mcgill");
    resorb_reason__arg(r, 0, "%.2f", or_mcgill);
    resorb_reason__cite(r, "lequin2013.predictor.mcgill_affective_over_3");
}

int resorb_engine__outlook(const resorb_case *c, resorb_outlook *o)
{
    bool ok = true;
    resorb_reasons__init(&o->statements);
    resorb_reasons__init(&o->poor_prognosis);
    resorb_reasons__init(&o->prognosis_unknown);
    o->p_recovered_12w = o->p_recovered_1y = NAN;
    double median = resorb_engine__value("peul2007.median_recovery.conservative", &ok);
    double p1y = resorb_engine__value("peul2007.recovered_1y", &ok);
    double op1 = resorb_engine__value("peul2007.operated_1y", &ok);
    double op2 = resorb_engine__value("peul2008.operated_2y", &ok);
    double entry_low, entry_high;
    resorb_engine__interval("peul2007.sciatica_duration", &entry_low, &entry_high, &ok);
    if (!ok)
        return RESORB_ENOTFOUND;

    o->days_since_onset = c->as_of - c->history.onset;
    double weeks = o->days_since_onset / 7.0;
    /* The lognormal through (median, 50%) and (52 weeks, p1y): sigma = ln(52 / median) / z,
     * z the standard normal quantile of p1y. */
    double zq = normal_quantile(p1y / 100.0);
    double mu = log(median), sigma = log(52.0 / median) / zq;
    double clock = weeks - 0.5 * (entry_low + entry_high);
    if (clock < 0)
        clock = 0;
    o->p_recovered_12w = conditional(clock, 12.0, mu, sigma);
    o->p_recovered_1y = conditional(clock, 52.0, mu, sigma);

    resorb_reason *r = say(o, "outlook.median_recovery", "peul2007.median_recovery.conservative",
                           "peul2007.recovered_1y");
    resorb_reason__arg(r, 0, "%.0f", median);
    resorb_reason__arg(r, 1, "%.0f", p1y);
    r = say(o, "outlook.operated", "peul2007.operated_1y", "peul2008.operated_2y");
    resorb_reason__arg(r, 0, "%.0f", op1);
    resorb_reason__arg(r, 1, "%.0f", op2);
    r = say(o, "outlook.elapsed", "peul2007.sciatica_duration", NULL);
    resorb_reason__arg(r, 0, "%d", o->days_since_onset / 7);
    resorb_reason__arg(r, 1, "%.0f", entry_low);
    resorb_reason__arg(r, 2, "%.0f", entry_high);
    r = say(o, "outlook.conditional", "peul2007.median_recovery.conservative",
            "peul2007.recovered_1y");
    resorb_reason__arg(r, 0, "%.0f", 100.0 * o->p_recovered_12w);
    resorb_reason__arg(r, 1, "%.0f", 100.0 * o->p_recovered_1y);
    r = say(o, "outlook.symptoms_vs_imaging", "benson2010.symptoms_vs_morphology",
            "komori1996.clinical_before_mri");
    predictors(c, o, &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}
